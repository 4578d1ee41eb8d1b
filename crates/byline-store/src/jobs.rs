//! The durable job queue: jobs survive restarts, are leased to one worker at a time,
//! retried with back-off, and re-run after a crash once their lease expires. Effects that
//! must happen once record an effect key in the same database.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::StoreResult;

#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    /// What to run, e.g. `publish_scheduled`, `send_mail`.
    pub kind: String,
    pub payload: serde_json::Value,
    /// A second job with the same key is not enqueued.
    pub idempotency_key: Option<String>,
    pub run_at: DateTime<Utc>,
    pub max_attempts: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobStatus {
    Pending,
    Running,
    Done,
    Failed,
}

impl JobStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "running" => Self::Running,
            "done" => Self::Done,
            "failed" => Self::Failed,
            _ => Self::Pending,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: serde_json::Value,
    pub idempotency_key: Option<String>,
    pub status: JobStatus,
    /// Attempts started so far, including the current one.
    pub attempts: i64,
    pub max_attempts: i64,
    pub run_at: DateTime<Utc>,
    pub last_error: String,
}

#[async_trait]
pub trait JobStore: Send + Sync + 'static {
    /// Enqueues a job; `None` when a job with the same idempotency key exists.
    async fn enqueue(&self, job: &NewJob) -> StoreResult<Option<i64>>;
    /// Leases the next due job of one of `kinds` (or one whose worker's lease ran out) to
    /// `worker` until `lease_until`. Jobs of other kinds (say, enqueued by a newer version)
    /// are never touched: their attempts, status and run time stay as they are.
    async fn claim_job(
        &self,
        worker: &str,
        kinds: &[&str],
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> StoreResult<Option<Job>>;
    /// Marks a leased job done; false if the lease was lost to another worker.
    async fn complete_job(&self, id: i64, worker: &str, now: DateTime<Utc>) -> StoreResult<bool>;
    /// Records a failure: retried at `retry_at`, or failed for good when `None`.
    async fn fail_job(
        &self,
        id: i64,
        worker: &str,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    async fn job(&self, id: i64) -> StoreResult<Option<Job>>;
    async fn jobs_by_kind(&self, kind: &str, limit: i64) -> StoreResult<Vec<Job>>;
    /// The kinds of the jobs that are due and pending, each with how many wait.
    async fn waiting_kinds(&self, now: DateTime<Utc>) -> StoreResult<Vec<(String, i64)>>;
    /// Jobs due or running, and the run time of the oldest due one (for metrics).
    async fn queue_depth(&self, now: DateTime<Utc>) -> StoreResult<(i64, Option<DateTime<Utc>>)>;
    /// Records that the effect `key` happened; false if it already had.
    async fn record_effect(&self, key: &str, now: DateTime<Utc>) -> StoreResult<bool>;
    async fn effect_done(&self, key: &str) -> StoreResult<bool>;
}
