//! Background work in a durable queue in the database: scheduled publishing and outgoing
//! mail today; newsletters and audio later. Jobs survive restarts, are leased to one worker
//! at a time, retried with back-off, and resumed after a crash when their lease runs out.
//! Each job's effect is idempotent (see the job modules), so running one twice is harmless.
#![forbid(unsafe_code)]

pub mod publish_scheduled;
mod runner;
pub mod send_campaign;
pub mod send_mail;

use std::sync::Arc;

use byline_store::{NewJob, Store, StoreResult};
use chrono::{DateTime, Utc};
use tokio::sync::Notify;

pub use runner::{spawn_worker, Outcome, RunnerConfig};

/// Enqueues work and wakes the local worker.
#[derive(Clone)]
pub struct Jobs {
    store: Arc<dyn Store>,
    wake: Arc<Notify>,
}

impl Jobs {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self { store, wake: Arc::new(Notify::new()) }
    }

    pub(crate) fn wake_handle(&self) -> Arc<Notify> {
        Arc::clone(&self.wake)
    }

    /// Enqueues `job` (deduplicated by its idempotency key) and wakes the worker.
    pub async fn enqueue(&self, job: NewJob) -> StoreResult<Option<i64>> {
        let id = self.store.enqueue(&job).await?;
        self.wake.notify_one();
        Ok(id)
    }

    /// Publishes `slug` at `at` (one job per slug and time).
    pub async fn schedule_publication(&self, slug: &str, at: DateTime<Utc>) -> StoreResult<Option<i64>> {
        self.enqueue(publish_scheduled::job(slug, at)).await
    }

    /// Starts sending a campaign now.
    pub async fn send_campaign(&self, campaign_id: i64) -> StoreResult<Option<i64>> {
        self.enqueue(send_campaign::job(campaign_id, chrono::Utc::now())).await
    }

    /// Sends a campaign at `at`.
    pub async fn schedule_campaign(&self, campaign_id: i64, at: DateTime<Utc>) -> StoreResult<Option<i64>> {
        self.enqueue(send_campaign::job(campaign_id, at)).await
    }

    /// Sends `mail` once; `key` identifies the message (e.g. `invite:TOKENHASH`).
    pub async fn send_mail(&self, key: &str, mail: send_mail::MailJob) -> StoreResult<Option<i64>> {
        self.enqueue(send_mail::job(key, mail)).await
    }
}
