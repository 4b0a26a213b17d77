-- Owned by the cases service: what other services may read of cases, without personal data.
-- Campaigns select their targets, honour the do-not-call list and count outcomes through
-- these views; no other service names the tables behind them (a test checks).

-- Every case with the clear attributes that targeting, urgency and aggregates need, and its
-- person's language (the language to call in).
CREATE VIEW case_facts AS
SELECT cs.id, cs.code, cs.person_id, cs.case_type, cs.status, cs.region, cs.age_band,
       cs.test_date, cs.exposure_date, cs.onset_date, cs.created_at, cs.purged_at,
       p.language
FROM cases cs JOIN people p ON p.id = cs.person_id;

-- The blind-index tokens a person holds (keyed HMACs, never the values).
CREATE VIEW person_tokens AS
SELECT token, person_id FROM search_tokens;
