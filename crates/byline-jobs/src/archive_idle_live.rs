//! `archive_idle_live`: archives every live page that has had no new entry for the
//! configured hours (`live_archive_after_hours`, 0 = never). The live workflows enqueue
//! it for the time a page will have been quiet that long (after its start and after each
//! entry); a page with a newer entry by then is simply not idle yet. Idempotent: the store
//! archives only pages still live and idle, and each archived page gets one audit entry.

use byline_store::AuditEntry;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::job::{Job, JobContext, Outcome};

/// How long a live page may go without an entry before it archives itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArchiveSettings {
    /// Hours; 0 turns automatic archiving off.
    pub after_hours: u32,
}

impl Default for ArchiveSettings {
    fn default() -> Self {
        Self { after_hours: 24 }
    }
}

/// The job, holding the configured hours.
pub struct ArchiveIdleLive {
    settings: ArchiveSettings,
}

impl ArchiveIdleLive {
    pub fn new(settings: ArchiveSettings) -> Self {
        Self { settings }
    }
}

/// One sweep. Both fields may be absent (`{}`): a sweep of every page by the setting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdleSweep {
    /// The page whose quiet time this run was enqueued for (the sweep covers every page).
    #[serde(default)]
    pub live_id: Option<i64>,
    /// Hours instead of the setting (an operator's one-off sweep).
    #[serde(default)]
    pub after_hours: Option<u32>,
}

impl Job for ArchiveIdleLive {
    const KIND: &'static str = "archive_idle_live";
    const MAX_ATTEMPTS: i64 = 10;
    type Payload = IdleSweep;

    /// One sweep per page, idle period and time (in seconds): an operator's one-off sweep
    /// with its own period, queued in the same second as a regular one, is not dropped.
    fn idempotency_key(sweep: &IdleSweep, run_at: DateTime<Utc>) -> Option<String> {
        let page = sweep
            .live_id
            .map_or_else(|| "all".to_owned(), |id| id.to_string());
        let hours = sweep
            .after_hours
            .map_or_else(|| "setting".to_owned(), |h| h.to_string());
        Some(format!(
            "live-archive:{page}:{hours}:{}",
            run_at.timestamp()
        ))
    }

    async fn run(&self, ctx: &JobContext, sweep: IdleSweep) -> Outcome {
        let hours = sweep.after_hours.unwrap_or(self.settings.after_hours);
        if hours == 0 {
            return Outcome::Done;
        }
        let now = Utc::now();
        let idle_before = now - chrono::Duration::hours(i64::from(hours));
        let archived = match ctx.store.archive_idle_live_pages(idle_before, now).await {
            Ok(pages) => pages,
            Err(e) => return Outcome::Retry(e.to_string()),
        };
        for page in archived {
            tracing::info!(slug = %page.slug, hours, "idle live page archived");
            let entry = AuditEntry {
                staff_id: None,
                actor: "jobs".into(),
                action: "live.archive".into(),
                target: page.slug.clone(),
                detail: format!("no new entry for {hours} h (via job)"),
                at: now,
            };
            if let Err(e) = ctx.store.record_audit(&entry).await {
                tracing::error!(error = %e, slug = %page.slug, "cannot write the audit log");
            }
        }
        Outcome::Done
    }
}
