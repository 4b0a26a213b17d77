-- The do-not-call list: blind-index tokens of phone numbers (never the numbers), so a
-- person who asked not to be called again gets no order from any campaign.
CREATE TABLE do_not_call (
    token BIGINT PRIMARY KEY NOT NULL,
    reason TEXT,
    added_by TEXT NOT NULL,
    added_at BIGINT NOT NULL
);
