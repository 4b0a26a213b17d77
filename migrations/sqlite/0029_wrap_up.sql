-- After-call work: an agent's `wrap_up` state between a call's end and the next offer, and
-- the note the agent writes about the call in it (sealed under the person's key, like the
-- answers).
--
-- SQLite cannot change a CHECK in place, so `agent_states` is rebuilt (SQLite's documented
-- procedure; nothing references it).

CREATE TABLE agent_states_rebuilt (
    user_id BIGINT PRIMARY KEY NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('offline', 'ready', 'paused', 'in_call', 'wrap_up')),
    reason TEXT,
    since BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO agent_states_rebuilt (user_id, status, reason, since, updated_at)
SELECT user_id, status, reason, since, updated_at FROM agent_states;
DROP TABLE agent_states;
ALTER TABLE agent_states_rebuilt RENAME TO agent_states;

ALTER TABLE calls ADD COLUMN wrap_up_note BLOB;
