-- Campaigns and their call orders. Orders hold no personal data: they point at a case.
CREATE TABLE campaigns (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    purpose TEXT NOT NULL,
    script_id TEXT NOT NULL,
    -- A pinned release; NULL follows the latest release (calls keep the one they start on).
    release_id BIGINT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'running', 'paused', 'completed', 'cancelled')),
    -- Comma-wrapped lists (',fr,nl,'): languages served, teams allowed ('' = every team),
    -- required courses (enforced when e-learning arrives).
    languages TEXT NOT NULL,
    teams TEXT NOT NULL,
    required_courses TEXT NOT NULL,
    policy TEXT NOT NULL,
    target TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE call_orders (
    id INTEGER PRIMARY KEY NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    case_id TEXT NOT NULL REFERENCES cases(id),
    language TEXT NOT NULL,
    -- Claim order: earliest rank first (the deadline moved earlier by urgency), then due time.
    rank_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    deadline_at BIGINT,
    state TEXT NOT NULL CHECK (state IN ('open', 'leased', 'done', 'cancelled')),
    attempts BIGINT NOT NULL,
    agent_id BIGINT,
    lease_until BIGINT,
    preferred_agent_id BIGINT,
    preferred_until BIGINT,
    release_id BIGINT,
    outcome TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (campaign_id, case_id)
);
-- Only orders that can still be claimed are on the claim path, so the index stays small as a
-- campaign ages and finished orders pile up.
CREATE INDEX call_orders_claim ON call_orders (rank_at, due_at) WHERE state IN ('open', 'leased');
CREATE INDEX call_orders_agent ON call_orders (agent_id) WHERE state = 'leased';

-- Every claim of an order, to prove no order was held by two agents at once.
CREATE TABLE order_claims (
    id INTEGER PRIMARY KEY NOT NULL,
    order_id BIGINT NOT NULL,
    agent_id BIGINT NOT NULL,
    claimed_at BIGINT NOT NULL,
    ended_at BIGINT,
    end_reason TEXT
);
CREATE INDEX order_claims_order ON order_claims (order_id);
