-- A campaign on cases its script is not written for (the script's case_types) is refused
-- unless the supervisor overrides it; the override is kept so that launch checks it again.
ALTER TABLE campaigns ADD COLUMN script_override BIGINT NOT NULL DEFAULT 0;
