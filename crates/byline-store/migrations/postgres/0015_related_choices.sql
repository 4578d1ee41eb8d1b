-- Editors' choices for an article's related posts: `pin` ones are shown first, in
-- `position` order; `exclude` ones never. Everything else comes from the search index.
CREATE TABLE related_choices (
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    related_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('pin', 'exclude')),
    position BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, related_id)
);
