-- Newsletter campaigns and their per-subscriber deliveries.
CREATE TABLE campaigns (
    id BIGSERIAL PRIMARY KEY,
    newsletter_id BIGINT NOT NULL REFERENCES newsletters(id),
    subject TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    -- draft, sending, sent
    status TEXT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT
);
-- One row per (campaign, subscriber): at most one message each. A row is 'sending' while
-- leased to a worker; a crashed worker's rows are taken over when the lease runs out.
CREATE TABLE deliveries (
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    subscriber_id BIGINT NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    -- pending, sending, sent, failed, bounced
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL DEFAULT 0,
    locked_until BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    sent_at BIGINT,
    PRIMARY KEY (campaign_id, subscriber_id)
);
CREATE INDEX deliveries_due ON deliveries (campaign_id, status, next_attempt_at);
