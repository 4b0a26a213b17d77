-- The audit chain becomes keyed (HMAC under a key the database does not hold). Rows written
-- before this migration keep their plain SHA-256 hashes; keyed_from is the first keyed row.
ALTER TABLE audit_head ADD COLUMN keyed_from BIGINT NOT NULL DEFAULT 1;
UPDATE audit_head SET keyed_from = last_id + 1 WHERE id = 1;
