//! Reader error reports: filed from the public site (with the article version the reader
//! saw), triaged on the desk through the states of [`byline_domain::ReportState`], each
//! change kept as an event with the reply sent to the reader, if any.
//!
//! Filing is capped in the same transaction as the insert ([`ReportLimits`]): at most so
//! many reports per article per hour and so many untriaged (`new`) reports in all, so a
//! flood from many addresses cannot fill the disk. Reports are not public content and
//! record no change-log tags. No client address is stored.

use async_trait::async_trait;
use byline_domain::ReportState;
use chrono::{DateTime, Utc};

use crate::StoreResult;

/// A report as a reader sends it, after the web layer checked its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    pub article_id: i64,
    /// The article version the reader read.
    pub article_version: i64,
    pub quote: String,
    pub comment: String,
    /// Where the reply goes; `None` when the reader gave no address.
    pub email: Option<String>,
    pub at: DateTime<Utc>,
}

/// The caps checked when a report is filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportLimits {
    /// Reports about one article within the last hour at most.
    pub per_article_per_hour: i64,
    /// Untriaged (`new`) reports in the whole database at most.
    pub max_new: i64,
}

impl Default for ReportLimits {
    fn default() -> Self {
        Self {
            per_article_per_hour: 60,
            max_new: 5_000,
        }
    }
}

/// What filing a report came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filed {
    /// Stored with this id.
    Stored(i64),
    /// The article had `per_article_per_hour` reports in the last hour already.
    ArticleBusy,
    /// The desk has `max_new` untriaged reports already.
    DeskFull,
}

/// A stored report, with the article it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReport {
    pub id: i64,
    pub article_id: i64,
    pub article_slug: String,
    pub article_headline: String,
    pub article_version: i64,
    pub quote: String,
    pub comment: String,
    /// `None` when none was given or once it was erased (see `email_erased`).
    pub email: Option<String>,
    pub email_erased: bool,
    pub state: ReportState,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// When it was last rejected or marked fixed; `None` while open.
    pub closed_at: Option<DateTime<Utc>>,
}

/// One state change of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEvent {
    pub id: i64,
    pub report_id: i64,
    pub from: ReportState,
    pub to: ReportState,
    pub staff_name: String,
    /// The reply mailed to the reader with this change (empty for none).
    pub reply: String,
    pub at: DateTime<Utc>,
}

/// A state change as the desk asks for it. `from` is the state the editor saw: a report
/// changed meanwhile is a conflict, not overwritten.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportMove {
    pub from: ReportState,
    pub to: ReportState,
    pub staff_id: Option<i64>,
    pub staff_name: String,
    pub reply: String,
    pub at: DateTime<Utc>,
}

/// Which reports the desk lists, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportQuery {
    /// Only reports in this state; `None` lists all.
    pub state: Option<ReportState>,
    pub limit: i64,
    pub offset: i64,
}

#[async_trait]
pub trait ReportStore: Send + Sync {
    /// Stores a report unless a cap of `limits` is reached (checked in the same write).
    /// An article that does not exist is [`crate::StoreError::NotFound`].
    async fn file_report(&self, report: &NewReport, limits: ReportLimits) -> StoreResult<Filed>;
    async fn error_report(&self, id: i64) -> StoreResult<Option<ErrorReport>>;
    async fn error_reports(&self, query: &ReportQuery) -> StoreResult<Vec<ErrorReport>>;
    /// Reports in `state` (all when `None`), for paging.
    async fn count_error_reports(&self, state: Option<ReportState>) -> StoreResult<i64>;
    /// Reports still open (`new` or `accepted`): one COUNT for the desk's navigation.
    async fn open_report_count(&self) -> StoreResult<i64>;
    /// A report's state changes, oldest first.
    async fn report_events(&self, report_id: i64) -> StoreResult<Vec<ReportEvent>>;
    /// Moves a report from `mv.from` to `mv.to` and records the event, in one write.
    /// Unknown report: `NotFound`; a transition the states forbid: `Invalid`; a report
    /// no longer in `mv.from`: `Conflict`.
    async fn move_report(&self, report_id: i64, mv: &ReportMove) -> StoreResult<ReportEvent>;
    /// Erases the reader's address of every report closed before `closed_before`; the
    /// number of reports erased.
    async fn erase_report_emails(&self, closed_before: DateTime<Utc>) -> StoreResult<u64>;
}
