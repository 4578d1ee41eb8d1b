-- Corrections and public revision history (issue 12). Times are UTC seconds since the
-- Unix epoch.
--
-- published_revisions: the versions of an article that were public, with the update note
-- they were published with. Saved revisions that were never public (drafts, scheduled,
-- unpublished saves) have no row here and never appear in public history.
CREATE TABLE published_revisions (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    published_at BIGINT NOT NULL,
    update_note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, version)
);
-- Revisions that were public before this migration: saved as published, or the current
-- version of a published article. (A snapshot that is not JSON is skipped.)
CREATE FUNCTION byline_snapshot_status(snapshot TEXT) RETURNS TEXT AS $$
BEGIN
    RETURN snapshot::jsonb ->> 'status';
EXCEPTION WHEN others THEN
    RETURN NULL;
END;
$$ LANGUAGE plpgsql IMMUTABLE;
INSERT INTO published_revisions (article_id, version, published_at)
    SELECT article_id, version, created_at FROM article_revisions
    WHERE byline_snapshot_status(snapshot) = 'published';
DROP FUNCTION byline_snapshot_status(TEXT);
INSERT INTO published_revisions (article_id, version, published_at, update_note)
    SELECT a.id, a.version, a.updated_at, a.update_note FROM articles a
    WHERE a.status = 'published'
    ON CONFLICT (article_id, version) DO UPDATE SET update_note = excluded.update_note;

-- Corrections and clarifications: public record, append-only (a wrong one is followed by
-- another, never edited).
CREATE TABLE article_corrections (
    id BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    staff_id BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    staff_name TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX article_corrections_by_article ON article_corrections (article_id, id);
CREATE INDEX article_corrections_by_time ON article_corrections (created_at, id);

-- Revisions excluded from public history (legal takedowns), with the recorded reason.
-- The revision itself stays as it was.
CREATE TABLE revision_exclusions (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    reason TEXT NOT NULL,
    staff_id BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    staff_name TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    PRIMARY KEY (article_id, version)
);

-- Saved revisions are immutable, and so are corrections and exclusions once recorded.
CREATE FUNCTION byline_refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER article_revisions_immutable BEFORE UPDATE ON article_revisions
    FOR EACH ROW EXECUTE FUNCTION byline_refuse_update();
CREATE TRIGGER article_corrections_immutable BEFORE UPDATE ON article_corrections
    FOR EACH ROW EXECUTE FUNCTION byline_refuse_update();
CREATE TRIGGER revision_exclusions_immutable BEFORE UPDATE ON revision_exclusions
    FOR EACH ROW EXECUTE FUNCTION byline_refuse_update();
