-- One-time links to a citizen's page of documents, sent in the delivery e-mail. Only a
-- digest of the link's secret is stored, so a reader of the database or of a backup cannot
-- use a link. Opening the page spends the link (used_at) and starts a short visit whose
-- cookie is stored as a digest too.
CREATE TABLE document_links (
    id TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    case_id TEXT NOT NULL REFERENCES cases(id),
    language TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    visit_hash TEXT UNIQUE,
    visit_until BIGINT
);
CREATE INDEX document_links_case ON document_links (case_id);

-- A supervisor's bulk issue for a campaign's people: progress in clear counts; resumable,
-- because a case that already holds a document of the kind in force is skipped.
CREATE TABLE document_jobs (
    id TEXT PRIMARY KEY NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    kind TEXT NOT NULL CHECK (kind IN ('quarantine_certificate', 'test_prescription')),
    send_email BIGINT NOT NULL CHECK (send_email IN (0, 1)),
    state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    total BIGINT NOT NULL,
    issued BIGINT NOT NULL,
    skipped BIGINT NOT NULL,
    emailed BIGINT NOT NULL,
    to_print BIGINT NOT NULL,
    error TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    heartbeat_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX document_jobs_campaign ON document_jobs (campaign_id, created_at);

-- The job a document came from (its print run lists the ones with no address to mail).
ALTER TABLE documents ADD COLUMN job_id TEXT REFERENCES document_jobs(id);
ALTER TABLE documents ADD COLUMN emailed_at BIGINT;
CREATE INDEX documents_job ON documents (job_id);
