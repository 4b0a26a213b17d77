-- PostgreSQL only (its planner's distinct-value estimate of token_index.token); SQLite's
-- planner reads a primary key by its equality without statistics. Kept so both backends
-- number their migrations alike.
SELECT 1;
