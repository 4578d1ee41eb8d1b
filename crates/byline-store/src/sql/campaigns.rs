//! Campaign SQL shared by both backends; PostgreSQL leases deliveries with SKIP LOCKED.

macro_rules! impl_campaign_store {
    ($store:ty, $db:ty, $skip_locked:literal) => {
        #[async_trait::async_trait]
        impl $crate::CampaignStore for $store {
            async fn create_campaign(&self, newsletter: &str, subject: &str, body: &str, created_by: Option<i64>) -> $crate::StoreResult<$crate::Campaign> {
                use byline_domain::article::FieldError;
                let list: Option<i64> = sqlx::query_scalar("SELECT id FROM newsletters WHERE slug = $1").bind(newsletter).fetch_optional(&self.pool).await?;
                let list = list.ok_or_else(|| FieldError::new("list", format!("there is no newsletter `{newsletter}`")))?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO campaigns (newsletter_id, subject, body_markdown, status, created_by, created_at) VALUES ($1, $2, $3, 'draft', $4, $5) RETURNING id",
                )
                .bind(list)
                .bind(subject)
                .bind(body)
                .bind(created_by)
                .bind(chrono::Utc::now().timestamp())
                .fetch_one(&self.pool)
                .await?;
                $crate::CampaignStore::campaign(self, id).await?.ok_or($crate::StoreError::NotFound)
            }

            async fn campaign(&self, id: i64) -> $crate::StoreResult<Option<$crate::Campaign>> {
                let row: Option<$crate::sql::campaign_rows::CampaignRow> = sqlx::query_as(&format!("SELECT {} WHERE c.id = $1", $crate::sql::campaign_rows::CAMPAIGN_FROM))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(Into::into))
            }

            async fn campaigns(&self, limit: i64) -> $crate::StoreResult<Vec<$crate::Campaign>> {
                let rows: Vec<$crate::sql::campaign_rows::CampaignRow> = sqlx::query_as(&format!("SELECT {} ORDER BY c.id DESC LIMIT $1", $crate::sql::campaign_rows::CAMPAIGN_FROM))
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn start_campaign(&self, id: i64, now: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<i64> {
                let mut tx = self.write_tx().await?;
                let list: Option<i64> = sqlx::query_scalar("SELECT newsletter_id FROM campaigns WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?;
                let list = list.ok_or($crate::StoreError::NotFound)?;
                sqlx::query(
                    "INSERT INTO deliveries (campaign_id, subscriber_id, status) \
                     SELECT $1, x.subscriber_id, 'pending' FROM subscriptions x JOIN subscribers s ON s.id = x.subscriber_id \
                     WHERE x.newsletter_id = $2 AND x.status = 'confirmed' AND s.bounced_at IS NULL \
                     ON CONFLICT (campaign_id, subscriber_id) DO NOTHING",
                )
                .bind(id)
                .bind(list)
                .execute(&mut *tx)
                .await?;
                sqlx::query("UPDATE campaigns SET status = 'sending', started_at = COALESCE(started_at, $1) WHERE id = $2 AND status IN ('draft', 'scheduled')")
                    .bind(now.timestamp())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM deliveries WHERE campaign_id = $1").bind(id).fetch_one(&mut *tx).await?;
                tx.commit().await?;
                Ok(n)
            }

            async fn claim_deliveries(
                &self,
                campaign_id: i64,
                limit: i64,
                now: chrono::DateTime<chrono::Utc>,
                lease_until: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Vec<$crate::Recipient>> {
                const DUE: &str = "((status = 'pending' AND next_attempt_at <= $2) OR (status = 'sending' AND locked_until < $2))";
                // The due rows are chosen once, in a materialised CTE: as an IN (subquery),
                // PostgreSQL may run the subquery again per row and claim more than `limit`.
                let sql = format!(
                    "WITH due AS MATERIALIZED (SELECT subscriber_id FROM deliveries WHERE campaign_id = $1 AND {DUE} \
                     ORDER BY subscriber_id LIMIT $4 {}) \
                     UPDATE deliveries SET status = 'sending', locked_until = $3, attempts = attempts + 1 \
                     WHERE campaign_id = $1 AND subscriber_id IN (SELECT subscriber_id FROM due) AND {DUE} RETURNING subscriber_id, attempts",
                    $skip_locked
                );
                let claimed: std::collections::HashMap<i64, i64> = sqlx::query_as(&sql)
                    .bind(campaign_id)
                    .bind(now.timestamp())
                    .bind(lease_until.timestamp())
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await?
                    .into_iter()
                    .collect();
                if claimed.is_empty() {
                    return Ok(Vec::new());
                }
                // One query for the addresses; other runs' rows with the same lease are filtered out.
                let rows: Vec<(i64, String, String)> = sqlx::query_as(
                    "SELECT s.id, s.email, s.unsubscribe_token FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id \
                     WHERE d.campaign_id = $1 AND d.status = 'sending' AND d.locked_until = $2 ORDER BY s.id",
                )
                .bind(campaign_id)
                .bind(lease_until.timestamp())
                .fetch_all(&self.pool)
                .await?;
                let out: Vec<$crate::Recipient> = rows
                    .into_iter()
                    .filter_map(|(subscriber_id, email, unsubscribe_token)| {
                        let attempts = *claimed.get(&subscriber_id)?;
                        Some($crate::Recipient { subscriber_id, email, unsubscribe_token, attempts })
                    })
                    .collect();
                Ok(out)
            }

            async fn finish_delivery(
                &self,
                campaign_id: i64,
                subscriber_id: i64,
                result: &$crate::DeliveryResult,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<()> {
                use $crate::DeliveryResult as R;
                let (status, error, next) = match result {
                    R::Sent => ("sent", "", 0),
                    R::Unconfirmed { error } => ("sent", error.as_str(), 0),
                    R::Retry { error, at } => ("pending", error.as_str(), at.timestamp()),
                    R::Bounced { error } => ("bounced", error.as_str(), 0),
                    R::Failed { error } => ("failed", error.as_str(), 0),
                };
                let mut tx = self.write_tx().await?;
                sqlx::query(
                    "UPDATE deliveries SET status = $1, last_error = $2, next_attempt_at = $3, locked_until = NULL, \
                     sent_at = CASE WHEN $1 = 'sent' THEN $4 ELSE sent_at END WHERE campaign_id = $5 AND subscriber_id = $6",
                )
                .bind(status)
                .bind(error)
                .bind(next)
                .bind(now.timestamp())
                .bind(campaign_id)
                .bind(subscriber_id)
                .execute(&mut *tx)
                .await?;
                if status == "bounced" {
                    sqlx::query("UPDATE subscribers SET bounced_at = $1 WHERE id = $2").bind(now.timestamp()).bind(subscriber_id).execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn mark_handed_over(
                &self,
                campaign_id: i64,
                subscriber_id: i64,
                attempts: i64,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<bool> {
                let done = sqlx::query(
                    "UPDATE deliveries SET status = 'sent', sent_at = $1, last_error = '', locked_until = NULL \
                     WHERE campaign_id = $2 AND subscriber_id = $3 AND status = 'sending' AND attempts = $4",
                )
                .bind(now.timestamp())
                .bind(campaign_id)
                .bind(subscriber_id)
                .bind(attempts)
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() == 1)
            }

            async fn campaign_progress(&self, id: i64) -> $crate::StoreResult<$crate::Progress> {
                let rows: Vec<(String, i64)> = sqlx::query_as("SELECT status, COUNT(*) FROM deliveries WHERE campaign_id = $1 GROUP BY status")
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
                let mut p = $crate::Progress::default();
                for (status, n) in rows {
                    match status.as_str() {
                        "pending" => p.pending = n,
                        "sending" => p.sending = n,
                        "sent" => p.sent = n,
                        "failed" => p.failed = n,
                        "bounced" => p.bounced = n,
                        _ => {}
                    }
                }
                p.unconfirmed = sqlx::query_scalar("SELECT COUNT(*) FROM deliveries WHERE campaign_id = $1 AND status = 'sent' AND last_error <> ''")
                    .bind(id)
                    .fetch_one(&self.pool)
                    .await?;
                Ok(p)
            }

            async fn finish_campaign_if_done(&self, id: i64, now: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<bool> {
                let mut tx = self.write_tx().await?;
                sqlx::query(
                    "UPDATE campaigns SET status = 'sent', finished_at = $1 WHERE id = $2 AND status = 'sending' \
                     AND NOT EXISTS (SELECT 1 FROM deliveries WHERE campaign_id = $2 AND status IN ('pending', 'sending'))",
                )
                .bind(now.timestamp())
                .bind(id)
                .execute(&mut *tx)
                .await?;
                let status: Option<String> = sqlx::query_scalar("SELECT status FROM campaigns WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?;
                if status.as_deref() == Some("sent") {
                    sqlx::query("UPDATE newsletters SET last_sent_at = $1 WHERE id = (SELECT newsletter_id FROM campaigns WHERE id = $2)")
                        .bind(now.timestamp())
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(status.as_deref() == Some("sent"))
            }

            async fn schedule_campaign(&self, id: i64) -> $crate::StoreResult<bool> {
                let done = sqlx::query("UPDATE campaigns SET status = 'scheduled' WHERE id = $1 AND status = 'draft'").bind(id).execute(&self.pool).await?;
                Ok(done.rows_affected() == 1)
            }

            async fn next_retry(&self, id: i64) -> $crate::StoreResult<Option<chrono::DateTime<chrono::Utc>>> {
                let at: Option<i64> = sqlx::query_scalar(
                    "SELECT MIN(CASE WHEN status = 'sending' THEN locked_until ELSE next_attempt_at END) FROM deliveries \
                     WHERE campaign_id = $1 AND status IN ('pending', 'sending')",
                )
                .bind(id)
                .fetch_one(&self.pool)
                .await?;
                Ok(at.map($crate::sql::shared::to_time))
            }
        }
    };
}

pub(crate) use impl_campaign_store;
