-- Script releases: a script with its form and blocks, immutable and content-addressed.
CREATE TABLE script_releases (
    id INTEGER PRIMARY KEY NOT NULL,
    script_id TEXT NOT NULL,
    number BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (script_id, number),
    UNIQUE (script_id, content_hash)
);
