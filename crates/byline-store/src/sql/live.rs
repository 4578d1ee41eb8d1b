//! Live coverage SQL shared by both backends: News Feed items, live pages, entries and
//! the banner. Each write is one transaction that also records its change (the tags in
//! `crate::live`), which the live streams and the render cache follow.

macro_rules! impl_live_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Byline ids for slugs, in order; an unknown slug is a field error.
            async fn byline_ids_tx(
                tx: &mut sqlx::Transaction<'_, $db>,
                slugs: &[String],
            ) -> $crate::StoreResult<Vec<i64>> {
                let mut ids = Vec::with_capacity(slugs.len());
                for slug in slugs {
                    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM authors WHERE slug = $1")
                        .bind(slug)
                        .fetch_optional(&mut **tx)
                        .await?;
                    let id = id.ok_or_else(|| byline_domain::article::FieldError::new("authors", format!("unknown author `{slug}`")))?;
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                Ok(ids)
            }

            /// Replaces the bylines of one row of `table` (`feed_item_authors`/`item_id` or
            /// `live_entry_authors`/`entry_id`).
            async fn set_bylines_tx(
                tx: &mut sqlx::Transaction<'_, $db>,
                table: &str,
                key: &str,
                id: i64,
                author_ids: &[i64],
            ) -> $crate::StoreResult<()> {
                sqlx::query(&format!("DELETE FROM {table} WHERE {key} = $1"))
                    .bind(id)
                    .execute(&mut **tx)
                    .await?;
                for (position, author) in author_ids.iter().enumerate() {
                    sqlx::query(&format!("INSERT INTO {table} ({key}, author_id, position) VALUES ($1, $2, $3)"))
                        .bind(id)
                        .bind(*author)
                        .bind(i64::try_from(position).unwrap_or(i64::MAX))
                        .execute(&mut **tx)
                        .await?;
                }
                Ok(())
            }

            /// Bylines of many rows of `table` at once, by row id, in byline order.
            async fn bylines_of(
                &self,
                table: &str,
                key: &str,
                ids: &[i64],
            ) -> $crate::StoreResult<std::collections::HashMap<i64, Vec<byline_domain::Author>>> {
                let mut by_id: std::collections::HashMap<i64, Vec<byline_domain::Author>> = std::collections::HashMap::new();
                if ids.is_empty() {
                    return Ok(by_id);
                }
                let sql = format!(
                    "SELECT x.{key} AS owner, au.id, au.slug, au.name, au.kind, au.bio, au.photo \
                     FROM {table} x JOIN authors au ON au.id = x.author_id \
                     WHERE x.{key} IN ({}) ORDER BY x.{key}, x.position",
                    $crate::sql::shared::placeholders(1, ids.len())
                );
                let mut q = sqlx::query_as::<$db, $crate::sql::live_rows::SignedRow>(&sql);
                for id in ids {
                    q = q.bind(*id);
                }
                for row in q.fetch_all(&self.pool).await? {
                    by_id.entry(row.owner).or_default().push(row.author.into());
                }
                Ok(by_id)
            }

            async fn feed_items_where(
                &self,
                filter: &str,
                binds: &[i64],
                order_by: &str,
            ) -> $crate::StoreResult<Vec<byline_domain::FeedItem>> {
                let sql = format!(
                    "SELECT {} FROM {} WHERE {filter} ORDER BY {order_by}",
                    $crate::sql::live_rows::FEED_ITEM_COLUMNS,
                    $crate::sql::live_rows::FEED_ITEM_FROM
                );
                let mut q = sqlx::query_as::<$db, $crate::sql::live_rows::FeedItemRow>(&sql);
                for b in binds {
                    q = q.bind(*b);
                }
                let rows = q.fetch_all(&self.pool).await?;
                let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
                let mut bylines = self.bylines_of("feed_item_authors", "item_id", &ids).await?;
                Ok(rows
                    .into_iter()
                    .map(|r| {
                        let authors = bylines.remove(&r.id).unwrap_or_default();
                        r.into_item(authors)
                    })
                    .collect())
            }

            async fn live_entries_where(
                &self,
                filter: &str,
                binds: &[i64],
                order_by: &str,
            ) -> $crate::StoreResult<Vec<byline_domain::LiveEntry>> {
                let sql = format!(
                    "SELECT {} FROM live_entries WHERE {filter} ORDER BY {order_by}",
                    $crate::sql::live_rows::LIVE_ENTRY_COLUMNS
                );
                let mut q = sqlx::query_as::<$db, $crate::sql::live_rows::LiveEntryRow>(&sql);
                for b in binds {
                    q = q.bind(*b);
                }
                let rows = q.fetch_all(&self.pool).await?;
                let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
                let mut bylines = self.bylines_of("live_entry_authors", "entry_id", &ids).await?;
                Ok(rows
                    .into_iter()
                    .map(|r| {
                        let authors = bylines.remove(&r.id).unwrap_or_default();
                        r.into_entry(authors)
                    })
                    .collect())
            }

            /// The live page `id` inside a write, refusing an archived one.
            async fn open_live_page_tx(
                tx: &mut sqlx::Transaction<'_, $db>,
                live_id: i64,
            ) -> $crate::StoreResult<()> {
                let status: Option<String> = sqlx::query_scalar("SELECT status FROM live_pages WHERE id = $1")
                    .bind(live_id)
                    .fetch_optional(&mut **tx)
                    .await?;
                match status.as_deref() {
                    None => Err($crate::StoreError::NotFound),
                    Some("live") => Ok(()),
                    Some(_) => Err($crate::StoreError::Conflict("this live page has ended (archived): it takes no new entries or edits".into())),
                }
            }

            /// Keeps `last_entry_at` the time of the page's newest published entry.
            async fn touch_live_page_tx(
                tx: &mut sqlx::Transaction<'_, $db>,
                live_id: i64,
                now: i64,
            ) -> $crate::StoreResult<()> {
                sqlx::query(
                    "UPDATE live_pages SET updated_at = $2, last_entry_at = \
                     (SELECT MAX(published_at) FROM live_entries WHERE live_id = $1 AND published) WHERE id = $1",
                )
                .bind(live_id)
                .bind(now)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            fn stale(what: &str) -> $crate::StoreError {
                $crate::StoreError::Conflict(format!("this {what} was changed by someone else meanwhile; reload it"))
            }
        }

        #[async_trait::async_trait]
        impl $crate::live::LiveStore for $store {
            async fn save_feed_item(
                &self,
                id: Option<i64>,
                item: &byline_domain::NewFeedItem,
                write: &$crate::live::LiveWrite,
            ) -> $crate::StoreResult<byline_domain::FeedItem> {
                use byline_domain::article::FieldError;
                if item.headline.trim().is_empty() {
                    return Err(FieldError::new("headline", "must not be empty").into());
                }
                let now = write.now.timestamp();
                let mut tx = self.write_tx().await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::live::NEWS_FEED).add("home");
                let article: Option<(i64, String)> = if item.article.trim().is_empty() {
                    None
                } else {
                    let found: Option<(i64, String)> = sqlx::query_as(
                        "SELECT id, slug FROM articles WHERE slug = $1 AND deleted_at IS NULL",
                    )
                    .bind(item.article.trim())
                    .fetch_optional(&mut *tx)
                    .await?;
                    Some(found.ok_or_else(|| FieldError::new("article", format!("there is no article `{}`", item.article.trim())))?)
                };
                let author_ids = Self::byline_ids_tx(&mut tx, &item.authors).await?;
                let edition = $crate::sql::editions::given_edition(&mut tx, &item.edition).await?;
                let existing: Option<(i64, bool, i64, Option<String>)> = match id {
                    None => None,
                    Some(id) => {
                        let row: Option<(i64, bool, i64, Option<String>)> = sqlx::query_as(
                            "SELECT f.version, f.published, f.published_at, a.slug FROM feed_items f \
                             LEFT JOIN articles a ON a.id = f.article_id WHERE f.id = $1",
                        )
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                        Some(row.ok_or($crate::StoreError::NotFound)?)
                    }
                };
                if let (Some(expected), Some((version, ..))) = (write.expected_version, &existing) {
                    if expected != *version {
                        return Err(Self::stale("item"));
                    }
                }
                // The time shown: as given; else kept; a draft published now gets now.
                let published_at = match (&item.published_at, &existing) {
                    (Some(at), _) => at.timestamp(),
                    (None, Some((_, was_published, at, _))) if *was_published || !item.published => *at,
                    _ => now,
                };
                // A new item is a bare row first (version 0), then the one UPDATE below
                // fills it, as for an edit (which makes it version 1).
                let row_id: i64 = match id {
                    Some(id) => id,
                    None => sqlx::query_scalar(
                        "INSERT INTO feed_items (headline, published_at, created_at, updated_at, owner_id, version, edition) \
                         VALUES ($1, $2, $2, $2, $3, 0, (SELECT code FROM editions WHERE default_slot = 1)) RETURNING id",
                    )
                    .bind(item.headline.trim())
                    .bind(now)
                    .bind(write.staff_id)
                    .fetch_one(&mut *tx)
                    .await?,
                };
                sqlx::query(
                    "UPDATE feed_items SET headline = $1, body_markdown = $2, article_id = $3, link = $4, \
                     image = $5, image_alt = $6, image_credit = $7, breaking = $8, pinned = $9, \
                     published = $10, published_at = $11, updated_at = $12, version = version + 1, \
                     edition = CASE WHEN $14 = '' THEN edition ELSE $14 END WHERE id = $13",
                )
                .bind(item.headline.trim())
                .bind(item.body.trim())
                .bind(article.as_ref().map(|(id, _)| *id))
                .bind(item.link.trim())
                .bind(item.image.trim())
                .bind(item.image_alt.trim())
                .bind(item.image_credit.trim())
                .bind(item.breaking)
                .bind(item.pinned)
                .bind(item.published)
                .bind(published_at)
                .bind(now)
                .bind(row_id)
                .bind(edition.as_str())
                .execute(&mut *tx)
                .await?;
                // One pinned item per edition: pinning this one unpins its edition's other.
                if item.pinned {
                    const SAME_EDITION: &str = "pinned AND id <> $1 AND edition = (SELECT edition FROM feed_items WHERE id = $1)";
                    let others: Vec<i64> = sqlx::query_scalar(&format!("SELECT id FROM feed_items WHERE {SAME_EDITION}"))
                        .bind(row_id)
                        .fetch_all(&mut *tx)
                        .await?;
                    sqlx::query(&format!("UPDATE feed_items SET pinned = FALSE, version = version + 1 WHERE {SAME_EDITION}"))
                        .bind(row_id)
                        .execute(&mut *tx)
                        .await?;
                    for other in others {
                        tags.add($crate::live::feed_item_tag(other));
                    }
                }
                Self::set_bylines_tx(&mut tx, "feed_item_authors", "item_id", row_id, &author_ids).await?;
                tags.add($crate::live::feed_item_tag(row_id));
                if let Some((_, slug)) = &article {
                    tags.add(format!("article:{slug}"));
                }
                if let Some((_, _, _, Some(old))) = &existing {
                    tags.add(format!("article:{old}"));
                }
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                $crate::live::LiveStore::feed_item(self, row_id).await?.ok_or($crate::StoreError::NotFound)
            }

            async fn feed_item(&self, id: i64) -> $crate::StoreResult<Option<byline_domain::FeedItem>> {
                Ok(self.feed_items_where("f.id = $1", &[id], "f.id").await?.pop())
            }

            async fn feed_items(&self, query: &$crate::live::FeedQuery) -> $crate::StoreResult<Vec<byline_domain::FeedItem>> {
                let (filter, mut binds) = $crate::sql::live::feed_filter(query);
                let n = binds.len();
                binds.push(query.limit.clamp(0, 1000));
                binds.push(query.offset.max(0));
                let order = if query.pinned_first {
                    format!("f.pinned DESC, f.published_at DESC, f.id DESC LIMIT ${} OFFSET ${}", n + 1, n + 2)
                } else {
                    format!("f.published_at DESC, f.id DESC LIMIT ${} OFFSET ${}", n + 1, n + 2)
                };
                self.feed_items_where(&filter, &binds, &order).await
            }

            async fn count_feed_items(&self, query: &$crate::live::FeedQuery) -> $crate::StoreResult<i64> {
                let (filter, binds) = $crate::sql::live::feed_filter(query);
                let sql = format!("SELECT COUNT(*) FROM feed_items f WHERE {filter}");
                let mut q = sqlx::query_scalar::<$db, i64>(&sql);
                for b in &binds {
                    q = q.bind(*b);
                }
                Ok(q.fetch_one(&self.pool).await?)
            }

            async fn delete_feed_item(&self, id: i64) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let found: Option<(i64, Option<String>)> = sqlx::query_as(
                    "SELECT f.id, a.slug FROM feed_items f LEFT JOIN articles a ON a.id = f.article_id WHERE f.id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                let (_, article) = found.ok_or($crate::StoreError::NotFound)?;
                sqlx::query("DELETE FROM feed_items WHERE id = $1").bind(id).execute(&mut *tx).await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::live::NEWS_FEED).add("home").add($crate::live::feed_item_tag(id));
                if let Some(slug) = article {
                    tags.add(format!("article:{slug}"));
                }
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn save_live_page(
                &self,
                id: Option<i64>,
                page: &byline_domain::NewLivePage,
                write: &$crate::live::LiveWrite,
            ) -> $crate::StoreResult<byline_domain::LivePage> {
                use byline_domain::article::FieldError;
                if page.headline.trim().is_empty() {
                    return Err(FieldError::new("headline", "must not be empty").into());
                }
                let now = write.now.timestamp();
                let mut tx = self.write_tx().await?;
                let edition = $crate::sql::editions::given_edition(&mut tx, &page.edition).await?;
                let row_id: i64 = match id {
                    None => {
                        let language = if page.slug.trim().is_empty() { Self::site_language_tx(&mut tx).await? } else { String::new() };
                        let slug = byline_domain::Slug::given_or_derived(&page.slug, &page.headline, &language, "headline")?;
                        sqlx::query_scalar(
                            "INSERT INTO live_pages (slug, headline, summary_markdown, status, started_at, updated_at, owner_id, edition) \
                             VALUES ($1, $2, $3, 'live', $4, $4, $5, CASE WHEN $6 = '' THEN (SELECT code FROM editions WHERE default_slot = 1) ELSE $6 END) RETURNING id",
                        )
                        .bind(slug.as_str())
                        .bind(page.headline.trim())
                        .bind(page.summary.trim())
                        .bind(now)
                        .bind(write.staff_id)
                        .bind(edition.as_str())
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| $crate::sql::shared::taken(e, "live page", slug.as_str()))?
                    }
                    Some(id) => {
                        let found: Option<(i64, String)> = sqlx::query_as("SELECT version, slug FROM live_pages WHERE id = $1")
                            .bind(id)
                            .fetch_optional(&mut *tx)
                            .await?;
                        let (version, stored_slug) = found.ok_or($crate::StoreError::NotFound)?;
                        if write.expected_version.is_some_and(|v| v != version) {
                            return Err(Self::stale("live page"));
                        }
                        // A slug is kept unless one is typed: links to the page stay valid.
                        let slug = if page.slug.trim().is_empty() {
                            stored_slug
                        } else {
                            byline_domain::Slug::parse(page.slug.trim()).map_err(|e| FieldError::new("slug", e.to_string()))?.as_str().to_owned()
                        };
                        sqlx::query_scalar(
                            "UPDATE live_pages SET slug = $1, headline = $2, summary_markdown = $3, updated_at = $4, \
                             version = version + 1, edition = CASE WHEN $6 = '' THEN edition ELSE $6 END WHERE id = $5 RETURNING id",
                        )
                        .bind(&slug)
                        .bind(page.headline.trim())
                        .bind(page.summary.trim())
                        .bind(now)
                        .bind(id)
                        .bind(edition.as_str())
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(|e| $crate::sql::shared::taken(e, "live page", &slug))?
                    }
                };
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::live::live_tag(row_id)).add($crate::live::LIVE_PAGES).add("home");
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                $crate::live::LiveStore::live_page_by_id(self, row_id).await?.ok_or($crate::StoreError::NotFound)
            }

            async fn live_page(&self, slug: &str) -> $crate::StoreResult<Option<byline_domain::LivePage>> {
                let row: Option<$crate::sql::live_rows::LivePageRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM live_pages WHERE slug = $1",
                    $crate::sql::live_rows::LIVE_PAGE_COLUMNS
                ))
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn live_page_by_id(&self, id: i64) -> $crate::StoreResult<Option<byline_domain::LivePage>> {
                let row: Option<$crate::sql::live_rows::LivePageRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM live_pages WHERE id = $1",
                    $crate::sql::live_rows::LIVE_PAGE_COLUMNS
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn live_pages(
                &self,
                status: Option<byline_domain::LiveStatus>,
                editions: Option<&$crate::LanguageFilter>,
                limit: i64,
                offset: i64,
            ) -> $crate::StoreResult<Vec<byline_domain::LivePage>> {
                let edition = editions
                    .and_then(|f| $crate::sql::shared::edition_clause("edition", f))
                    .unwrap_or_else(|| "1 = 1".into());
                let rows: Vec<$crate::sql::live_rows::LivePageRow> = sqlx::query_as(&format!(
                    "SELECT {} FROM live_pages WHERE ($1 = '' OR status = $1) AND {edition} ORDER BY started_at DESC, id DESC LIMIT $2 OFFSET $3",
                    $crate::sql::live_rows::LIVE_PAGE_COLUMNS
                ))
                .bind(status.map_or("", |s| s.as_str()))
                .bind(limit.clamp(0, 1000))
                .bind(offset.max(0))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn set_live_status(
                &self,
                id: i64,
                status: byline_domain::LiveStatus,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<byline_domain::LivePage> {
                let archived_at = (status == byline_domain::LiveStatus::Archived).then_some(now.timestamp());
                let mut tx = self.write_tx().await?;
                let changed: Option<i64> = sqlx::query_scalar(
                    "UPDATE live_pages SET status = $1, archived_at = $2, updated_at = $3, version = version + 1 \
                     WHERE id = $4 RETURNING id",
                )
                .bind(status.as_str())
                .bind(archived_at)
                .bind(now.timestamp())
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                changed.ok_or($crate::StoreError::NotFound)?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::live::live_tag(id)).add($crate::live::LIVE_PAGES).add("home");
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                $crate::live::LiveStore::live_page_by_id(self, id).await?.ok_or($crate::StoreError::NotFound)
            }

            async fn archive_idle_live_pages(
                &self,
                idle_before: chrono::DateTime<chrono::Utc>,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Vec<byline_domain::LivePage>> {
                let mut tx = self.write_tx().await?;
                let ids: Vec<i64> = sqlx::query_scalar(
                    "UPDATE live_pages SET status = 'archived', archived_at = $2, updated_at = $2, version = version + 1 \
                     WHERE status = 'live' AND COALESCE(last_entry_at, started_at) < $1 AND updated_at < $1 RETURNING id",
                )
                .bind(idle_before.timestamp())
                .bind(now.timestamp())
                .fetch_all(&mut *tx)
                .await?;
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::live::LIVE_PAGES).add("home");
                for id in &ids {
                    tags.add($crate::live::live_tag(*id));
                }
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                let mut pages = Vec::with_capacity(ids.len());
                for id in ids {
                    if let Some(page) = $crate::live::LiveStore::live_page_by_id(self, id).await? {
                        pages.push(page);
                    }
                }
                Ok(pages)
            }

            async fn save_live_entry(
                &self,
                live_id: i64,
                id: Option<i64>,
                entry: &byline_domain::NewLiveEntry,
                write: &$crate::live::LiveWrite,
            ) -> $crate::StoreResult<byline_domain::LiveEntry> {
                use byline_domain::article::FieldError;
                if entry.body.trim().is_empty() {
                    return Err(FieldError::new("body", "must not be empty").into());
                }
                let now = write.now.timestamp();
                let mut tx = self.write_tx().await?;
                Self::open_live_page_tx(&mut tx, live_id).await?;
                let author_ids = Self::byline_ids_tx(&mut tx, &entry.authors).await?;
                let existing: Option<(i64, bool, i64)> = match id {
                    None => None,
                    Some(id) => {
                        let row: Option<(i64, bool, i64)> = sqlx::query_as(
                            "SELECT version, published, published_at FROM live_entries WHERE id = $1 AND live_id = $2",
                        )
                        .bind(id)
                        .bind(live_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                        Some(row.ok_or($crate::StoreError::NotFound)?)
                    }
                };
                if let (Some(expected), Some((version, ..))) = (write.expected_version, &existing) {
                    if expected != *version {
                        return Err(Self::stale("entry"));
                    }
                }
                let published_at = match &existing {
                    Some((_, was_published, at)) if *was_published || !entry.published => *at,
                    _ => now,
                };
                // As for feed items: a bare row (version 0), then the one UPDATE.
                let row_id: i64 = match id {
                    Some(id) => id,
                    None => sqlx::query_scalar(
                        "INSERT INTO live_entries (live_id, body_markdown, published_at, created_at, updated_at, owner_id, version) \
                         VALUES ($1, $2, $3, $3, $3, $4, 0) RETURNING id",
                    )
                    .bind(live_id)
                    .bind(entry.body.trim())
                    .bind(now)
                    .bind(write.staff_id)
                    .fetch_one(&mut *tx)
                    .await?,
                };
                sqlx::query(
                    "UPDATE live_entries SET headline = $1, body_markdown = $2, key_event = $3, pinned = $4, \
                     published = $5, published_at = $6, updated_at = $7, version = version + 1 WHERE id = $8",
                )
                .bind(entry.headline.trim())
                .bind(entry.body.trim())
                .bind(entry.key_event)
                .bind(entry.pinned)
                .bind(entry.published)
                .bind(published_at)
                .bind(now)
                .bind(row_id)
                .execute(&mut *tx)
                .await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::live::live_tag(live_id)).add($crate::live::live_entry_tag(live_id, row_id));
                if entry.pinned {
                    let others: Vec<i64> = sqlx::query_scalar("SELECT id FROM live_entries WHERE live_id = $1 AND pinned AND id <> $2")
                        .bind(live_id)
                        .bind(row_id)
                        .fetch_all(&mut *tx)
                        .await?;
                    sqlx::query("UPDATE live_entries SET pinned = FALSE, version = version + 1 WHERE live_id = $1 AND pinned AND id <> $2")
                        .bind(live_id)
                        .bind(row_id)
                        .execute(&mut *tx)
                        .await?;
                    for other in others {
                        tags.add($crate::live::live_entry_tag(live_id, other));
                    }
                }
                Self::set_bylines_tx(&mut tx, "live_entry_authors", "entry_id", row_id, &author_ids).await?;
                Self::touch_live_page_tx(&mut tx, live_id, now).await?;
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                $crate::live::LiveStore::live_entry(self, row_id).await?.ok_or($crate::StoreError::NotFound)
            }

            async fn live_entry(&self, id: i64) -> $crate::StoreResult<Option<byline_domain::LiveEntry>> {
                Ok(self.live_entries_where("id = $1", &[id], "id").await?.pop())
            }

            async fn live_entries(&self, query: &$crate::live::EntryQuery) -> $crate::StoreResult<Vec<byline_domain::LiveEntry>> {
                let (filter, mut binds) = $crate::sql::live::entry_filter(query);
                let n = binds.len();
                binds.push(query.limit.clamp(0, 1000));
                binds.push(query.offset.max(0));
                let direction = if query.oldest_first { "ASC" } else { "DESC" };
                let order = format!("published_at {direction}, id {direction} LIMIT ${} OFFSET ${}", n + 1, n + 2);
                self.live_entries_where(&filter, &binds, &order).await
            }

            async fn count_live_entries(&self, query: &$crate::live::EntryQuery) -> $crate::StoreResult<i64> {
                let (filter, binds) = $crate::sql::live::entry_filter(query);
                let sql = format!("SELECT COUNT(*) FROM live_entries WHERE {filter}");
                let mut q = sqlx::query_scalar::<$db, i64>(&sql);
                for b in &binds {
                    q = q.bind(*b);
                }
                Ok(q.fetch_one(&self.pool).await?)
            }

            async fn delete_live_entry(&self, id: i64) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let live_id: Option<i64> = sqlx::query_scalar("SELECT live_id FROM live_entries WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let live_id = live_id.ok_or($crate::StoreError::NotFound)?;
                Self::open_live_page_tx(&mut tx, live_id).await?;
                sqlx::query("DELETE FROM live_entries WHERE id = $1").bind(id).execute(&mut *tx).await?;
                Self::touch_live_page_tx(&mut tx, live_id, chrono::Utc::now().timestamp()).await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::live::live_tag(live_id)).add($crate::live::live_entry_tag(live_id, id));
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn banner(&self) -> $crate::StoreResult<Option<byline_domain::Banner>> {
                let row: Option<$crate::sql::live_rows::BannerRow> = sqlx::query_as(
                    "SELECT id, text, link, style, starts_at, ends_at FROM banners WHERE cleared_at IS NULL ORDER BY id DESC LIMIT 1",
                )
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn set_banner(
                &self,
                banner: Option<&byline_domain::NewBanner>,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Option<byline_domain::Banner>> {
                use byline_domain::article::FieldError;
                if let Some(b) = banner {
                    if b.text.trim().is_empty() {
                        return Err(FieldError::new("text", "must not be empty").into());
                    }
                }
                let mut tx = self.write_tx().await?;
                sqlx::query("UPDATE banners SET cleared_at = $1 WHERE cleared_at IS NULL")
                    .bind(now.timestamp())
                    .execute(&mut *tx)
                    .await?;
                if let Some(b) = banner {
                    sqlx::query(
                        "INSERT INTO banners (text, link, style, starts_at, ends_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(b.text.trim())
                    .bind(b.link.trim())
                    .bind(b.style.as_str())
                    .bind(b.starts_at.unwrap_or(now).timestamp())
                    .bind(b.ends_at.map(|t| t.timestamp()))
                    .bind(now.timestamp())
                    .execute(&mut *tx)
                    .await?;
                }
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::changes::SITE).add($crate::live::BANNER);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                $crate::live::LiveStore::banner(self).await
            }

            async fn touch(&self, tags: &[String]) -> $crate::StoreResult<$crate::ContentChange> {
                let mut tx = self.write_tx().await?;
                let mut set = $crate::changes::TagSet::default();
                for tag in tags {
                    set.add(tag.clone());
                }
                let change = Self::record_change(&mut tx, &set).await?;
                self.commit_change(tx, change.clone()).await?;
                Ok(change)
            }
        }
    };
}

/// The WHERE clause of a feed query and its (integer) binds.
pub(crate) fn feed_filter(query: &crate::live::FeedQuery) -> (String, Vec<i64>) {
    let mut parts = vec!["1 = 1".to_owned()];
    let mut binds = Vec::new();
    if query.published_only {
        parts.push("f.published".into());
    }
    if let Some(article) = query.article_id {
        binds.push(article);
        parts.push(format!("f.article_id = ${}", binds.len()));
    }
    if let Some(owner) = query.owner_id {
        binds.push(owner);
        parts.push(format!("f.owner_id = ${}", binds.len()));
    }
    if let Some(clause) = query
        .editions
        .as_ref()
        .and_then(|f| crate::sql::shared::edition_clause("f.edition", f))
    {
        parts.push(clause);
    }
    (parts.join(" AND "), binds)
}

/// The WHERE clause of an entry query and its (integer) binds.
pub(crate) fn entry_filter(query: &crate::live::EntryQuery) -> (String, Vec<i64>) {
    let mut parts = vec!["live_id = $1".to_owned()];
    if query.published_only {
        parts.push("published".into());
    }
    if query.key_events_only {
        parts.push("key_event".into());
    }
    (parts.join(" AND "), vec![query.live_id])
}

pub(crate) use impl_live_store;
