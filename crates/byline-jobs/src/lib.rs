//! Background work in a durable queue in the database: scheduled publishing and outgoing
//! mail today; newsletters and audio later. Jobs survive restarts, are leased to one worker
//! at a time, retried with back-off, and resumed after a crash when their lease runs out.
//! Each job's effect is idempotent (see the job modules), so running one twice is harmless.
#![forbid(unsafe_code)]

pub mod publish_scheduled;
mod runner;
pub mod send_campaign;
pub mod send_mail;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use byline_store::{NewJob, Store, StoreResult};
use chrono::{DateTime, Utc};
use tokio::sync::Notify;

pub use runner::{spawn_worker, Outcome, RunnerConfig};

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
    pub async fn schedule_publication(
        &self,
        slug: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<i64>> {
        self.enqueue(publish_scheduled::job(slug, at)).await
    }

    /// Starts sending a campaign now.
    pub async fn send_campaign(&self, campaign_id: i64) -> StoreResult<Option<i64>> {
        self.enqueue(send_campaign::job(campaign_id, chrono::Utc::now()))
            .await
    }

    /// Sends a campaign at `at`.
    pub async fn schedule_campaign(
        &self,
        campaign_id: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<i64>> {
        self.enqueue(send_campaign::job(campaign_id, at)).await
    }

    /// Sends `mail` once; `key` identifies the message (e.g. `invite:TOKENHASH`).
    pub async fn send_mail(&self, key: &str, mail: send_mail::MailJob) -> StoreResult<Option<i64>> {
        self.enqueue(send_mail::job(key, mail)).await
    }
}
