-- The TOML files each script release was published from, so the author's page opens the
-- newest release's own text for the next change (the release's `content` is the parsed
-- form, which loses the author's comments and layout). Expand-only: a new table.
CREATE TABLE script_release_sources (
    release_id BIGINT NOT NULL REFERENCES script_releases(id),
    path TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (release_id, path)
);
