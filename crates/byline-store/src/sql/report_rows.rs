//! Rows of the error report queries (`reports.rs`).

use byline_domain::ReportState;

use super::shared::to_time;
use crate::reports::{ErrorReport, ReportEvent};
use crate::StoreError;

/// Columns of [`ReportRow`]: `error_reports r` joined to its article `a`.
pub(crate) const REPORT_COLUMNS: &str = "r.id, r.article_id, a.slug AS article_slug, \
    a.headline AS article_headline, r.article_version, r.quote, r.comment, r.email, \
    r.email_erased, r.state, r.created_at, r.updated_at, r.closed_at";

/// The join [`REPORT_COLUMNS`] reads from.
pub(crate) const REPORT_FROM: &str = "error_reports r JOIN articles a ON a.id = r.article_id";

fn state(s: &str) -> Result<ReportState, StoreError> {
    ReportState::parse(s).ok_or_else(|| StoreError::Corrupt(format!("unknown report state `{s}`")))
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ReportRow {
    pub id: i64,
    pub article_id: i64,
    pub article_slug: String,
    pub article_headline: String,
    pub article_version: i64,
    pub quote: String,
    pub comment: String,
    pub email: Option<String>,
    pub email_erased: bool,
    pub state: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub closed_at: Option<i64>,
}

impl TryFrom<ReportRow> for ErrorReport {
    type Error = StoreError;
    fn try_from(r: ReportRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: r.id,
            article_id: r.article_id,
            article_slug: r.article_slug,
            article_headline: r.article_headline,
            article_version: r.article_version,
            quote: r.quote,
            comment: r.comment,
            email: r.email,
            email_erased: r.email_erased,
            state: state(&r.state)?,
            created_at: to_time(r.created_at),
            updated_at: to_time(r.updated_at),
            closed_at: r.closed_at.map(to_time),
        })
    }
}

pub(crate) const EVENT_COLUMNS: &str = "id, report_id, from_state, to_state, staff_name, reply, at";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EventRow {
    pub id: i64,
    pub report_id: i64,
    pub from_state: String,
    pub to_state: String,
    pub staff_name: String,
    pub reply: String,
    pub at: i64,
}

impl TryFrom<EventRow> for ReportEvent {
    type Error = StoreError;
    fn try_from(r: EventRow) -> Result<Self, StoreError> {
        Ok(Self {
            id: r.id,
            report_id: r.report_id,
            from: state(&r.from_state)?,
            to: state(&r.to_state)?,
            staff_name: r.staff_name,
            reply: r.reply,
            at: to_time(r.at),
        })
    }
}
