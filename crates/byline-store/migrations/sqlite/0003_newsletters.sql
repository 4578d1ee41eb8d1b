-- Newsletters: lists, subscribers and their per-list subscriptions (double opt-in).
CREATE TABLE newsletters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    sender_name TEXT NOT NULL DEFAULT '',
    sender_address TEXT NOT NULL DEFAULT '',
    position BIGINT NOT NULL DEFAULT 0,
    last_sent_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    -- Random token in one-click unsubscribe links (it can only unsubscribe this address).
    unsubscribe_token TEXT NOT NULL UNIQUE,
    bounced_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE TABLE subscriptions (
    subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    newsletter_id BIGINT NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
    -- pending (awaiting confirmation), confirmed, unsubscribed
    status TEXT NOT NULL,
    -- Which form the reader used (home, article, newsletter page, import, api): consent record.
    source TEXT NOT NULL DEFAULT '',
    confirm_hash TEXT,
    confirm_expires_at BIGINT,
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    unsubscribed_at BIGINT,
    PRIMARY KEY (subscriber_id, newsletter_id)
);
CREATE INDEX subscriptions_by_list ON subscriptions (newsletter_id, status);
CREATE INDEX subscriptions_by_confirm ON subscriptions (confirm_hash);
