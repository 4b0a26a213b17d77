-- Requests: topics published as numbered releases like scripts; a request holds in clear
-- what routing, queues, targets and reports need (topic, team, status, priority, times)
-- and, sealed under its own key (`data_key`, wrapped by the master key; destroying it
-- erases the request), who asked and what they wrote.
CREATE TABLE topic_releases (
    id INTEGER PRIMARY KEY NOT NULL,
    topic_id TEXT NOT NULL,
    number BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    content TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (topic_id, number),
    UNIQUE (topic_id, content_hash)
);

CREATE TABLE requests (
    id TEXT PRIMARY KEY NOT NULL,
    ref TEXT NOT NULL UNIQUE,
    topic_id TEXT NOT NULL,
    release_id BIGINT NOT NULL REFERENCES topic_releases(id),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'web', 'phone')),
    status TEXT NOT NULL CHECK (status IN ('new', 'open', 'waiting', 'resolved', 'closed')),
    priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    team TEXT NOT NULL,
    skill TEXT,
    language TEXT NOT NULL,
    data_key BLOB,
    requester BLOB NOT NULL,
    subject BLOB NOT NULL,
    answers BLOB,
    case_id TEXT REFERENCES cases(id),
    first_response_due BIGINT NOT NULL,
    resolution_due BIGINT NOT NULL,
    first_response_at BIGINT,
    resolved_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX requests_queue ON requests (team, status, priority);
CREATE INDEX requests_topic ON requests (topic_id, created_at);

-- A request's thread: what came in, what went out, internal notes. `message_id` is the
-- mail's Message-ID (ours for what we sent), so a reply's In-Reply-To finds its thread.
CREATE TABLE request_messages (
    id TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES requests(id),
    position BIGINT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'note')),
    author TEXT NOT NULL,
    body BLOB NOT NULL,
    message_id TEXT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX request_messages_thread ON request_messages (request_id, position);
CREATE UNIQUE INDEX request_messages_mail ON request_messages (message_id);

-- Attachments, size-limited, sealed under the request's key (the name too).
CREATE TABLE request_attachments (
    id TEXT PRIMARY KEY NOT NULL,
    message_id TEXT NOT NULL REFERENCES request_messages(id),
    name BLOB NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    content BLOB NOT NULL
);
CREATE INDEX request_attachments_message ON request_attachments (message_id);
