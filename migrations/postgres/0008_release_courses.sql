-- The courses a script release requires its agents to have passed (JSON array of course
-- ids), kept beside the release so dispatch reads it without parsing the whole content.
ALTER TABLE script_releases ADD COLUMN required_courses TEXT NOT NULL DEFAULT '[]';
