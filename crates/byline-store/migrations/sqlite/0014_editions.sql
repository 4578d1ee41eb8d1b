-- Editions: one per language (a shipped catalog code), the default one without a URL
-- prefix, the others under theirs (e.g. `/uk`). Seeded with one default edition in the
-- site's current language, so existing sites behave as before. Articles belong to the
-- edition their `language` names; the other content gets an `edition` column, backfilled
-- to the default. Translations of one story share a `translation_group` (the id of the
-- group's first article).
CREATE TABLE editions (
    code TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    -- '' for the default edition, '/uk' for the others.
    path_prefix TEXT NOT NULL UNIQUE,
    time_zone TEXT NOT NULL DEFAULT 'UTC',
    position BIGINT NOT NULL DEFAULT 0,
    -- 1 for the one default edition, NULL for the others (the constraint keeps one).
    default_slot BIGINT UNIQUE
);
INSERT INTO editions (code, name, path_prefix, time_zone, position, default_slot)
SELECT
    COALESCE((SELECT json_extract(data, '$.language') FROM site_settings WHERE id = 1), 'en'),
    COALESCE((SELECT json_extract(data, '$.name') FROM site_settings WHERE id = 1), 'Byline'),
    '',
    COALESCE((SELECT json_extract(data, '$.time_zone') FROM site_settings WHERE id = 1), 'UTC'),
    0,
    1;
ALTER TABLE sections ADD COLUMN edition TEXT NOT NULL DEFAULT 'en';
ALTER TABLE tags ADD COLUMN edition TEXT NOT NULL DEFAULT 'en';
ALTER TABLE pages ADD COLUMN edition TEXT NOT NULL DEFAULT 'en';
ALTER TABLE feed_items ADD COLUMN edition TEXT NOT NULL DEFAULT 'en';
ALTER TABLE live_pages ADD COLUMN edition TEXT NOT NULL DEFAULT 'en';
UPDATE sections SET edition = (SELECT code FROM editions WHERE default_slot = 1);
UPDATE tags SET edition = (SELECT code FROM editions WHERE default_slot = 1);
UPDATE pages SET edition = (SELECT code FROM editions WHERE default_slot = 1);
UPDATE feed_items SET edition = (SELECT code FROM editions WHERE default_slot = 1);
UPDATE live_pages SET edition = (SELECT code FROM editions WHERE default_slot = 1);
ALTER TABLE articles ADD COLUMN translation_group BIGINT;
CREATE INDEX articles_by_translation_group ON articles (translation_group);
CREATE INDEX articles_by_language ON articles (language, status, published_at DESC);
