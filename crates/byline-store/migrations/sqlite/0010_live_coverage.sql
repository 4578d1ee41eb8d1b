-- Live coverage: News Feed items, live pages and their entries, the site-wide banner.
-- Times are UTC seconds since the Unix epoch. A draft (published = FALSE) is staff-only.
CREATE TABLE feed_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    headline TEXT NOT NULL,
    body_markdown TEXT NOT NULL DEFAULT '',
    article_id BIGINT REFERENCES articles(id) ON DELETE SET NULL,
    link TEXT NOT NULL DEFAULT '',
    image TEXT NOT NULL DEFAULT '',
    image_alt TEXT NOT NULL DEFAULT '',
    image_credit TEXT NOT NULL DEFAULT '',
    breaking BOOLEAN NOT NULL DEFAULT FALSE,
    pinned BOOLEAN NOT NULL DEFAULT FALSE,
    published BOOLEAN NOT NULL DEFAULT FALSE,
    published_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    owner_id BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX feed_items_by_time ON feed_items (published, published_at, id);
CREATE INDEX feed_items_by_article ON feed_items (article_id);
CREATE TABLE feed_item_authors (
    item_id BIGINT NOT NULL REFERENCES feed_items(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES authors(id),
    position BIGINT NOT NULL,
    PRIMARY KEY (item_id, author_id)
);
CREATE TABLE live_pages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    headline TEXT NOT NULL,
    summary_markdown TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    archived_at BIGINT,
    last_entry_at BIGINT,
    updated_at BIGINT NOT NULL,
    owner_id BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX live_pages_by_status ON live_pages (status, started_at);
CREATE TABLE live_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    live_id BIGINT NOT NULL REFERENCES live_pages(id) ON DELETE CASCADE,
    headline TEXT NOT NULL DEFAULT '',
    body_markdown TEXT NOT NULL,
    key_event BOOLEAN NOT NULL DEFAULT FALSE,
    pinned BOOLEAN NOT NULL DEFAULT FALSE,
    published BOOLEAN NOT NULL DEFAULT FALSE,
    published_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    owner_id BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX live_entries_by_page ON live_entries (live_id, published, published_at, id);
CREATE TABLE live_entry_authors (
    entry_id BIGINT NOT NULL REFERENCES live_entries(id) ON DELETE CASCADE,
    author_id BIGINT NOT NULL REFERENCES authors(id),
    position BIGINT NOT NULL,
    PRIMARY KEY (entry_id, author_id)
);
-- One row at most: the banner now set (id grows with every new banner, so a reader's
-- dismissal of one banner does not hide the next).
CREATE TABLE banners (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL,
    link TEXT NOT NULL DEFAULT '',
    style TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT,
    created_at BIGINT NOT NULL,
    cleared_at BIGINT
);
