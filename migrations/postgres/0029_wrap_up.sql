-- After-call work: an agent's `wrap_up` state between a call's end and the next offer, and
-- the note the agent writes about the call in it (sealed under the person's key, like the
-- answers).

ALTER TABLE agent_states DROP CONSTRAINT agent_states_status_check;
ALTER TABLE agent_states ADD CONSTRAINT agent_states_status_check CHECK (status IN ('offline', 'ready', 'paused', 'in_call', 'wrap_up'));

ALTER TABLE calls ADD COLUMN wrap_up_note BYTEA;
