-- Each staff member picks the desk's language (a catalog code: 'en', 'uk').
ALTER TABLE staff ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
-- First-run setup links are one-time tokens with purpose 'setup' (only their hash is
-- stored); finding the live ones must not scan every invitation and reset.
CREATE INDEX one_time_tokens_by_purpose ON one_time_tokens (purpose, used_at);
