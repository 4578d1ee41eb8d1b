//! Newsletter SQL shared by both backends.

macro_rules! impl_newsletter_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::NewsletterStore for $store {
            async fn save_newsletter(
                &self,
                n: &$crate::NewNewsletter,
                mode: $crate::WriteMode,
            ) -> $crate::StoreResult<$crate::Newsletter> {
                use byline_domain::article::FieldError;
                if !n.slug.trim().is_empty() {
                    byline_domain::Slug::parse(n.slug.trim()).map_err(|e| FieldError::new("slug", e.to_string()))?;
                }
                if n.name.trim().is_empty() {
                    return Err(FieldError::new("name", "must not be empty").into());
                }
                let sql = $crate::sql::shared::keyed_write(
                    mode,
                    "INSERT INTO newsletters (slug, name, description, sender_name, sender_address, position, created_at, edition) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 = '' THEN (SELECT code FROM editions WHERE default_slot = 1) ELSE $8 END)",
                    "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, \
                     description = excluded.description, sender_name = excluded.sender_name, \
                     sender_address = excluded.sender_address, position = excluded.position, \
                     edition = CASE WHEN $8 = '' THEN newsletters.edition ELSE $8 END",
                    // $7 (the creation time) is unused by an update but keeps one list of binds.
                    "UPDATE newsletters SET name = $2, description = $3, sender_name = $4, sender_address = $5, \
                     position = $6, edition = CASE WHEN $8 = '' THEN edition ELSE $8 END \
                     WHERE slug = $1 AND CAST($7 AS BIGINT) IS NOT NULL",
                    "RETURNING id",
                );
                let mut tx = self.write_tx().await?;
                let slug = Self::slug_for_tx(&mut tx, &n.slug, &n.name).await?;
                let edition = $crate::sql::editions::given_edition(&mut tx, &n.edition).await?;
                let id: Option<i64> = sqlx::query_scalar(&sql)
                    .bind(slug.as_str())
                    .bind(n.name.trim())
                    .bind(&n.description)
                    .bind(n.sender_name.trim())
                    .bind(n.sender_address.trim())
                    .bind(n.position)
                    .bind(chrono::Utc::now().timestamp())
                    .bind(edition.as_str())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(|e| $crate::sql::shared::taken(e, "newsletter", slug.as_str()))?;
                id.ok_or($crate::StoreError::NotFound)?;
                // Subscribe forms on every page list the newsletters.
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::changes::SITE);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                $crate::NewsletterStore::newsletter(self, slug.as_str()).await?.ok_or($crate::StoreError::NotFound)
            }

            async fn newsletters(&self) -> $crate::StoreResult<Vec<$crate::Newsletter>> {
                let rows: Vec<$crate::sql::newsletter_rows::NewsletterRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM newsletters n ORDER BY n.position, n.name",
                    $crate::sql::newsletter_rows::NEWSLETTER_COLUMNS
                ))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn newsletter(&self, slug: &str) -> $crate::StoreResult<Option<$crate::Newsletter>> {
                let row: Option<$crate::sql::newsletter_rows::NewsletterRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM newsletters n WHERE n.slug = $1",
                    $crate::sql::newsletter_rows::NEWSLETTER_COLUMNS
                ))
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn subscribe_to_lists(
                &self,
                email: &str,
                slugs: &[String],
                source: &str,
                confirm_hash: &str,
                unsubscribe_token: &str,
                expires_at: chrono::DateTime<chrono::Utc>,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Vec<(String, $crate::SubscribeOutcome)>> {
                use byline_domain::article::FieldError;
                let mut tx = self.write_tx().await?;
                let mut lists = Vec::with_capacity(slugs.len());
                for slug in slugs {
                    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM newsletters WHERE slug = $1")
                        .bind(slug)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let id = id.ok_or_else(|| FieldError::new("list", format!("there is no newsletter `{slug}`")))?;
                    if !lists.iter().any(|(i, _)| *i == id) {
                        lists.push((id, slug.clone()));
                    }
                }
                sqlx::query(
                    "INSERT INTO subscribers (email, unsubscribe_token, created_at) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING",
                )
                .bind(email)
                .bind(unsubscribe_token)
                .bind(now.timestamp())
                .execute(&mut *tx)
                .await?;
                let subscriber_id: i64 = sqlx::query_scalar("SELECT id FROM subscribers WHERE email = $1")
                    .bind(email)
                    .fetch_one(&mut *tx)
                    .await?;
                let mut outcomes = Vec::with_capacity(lists.len());
                for (list_id, slug) in lists {
                    let status: Option<String> = sqlx::query_scalar(
                        "SELECT status FROM subscriptions WHERE subscriber_id = $1 AND newsletter_id = $2",
                    )
                    .bind(subscriber_id)
                    .bind(list_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if status.as_deref() == Some("confirmed") {
                        outcomes.push((slug, $crate::SubscribeOutcome::AlreadyConfirmed));
                        continue;
                    }
                    sqlx::query(
                        "INSERT INTO subscriptions (subscriber_id, newsletter_id, status, confirm_hash, confirm_expires_at, created_at, source) \
                         VALUES ($1, $2, 'pending', $3, $4, $5, $6) ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE SET \
                         status = 'pending', confirm_hash = excluded.confirm_hash, confirm_expires_at = excluded.confirm_expires_at, \
                         source = excluded.source, created_at = excluded.created_at",
                    )
                    .bind(subscriber_id)
                    .bind(list_id)
                    .bind(confirm_hash)
                    .bind(expires_at.timestamp())
                    .bind(now.timestamp())
                    .bind(source.chars().take(40).collect::<String>())
                    .execute(&mut *tx)
                    .await?;
                    outcomes.push((slug, $crate::SubscribeOutcome::Pending));
                }
                tx.commit().await?;
                Ok(outcomes)
            }

            async fn confirm_subscription(
                &self,
                confirm_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Option<$crate::Confirmed>> {
                let mut tx = self.write_tx().await?;
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "SELECT s.email, n.slug FROM subscriptions x JOIN subscribers s ON s.id = x.subscriber_id \
                     JOIN newsletters n ON n.id = x.newsletter_id \
                     WHERE x.confirm_hash = $1 AND x.status = 'pending' AND x.confirm_expires_at > $2 ORDER BY n.position",
                )
                .bind(confirm_hash)
                .bind(now.timestamp())
                .fetch_all(&mut *tx)
                .await?;
                let Some(email) = rows.first().map(|r| r.0.clone()) else { return Ok(None) };
                sqlx::query(
                    "UPDATE subscriptions SET status = 'confirmed', confirmed_at = $1, confirm_hash = NULL \
                     WHERE confirm_hash = $2 AND status = 'pending'",
                )
                .bind(now.timestamp())
                .bind(confirm_hash)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Some($crate::Confirmed { email, newsletters: rows.into_iter().map(|r| r.1).collect() }))
            }

            async fn unsubscribe(
                &self,
                unsubscribe_token: &str,
                slug: Option<&str>,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Option<String>> {
                let found: Option<(i64, String)> = sqlx::query_as("SELECT id, email FROM subscribers WHERE unsubscribe_token = $1")
                    .bind(unsubscribe_token)
                    .fetch_optional(&self.pool)
                    .await?;
                let Some((id, email)) = found else { return Ok(None) };
                match slug {
                    Some(slug) => sqlx::query(
                        "UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = $1 WHERE subscriber_id = $2 \
                         AND newsletter_id = (SELECT id FROM newsletters WHERE slug = $3) AND status <> 'unsubscribed'",
                    )
                    .bind(now.timestamp())
                    .bind(id)
                    .bind(slug)
                    .execute(&self.pool)
                    .await?,
                    None => sqlx::query(
                        "UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = $1 WHERE subscriber_id = $2 AND status <> 'unsubscribed'",
                    )
                    .bind(now.timestamp())
                    .bind(id)
                    .execute(&self.pool)
                    .await?,
                };
                Ok(Some(email))
            }

            async fn set_preferences(&self, token: &str, slugs: &[String], now: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<Option<String>> {
                let found: Option<(i64, String)> = sqlx::query_as("SELECT id, email FROM subscribers WHERE unsubscribe_token = $1")
                    .bind(token)
                    .fetch_optional(&self.pool)
                    .await?;
                let Some((id, email)) = found else { return Ok(None) };
                let mut tx = self.write_tx().await?;
                let lists: Vec<(i64, String)> = sqlx::query_as("SELECT id, slug FROM newsletters").fetch_all(&mut *tx).await?;
                for (list_id, slug) in lists {
                    if slugs.contains(&slug) {
                        sqlx::query(
                            "INSERT INTO subscriptions (subscriber_id, newsletter_id, status, source, created_at, confirmed_at) \
                             VALUES ($1, $2, 'confirmed', 'preferences', $3, $3) ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE SET \
                             status = 'confirmed', confirmed_at = CASE WHEN subscriptions.status = 'confirmed' THEN subscriptions.confirmed_at ELSE excluded.confirmed_at END",
                        )
                        .bind(id)
                        .bind(list_id)
                        .bind(now.timestamp())
                        .execute(&mut *tx)
                        .await?;
                    } else {
                        sqlx::query("UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = $1 WHERE subscriber_id = $2 AND newsletter_id = $3 AND status <> 'unsubscribed'")
                            .bind(now.timestamp())
                            .bind(id)
                            .bind(list_id)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                tx.commit().await?;
                Ok(Some(email))
            }

            async fn confirmed_lists(&self, token: &str) -> $crate::StoreResult<Option<(String, Vec<String>)>> {
                let found: Option<(i64, String)> = sqlx::query_as("SELECT id, email FROM subscribers WHERE unsubscribe_token = $1")
                    .bind(token)
                    .fetch_optional(&self.pool)
                    .await?;
                let Some((id, email)) = found else { return Ok(None) };
                let lists: Vec<String> = sqlx::query_scalar(
                    "SELECT n.slug FROM subscriptions x JOIN newsletters n ON n.id = x.newsletter_id WHERE x.subscriber_id = $1 AND x.status = 'confirmed'",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                Ok(Some((email, lists)))
            }

            async fn unsubscribe_token(&self, email: &str) -> $crate::StoreResult<Option<String>> {
                Ok(sqlx::query_scalar("SELECT unsubscribe_token FROM subscribers WHERE email = $1")
                    .bind(email)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn subscribers(&self, search: &str, limit: i64, offset: i64) -> $crate::StoreResult<Vec<$crate::newsletters::SubscriberInfo>> {
                let pattern = format!("%{}%", search.trim().to_lowercase().replace('%', "").replace('_', ""));
                let rows: Vec<(i64, String, i64, Option<i64>)> = sqlx::query_as(
                    "SELECT id, email, created_at, bounced_at FROM subscribers WHERE email LIKE $1 ORDER BY email LIMIT $2 OFFSET $3",
                )
                .bind(&pattern)
                .bind(limit)
                .bind(offset)
                .fetch_all(&self.pool)
                .await?;
                let mut out = Vec::with_capacity(rows.len());
                for (id, email, created_at, bounced_at) in rows {
                    let lists: Vec<(String, String)> = sqlx::query_as(
                        "SELECT n.slug, x.status FROM subscriptions x JOIN newsletters n ON n.id = x.newsletter_id WHERE x.subscriber_id = $1 ORDER BY n.position",
                    )
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
                    out.push($crate::newsletters::SubscriberInfo { email, created_at: $crate::sql::shared::to_time(created_at), bounced: bounced_at.is_some(), lists });
                }
                Ok(out)
            }

            async fn remove_subscriber(&self, email: &str) -> $crate::StoreResult<bool> {
                let mut tx = self.write_tx().await?;
                let id: Option<i64> = sqlx::query_scalar("SELECT id FROM subscribers WHERE email = $1").bind(email).fetch_optional(&mut *tx).await?;
                let Some(id) = id else { return Ok(false) };
                sqlx::query("DELETE FROM deliveries WHERE subscriber_id = $1").bind(id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM subscriptions WHERE subscriber_id = $1").bind(id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM subscribers WHERE id = $1").bind(id).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(true)
            }

            async fn add_confirmed(&self, email: &str, slugs: &[String], unsubscribe_token: &str, now: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<()> {
                let hash = format!("import:{unsubscribe_token}");
                $crate::NewsletterStore::subscribe_to_lists(self, email, slugs, "import", &hash, unsubscribe_token, now + chrono::Duration::days(1), now).await?;
                $crate::NewsletterStore::confirm_subscription(self, &hash, now).await?;
                Ok(())
            }

            async fn add_confirmed_many(
                &self,
                slug: &str,
                subscribers: &[(String, String)],
                source: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<u64> {
                use byline_domain::article::FieldError;
                let mut tx = self.write_tx().await?;
                let list: Option<i64> = sqlx::query_scalar("SELECT id FROM newsletters WHERE slug = $1").bind(slug).fetch_optional(&mut *tx).await?;
                let list = list.ok_or_else(|| FieldError::new("list", format!("there is no newsletter `{slug}`")))?;
                let mut added = 0;
                for (email, token) in subscribers {
                    sqlx::query("INSERT INTO subscribers (email, unsubscribe_token, created_at) VALUES ($1, $2, $3) ON CONFLICT (email) DO NOTHING")
                        .bind(email)
                        .bind(token)
                        .bind(now.timestamp())
                        .execute(&mut *tx)
                        .await?;
                    let done = sqlx::query(
                        "INSERT INTO subscriptions (subscriber_id, newsletter_id, status, source, created_at, confirmed_at) \
                         SELECT id, $1, 'confirmed', $2, $3, $3 FROM subscribers WHERE email = $4 \
                         ON CONFLICT (subscriber_id, newsletter_id) DO UPDATE SET status = 'confirmed', \
                         confirmed_at = COALESCE(subscriptions.confirmed_at, excluded.confirmed_at)",
                    )
                    .bind(list)
                    .bind(source)
                    .bind(now.timestamp())
                    .bind(email)
                    .execute(&mut *tx)
                    .await?;
                    added += done.rows_affected();
                }
                tx.commit().await?;
                Ok(added)
            }

            async fn subscription_status(&self, email: &str, slug: &str) -> $crate::StoreResult<Option<String>> {
                Ok(sqlx::query_scalar(
                    "SELECT x.status FROM subscriptions x JOIN subscribers s ON s.id = x.subscriber_id \
                     JOIN newsletters n ON n.id = x.newsletter_id WHERE s.email = $1 AND n.slug = $2",
                )
                .bind(email)
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?)
            }
        }
    };
}

pub(crate) use impl_newsletter_store;
