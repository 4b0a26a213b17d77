-- PostgreSQL drops the call orders' foreign keys here for bulk generation (see its
-- migration). SQLite keeps them: dropping a constraint there means rebuilding the table, and
-- the embedded default generates pilot-sized campaigns.
SELECT 1;
