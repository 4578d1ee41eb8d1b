//! The [`Job`] trait: what one kind of background work is (its kind, its payload, how
//! often it may be tried) and how it runs, plus typed enqueueing of it.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use byline_mail::Mailer;
use byline_store::{NewJob, Store, StoreError, StoreResult};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::Shutdown;

/// What a job run came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// A temporary failure: try again later, with the runner's back-off.
    Retry(String),
    /// Will never succeed: stop.
    Fatal(String),
}

/// What a running job may use. Settings that only one job needs (the newsletter rate,
/// say) belong to that job's value, not here.
#[derive(Clone)]
pub struct JobContext {
    pub store: Arc<dyn Store>,
    pub mailer: Mailer,
    /// Public origin, for links in mail.
    pub base_url: String,
    /// Domain of Message-IDs (the sender address's domain).
    pub mail_domain: String,
    /// Asks long runs to wind down between steps.
    pub shutdown: Shutdown,
    /// How long a claim lasts; a job that leases its own pieces of work uses the same.
    pub lease: Duration,
    /// Signs revisions as they become public (None: this process does not sign).
    pub signer: Option<Arc<crate::Signer>>,
}

/// One kind of background work. A value of the type is the handler, holding that kind's
/// own settings; it is registered once in [`crate::registry`]. Every run must be safe to
/// repeat: a crash after the effect and before the queue records it runs it again.
pub trait Job: Send + Sync + 'static {
    /// The `kind` column of its queue rows. Never rename a shipped kind: rows written by
    /// older versions carry it.
    const KIND: &'static str;
    /// Attempts before a run that keeps failing is given up.
    const MAX_ATTEMPTS: i64;
    /// What one run needs, stored as JSON. Add fields with `#[serde(default)]`, so rows
    /// written before the field existed still read.
    type Payload: Serialize + DeserializeOwned + Send + 'static;

    /// A second enqueue with the same key is dropped; `None` never deduplicates.
    fn idempotency_key(payload: &Self::Payload, run_at: DateTime<Utc>) -> Option<String>;

    /// Runs once.
    fn run(&self, ctx: &JobContext, payload: Self::Payload)
        -> impl Future<Output = Outcome> + Send;
}

/// The queue row for `payload` of job `J`, due at `run_at` (for enqueueing inside a
/// caller's own transaction; [`enqueue`] and [`crate::Jobs::enqueue`] use it).
pub fn new_job<J: Job>(payload: &J::Payload, run_at: DateTime<Utc>) -> StoreResult<NewJob> {
    let encoded = serde_json::to_value(payload)
        .map_err(|e| StoreError::Corrupt(format!("cannot encode a {} payload: {e}", J::KIND)))?;
    Ok(NewJob {
        kind: J::KIND.to_owned(),
        payload: encoded,
        idempotency_key: J::idempotency_key(payload, run_at),
        run_at,
        max_attempts: J::MAX_ATTEMPTS,
    })
}

/// Enqueues `payload` of job `J` at `run_at` straight into `store` (no worker is woken;
/// it finds the job at its next poll). `None` when the same job was already enqueued.
pub async fn enqueue<J: Job>(
    store: &dyn Store,
    payload: &J::Payload,
    run_at: DateTime<Utc>,
) -> StoreResult<Option<i64>> {
    store.enqueue(&new_job::<J>(payload, run_at)?).await
}
