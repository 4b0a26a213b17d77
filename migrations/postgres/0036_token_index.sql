-- The token index keyed by integers (issue 17): every person gets a number (`seq`), and
-- `token_index` holds (token, person number) pairs, clustered on the token, so a lookup
-- reads a run of 16-byte entries instead of a token and a 36-character id per row. The
-- tokens themselves change (a key per token kind, new kinds), so they are recomputed by the
-- server from the sealed people (any person without tokens is indexed at start).
-- No foreign key to people: people are never deleted (erasure blanks them and deletes their
-- tokens in the same transaction), and a bulk import writes tokens at full speed.
-- `search_tokens` stays while nodes of the previous version may still write it during a
-- rollout; a later contract step drops it.
-- A plain sequence rather than an identity column: an identity is NOT NULL, and people
-- created without tokens (only a language) need no number on SQLite.
CREATE SEQUENCE people_numbers;
ALTER TABLE people ADD COLUMN seq BIGINT DEFAULT nextval('people_numbers');
CREATE UNIQUE INDEX people_seq ON people (seq);

CREATE TABLE token_index (
    token BIGINT NOT NULL,
    person_key BIGINT NOT NULL,
    PRIMARY KEY (token, person_key)
);
CREATE INDEX token_index_person ON token_index (person_key);

-- The blind-index tokens a person holds (keyed HMACs, never the values): same columns.
CREATE OR REPLACE VIEW person_tokens AS
SELECT t.token, p.id AS person_id FROM token_index t JOIN people p ON p.seq = t.person_key;
