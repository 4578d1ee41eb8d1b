-- Narrated audio: one row per article with the state of its narration (queued, running,
-- done, failed), where the current audio came from (generated or a human recording), the
-- hash of the speech script it was made from, and the two encoded files (rows of `media`).
-- `disabled` switches narration off for the article; `narration_off_sections` for a section.
CREATE TABLE article_audio (
    article_id BIGINT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    source TEXT NOT NULL DEFAULT 'generated' CHECK (source IN ('generated', 'human')),
    script_hash TEXT NOT NULL DEFAULT '',
    engine TEXT NOT NULL DEFAULT '',
    voice TEXT NOT NULL DEFAULT '',
    opus_name TEXT,
    opus_bytes BIGINT NOT NULL DEFAULT 0,
    mp3_name TEXT,
    mp3_bytes BIGINT NOT NULL DEFAULT 0,
    duration_ms BIGINT NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    warning TEXT NOT NULL DEFAULT '',
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at BIGINT NOT NULL
);
CREATE TABLE narration_off_sections (
    section_id BIGINT NOT NULL PRIMARY KEY REFERENCES sections (id) ON DELETE CASCADE
);
