-- The token index keyed by integers (issue 17): every person gets a number (`seq`), and
-- `token_index` holds (token, person number) pairs, clustered on the token, so a lookup
-- reads a run of 16-byte entries instead of a token and a 36-character id per row. The
-- tokens themselves change (a key per token kind, new kinds), so they are recomputed by the
-- server from the sealed people (any person without tokens is indexed at start).
-- No foreign key to people: people are never deleted (erasure blanks them and deletes their
-- tokens in the same transaction), and a bulk import writes tokens at full speed.
-- SQLite serves one node, which upgrades whole: the old tokens are emptied now (the table
-- itself goes with PostgreSQL's contract step, so both schemas stay alike).
-- SQLite cannot add a column with a computed default: the writer numbers new people (one
-- writer, so MAX + 1 is safe), existing people take their row number.
ALTER TABLE people ADD COLUMN seq BIGINT;
UPDATE people SET seq = rowid;
CREATE UNIQUE INDEX people_seq ON people (seq);
DELETE FROM search_tokens;

CREATE TABLE token_index (
    token BIGINT NOT NULL,
    person_key BIGINT NOT NULL,
    PRIMARY KEY (token, person_key)
) WITHOUT ROWID;
CREATE INDEX token_index_person ON token_index (person_key);

-- The blind-index tokens a person holds (keyed HMACs, never the values): same columns.
DROP VIEW person_tokens;
CREATE VIEW person_tokens AS
SELECT t.token, p.id AS person_id FROM token_index t JOIN people p ON p.seq = t.person_key;
