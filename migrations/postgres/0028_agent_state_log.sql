-- Each agent's states over time (ready, paused, in a call, offline), so supervisors see the
-- time spent in each over a day or a week; `agent_states` keeps only the current one.
-- Expand-only: a new table.
CREATE TABLE agent_state_log (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    reason TEXT,
    started_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX agent_state_log_open ON agent_state_log (user_id) WHERE ended_at IS NULL;
CREATE INDEX agent_state_log_time ON agent_state_log (started_at);
