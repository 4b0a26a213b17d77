-- Changes the Meilisearch backend must index, written in the same transaction as the change,
-- removed only once Meilisearch has accepted them: a crash never loses an index update.
CREATE TABLE search_outbox (
    id INTEGER PRIMARY KEY NOT NULL,
    person_id TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
