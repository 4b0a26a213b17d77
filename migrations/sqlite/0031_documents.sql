-- Documents: quarantine certificates and test prescriptions. Templates are published as
-- numbered releases like scripts; each document names the release its text came from.
CREATE TABLE document_releases (
    id INTEGER PRIMARY KEY NOT NULL,
    template_id TEXT NOT NULL,
    number BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    UNIQUE (template_id, number),
    UNIQUE (template_id, content_hash)
);

-- What a document says about its holder (name, birth date, the signed code) is sealed
-- under the person's key: erasing the person erases their documents. A call issues each
-- kind once (the unique index), however often its end is retried.
CREATE TABLE documents (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('quarantine_certificate', 'test_prescription')),
    case_id TEXT NOT NULL REFERENCES cases(id),
    release_id BIGINT NOT NULL REFERENCES document_releases(id),
    language TEXT NOT NULL,
    source TEXT NOT NULL,
    call_id TEXT,
    valid_from TEXT NOT NULL,
    valid_until TEXT NOT NULL,
    sealed BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('issued', 'revoked')),
    issued_by TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    revoked_at BIGINT,
    revoked_reason TEXT
);
CREATE UNIQUE INDEX documents_call_kind ON documents (call_id, kind);
CREATE INDEX documents_case ON documents (case_id);
