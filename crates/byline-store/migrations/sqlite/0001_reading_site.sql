-- Reading site: settings, sections, authors, tags, articles, static pages, media, change log.
-- Times are UTC seconds since the Unix epoch.
CREATE TABLE site_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data TEXT NOT NULL
);
CREATE TABLE sections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE authors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    bio TEXT NOT NULL DEFAULT '',
    photo TEXT
);
CREATE TABLE tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    headline TEXT NOT NULL,
    standfirst TEXT NOT NULL DEFAULT '',
    body_markdown TEXT NOT NULL DEFAULT '',
    section_id BIGINT NOT NULL REFERENCES sections(id),
    status TEXT NOT NULL,
    published_at BIGINT,
    updated_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    dateline TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT 'en',
    hero_src TEXT,
    hero_alt TEXT NOT NULL DEFAULT '',
    hero_caption TEXT NOT NULL DEFAULT '',
    hero_credit TEXT NOT NULL DEFAULT '',
    editors_pick BOOLEAN NOT NULL DEFAULT FALSE,
    reading_minutes BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX articles_by_status_time ON articles (status, published_at DESC);
CREATE INDEX articles_by_section ON articles (section_id, status, published_at DESC);
CREATE TABLE article_authors (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES authors(id),
    position BIGINT NOT NULL,
    PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_by_author ON article_authors (author_id);
CREATE TABLE article_tags (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id BIGINT NOT NULL REFERENCES tags(id),
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_by_tag ON article_tags (tag_id);
CREATE TABLE pages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE TABLE media (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    content_type TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at BIGINT NOT NULL
);
-- Every content write appends the cache tags it affects; app nodes follow this log.
CREATE TABLE content_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    tags TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
