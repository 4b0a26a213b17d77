-- The console: calls in progress and finished (answers sealed), agents' states, supervisors'
-- messages to agents and telephony events. Nothing here is readable personal data: answers,
-- message bodies and callers' numbers are sealed like the people table's columns.
CREATE TABLE calls (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('outbound', 'inbound')),
    order_id BIGINT REFERENCES call_orders(id),
    case_id TEXT NOT NULL REFERENCES cases(id),
    agent_id BIGINT NOT NULL REFERENCES users(id),
    release_id BIGINT NOT NULL REFERENCES script_releases(id),
    language TEXT NOT NULL,
    position TEXT NOT NULL,
    path TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    finished_at BIGINT,
    outcome TEXT,
    submission BLOB
);
CREATE INDEX calls_open_by_agent ON calls (agent_id) WHERE finished_at IS NULL;
CREATE INDEX calls_case ON calls (case_id);
CREATE INDEX calls_order ON calls (order_id);

-- One row per answer, written on every change (autosave) and sealed.
CREATE TABLE call_answers (
    call_id TEXT NOT NULL REFERENCES calls(id),
    field TEXT NOT NULL,
    value BLOB NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (call_id, field)
);

CREATE TABLE agent_states (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('offline', 'ready', 'paused', 'in_call')),
    reason TEXT,
    since BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE agent_messages (
    id INTEGER PRIMARY KEY NOT NULL,
    to_user BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    from_user BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    body BLOB NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX agent_messages_to ON agent_messages (to_user, at);

CREATE TABLE telephony_events (
    id INTEGER PRIMARY KEY NOT NULL,
    agent_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    event TEXT NOT NULL CHECK (event IN ('ringing', 'answered', 'ended')),
    caller BLOB,
    call_ref TEXT,
    at BIGINT NOT NULL
);
