-- People and cases. Personal data is sealed (envelope encryption) in the BLOB columns; what
-- stays clear is what aggregates and urgency need and does not identify alone: sex, language,
-- region (province), age band, dates of test and exposure.
CREATE TABLE people (
    id TEXT PRIMARY KEY NOT NULL,
    first_name BLOB,
    last_name BLOB,
    national_number BLOB,
    phone BLOB,
    email BLOB,
    birth_date BLOB,
    sex TEXT,
    language TEXT,
    postal_code TEXT,
    region TEXT,
    age_band TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    erased_at BIGINT
);

CREATE TABLE cases (
    id TEXT PRIMARY KEY NOT NULL,
    code TEXT NOT NULL UNIQUE,
    person_id TEXT NOT NULL REFERENCES people(id),
    case_type TEXT NOT NULL CHECK (case_type IN ('index', 'contact')),
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
    index_case_id TEXT REFERENCES cases(id),
    test_date TEXT,
    exposure_date TEXT,
    onset_date TEXT,
    region TEXT,
    age_band TEXT,
    sex TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    closed_at BIGINT,
    purged_at BIGINT
);
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_index_case ON cases(index_case_id);
CREATE INDEX cases_closed ON cases(closed_at);

-- Every change of a case, without personal data.
CREATE TABLE case_events (
    id INTEGER PRIMARY KEY NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases(id),
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events(case_id);

-- Blind-index tokens (keyed HMAC, truncated) of a person's identifiers and names.
CREATE TABLE search_tokens (
    token BIGINT NOT NULL,
    person_id TEXT NOT NULL REFERENCES people(id)
);
CREATE INDEX search_tokens_token ON search_tokens(token);
CREATE INDEX search_tokens_person ON search_tokens(person_id);
