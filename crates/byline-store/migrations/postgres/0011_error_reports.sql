-- Reader error reports: what a reader says is wrong in an article, tied to the revision
-- (article version) they read, and the desk's triage of it. Times are UTC seconds since
-- the Unix epoch. No client address is stored. The reader's address (optional) is used
-- only for the reply and erased 30 days after the report is closed (rejected or fixed).
CREATE TABLE error_reports (
    id BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    article_version BIGINT NOT NULL,
    quote TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    email TEXT,
    email_erased BOOLEAN NOT NULL DEFAULT FALSE,
    state TEXT NOT NULL DEFAULT 'new',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    closed_at BIGINT
);
CREATE INDEX error_reports_by_state ON error_reports (state, created_at, id);
CREATE INDEX error_reports_by_article ON error_reports (article_id, created_at);
CREATE INDEX error_reports_by_closing ON error_reports (closed_at);
-- Every state change, with the reply sent to the reader (if any).
CREATE TABLE error_report_events (
    id BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES error_reports(id) ON DELETE CASCADE,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    staff_id BIGINT REFERENCES staff(id) ON DELETE SET NULL,
    staff_name TEXT NOT NULL,
    reply TEXT NOT NULL DEFAULT '',
    at BIGINT NOT NULL
);
CREATE INDEX error_report_events_by_report ON error_report_events (report_id, id);
