//! Background work in a durable queue in the database: scheduled publishing, outgoing
//! mail, archiving idle live pages, the banner's start and end, and narrated audio; imports later. Jobs survive restarts, are leased to one worker at
//! a time, retried with back-off, and resumed after a crash when their lease runs out.
//!
//! Each kind of work is a type implementing [`Job`] (its kind, its payload, its handler),
//! in a file of its own, listed once in [`registry`]. Enqueueing is typed:
//! `jobs.enqueue::<SendMail>(&payload, at)` or [`enqueue`] straight into a store. Each
//! job's effect is idempotent (see the job modules), so running one twice is harmless.
//! A worker claims only the kinds it knows; rows of other kinds (from a newer version
//! sharing the database) are left alone and logged.
#![forbid(unsafe_code)]

pub mod archive_idle_live;
pub mod banner_edge;
pub mod erase_report_emails;
mod job;
pub mod narrate_article;
pub mod publish_scheduled;
mod registry;
mod runner;
pub mod send_campaign;
pub mod send_mail;
pub mod signing;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use byline_store::{Store, StoreResult};
use chrono::{DateTime, Utc};
use tokio::sync::Notify;

pub use archive_idle_live::{ArchiveIdleLive, ArchiveSettings, IdleSweep};
pub use banner_edge::{BannerEdge, BannerEdgeAt};
pub use erase_report_emails::{EraseReportEmails, ReportErasure};
pub use job::{enqueue, new_job, Job, JobContext, Outcome};
pub use narrate_article::{NarrateArticle, Narration};
pub use publish_scheduled::{PublishScheduled, ScheduledPublication};
pub use registry::{registry, JobSettings, Registry};
pub use runner::{RunnerConfig, Worker};
pub use send_campaign::{CampaignRun, CampaignSettings, SendCampaign};
pub use send_mail::{KeyedMail, MailJob, SendMail};
pub use signing::{KeyState, Signer, SigningError};

/// Asks the local worker to stop: no new job is claimed, a campaign run stops
/// starting messages, and what is in flight finishes and is recorded.
#[derive(Clone, Default)]
pub struct Shutdown {
    inner: Arc<(AtomicBool, Notify)>,
}

impl Shutdown {
    pub fn stop(&self) {
        self.inner.0.store(true, Ordering::SeqCst);
        self.inner.1.notify_waiters();
    }

    pub fn is_stopping(&self) -> bool {
        self.inner.0.load(Ordering::SeqCst)
    }

    /// Resolves once [`Shutdown::stop`] has been called.
    pub async fn stopped(&self) {
        let notified = self.inner.1.notified();
        if !self.is_stopping() {
            notified.await;
        }
    }
}

/// Enqueues work and wakes the local worker.
#[derive(Clone)]
pub struct Jobs {
    store: Arc<dyn Store>,
    wake: Arc<Notify>,
    shutdown: Shutdown,
}

impl Jobs {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            wake: Arc::new(Notify::new()),
            shutdown: Shutdown::default(),
        }
    }

    /// The handle that stops this process's worker (see [`Shutdown`]).
    pub fn shutdown(&self) -> &Shutdown {
        &self.shutdown
    }

    pub(crate) fn store(&self) -> Arc<dyn Store> {
        Arc::clone(&self.store)
    }

    pub(crate) fn wake_handle(&self) -> Arc<Notify> {
        Arc::clone(&self.wake)
    }

    /// Enqueues `payload` of job `J` due at `run_at` (deduplicated by the job's
    /// idempotency key: `None` when it was already enqueued) and wakes the worker.
    pub async fn enqueue<J: Job>(
        &self,
        payload: &J::Payload,
        run_at: DateTime<Utc>,
    ) -> StoreResult<Option<i64>> {
        let id = enqueue::<J>(self.store.as_ref(), payload, run_at).await?;
        self.wake.notify_one();
        Ok(id)
    }

    /// Publishes `slug` at `at` (one job per slug and time).
    pub async fn schedule_publication(
        &self,
        slug: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<i64>> {
        let publication = ScheduledPublication { slug: slug.into() };
        self.enqueue::<PublishScheduled>(&publication, at).await
    }

    /// Starts sending a campaign now.
    pub async fn send_campaign(&self, campaign_id: i64) -> StoreResult<Option<i64>> {
        self.schedule_campaign(campaign_id, Utc::now()).await
    }

    /// Sends a campaign at `at`.
    pub async fn schedule_campaign(
        &self,
        campaign_id: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<i64>> {
        self.enqueue::<SendCampaign>(&CampaignRun { campaign_id }, at)
            .await
    }

    /// Sends `mail` once; `key` identifies the message (e.g. `invite:TOKENHASH`).
    pub async fn send_mail(&self, key: &str, mail: MailJob) -> StoreResult<Option<i64>> {
        let keyed = KeyedMail {
            key: key.into(),
            mail,
        };
        self.enqueue::<SendMail>(&keyed, Utc::now()).await
    }
}
