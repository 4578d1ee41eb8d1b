-- Newsletters belong to an edition: each edition's pages offer its own lists, and a
-- list's confirmation mail and digests are in its edition's language.
ALTER TABLE newsletters ADD COLUMN edition TEXT NOT NULL DEFAULT '';
UPDATE newsletters SET edition = (SELECT code FROM editions WHERE default_slot = 1);
