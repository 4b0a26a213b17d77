-- Imports started from the API or the supervisors' import page run as jobs: the page shows
-- their progress and, when done, the report. The report names rejected lines with the
-- values that were wrong, so it is sealed; only the counts are in clear.
CREATE TABLE import_jobs (
    id TEXT PRIMARY KEY NOT NULL,
    actor TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    bytes BIGINT NOT NULL,
    rows_estimate BIGINT NOT NULL,
    rows_read BIGINT NOT NULL,
    report BYTEA,
    error TEXT,
    created_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX import_jobs_actor ON import_jobs (actor, created_at);
