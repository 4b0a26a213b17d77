-- Exports to the public-health institute: each built export with its exact body, signature
-- and idempotency key, its delivery state, and a ledger row per delivery attempt. Aggregates
-- only: no personal data.
CREATE TABLE exports (
    id TEXT PRIMARY KEY NOT NULL,
    dataset TEXT NOT NULL,
    period_date TEXT NOT NULL,
    schema_version BIGINT NOT NULL,
    content_sha256 TEXT NOT NULL,
    csv TEXT NOT NULL,
    json TEXT NOT NULL,
    manifest TEXT NOT NULL,
    body BLOB NOT NULL,
    signature TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('built', 'pending', 'delivered', 'failed')),
    trigger TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at BIGINT,
    lease_until BIGINT,
    alert TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT
);
CREATE INDEX exports_period ON exports (dataset, period_date);
CREATE INDEX exports_due ON exports (next_attempt_at) WHERE status = 'pending';

CREATE TABLE export_attempts (
    id INTEGER PRIMARY KEY NOT NULL,
    export_id TEXT NOT NULL REFERENCES exports(id),
    attempt BIGINT NOT NULL,
    at BIGINT NOT NULL,
    target TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retry', 'rejected')),
    status_code BIGINT,
    detail TEXT
);
CREATE INDEX export_attempts_export ON export_attempts (export_id);

-- One scheduled run per dataset and day, whichever node gets there first.
CREATE TABLE export_schedule (
    dataset TEXT NOT NULL,
    period_date TEXT NOT NULL,
    export_id TEXT,
    claimed_at BIGINT NOT NULL,
    PRIMARY KEY (dataset, period_date)
);

-- The exports' period scans: cases and orders by creation, claims by their end.
CREATE INDEX cases_created ON cases (created_at);
CREATE INDEX call_orders_created ON call_orders (created_at);
CREATE INDEX call_orders_done ON call_orders (updated_at) WHERE state = 'done';
CREATE INDEX order_claims_ended ON order_claims (ended_at);
