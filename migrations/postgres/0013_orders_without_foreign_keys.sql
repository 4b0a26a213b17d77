-- Call orders are generated in bulk from cases by one INSERT ... SELECT (benchmark B1: a
-- million orders within seconds). Their two foreign keys cost more than the insert itself
-- (a trigger per row), and guard nothing the generation does not guarantee: it selects the
-- cases it references, inside a campaign that exists, and neither campaigns nor cases are
-- ever deleted (retention erases a case's personal data and keeps the row).
ALTER TABLE call_orders DROP CONSTRAINT call_orders_campaign_id_fkey;
ALTER TABLE call_orders DROP CONSTRAINT call_orders_case_id_fkey;
