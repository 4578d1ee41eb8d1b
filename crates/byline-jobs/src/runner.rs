//! The worker: leases due jobs of the registered kinds, a few at once, runs each through
//! the [`Registry`], records the outcome and backs off on failure. Nothing here knows what
//! a job does; per-job settings live with the jobs.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use byline_mail::Mailer;
use byline_store::Job as QueuedJob;
use chrono::Utc;
use tokio::sync::{Notify, Semaphore};
use tokio::task::JoinSet;

use crate::job::{JobContext, Outcome};
use crate::registry::Registry;
use crate::Jobs;

/// How the worker takes and retries jobs, whatever they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunnerConfig {
    /// How long a claimed job stays leased before another worker may take it over.
    pub lease: Duration,
    /// How often to look for due jobs when nothing wakes the worker.
    pub poll: Duration,
    /// First retry delay of a failed job; doubles with each attempt.
    pub backoff: Duration,
    /// Longest retry delay.
    pub max_backoff: Duration,
    /// Jobs this process runs at once.
    pub concurrency: usize,
}

impl Default for RunnerConfig {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(60),
            poll: Duration::from_secs(1),
            backoff: Duration::from_secs(30),
            max_backoff: Duration::from_secs(3600),
            concurrency: 4,
        }
    }
}

/// What a worker needs besides the queue: the jobs it runs and what they may use.
pub struct Worker {
    pub registry: Registry,
    pub mailer: Mailer,
    /// Public origin, for links in mail.
    pub base_url: String,
    /// Domain of Message-IDs.
    pub mail_domain: String,
    pub config: RunnerConfig,
    /// Signs revisions that scheduled publishing makes public (None: no signing).
    pub signer: Option<Arc<crate::Signer>>,
}

/// How often the worker says which waiting jobs it leaves to a newer version.
const UNKNOWN_KINDS_EVERY: Duration = Duration::from_secs(600);

impl Worker {
    /// Starts the worker over `jobs`' queue: one claiming loop running up to
    /// `config.concurrency` jobs at once. The task ends once [`Jobs::shutdown`] is stopped
    /// and the jobs at hand have wound down.
    pub fn spawn(self, jobs: &Jobs) -> tokio::task::JoinHandle<()> {
        let ctx = Arc::new(JobContext {
            store: jobs.store(),
            mailer: self.mailer,
            base_url: self.base_url,
            mail_domain: self.mail_domain,
            shutdown: jobs.shutdown().clone(),
            lease: self.config.lease,
            signer: self.signer,
        });
        let registry = Arc::new(self.registry);
        tokio::spawn(work(ctx, registry, self.config, jobs.wake_handle()))
    }
}

/// Claims a job whenever a slot is free, runs it in its own task, until shutdown; then
/// waits for the jobs at hand.
async fn work(
    ctx: Arc<JobContext>,
    registry: Arc<Registry>,
    config: RunnerConfig,
    wake: Arc<Notify>,
) {
    let worker: Arc<str> = worker_id().into();
    let kinds = registry.kinds();
    let slots = Arc::new(Semaphore::new(config.concurrency.max(1)));
    let mut running = JoinSet::new();
    let mut unknown = UnknownKinds::default();
    while !ctx.shutdown.is_stopping() {
        while let Some(done) = running.try_join_next() {
            abnormal(done);
        }
        unknown.report(&ctx, &kinds).await;
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            () = ctx.shutdown.stopped() => break,
        };
        let Ok(slot) = slot else { break };
        match claim(&ctx, &worker, &kinds, &config).await {
            Some(job) => {
                let (ctx, registry, worker, config, wake) = (
                    Arc::clone(&ctx),
                    Arc::clone(&registry),
                    Arc::clone(&worker),
                    config.clone(),
                    Arc::clone(&wake),
                );
                running.spawn(async move {
                    execute(&ctx, &registry, &worker, &config, job).await;
                    drop(slot);
                    // A job may have left work behind (a campaign's continuation): look now.
                    wake.notify_one();
                });
            }
            None => {
                drop(slot);
                tokio::select! {
                    () = tokio::time::sleep(config.poll) => {}
                    () = wake.notified() => {}
                    () = ctx.shutdown.stopped() => {}
                }
            }
        }
    }
    while let Some(done) = running.join_next().await {
        abnormal(done);
    }
}

