-- SQLite has no TRUNCATE (a DELETE, which the append-only triggers already refuse); the
-- PostgreSQL migration of this number blocks TRUNCATE on the audit log.
SELECT 1;
