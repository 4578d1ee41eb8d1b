//! Corrections and public history SQL shared by both backends (see `sql/mod.rs`), and the
//! steps the article save runs inside its own transaction.

/// Implements [`crate::HistoryStore`] and the in-transaction helpers for a backend.
macro_rules! impl_history_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Records that `version` of the article is public (once; the first time
            /// wins), with the update note it was published with.
            async fn record_published_tx(
                tx: &mut sqlx::Transaction<'_, $db>,
                article_id: i64,
                version: i64,
                update_note: &str,
                now: i64,
            ) -> $crate::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO published_revisions (article_id, version, published_at, update_note) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (article_id, version) DO NOTHING",
                )
                .bind(article_id)
                .bind(version)
                .bind(now)
                .bind(update_note)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// Records that the article's current version is public (publish by status,
            /// a scheduled article's time coming).
            async fn record_current_published_tx(
                tx: &mut sqlx::Transaction<'_, $db>,
                article_id: i64,
            ) -> $crate::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO published_revisions (article_id, version, published_at, update_note) \
                     SELECT id, version, $2, '' FROM articles WHERE id = $1 AND status = 'published' \
                     ON CONFLICT (article_id, version) DO NOTHING",
                )
                .bind(article_id)
                .bind(chrono::Utc::now().timestamp())
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// Appends a correction published with `version`.
            async fn add_correction_tx(
                tx: &mut sqlx::Transaction<'_, $db>,
                article_id: i64,
                version: i64,
                correction: &byline_domain::NewCorrection,
                ctx: &$crate::SaveContext,
                now: i64,
            ) -> $crate::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO article_corrections (article_id, version, kind, body, staff_id, staff_name, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(article_id)
                .bind(version)
                .bind(correction.kind.as_str())
                .bind(correction.text.trim())
                .bind(ctx.staff_id)
                .bind(&ctx.staff_name)
                .bind(now)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::HistoryStore for $store {
            async fn article_corrections(&self, article_id: i64) -> $crate::StoreResult<Vec<byline_domain::Correction>> {
                let sql = format!(
                    "SELECT {} FROM article_corrections c WHERE c.article_id = $1 ORDER BY c.id",
                    $crate::sql::history_rows::CORRECTION_COLUMNS
                );
                let rows: Vec<$crate::sql::history_rows::CorrectionRow> =
                    sqlx::query_as(&sql).bind(article_id).fetch_all(&self.pool).await?;
                Ok(rows.into_iter().map(|r| r.into_correction()).collect())
            }

            async fn corrections(&self, limit: i64, offset: i64) -> $crate::StoreResult<Vec<byline_domain::ListedCorrection>> {
                let sql = format!(
                    "SELECT {}, a.slug, a.headline FROM article_corrections c JOIN articles a ON a.id = c.article_id \
                     WHERE a.status = 'published' AND a.deleted_at IS NULL \
                     ORDER BY c.created_at DESC, c.id DESC LIMIT $1 OFFSET $2",
                    $crate::sql::history_rows::CORRECTION_COLUMNS
                );
                let rows: Vec<$crate::sql::history_rows::ListedCorrectionRow> = sqlx::query_as(&sql)
                    .bind(limit.max(0))
                    .bind(offset.max(0))
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|r| byline_domain::ListedCorrection {
                        correction: r.correction.into_correction(),
                        slug: r.slug,
                        headline: r.headline,
                    })
                    .collect())
            }

            async fn count_corrections(&self) -> $crate::StoreResult<i64> {
                Ok(sqlx::query_scalar(
                    "SELECT COUNT(*) FROM article_corrections c JOIN articles a ON a.id = c.article_id \
                     WHERE a.status = 'published' AND a.deleted_at IS NULL",
                )
                .fetch_one(&self.pool)
                .await?)
            }

            async fn published_revisions(&self, article_id: i64) -> $crate::StoreResult<Vec<byline_domain::PublishedRevision>> {
                let rows: Vec<$crate::sql::history_rows::PublishedRevisionRow> = sqlx::query_as(
                    "SELECT p.version, p.published_at, p.update_note, e.reason, e.staff_name AS excluded_by, \
                     e.created_at AS excluded_at FROM published_revisions p \
                     LEFT JOIN revision_exclusions e ON e.article_id = p.article_id AND e.version = p.version \
                     WHERE p.article_id = $1 ORDER BY p.version",
                )
                .bind(article_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|r| r.into_revision()).collect())
            }

            async fn public_revision_draft(&self, article_id: i64, version: i64) -> $crate::StoreResult<Option<byline_domain::ArticleDraft>> {
                let snapshot: Option<String> = sqlx::query_scalar(
                    "SELECT r.snapshot FROM article_revisions r \
                     JOIN published_revisions p ON p.article_id = r.article_id AND p.version = r.version \
                     WHERE r.article_id = $1 AND r.version = $2 AND NOT EXISTS \
                     (SELECT 1 FROM revision_exclusions e WHERE e.article_id = r.article_id AND e.version = r.version)",
                )
                .bind(article_id)
                .bind(version)
                .fetch_optional(&self.pool)
                .await?;
                Ok(snapshot.and_then(|s| {
                    $crate::snapshot::read(&s)
                        .map_err(|e| tracing::warn!(article_id, version, error = %e, "unreadable revision snapshot"))
                        .ok()
                }))
            }

            async fn exclude_revision(&self, x: &$crate::history::NewExclusion) -> $crate::StoreResult<byline_domain::RevisionExclusion> {
                let mut tx = self.write_tx().await?;
                let article: Option<(String, i64)> = sqlx::query_as("SELECT slug, version FROM articles WHERE id = $1")
                    .bind(x.article_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let (slug, current) = article.ok_or($crate::StoreError::NotFound)?;
                let published: Option<i64> = sqlx::query_scalar(
                    "SELECT version FROM published_revisions WHERE article_id = $1 AND version = $2",
                )
                .bind(x.article_id)
                .bind(x.version)
                .fetch_optional(&mut *tx)
                .await?;
                if published.is_none() {
                    return Err($crate::StoreError::NotFound);
                }
                if x.version == current {
                    return Err($crate::StoreError::Conflict(
                        "the current version cannot be excluded: publish a new revision first".into(),
                    ));
                }
                let now = chrono::Utc::now().timestamp();
                let inserted = sqlx::query(
                    "INSERT INTO revision_exclusions (article_id, version, reason, staff_id, staff_name, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (article_id, version) DO NOTHING",
                )
                .bind(x.article_id)
                .bind(x.version)
                .bind(x.reason.trim())
                .bind(x.staff_id)
                .bind(&x.staff_name)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                if inserted.rows_affected() == 0 {
                    return Err($crate::StoreError::Conflict(format!("version {} is already excluded", x.version)));
                }
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::history::CORRECTIONS).add_kind("article", [slug.as_str()]);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                Ok(byline_domain::RevisionExclusion {
                    version: x.version,
                    reason: x.reason.trim().to_owned(),
                    staff_name: x.staff_name.clone(),
                    created_at: $crate::sql::shared::to_time(now),
                })
            }
        }
    };
}

pub(crate) use impl_history_store;
