-- Cold renders walk indexes, never the archive.
-- Related posts take the newest articles of each tag straight from this index:
CREATE INDEX article_tags_by_tag_article ON article_tags (tag_id, article_id DESC);
-- Listings, counts and sitemaps filter on status and the bin and order by time: with
-- all of it in the index, a page is a range walk, and a count or a sitemap chunk (slug,
-- update time) reads no table rows: those carry the bodies.
CREATE INDEX articles_listed ON articles (status, deleted_at, published_at DESC, id DESC, slug, updated_at);
CREATE INDEX articles_listed_by_section ON articles (section_id, status, deleted_at, published_at DESC, id DESC);
