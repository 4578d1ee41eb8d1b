//! Rows of the job queue queries (`jobs.rs`).

use super::shared::to_time;
use crate::StoreError;

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct JobRow {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub idempotency_key: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub max_attempts: i64,
    pub run_at: i64,
    pub last_error: String,
}

pub(crate) const JOB_COLUMNS: &str =
    "id, kind, payload, idempotency_key, status, attempts, max_attempts, run_at, last_error";

impl TryFrom<JobRow> for crate::Job {
    type Error = StoreError;
    fn try_from(r: JobRow) -> Result<Self, StoreError> {
        Ok(Self {
            payload: serde_json::from_str(&r.payload)
                .map_err(|e| StoreError::Corrupt(format!("job {}: {e}", r.id)))?,
            id: r.id,
            kind: r.kind,
            idempotency_key: r.idempotency_key,
            status: crate::jobs::JobStatus::parse(&r.status),
            attempts: r.attempts,
            max_attempts: r.max_attempts,
            run_at: to_time(r.run_at),
            last_error: r.last_error,
        })
    }
}
