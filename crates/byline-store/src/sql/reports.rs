//! Error report SQL shared by both backends. Filing checks its caps and inserts in one
//! write transaction (SQLite's `BEGIN IMMEDIATE` serialises writers, so the caps are
//! exact there; on PostgreSQL concurrent filings may pass a cap by the few in flight);
//! a state change is a compare-and-set on the state the editor saw, plus its event.

macro_rules! impl_report_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::reports::ReportStore for $store {
            async fn file_report(
                &self,
                report: &$crate::reports::NewReport,
                limits: $crate::reports::ReportLimits,
            ) -> $crate::StoreResult<$crate::reports::Filed> {
                use $crate::reports::Filed;
                let now = report.at.timestamp();
                let mut tx = self.write_tx().await?;
                let found: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE id = $1")
                    .bind(report.article_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                found.ok_or($crate::StoreError::NotFound)?;
                let recent: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM error_reports WHERE article_id = $1 AND created_at > $2",
                )
                .bind(report.article_id)
                .bind(now - 3_600)
                .fetch_one(&mut *tx)
                .await?;
                if recent >= limits.per_article_per_hour {
                    return Ok(Filed::ArticleBusy);
                }
                let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM error_reports WHERE state = 'new'")
                    .fetch_one(&mut *tx)
                    .await?;
                if waiting >= limits.max_new {
                    return Ok(Filed::DeskFull);
                }
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO error_reports (article_id, article_version, quote, comment, email, state, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, 'new', $6, $6) RETURNING id",
                )
                .bind(report.article_id)
                .bind(report.article_version)
                .bind(&report.quote)
                .bind(&report.comment)
                .bind(report.email.as_deref())
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Filed::Stored(id))
            }

            async fn error_report(&self, id: i64) -> $crate::StoreResult<Option<$crate::reports::ErrorReport>> {
                let row: Option<$crate::sql::report_rows::ReportRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM {} WHERE r.id = $1",
                    $crate::sql::report_rows::REPORT_COLUMNS,
                    $crate::sql::report_rows::REPORT_FROM
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn error_reports(
                &self,
                query: &$crate::reports::ReportQuery,
            ) -> $crate::StoreResult<Vec<$crate::reports::ErrorReport>> {
                let filter = if query.state.is_some() { "r.state = $3" } else { "CAST($3 AS TEXT) IS NULL" };
                let rows: Vec<$crate::sql::report_rows::ReportRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM {} WHERE {filter} ORDER BY r.created_at DESC, r.id DESC LIMIT $1 OFFSET $2",
                    $crate::sql::report_rows::REPORT_COLUMNS,
                    $crate::sql::report_rows::REPORT_FROM
                ))
                .bind(query.limit.max(0))
                .bind(query.offset.max(0))
                .bind(query.state.map(byline_domain::ReportState::as_str))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn count_error_reports(
                &self,
                state: Option<byline_domain::ReportState>,
            ) -> $crate::StoreResult<i64> {
                let count: i64 = match state {
                    Some(s) => sqlx::query_scalar("SELECT COUNT(*) FROM error_reports WHERE state = $1")
                        .bind(s.as_str())
                        .fetch_one(&self.pool)
                        .await?,
                    None => sqlx::query_scalar("SELECT COUNT(*) FROM error_reports")
                        .fetch_one(&self.pool)
                        .await?,
                };
                Ok(count)
            }

            async fn open_report_count(&self) -> $crate::StoreResult<i64> {
                Ok(sqlx::query_scalar("SELECT COUNT(*) FROM error_reports WHERE state IN ('new', 'accepted')")
                    .fetch_one(&self.pool)
                    .await?)
            }

            async fn report_events(
                &self,
                report_id: i64,
            ) -> $crate::StoreResult<Vec<$crate::reports::ReportEvent>> {
                let rows: Vec<$crate::sql::report_rows::EventRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM error_report_events WHERE report_id = $1 ORDER BY id",
                    $crate::sql::report_rows::EVENT_COLUMNS
                ))
                .bind(report_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            async fn move_report(
                &self,
                report_id: i64,
                mv: &$crate::reports::ReportMove,
            ) -> $crate::StoreResult<$crate::reports::ReportEvent> {
                use byline_domain::article::FieldError;
                if !mv.from.may_become(mv.to) {
                    return Err(FieldError::new("state", format!("a report cannot go from {} to {}", mv.from, mv.to)).into());
                }
                let now = mv.at.timestamp();
                let closed = (!mv.to.is_open()).then_some(now);
                let mut tx = self.write_tx().await?;
                let updated = sqlx::query(
                    "UPDATE error_reports SET state = $2, updated_at = $4, closed_at = $5 WHERE id = $1 AND state = $3",
                )
                .bind(report_id)
                .bind(mv.to.as_str())
                .bind(mv.from.as_str())
                .bind(now)
                .bind(closed)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() == 0 {
                    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM error_reports WHERE id = $1")
                        .bind(report_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    return Err(match exists {
                        None => $crate::StoreError::NotFound,
                        Some(_) => $crate::StoreError::Conflict("this report was triaged by someone else meanwhile; reload it".into()),
                    });
                }
                let row: $crate::sql::report_rows::EventRow = sqlx::query_as(&format!(
                    "INSERT INTO error_report_events (report_id, from_state, to_state, staff_id, staff_name, reply, at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {}",
                    $crate::sql::report_rows::EVENT_COLUMNS
                ))
                .bind(report_id)
                .bind(mv.from.as_str())
                .bind(mv.to.as_str())
                .bind(mv.staff_id)
                .bind(&mv.staff_name)
                .bind(&mv.reply)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                tx.commit().await?;
                row.try_into()
            }

            async fn erase_report_emails(&self, closed_before: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<u64> {
                let done = sqlx::query(
                    "UPDATE error_reports SET email = NULL, email_erased = TRUE \
                     WHERE email IS NOT NULL AND closed_at IS NOT NULL AND closed_at < $1 \
                     AND state IN ('rejected', 'fixed')",
                )
                .bind(closed_before.timestamp())
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected())
            }
        }
    };
}

pub(crate) use impl_report_store;
