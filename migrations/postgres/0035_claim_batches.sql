-- Claims served together (issue 17): a batch finds, in one statement, which of its agents
-- have a callback kept for them, so that those are served the one-agent way; this partial
-- index holds only the orders that keep a callback for someone.
CREATE INDEX call_orders_preferred ON call_orders (preferred_agent_id, preferred_until)
    WHERE preferred_agent_id IS NOT NULL;
