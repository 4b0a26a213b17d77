-- The claim reads, for each eligible campaign, the first claimable order in (rank_at,
-- due_at, id) order, then takes the best of those. The index carries the campaign first and
-- all three ordering columns, so each read is one index probe: orders of paused campaigns or
-- of other teams no longer sit in front of the ones being claimed, and the planner never
-- sorts the open orders.
DROP INDEX call_orders_claim;
CREATE INDEX call_orders_claim ON call_orders (campaign_id, rank_at, due_at, id) WHERE state IN ('open', 'leased');
