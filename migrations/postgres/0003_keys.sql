-- Data keys, each wrapped (AES-256-GCM) by a master key named by its id. Purpose `index` is
-- the single blind-index root key (id 1); purpose `data` keys encrypt personal data.
CREATE TABLE data_keys (
    id BIGINT PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('data', 'index')),
    kek_id TEXT NOT NULL,
    wrapped BYTEA NOT NULL,
    created_at BIGINT NOT NULL
);
