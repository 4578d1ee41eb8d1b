//! Desk-side content SQL (listing any status, the bin, curation, scheduling, revisions,
//! the media library), as inherent methods the `ContentStore` impl delegates to.

macro_rules! impl_content_desk {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn article_id_by_slug(&self, slug: &str) -> $crate::StoreResult<i64> {
                let id: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE slug = $1")
                    .bind(slug)
                    .fetch_optional(&self.pool)
                    .await?;
                id.ok_or($crate::StoreError::NotFound)
            }

            /// Runs `update` (with `$1` = the article id) and logs the article's cache tags.
            async fn update_article(&self, slug: &str, update: &str, extra: Option<i64>) -> $crate::StoreResult<byline_domain::Article> {
                let id = self.article_id_by_slug(slug).await?;
                let mut tx = self.write_tx().await?;
                let mut q = sqlx::query(update).bind(id);
                if let Some(v) = extra {
                    q = q.bind(v);
                }
                q.execute(&mut *tx).await?;
                let mut tags = $crate::changes::TagSet::default();
                // Binning or restoring takes its corrections off the corrections page or back.
                tags.add($crate::history::CORRECTIONS);
                tags.add("home").add("feeds").add("sitemap").add_kind("article", [slug]);
                Self::article_dependencies(&mut tx, id, &mut tags).await?;
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                $crate::ContentStore::article(self, slug).await?.ok_or($crate::StoreError::NotFound)
            }

            async fn publish_if_scheduled_sql(&self, slug: &str, now: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<bool> {
                let mut tx = self.write_tx().await?;
                let id: Option<i64> = sqlx::query_scalar(
                    "UPDATE articles SET status = 'published' WHERE slug = $1 AND status = 'scheduled' \
                     AND deleted_at IS NULL AND published_at <= $2 RETURNING id",
                )
                .bind(slug)
                .bind(now.timestamp())
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else { return Ok(false) };
                Self::record_current_published_tx(&mut tx, id).await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add("home").add("feeds").add("sitemap").add_kind("article", [slug]);
                Self::article_dependencies(&mut tx, id, &mut tags).await?;
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                Ok(true)
            }

            async fn revisions_sql(&self, article_id: i64) -> $crate::StoreResult<Vec<$crate::Revision>> {
                let rows: Vec<$crate::sql::content_desk_rows::RevisionRow> = sqlx::query_as(
                    "SELECT version, snapshot, author_name, created_at FROM article_revisions \
                     WHERE article_id = $1 ORDER BY version DESC",
                )
                .bind(article_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|r| {
                        let draft = $crate::snapshot::read(&r.snapshot)
                            .map_err(|e| {
                                tracing::warn!(article_id, version = r.version, error = %e, "unreadable revision snapshot");
                            })
                            .ok();
                        $crate::Revision {
                            version: r.version,
                            draft,
                            staff_name: r.author_name,
                            created_at: $crate::sql::shared::to_time(r.created_at),
                        }
                    })
                    .collect())
            }

            async fn put_media_item_sql(&self, m: &$crate::NewMedia) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query(
                    "INSERT INTO media (name, content_type, bytes, created_at, alt, caption, credit, width, height, variant_of) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                     ON CONFLICT (name) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, \
                     alt = excluded.alt, caption = excluded.caption, credit = excluded.credit, width = excluded.width, \
                     height = excluded.height, variant_of = excluded.variant_of",
                )
                .bind(&m.file.name)
                .bind(&m.file.content_type)
                .bind(&m.file.bytes)
                .bind(chrono::Utc::now().timestamp())
                .bind(&m.alt)
                .bind(&m.caption)
                .bind(&m.credit)
                .bind(m.width)
                .bind(m.height)
                .bind(&m.variant_of)
                .execute(&mut *tx)
                .await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add_kind("media", [m.file.name.as_str()]);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn media_variants_for_sql(&self, names: &[String]) -> $crate::StoreResult<Vec<$crate::MediaInfo>> {
                if names.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT {} FROM media WHERE variant_of IN ({}) ORDER BY width",
                    $crate::sql::content_desk_rows::MEDIA_INFO_COLUMNS,
                    $crate::sql::shared::placeholders(1, names.len())
                );
                let mut q = sqlx::query_as::<$db, $crate::MediaInfo>(&sql);
                for n in names {
                    q = q.bind(n);
                }
                Ok(q.fetch_all(&self.pool).await?)
            }

            async fn media_query_sql(&self, filter: &str, bind: Option<&str>, limit: i64, offset: i64) -> $crate::StoreResult<Vec<$crate::MediaInfo>> {
                let sql = format!(
                    "SELECT {} FROM media WHERE {filter} ORDER BY created_at DESC, id DESC LIMIT {} OFFSET {}",
                    $crate::sql::content_desk_rows::MEDIA_INFO_COLUMNS,
                    limit.max(0),
                    offset.max(0)
                );
                let mut q = sqlx::query_as::<$db, $crate::MediaInfo>(&sql);
                if let Some(b) = bind {
                    q = q.bind(b.to_owned());
                }
                Ok(q.fetch_all(&self.pool).await?)
            }
        }
    };
}

pub(crate) use impl_content_desk;