/// Logs a job task that panicked (its row stays leased and runs again after the lease).
fn abnormal(done: Result<(), tokio::task::JoinError>) {
    if let Err(e) = done {
        tracing::error!(error = %e, "a job ended abnormally; it runs again after its lease");
    }
}

fn worker_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let salt = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    format!(
        "{}-{}-{salt}",
        std::process::id(),
        Utc::now().timestamp_micros()
    )
}

async fn claim(
    ctx: &JobContext,
    worker: &str,
    kinds: &[&str],
    config: &RunnerConfig,
) -> Option<QueuedJob> {
    let now = Utc::now();
    let lease = chrono::Duration::from_std(config.lease).unwrap_or(chrono::Duration::minutes(5));
    match ctx.store.claim_job(worker, kinds, now, now + lease).await {
        Ok(job) => job,
        Err(e) => {
            tracing::warn!(error = %e, "cannot claim a job");
            tokio::time::sleep(config.poll).await;
            None
        }
    }
}

async fn execute(
    ctx: &JobContext,
    registry: &Registry,
    worker: &str,
    config: &RunnerConfig,
    job: QueuedJob,
) {
    let outcome = registry
        .run(&job.kind, ctx, &job.payload)
        .await
        // Only registered kinds are claimed, so this is a registry bug, not a newer job.
        .unwrap_or_else(|| Outcome::Fatal(format!("no handler for job kind `{}`", job.kind)));
    let now = Utc::now();
    let store = &ctx.store;
    let recorded = match &outcome {
        Outcome::Done => store.complete_job(job.id, worker, now).await,
        Outcome::Retry(error) if job.attempts < job.max_attempts => {
            let retry_at = now + retry_delay(config, job.attempts);
            tracing::warn!(job = job.id, kind = %job.kind, attempt = job.attempts, %error, "job failed; will retry");
            store
                .fail_job(job.id, worker, error, Some(retry_at), now)
                .await
        }
        Outcome::Retry(error) | Outcome::Fatal(error) => {
            tracing::error!(job = job.id, kind = %job.kind, %error, "job failed for good");
            store.fail_job(job.id, worker, error, None, now).await
        }
    };
    if let Err(e) = recorded {
        tracing::warn!(job = job.id, error = %e, "cannot record a job's outcome; it will run again after its lease");
    }
}

/// The back-off after attempt `attempts` (1 for the first): `backoff`, doubling, at
/// most `max_backoff`.
fn retry_delay(config: &RunnerConfig, attempts: i64) -> chrono::Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(16)
        .min(16);
    let delay = config
        .backoff
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(config.max_backoff);
    chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(1))
}

/// How often the worker looks for waiting jobs of unknown kinds.
const UNKNOWN_KINDS_CHECK: Duration = Duration::from_secs(60);

/// Logs the kinds of due jobs this version does not run (enqueued by a newer version
/// sharing the database): once when first seen, again every [`UNKNOWN_KINDS_EVERY`].
#[derive(Default)]
struct UnknownKinds {
    reported: BTreeSet<String>,
    checked: Option<tokio::time::Instant>,
    last: Option<tokio::time::Instant>,
}

impl UnknownKinds {
    async fn report(&mut self, ctx: &JobContext, known: &[&str]) {
        let now = tokio::time::Instant::now();
        if self
            .checked
            .is_some_and(|at| now.duration_since(at) < UNKNOWN_KINDS_CHECK)
        {
            return;
        }
        self.checked = Some(now);
        let again = self
            .last
            .is_none_or(|at| now.duration_since(at) >= UNKNOWN_KINDS_EVERY);
        let Ok(waiting) = ctx.store.waiting_kinds(Utc::now()).await else {
            return;
        };
        for (kind, count) in waiting {
            if known.contains(&kind.as_str()) || (!again && self.reported.contains(&kind)) {
                continue;
            }
            tracing::warn!(%kind, count, "jobs of a kind this version does not know are waiting; left alone for a newer version");
            self.reported.insert(kind);
        }
        if again {
            self.last = Some(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_double_up_to_the_cap() {
        let config = RunnerConfig {
            backoff: Duration::from_secs(30),
            max_backoff: Duration::from_secs(100),
            ..RunnerConfig::default()
        };
        let secs: Vec<i64> = (1..=4)
            .map(|n| retry_delay(&config, n).num_seconds())
            .collect();
        assert_eq!(secs, [30, 60, 100, 100]);
        assert_eq!(retry_delay(&config, 1_000_000).num_seconds(), 100);
    }
}
