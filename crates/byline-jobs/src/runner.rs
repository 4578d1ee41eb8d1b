//! The worker loop: lease a due job, run it, record the outcome, back off on failure.

use std::sync::Arc;
use std::time::Duration;

use byline_mail::Mailer;
use byline_store::{Job, Store};
use chrono::Utc;

use crate::{Jobs, Shutdown};

/// What a job run came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// A temporary failure: try again later.
    Retry(String),
    /// Will never succeed: stop.
    Fatal(String),
}

#[derive(Debug, Clone)]
pub struct RunnerConfig {
    /// How long a claimed job stays leased before another worker may take it over.
    pub lease: Duration,
    /// How often to look for due jobs when nothing wakes the worker.
    pub poll: Duration,
    /// First retry delay; doubles with each attempt.
    pub backoff: Duration,
    pub max_backoff: Duration,
    /// Domain for Message-IDs (the sender address's domain).
    pub mail_domain: String,
    /// Public origin, for links in mail.
    pub base_url: String,
    /// Newsletter messages per second at most (0: as fast as the SMTP pool goes).
    pub mail_rate: f64,
    /// First retry delay of a newsletter message after a temporary SMTP failure
    /// (4xx, no connection); doubles with each attempt, 5 attempts in all.
    pub mail_retry: Duration,
}

impl Default for RunnerConfig {
    fn default() -> Self {
        Self {
            lease: Duration::from_secs(60),
            poll: Duration::from_secs(1),
            backoff: Duration::from_secs(30),
            max_backoff: Duration::from_secs(3600),
            mail_domain: "localhost".into(),
            base_url: "http://127.0.0.1:8080".into(),
            mail_rate: 0.0,
            mail_retry: Duration::from_secs(30),
        }
    }
}

fn worker_id() -> String {
    format!(
        "{}-{}-{}",
        std::process::id(),
        Utc::now().timestamp_micros(),
        rand_suffix()
    )
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish()
}

/// Starts a worker for `jobs`; it runs until [`Jobs::shutdown`] is stopped
/// (then the task ends once the job at hand has wound down) or the process ends.
pub fn spawn_worker(
    jobs: &Jobs,
    store: Arc<dyn Store>,
    mailer: Mailer,
    config: RunnerConfig,
) -> tokio::task::JoinHandle<()> {
    let wake = jobs.wake_handle();
    let shutdown = jobs.shutdown().clone();
    tokio::spawn(async move {
        let worker = worker_id();
        while !shutdown.is_stopping() {
            match claim(&store, &worker, &config).await {
                Some(job) => execute(&store, &mailer, &worker, &config, &shutdown, job).await,
                None => {
                    tokio::select! {
                        _ = tokio::time::sleep(config.poll) => {}
                        () = wake.notified() => {}
                        () = shutdown.stopped() => {}
                    }
                }
            }
        }
    })
}

async fn claim(store: &Arc<dyn Store>, worker: &str, config: &RunnerConfig) -> Option<Job> {
    let now = Utc::now();
    let lease = chrono::Duration::from_std(config.lease).unwrap_or(chrono::Duration::minutes(5));
    match store.claim_job(worker, now, now + lease).await {
        Ok(job) => job,
        Err(e) => {
            tracing::warn!(error = %e, "cannot claim a job");
            tokio::time::sleep(config.poll).await;
            None
        }
    }
}

async fn execute(
    store: &Arc<dyn Store>,
    mailer: &Mailer,
    worker: &str,
    config: &RunnerConfig,
    shutdown: &Shutdown,
    job: Job,
) {
    let outcome = match job.kind.as_str() {
        crate::publish_scheduled::KIND => {
            crate::publish_scheduled::run(store.as_ref(), &job.payload).await
        }
        crate::send_mail::KIND => {
            crate::send_mail::run(store.as_ref(), mailer, &config.mail_domain, &job.payload).await
        }
        crate::send_campaign::KIND => {
            crate::send_campaign::run(store, mailer, config, shutdown, &job.payload).await
        }
        other => Outcome::Fatal(format!("unknown job kind `{other}`")),
    };
    let now = Utc::now();
    let recorded = match &outcome {
        Outcome::Done => store.complete_job(job.id, worker, now).await,
        Outcome::Retry(error) if job.attempts < job.max_attempts => {
            let factor = 2u32.saturating_pow(
                u32::try_from(job.attempts.saturating_sub(1))
                    .unwrap_or(16)
                    .min(16),
            );
            let delay = config
                .backoff
                .saturating_mul(factor)
                .min(config.max_backoff);
            let retry_at =
                now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(1));
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
