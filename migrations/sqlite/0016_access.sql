-- Access: teams with a jurisdiction, the `dpo` role, machine tokens that are never users and
-- sign what they post, checkable purposes for opening a case, and rate counters.
--
-- SQLite cannot change a CHECK in place, so `users` and `api_tokens` are rebuilt (SQLite's
-- documented procedure); `Db::migrate` runs SQLite migrations with foreign keys off, so the
-- drop does not cascade into the tables that reference `users`.

CREATE TABLE teams (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    national BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
);

-- Inclusive ranges of four-digit postal codes a team's jurisdiction covers.
CREATE TABLE team_postal_ranges (
    team_id BIGINT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    from_code BIGINT NOT NULL,
    to_code BIGINT NOT NULL,
    CHECK (from_code <= to_code)
);
CREATE INDEX team_postal_ranges_team ON team_postal_ranges(team_id);

-- Teams named on accounts before teams existed keep working, with a national jurisdiction.
INSERT INTO teams (name, national, created_at)
SELECT DISTINCT team, TRUE, 0 FROM users WHERE team IS NOT NULL;

CREATE TABLE users_rebuilt (
    id INTEGER PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('agent','supervisor','author','epidemiologist','trainer','admin','dpo')),
    team TEXT,
    languages TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE
);
INSERT INTO users_rebuilt (id, email, name, role, team, languages, password_hash, active, created_at)
SELECT id, email, name, role, team, languages, password_hash, active, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;

-- Tokens of people's roles cannot be kept: a token is never a user. They are revoked.
CREATE TABLE api_tokens_rebuilt (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('telephony')),
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    signing_secret BLOB
);
INSERT INTO api_tokens_rebuilt (id, name, token_hash, role, created_by, created_at, revoked_at)
SELECT id, name, token_hash, 'telephony', created_by, created_at, COALESCE(revoked_at, created_at)
FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_rebuilt RENAME TO api_tokens;

-- Telephony events name the token that signed them and its own event id, once.
ALTER TABLE telephony_events ADD COLUMN token_id BIGINT;
ALTER TABLE telephony_events ADD COLUMN event_ref TEXT;
CREATE UNIQUE INDEX telephony_events_ref ON telephony_events(token_id, event_ref);

-- Why a user may open a case right now, granted by what the server saw (a screen pop, an
-- inbound call), until `expires_at`.
CREATE TABLE case_grants (
    id INTEGER PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    case_code TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('screen_pop', 'inbound')),
    granted_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX case_grants_user ON case_grants(user_id, case_code);

-- Fixed-window counters shared by every node (searches per user, ...).
CREATE TABLE rate_counters (
    key TEXT PRIMARY KEY NOT NULL,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL
);

CREATE INDEX audit_log_subject ON audit_log(subject);
CREATE INDEX audit_log_actor_action ON audit_log(actor, action, at);

-- Targeting and access decide by jurisdiction, so the published case facts carry the
-- person's postal code (clear already: it locates a person no closer than a municipality).
DROP VIEW case_facts;
CREATE VIEW case_facts AS
SELECT cs.id, cs.code, cs.person_id, cs.case_type, cs.status, cs.region, cs.age_band,
       cs.test_date, cs.exposure_date, cs.onset_date, cs.created_at, cs.purged_at,
       p.language, p.postal_code
FROM cases cs JOIN people p ON p.id = cs.person_id;

-- Owned by campaigns: the orders agents hold now, so the cases service can check a
-- `call_order` purpose without reading the campaign tables.
CREATE VIEW held_orders AS
SELECT id AS order_id, case_id, agent_id, lease_until FROM call_orders WHERE state = 'leased';

-- Owned by the console: calls in progress, for the same check.
CREATE VIEW open_calls AS
SELECT id AS call_id, kind, case_id, agent_id FROM calls WHERE finished_at IS NULL;
