-- Cold renders walk indexes, never the archive: related posts take the newest articles
-- of each tag straight from this index.
CREATE INDEX article_tags_by_tag_article ON article_tags (tag_id, article_id DESC);
