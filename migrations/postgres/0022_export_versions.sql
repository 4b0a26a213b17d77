-- A day's dataset is frozen once built; a correction is a new version of it. Existing
-- exports of one day are numbered in the order they were built.
ALTER TABLE exports ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
UPDATE exports SET version = (
    SELECT COUNT(*) FROM exports e2
    WHERE e2.dataset = exports.dataset AND e2.period_date = exports.period_date
      AND (e2.created_at < exports.created_at OR (e2.created_at = exports.created_at AND e2.id <= exports.id))
);
CREATE UNIQUE INDEX exports_day_version ON exports(dataset, period_date, version);
