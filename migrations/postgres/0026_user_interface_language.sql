-- The interface language a user chose on a page (kept across reloads and logins), apart
-- from the languages they speak, which route calls to them. NULL: the first spoken one the
-- interface is written in. Expand-only: a new nullable column.
ALTER TABLE users ADD COLUMN ui_language TEXT;
