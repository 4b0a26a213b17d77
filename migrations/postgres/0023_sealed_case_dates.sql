-- A case's exact dates (test, exposure, symptom onset) are sealed under the person's key in
-- `dates`; what urgency and the exports need stays in the clear, coarsened. The clear date
-- columns are emptied at start by `cases::dates::seal_legacy` (they go in a later release).
ALTER TABLE cases ADD COLUMN dates BYTEA;
ALTER TABLE cases ADD COLUMN symptomatic BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN onset_days_at_call BIGINT;
UPDATE cases SET symptomatic = 1 WHERE onset_date IS NOT NULL;
-- What is left to seal, found at each start without reading every case.
CREATE INDEX cases_clear_dates ON cases(id)
    WHERE test_date IS NOT NULL OR exposure_date IS NOT NULL OR onset_date IS NOT NULL;

-- The view keeps the legacy date columns (empty now) for one release, so that nodes of the
-- previous version still run during a rolling upgrade; the contract step drops them.
DROP VIEW case_facts;
CREATE VIEW case_facts AS
SELECT cs.id, cs.code, cs.person_id, cs.case_type, cs.status, cs.region, cs.age_band,
       cs.test_date, cs.exposure_date, cs.onset_date,
       cs.symptomatic, cs.onset_days_at_call, cs.created_at, cs.purged_at,
       p.language, p.postal_code
FROM cases cs JOIN people p ON p.id = cs.person_id;
