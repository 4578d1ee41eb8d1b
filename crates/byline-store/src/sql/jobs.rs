//! Job queue SQL shared by both backends. PostgreSQL claims with `FOR UPDATE SKIP LOCKED`
//! so several nodes never take the same job; SQLite has a single writer anyway.

macro_rules! impl_job_store {
    ($store:ty, $db:ty, $skip_locked:literal) => {
        #[async_trait::async_trait]
        impl $crate::JobStore for $store {
            async fn enqueue(&self, job: &$crate::NewJob) -> $crate::StoreResult<Option<i64>> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO jobs (kind, payload, idempotency_key, status, max_attempts, run_at, created_at) \
                     VALUES ($1, $2, $3, 'pending', $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
                )
                .bind(&job.kind)
                .bind(job.payload.to_string())
                .bind(&job.idempotency_key)
                .bind(job.max_attempts.max(1))
                .bind(job.run_at.timestamp())
                .bind(chrono::Utc::now().timestamp())
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn claim_job(
                &self,
                worker: &str,
                kinds: &[&str],
                now: chrono::DateTime<chrono::Utc>,
                lease_until: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Option<$crate::Job>> {
                if kinds.is_empty() {
                    return Ok(None);
                }
                // $1 worker, $2 now, $3 lease end, then one parameter per kind.
                let known = (4..4 + kinds.len()).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ");
                let ready = format!(
                    "kind IN ({known}) AND ((status = 'pending' AND run_at <= $2) OR (status = 'running' AND locked_until < $2))"
                );
                let sql = format!(
                    "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $3, attempts = attempts + 1 \
                     WHERE id = (SELECT id FROM jobs WHERE {ready} ORDER BY run_at, id LIMIT 1 {}) AND {ready} \
                     RETURNING {}",
                    $skip_locked,
                    $crate::sql::jobs_rows::JOB_COLUMNS
                );
                let mut query = sqlx::query_as::<_, $crate::sql::jobs_rows::JobRow>(&sql)
                    .bind(worker)
                    .bind(now.timestamp())
                    .bind(lease_until.timestamp());
                for kind in kinds {
                    query = query.bind(*kind);
                }
                let row = query.fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn complete_job(&self, id: i64, worker: &str, now: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE jobs SET status = 'done', finished_at = $1, locked_until = NULL \
                     WHERE id = $2 AND locked_by = $3 AND status = 'running'",
                )
                .bind(now.timestamp())
                .bind(id)
                .bind(worker)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn fail_job(
                &self,
                id: i64,
                worker: &str,
                error: &str,
                retry_at: Option<chrono::DateTime<chrono::Utc>>,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<bool> {
                let error: String = error.chars().take(2000).collect();
                // Back to pending at `retry_at`, or failed for good now.
                let (sql, at) = match retry_at {
                    Some(at) => ("UPDATE jobs SET status = 'pending', run_at = $1, last_error = $2, locked_until = NULL \
                                  WHERE id = $3 AND locked_by = $4 AND status = 'running'", at),
                    None => ("UPDATE jobs SET status = 'failed', finished_at = $1, last_error = $2, locked_until = NULL \
                              WHERE id = $3 AND locked_by = $4 AND status = 'running'", now),
                };
                let done = sqlx::query(sql).bind(at.timestamp()).bind(&error).bind(id).bind(worker).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn job(&self, id: i64) -> $crate::StoreResult<Option<$crate::Job>> {
                let row: Option<$crate::sql::jobs_rows::JobRow> =
                    sqlx::query_as(&format!("SELECT {} FROM jobs WHERE id = $1", $crate::sql::jobs_rows::JOB_COLUMNS))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn jobs_by_kind(&self, kind: &str, limit: i64) -> $crate::StoreResult<Vec<$crate::Job>> {
                let rows: Vec<$crate::sql::jobs_rows::JobRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM jobs WHERE kind = $1 ORDER BY id DESC LIMIT $2",
                    $crate::sql::jobs_rows::JOB_COLUMNS
                ))
                .bind(kind)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn waiting_kinds(
                &self,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Vec<(String, i64)>> {
                Ok(sqlx::query_as(
                    "SELECT kind, COUNT(*) FROM jobs WHERE status = 'pending' AND run_at <= $1 GROUP BY kind ORDER BY kind",
                )
                .bind(now.timestamp())
                .fetch_all(&self.pool)
                .await?)
            }

            async fn queue_depth(
                &self,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<(i64, Option<chrono::DateTime<chrono::Utc>>)> {
                let (n, oldest): (i64, Option<i64>) = sqlx::query_as(
                    "SELECT COUNT(*), MIN(run_at) FROM jobs WHERE status IN ('pending', 'running') AND run_at <= $1",
                )
                .bind(now.timestamp())
                .fetch_one(&self.pool)
                .await?;
                Ok((n, oldest.map($crate::sql::shared::to_time)))
            }

            async fn record_effect(&self, key: &str, now: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<bool> {
                let done = sqlx::query("INSERT INTO job_effects (effect_key, done_at) VALUES ($1, $2) ON CONFLICT (effect_key) DO NOTHING")
                    .bind(key)
                    .bind(now.timestamp())
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn effect_done(&self, key: &str) -> $crate::StoreResult<bool> {
                let found: Option<i64> = sqlx::query_scalar("SELECT done_at FROM job_effects WHERE effect_key = $1")
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(found.is_some())
            }
        }
    };
}

pub(crate) use impl_job_store;
