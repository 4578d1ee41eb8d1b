//! `erase_report_emails`: erases the address readers gave with their error reports once a
//! report has been closed (rejected or fixed) for [`KEEP_DAYS`]. The triage workflow
//! enqueues it for the day a closed report's address falls due; each run sweeps every
//! report that is due by then, so a missed or late run is caught up by the next one.
//! Idempotent: an erased address is not erased again, and a report reopened meanwhile is
//! no longer closed, so it keeps its address.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::job::{Job, JobContext, Outcome};

/// Days a closed report keeps the reader's address.
pub const KEEP_DAYS: i64 = 30;

/// The job (no settings).
pub struct EraseReportEmails;

/// One sweep; `report_id` names the report whose closing enqueued it (for the log).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportErasure {
    #[serde(default)]
    pub report_id: Option<i64>,
}

impl Job for EraseReportEmails {
    const KIND: &'static str = "erase_report_emails";
    const MAX_ATTEMPTS: i64 = 10;
    type Payload = ReportErasure;

    /// One sweep per report and due time.
    fn idempotency_key(p: &ReportErasure, run_at: DateTime<Utc>) -> Option<String> {
        let report = p
            .report_id
            .map_or_else(|| "all".to_owned(), |id| id.to_string());
        Some(format!("report-erase:{report}:{}", run_at.timestamp()))
    }

    async fn run(&self, ctx: &JobContext, p: ReportErasure) -> Outcome {
        let closed_before = Utc::now() - chrono::Duration::days(KEEP_DAYS);
        match ctx.store.erase_report_emails(closed_before).await {
            Ok(n) => {
                if n > 0 {
                    tracing::info!(erased = n, report = ?p.report_id, "readers' addresses erased from closed reports");
                }
                Outcome::Done
            }
            Err(e) => Outcome::Retry(e.to_string()),
        }
    }
}
