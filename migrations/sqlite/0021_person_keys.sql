-- Crypto-shredding: each person's sealed data is sealed under a key of their own, stored here
-- wrapped by the deployment's data key. Erasing a person sets it to NULL.
ALTER TABLE people ADD COLUMN data_key BLOB;

-- The caller's number as a blind-index token, so that erasing a person also clears the
-- telephony events of calls from their number.
ALTER TABLE telephony_events ADD COLUMN caller_token BIGINT;
CREATE INDEX telephony_events_caller ON telephony_events(caller_token);
-- Events from before have no token, so no erasure could find them: their callers go (a
-- caller's number serves only the screen pop of a call that has long ended).
UPDATE telephony_events SET caller = NULL;

-- How many erasures this database has seen; the erasure journal outside the database counts
-- the same, so a node can tell that its database was restored from before an erasure.
CREATE TABLE erasure_head (
    id INTEGER PRIMARY KEY NOT NULL,
    entries BIGINT NOT NULL
);
INSERT INTO erasure_head (id, entries) VALUES (1, 0);
