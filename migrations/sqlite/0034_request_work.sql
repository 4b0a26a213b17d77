-- Work on requests: the requester's one-time links (kernel::links), who works a request and
-- what they know (skills), its status history, its reminders and escalation, merges, the
-- requester's rating, and the notices staff receive (a mention, a reminder, an escalation,
-- an assignment): ids and kinds only, never what was written.
CREATE TABLE request_links (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    request_id TEXT NOT NULL REFERENCES requests(id),
    language TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    visit_hash TEXT UNIQUE,
    visit_until BIGINT
);
CREATE INDEX request_links_request ON request_links (request_id);

ALTER TABLE requests ADD COLUMN assignee BIGINT REFERENCES users(id);
ALTER TABLE requests ADD COLUMN rating BIGINT CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE requests ADD COLUMN rating_comment BLOB;
ALTER TABLE requests ADD COLUMN rated_at BIGINT;
-- The target (its due time) a reminder, then an escalation, was last raised for: one each
-- per target, however often the sweep runs.
ALTER TABLE requests ADD COLUMN reminded_for BIGINT;
ALTER TABLE requests ADD COLUMN escalated_for BIGINT;
ALTER TABLE requests ADD COLUMN merged_into TEXT REFERENCES requests(id);
ALTER TABLE requests ADD COLUMN reopened BIGINT NOT NULL DEFAULT 0;
-- The team of a staff member who filed a request for themselves (reports' departments).
ALTER TABLE requests ADD COLUMN department TEXT;
-- The province (code) of the postal code the request's form gave, for regional queues.
ALTER TABLE requests ADD COLUMN region TEXT;
CREATE INDEX requests_assignee ON requests (assignee, status);
CREATE INDEX requests_region ON requests (region, status);

CREATE TABLE request_status_history (
    id TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES requests(id),
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL CHECK (to_status IN ('new', 'open', 'waiting', 'resolved', 'closed'))
);
CREATE INDEX request_status_history_request ON request_status_history (request_id, at);

CREATE TABLE request_skills (
    user_id BIGINT NOT NULL REFERENCES users(id),
    skill TEXT NOT NULL,
    PRIMARY KEY (user_id, skill)
);

CREATE TABLE request_notices (
    id TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    request_id TEXT NOT NULL REFERENCES requests(id),
    kind TEXT NOT NULL CHECK (kind IN ('mention', 'reminder', 'escalation', 'assigned')),
    actor TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
CREATE INDEX request_notices_user ON request_notices (user_id, read_at);

-- The knowledge base: articles (kb/) published as releases like topics.
CREATE TABLE kb_releases (
    id INTEGER PRIMARY KEY NOT NULL,
    article_id TEXT NOT NULL,
    number BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (article_id, number),
    UNIQUE (article_id, content_hash)
);

-- "Did this answer your question?": counts per article, language and day; no one is named.
CREATE TABLE kb_feedback (
    article_id TEXT NOT NULL,
    language TEXT NOT NULL,
    day TEXT NOT NULL,
    helpful BIGINT NOT NULL,
    not_helpful BIGINT NOT NULL,
    PRIMARY KEY (article_id, language, day)
);

-- A staff member's saved queue filters.
CREATE TABLE request_views (
    id TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX request_views_user ON request_views (user_id);

-- Blind-index tokens of who asked (their address, each word of their name), so staff find
-- a caller's requests without the database holding the address or the name.
CREATE TABLE request_tokens (
    request_id TEXT NOT NULL REFERENCES requests(id),
    token BIGINT NOT NULL
);
CREATE INDEX request_tokens_token ON request_tokens (token);
CREATE INDEX request_tokens_request ON request_tokens (request_id);
