//! Content storage SQL shared by both backends (see `sql/mod.rs`).

/// Implements [`crate::ContentStore`] for a store type with `pool` and `changes` fields.
macro_rules! impl_content_store {
    ($store:ty, $db:ty, $backend:literal) => {
        impl $store {
            /// Appends a change to the log inside `tx`, returning its id.
            async fn record_change(
                tx: &mut sqlx::Transaction<'_, $db>,
                tags: &$crate::changes::TagSet,
            ) -> $crate::StoreResult<$crate::ContentChange> {
                let encoded = tags.encode();
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO content_changes (tags, created_at) VALUES ($1, $2) RETURNING id",
                )
                .bind(&encoded)
                .bind(chrono::Utc::now().timestamp())
                .fetch_one(&mut **tx)
                .await?;
                if let Some(notify) = Self::NOTIFY_CHANGE {
                    // Delivered to listeners when (and only if) the transaction commits.
                    sqlx::query(notify).bind(id.to_string()).execute(&mut **tx).await?;
                }
                Ok($crate::changes::decode(id, &encoded))
            }

            /// Commits `tx` and tells local subscribers about the change.
            async fn commit_change(
                &self,
                tx: sqlx::Transaction<'_, $db>,
                change: $crate::ContentChange,
            ) -> $crate::StoreResult<()> {
                tx.commit().await?;
                // Nobody listening (CLI, tests) is fine: other nodes read the log.
                let _ = self.changes.send(change);
                Ok(())
            }

            /// Cache tags an article's current section, tags and bylines stand for.
            async fn article_dependencies(
                tx: &mut sqlx::Transaction<'_, $db>,
                article_id: i64,
                tags: &mut $crate::changes::TagSet,
            ) -> $crate::StoreResult<()> {
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "SELECT 'section', s.slug FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = $1 \
                     UNION ALL SELECT 'tag', t.slug FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = $1 \
                     UNION ALL SELECT 'author', au.slug FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE aa.article_id = $1",
                )
                .bind(article_id)
                .fetch_all(&mut **tx)
                .await?;
                for (kind, slug) in rows {
                    tags.add(format!("{kind}:{slug}"));
                }
                Ok(())
            }

            /// Attaches bylines and tags to article rows, keeping their order.
            async fn summaries(
                &self,
                rows: Vec<$crate::sql::content_rows::ArticleRow>,
            ) -> $crate::StoreResult<Vec<byline_domain::ArticleSummary>> {
                use std::collections::HashMap;
                if rows.is_empty() {
                    return Ok(Vec::new());
                }
                let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
                let list = $crate::sql::shared::placeholders(1, ids.len());
                let sql = format!(
                    "SELECT aa.article_id, au.id, au.slug, au.name, au.kind, au.bio, au.photo \
                     FROM article_authors aa JOIN authors au ON au.id = aa.author_id \
                     WHERE aa.article_id IN ({list}) ORDER BY aa.article_id, aa.position"
                );
                let mut q = sqlx::query_as::<$db, $crate::sql::content_rows::BylineRow>(&sql);
                for id in &ids {
                    q = q.bind(*id);
                }
                let mut authors: HashMap<i64, Vec<byline_domain::Author>> = HashMap::new();
                for row in q.fetch_all(&self.pool).await? {
                    authors.entry(row.article_id).or_default().push(row.author.into());
                }
                let sql = format!(
                    "SELECT at.article_id, t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id \
                     WHERE at.article_id IN ({list}) ORDER BY at.article_id, t.name"
                );
                let mut q = sqlx::query_as::<$db, $crate::sql::content_rows::ArticleTagRow>(&sql);
                for id in &ids {
                    q = q.bind(*id);
                }
                let mut tags: HashMap<i64, Vec<byline_domain::Tag>> = HashMap::new();
                for row in q.fetch_all(&self.pool).await? {
                    tags.entry(row.article_id)
                        .or_default()
                        .push(byline_domain::Tag { slug: row.slug, name: row.name });
                }
                rows.into_iter()
                    .map(|r| {
                        let id = r.id;
                        r.into_summary(authors.remove(&id).unwrap_or_default(), tags.remove(&id).unwrap_or_default())
                    })
                    .collect()
            }

            /// Articles matching a WHERE clause built by `content_rows::*_filter`, with their bylines and tags.
            async fn list_where(
                &self,
                filter: &str,
                binds: Vec<$crate::sql::content_rows::Bind>,
                order_by: &str,
                limit: i64,
                offset: i64,
            ) -> $crate::StoreResult<Vec<byline_domain::ArticleSummary>> {
                let n = binds.len();
                let sql = format!(
                    "SELECT {} FROM articles a JOIN sections s ON s.id = a.section_id WHERE {filter} \
                     ORDER BY {order_by} LIMIT ${} OFFSET ${}",
                    $crate::sql::content_rows::ARTICLE_COLUMNS,
                    n + 1,
                    n + 2
                );
                let mut q = sqlx::query_as::<$db, $crate::sql::content_rows::ArticleRow>(&sql);
                for b in binds {
                    q = match b {
                        $crate::sql::content_rows::Bind::Int(v) => q.bind(v),
                        $crate::sql::content_rows::Bind::Text(v) => q.bind(v),
                    };
                }
                let rows = q.bind(limit.max(0)).bind(offset.max(0)).fetch_all(&self.pool).await?;
                self.summaries(rows).await
            }

            async fn count_where(&self, filter: &str, binds: Vec<$crate::sql::content_rows::Bind>) -> $crate::StoreResult<i64> {
                let sql = format!("SELECT COUNT(*) FROM articles a JOIN sections s ON s.id = a.section_id WHERE {filter}");
                let mut q = sqlx::query_scalar::<$db, i64>(&sql);
                for b in binds {
                    q = match b {
                        $crate::sql::content_rows::Bind::Int(v) => q.bind(v),
                        $crate::sql::content_rows::Bind::Text(v) => q.bind(v),
                    };
                }
                Ok(q.fetch_one(&self.pool).await?)
            }

            /// The outlet's language, by which names and tags without a typed slug are
            /// romanised (empty when no settings are saved yet).
            async fn site_language_tx(tx: &mut sqlx::Transaction<'_, $db>) -> $crate::StoreResult<String> {
                let data: Option<String> = sqlx::query_scalar("SELECT data FROM site_settings WHERE id = 1")
                    .fetch_optional(&mut **tx)
                    .await?;
                Ok(data
                    .and_then(|json| serde_json::from_str::<serde_json::Value>(&json).ok())
                    .and_then(|v| v.get("language")?.as_str().map(str::to_owned))
                    .unwrap_or_default())
            }

            /// A typed slug as it is (it must be valid), else one derived from `name` in
            /// the outlet's language.
            async fn slug_for_tx(
                tx: &mut sqlx::Transaction<'_, $db>,
                typed: &str,
                name: &str,
            ) -> $crate::StoreResult<byline_domain::Slug> {
                let language = if typed.trim().is_empty() { Self::site_language_tx(tx).await? } else { String::new() };
                Ok(byline_domain::Slug::given_or_derived(typed, name, &language, "name")?)
            }

            async fn section_tx(
                tx: &mut sqlx::Transaction<'_, $db>,
                slug: &str,
            ) -> $crate::StoreResult<Option<i64>> {
                Ok(sqlx::query_scalar("SELECT id FROM sections WHERE slug = $1")
                    .bind(slug)
                    .fetch_optional(&mut **tx)
                    .await?)
            }
        }

        #[async_trait::async_trait]
        impl $crate::ContentStore for $store {
            fn backend(&self) -> &'static str {
                $backend
            }

            async fn migrate(&self) -> $crate::StoreResult<()> {
                Self::migrator().run(&self.pool).await?;
                Ok(())
            }

            async fn ready(&self) -> $crate::StoreResult<()> {
                let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
                    .fetch_one(&self.pool)
                    .await?;
                let known = i64::try_from(Self::migrator().iter().count()).unwrap_or(i64::MAX);
                if applied < known {
                    return Err($crate::StoreError::Unavailable(format!(
                        "{applied} of {known} migrations applied"
                    )));
                }
                Ok(())
            }

            fn pool_stats(&self) -> $crate::PoolStats {
                $crate::PoolStats { open: self.pool.size(), idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX) }
            }

            async fn is_empty(&self) -> $crate::StoreResult<bool> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT (SELECT COUNT(*) FROM sections) + (SELECT COUNT(*) FROM articles)",
                )
                .fetch_one(&self.pool)
                .await?;
                Ok(n == 0)
            }

            async fn settings(&self) -> $crate::StoreResult<byline_domain::SiteSettings> {
                let data: Option<String> = sqlx::query_scalar("SELECT data FROM site_settings WHERE id = 1")
                    .fetch_optional(&self.pool)
                    .await?;
                match data {
                    None => Ok(byline_domain::SiteSettings::default()),
                    Some(json) => serde_json::from_str(&json)
                        .map_err(|e| $crate::StoreError::Corrupt(format!("site settings: {e}"))),
                }
            }

            async fn save_settings(&self, settings: &byline_domain::SiteSettings) -> $crate::StoreResult<()> {
                if settings.time_zone.parse::<chrono_tz::Tz>().is_err() {
                    return Err(byline_domain::article::FieldError::new(
                        "time_zone",
                        format!("`{}` is not an IANA time zone", settings.time_zone),
                    )
                    .into());
                }
                let json = serde_json::to_string(settings)
                    .map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                let mut tx = self.write_tx().await?;
                sqlx::query(
                    "INSERT INTO site_settings (id, data) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET data = excluded.data",
                )
                .bind(json)
                .execute(&mut *tx)
                .await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::changes::SITE);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn save_section(
                &self,
                s: &byline_domain::NewSection,
                mode: $crate::WriteMode,
            ) -> $crate::StoreResult<byline_domain::Section> {
                if !s.slug.trim().is_empty() {
                    byline_domain::Slug::parse(s.slug.trim())
                        .map_err(|e| byline_domain::article::FieldError::new("slug", e.to_string()))?;
                }
                if s.name.trim().is_empty() {
                    return Err(byline_domain::article::FieldError::new("name", "must not be empty").into());
                }
                let sql = $crate::sql::shared::keyed_write(
                    mode,
                    "INSERT INTO sections (slug, name, description, position) VALUES ($1, $2, $3, $4)",
                    "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, description = excluded.description, position = excluded.position",
                    "UPDATE sections SET name = $2, description = $3, position = $4 WHERE slug = $1",
                    "RETURNING id, slug, name, description, position, edition",
                );
                let mut tx = self.write_tx().await?;
                let slug = Self::slug_for_tx(&mut tx, &s.slug, &s.name).await?;
                let row: Option<$crate::sql::content_rows::SectionRow> = sqlx::query_as(&sql)
                    .bind(slug.as_str())
                    .bind(s.name.trim())
                    .bind(&s.description)
                    .bind(s.position)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(|e| $crate::sql::shared::taken(e, "section", slug.as_str()))?;
                let row = row.ok_or($crate::StoreError::NotFound)?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::changes::SITE).add_kind("section", [slug.as_str()]);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                Ok(row.into())
            }

            async fn sections(&self) -> $crate::StoreResult<Vec<byline_domain::Section>> {
                let rows: Vec<$crate::sql::content_rows::SectionRow> = sqlx::query_as(
                    "SELECT id, slug, name, description, position, edition FROM sections ORDER BY position, name",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn section(&self, slug: &str) -> $crate::StoreResult<Option<byline_domain::Section>> {
                let row: Option<$crate::sql::content_rows::SectionRow> = sqlx::query_as(
                    "SELECT id, slug, name, description, position, edition FROM sections WHERE slug = $1",
                )
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn save_author(
                &self,
                a: &byline_domain::NewAuthor,
                mode: $crate::WriteMode,
            ) -> $crate::StoreResult<byline_domain::Author> {
                use byline_domain::article::FieldError;
                if !a.slug.trim().is_empty() {
                    byline_domain::Slug::parse(a.slug.trim()).map_err(|e| FieldError::new("slug", e.to_string()))?;
                }
                let kind = byline_domain::AuthorKind::parse(&a.kind)
                    .ok_or_else(|| FieldError::new("kind", format!("`{}` is not person or desk", a.kind)))?;
                if a.name.trim().is_empty() {
                    return Err(FieldError::new("name", "must not be empty").into());
                }
                let sql = $crate::sql::shared::keyed_write(
                    mode,
                    "INSERT INTO authors (slug, name, kind, bio, photo) VALUES ($1, $2, $3, $4, $5)",
                    "ON CONFLICT (slug) DO UPDATE SET name = excluded.name, kind = excluded.kind, bio = excluded.bio, photo = excluded.photo",
                    "UPDATE authors SET name = $2, kind = $3, bio = $4, photo = $5 WHERE slug = $1",
                    "RETURNING id, slug, name, kind, bio, photo",
                );
                let mut tx = self.write_tx().await?;
                let slug = Self::slug_for_tx(&mut tx, &a.slug, &a.name).await?;
                let photo = Some(a.photo.trim()).filter(|p| !p.is_empty());
                let row: Option<$crate::sql::content_rows::AuthorRow> = sqlx::query_as(&sql)
                    .bind(slug.as_str())
                    .bind(a.name.trim())
                    .bind(kind.as_str())
                    .bind(&a.bio)
                    .bind(photo)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(|e| $crate::sql::shared::taken(e, "byline", slug.as_str()))?;
                let row = row.ok_or($crate::StoreError::NotFound)?;
                // A byline's name shows on every card and feed that carries it.
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::changes::SITE).add_kind("author", [slug.as_str()]);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                Ok(row.into())
            }

            async fn authors(&self) -> $crate::StoreResult<Vec<byline_domain::Author>> {
                let rows: Vec<$crate::sql::content_rows::AuthorRow> =
                    sqlx::query_as("SELECT id, slug, name, kind, bio, photo FROM authors ORDER BY name")
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn author(&self, slug: &str) -> $crate::StoreResult<Option<byline_domain::Author>> {
                let row: Option<$crate::sql::content_rows::AuthorRow> =
                    sqlx::query_as("SELECT id, slug, name, kind, bio, photo FROM authors WHERE slug = $1")
                        .bind(slug)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(Into::into))
            }

            async fn tag(&self, slug: &str) -> $crate::StoreResult<Option<byline_domain::Tag>> {
                let row: Option<$crate::sql::content_rows::TagRow> = sqlx::query_as(
                    "SELECT t.slug, t.name FROM tags t WHERE t.slug = $1 AND EXISTS (SELECT 1 FROM article_tags at \
                     JOIN articles a ON a.id = at.article_id WHERE at.tag_id = t.id AND a.status = 'published' AND a.deleted_at IS NULL)",
                )
                    .bind(slug)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map(Into::into))
            }

            async fn save_page(
                &self,
                p: &byline_domain::NewPage,
                mode: $crate::WriteMode,
            ) -> $crate::StoreResult<byline_domain::Page> {
                use byline_domain::article::FieldError;
                byline_domain::Slug::parse(&p.slug).map_err(|e| FieldError::new("slug", e.to_string()))?;
                if p.title.trim().is_empty() {
                    return Err(FieldError::new("title", "must not be empty").into());
                }
                let sql = $crate::sql::shared::keyed_write(
                    mode,
                    "INSERT INTO pages (slug, title, body_markdown, updated_at) VALUES ($1, $2, $3, $4)",
                    "ON CONFLICT (slug) DO UPDATE SET title = excluded.title, body_markdown = excluded.body_markdown, updated_at = excluded.updated_at",
                    "UPDATE pages SET title = $2, body_markdown = $3, updated_at = $4 WHERE slug = $1",
                    "RETURNING slug, title, body_markdown, updated_at",
                );
                let mut tx = self.write_tx().await?;
                let row: Option<$crate::sql::content_rows::PageRow> = sqlx::query_as(&sql)
                    .bind(&p.slug)
                    .bind(p.title.trim())
                    .bind(&p.body)
                    .bind(chrono::Utc::now().timestamp())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(|e| $crate::sql::shared::taken(e, "page", &p.slug))?;
                let row = row.ok_or($crate::StoreError::NotFound)?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add("sitemap").add_kind("page", [p.slug.as_str()]);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                Ok(row.into())
            }

            async fn pages(&self) -> $crate::StoreResult<Vec<byline_domain::Page>> {
                let rows: Vec<$crate::sql::content_rows::PageRow> =
                    sqlx::query_as("SELECT slug, title, body_markdown, updated_at FROM pages ORDER BY slug")
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn page(&self, slug: &str) -> $crate::StoreResult<Option<byline_domain::Page>> {
                let row: Option<$crate::sql::content_rows::PageRow> = sqlx::query_as(
                    "SELECT slug, title, body_markdown, updated_at FROM pages WHERE slug = $1",
                )
                .bind(slug)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn put_media(&self, file: &byline_domain::MediaFile) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query(
                    "INSERT INTO media (name, content_type, bytes, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (name) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes",
                )
                .bind(&file.name)
                .bind(&file.content_type)
                .bind(&file.bytes)
                .bind(chrono::Utc::now().timestamp())
                .execute(&mut *tx)
                .await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add_kind("media", [file.name.as_str()]);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn media(&self, name: &str) -> $crate::StoreResult<Option<byline_domain::MediaFile>> {
                let row: Option<$crate::sql::content_rows::MediaRow> =
                    sqlx::query_as("SELECT name, content_type, bytes FROM media WHERE name = $1")
                        .bind(name)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|r| byline_domain::MediaFile { name: r.name, content_type: r.content_type, bytes: r.bytes }))
            }

            async fn save_article_as(
                &self,
                d: &byline_domain::ArticleDraft,
                ctx: &$crate::SaveContext,
            ) -> $crate::StoreResult<byline_domain::Article> {
                use byline_domain::article::FieldError;
                d.validate()?;
                let slug = d.slug.as_str();
                let mut tx = self.write_tx().await?;
                let current: Option<(i64, i64)> = sqlx::query_as("SELECT id, version FROM articles WHERE slug = $1")
                    .bind(slug)
                    .fetch_optional(&mut *tx)
                    .await?;
                if ctx.create && current.is_some() {
                    return Err($crate::StoreError::Conflict(format!("the slug `{slug}` is already used by another article")));
                }
                if let (Some((_, stored)), Some(expected)) = (current, ctx.expected_version) {
                    if stored != expected {
                        return Err($crate::StoreError::Conflict(format!(
                            "this article was saved by someone else since you opened it (version {stored}, yours was {expected})"
                        )));
                    }
                }
                let version = current.map_or(1, |(_, v)| v + 1);
                let section_id = Self::section_tx(&mut tx, &d.section)
                    .await?
                    .ok_or_else(|| FieldError::new("section", format!("unknown section `{}`", d.section)))?;
                let mut author_ids = Vec::with_capacity(d.authors.len());
                for author in &d.authors {
                    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM authors WHERE slug = $1")
                        .bind(author)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let id = id.ok_or_else(|| FieldError::new("authors", format!("unknown author `{author}`")))?;
                    if !author_ids.contains(&id) {
                        author_ids.push(id);
                    }
                }
                if let Some(hero) = &d.hero {
                    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM media WHERE name = $1")
                        .bind(&hero.src)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if found.is_none() {
                        return Err(FieldError::new("hero_image", format!("no media file named `{}`", hero.src)).into());
                    }
                }
                for target in byline_domain::markdown::read_also_targets(&d.body_markdown) {
                    if target == slug {
                        return Err(FieldError::new("body", "a \"Read also\" link points at the article itself").into());
                    }
                    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM articles WHERE slug = $1")
                        .bind(&target)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if found.is_none() {
                        return Err(FieldError::new(
                            "body",
                            format!("\"Read also\" target `{target}` does not exist"),
                        )
                        .into());
                    }
                }

                let mut tags = $crate::changes::TagSet::default();
                tags.add("home").add("feeds").add("sitemap").add_kind("article", [slug]);
                let existing: Option<i64> = current.map(|(id, _)| id);
                if let Some(id) = existing {
                    Self::article_dependencies(&mut tx, id, &mut tags).await?;
                }

                let now = chrono::Utc::now().timestamp();
                let published_at = d.published_at.map(|t| t.timestamp());
                let updated_at = d.updated_at.map(|t| t.timestamp()).unwrap_or_else(|| {
                    if existing.is_some() { now } else { published_at.unwrap_or(now) }
                });
                let minutes = i64::from(byline_domain::reading_time::reading_minutes(
                    &byline_domain::markdown::plain_text(&d.body_markdown),
                ));
                let hero = d.hero.as_ref();
                // A create is a plain INSERT: the unique slug decides a race inside this
                // transaction, and the loser gets a conflict instead of someone else's row.
                let insert = "INSERT INTO articles (slug, headline, standfirst, body_markdown, section_id, status, published_at, \
                     updated_at, created_at, dateline, language, hero_src, hero_alt, hero_caption, hero_credit, \
                     editors_pick, reading_minutes, version, owner_id) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)";
                let sql = if ctx.create {
                    format!("{insert} RETURNING id")
                } else {
                    format!("{insert} ON CONFLICT (slug) DO UPDATE SET headline = excluded.headline, standfirst = excluded.standfirst, \
                         body_markdown = excluded.body_markdown, section_id = excluded.section_id, status = excluded.status, \
                         published_at = excluded.published_at, updated_at = excluded.updated_at, dateline = excluded.dateline, \
                         language = excluded.language, hero_src = excluded.hero_src, hero_alt = excluded.hero_alt, \
                         hero_caption = excluded.hero_caption, hero_credit = excluded.hero_credit, \
                         editors_pick = excluded.editors_pick, reading_minutes = excluded.reading_minutes, \
                         version = excluded.version \
                         WHERE articles.version = $20 \
                         RETURNING id")
                };
                let mut q = sqlx::query_scalar::<$db, i64>(&sql)
                .bind(slug)
                .bind(&d.headline)
                .bind(&d.standfirst)
                .bind(&d.body_markdown)
                .bind(section_id)
                .bind(d.status.as_str())
                .bind(published_at)
                .bind(updated_at)
                .bind(now)
                .bind(&d.dateline)
                .bind(&d.language)
                .bind(hero.map(|h| h.src.clone()))
                .bind(hero.map(|h| h.alt.clone()).unwrap_or_default())
                .bind(hero.map(|h| h.caption.clone()).unwrap_or_default())
                .bind(hero.map(|h| h.credit.clone()).unwrap_or_default())
                .bind(d.editors_pick)
                .bind(minutes)
                .bind(version)
                .bind(ctx.staff_id);
                if !ctx.create {
                    q = q.bind(current.map_or(0, |(_, v)| v));
                }
                let id: Option<i64> =
                    q.fetch_optional(&mut *tx).await.map_err(|e| $crate::sql::shared::taken(e, "article", slug))?;
                // No row: another save committed between our read and our write.
                let id = id.ok_or_else(|| {
                    $crate::StoreError::Conflict("this article was saved by someone else at the same moment".into())
                })?;
                if ctx.correction.is_some() && (d.status != byline_domain::ArticleStatus::Published || existing.is_none()) {
                    return Err(FieldError::new("correction", "a correction is added when saving a published article").into());
                }
                let note_before: String = sqlx::query_scalar("SELECT update_note FROM articles WHERE id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                if let Some(note) = &ctx.update_note {
                    sqlx::query("UPDATE articles SET update_note = $1, update_note_at = $2 WHERE id = $3")
                        .bind(note.trim())
                        .bind((!note.trim().is_empty()).then_some(now))
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                }
                let snapshot = $crate::snapshot::write(d).map_err(|e| $crate::StoreError::Corrupt(e.to_string()))?;
                sqlx::query(
                    "INSERT INTO article_revisions (article_id, version, snapshot, staff_id, author_name, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(id)
                .bind(version)
                .bind(snapshot)
                .bind(ctx.staff_id)
                .bind(&ctx.staff_name)
                .bind(now)
                .execute(&mut *tx)
                .await?;

                if d.status == byline_domain::ArticleStatus::Published {
                    // The note this revision was published with: a new one, or none.
                    let note = ctx.update_note.as_deref().map(str::trim).filter(|n| *n != note_before.trim()).unwrap_or("");
                    Self::record_published_tx(&mut tx, id, version, note, now).await?;
                }
                if let Some(correction) = &ctx.correction {
                    Self::add_correction_tx(&mut tx, id, version, correction, ctx, now).await?;
                }
                // The corrections page shows the article's headline, and only while it is
                // published: any save of a corrected article may change what it lists.
                let corrected: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM article_corrections WHERE article_id = $1")
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                if corrected > 0 {
                    tags.add($crate::history::CORRECTIONS);
                }
                sqlx::query("DELETE FROM article_authors WHERE article_id = $1").bind(id).execute(&mut *tx).await?;
                for (position, author_id) in author_ids.iter().enumerate() {
                    sqlx::query("INSERT INTO article_authors (article_id, author_id, position) VALUES ($1, $2, $3)")
                        .bind(id)
                        .bind(*author_id)
                        .bind(i64::try_from(position).unwrap_or(i64::MAX))
                        .execute(&mut *tx)
                        .await?;
                }
                sqlx::query("DELETE FROM article_tags WHERE article_id = $1").bind(id).execute(&mut *tx).await?;
                let mut seen = std::collections::HashSet::new();
                // Tags are shared by articles in every language: romanised by the outlet's.
                let language = Self::site_language_tx(&mut tx).await?;
                for name in &d.tags {
                    let Some(tag_slug) = byline_domain::Slug::from_title_in(name, &language) else { continue };
                    if !seen.insert(tag_slug.clone()) {
                        continue;
                    }
                    let tag_id: i64 = sqlx::query_scalar(
                        "INSERT INTO tags (slug, name) VALUES ($1, $2) \
                         ON CONFLICT (slug) DO UPDATE SET name = tags.name RETURNING id",
                    )
                    .bind(tag_slug.as_str())
                    .bind(name.trim())
                    .fetch_one(&mut *tx)
                    .await?;
                    sqlx::query("INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2)")
                        .bind(id)
                        .bind(tag_id)
                        .execute(&mut *tx)
                        .await?;
                }
                Self::article_dependencies(&mut tx, id, &mut tags).await?;
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                self.article(slug).await?.ok_or($crate::StoreError::NotFound)
            }

            async fn set_article_status(
                &self,
                slug: &str,
                status: byline_domain::ArticleStatus,
            ) -> $crate::StoreResult<byline_domain::Article> {
                let mut tx = self.write_tx().await?;
                let id: Option<i64> = sqlx::query_scalar(
                    "UPDATE articles SET status = $1, published_at = CASE WHEN $1 = 'published' \
                     THEN COALESCE(published_at, $2) ELSE published_at END WHERE slug = $3 RETURNING id",
                )
                .bind(status.as_str())
                .bind(chrono::Utc::now().timestamp())
                .bind(slug)
                .fetch_optional(&mut *tx)
                .await?;
                let id = id.ok_or($crate::StoreError::NotFound)?;
                Self::record_current_published_tx(&mut tx, id).await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add("home").add("feeds").add("sitemap").add_kind("article", [slug]);
                if status != byline_domain::ArticleStatus::Published {
                    // Its corrections leave the corrections page with it.
                    tags.add($crate::history::CORRECTIONS);
                }
                Self::article_dependencies(&mut tx, id, &mut tags).await?;
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                self.article(slug).await?.ok_or($crate::StoreError::NotFound)
            }

            async fn article(&self, slug: &str) -> $crate::StoreResult<Option<byline_domain::Article>> {
                let sql = format!(
                    "SELECT {} FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.slug = $1",
                    $crate::sql::content_rows::ARTICLE_COLUMNS
                );
                let row: Option<$crate::sql::content_rows::ArticleRow> =
                    sqlx::query_as(&sql).bind(slug).fetch_optional(&self.pool).await?;
                let Some(row) = row else { return Ok(None) };
                let body: String = sqlx::query_scalar("SELECT body_markdown FROM articles WHERE id = $1")
                    .bind(row.id)
                    .fetch_one(&self.pool)
                    .await?;
                let summary = self.summaries(vec![row]).await?.pop().ok_or($crate::StoreError::NotFound)?;
                Ok(Some(byline_domain::Article { summary, body_markdown: body }))
            }

            async fn articles_for_index(
                &self,
                after_id: i64,
                limit: i64,
            ) -> $crate::StoreResult<Vec<byline_domain::Article>> {
                let summaries = self
                    .list_where(
                        "a.deleted_at IS NULL AND a.id > $1",
                        vec![$crate::sql::content_rows::Bind::Int(after_id)],
                        "a.id ASC",
                        limit,
                        0,
                    )
                    .await?;
                let (Some(first), Some(last)) = (summaries.first(), summaries.last()) else {
                    return Ok(Vec::new());
                };
                let bodies: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT id, body_markdown FROM articles WHERE id >= $1 AND id <= $2",
                )
                .bind(first.id)
                .bind(last.id)
                .fetch_all(&self.pool)
                .await?;
                let mut bodies: std::collections::HashMap<i64, String> = bodies.into_iter().collect();
                Ok(summaries
                    .into_iter()
                    .map(|summary| byline_domain::Article {
                        body_markdown: bodies.remove(&summary.id).unwrap_or_default(),
                        summary,
                    })
                    .collect())
            }

            async fn list_articles(
                &self,
                query: &$crate::ArticleQuery,
            ) -> $crate::StoreResult<Vec<byline_domain::ArticleSummary>> {
                let (filter, binds) = $crate::sql::content_rows::article_filter(query);
                self.list_where(&filter, binds, "a.published_at DESC, a.id DESC", query.limit, query.offset).await
            }

            async fn count_articles(&self, query: &$crate::ArticleQuery) -> $crate::StoreResult<i64> {
                let (filter, binds) = $crate::sql::content_rows::article_filter(query);
                self.count_where(&filter, binds).await
            }

            async fn article_locations(
                &self,
                limit: i64,
                offset: i64,
            ) -> $crate::StoreResult<Vec<(String, chrono::DateTime<chrono::Utc>)>> {
                let rows: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT a.slug, a.updated_at FROM articles a WHERE a.status = 'published' AND a.deleted_at IS NULL \
                     ORDER BY a.published_at DESC, a.id DESC LIMIT $1 OFFSET $2",
                )
                .bind(limit.max(0))
                .bind(offset.max(0))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(slug, at)| (slug, $crate::sql::shared::to_time(at))).collect())
            }

            async fn edition_locations(
                &self,
                languages: &$crate::LanguageFilter,
                limit: i64,
                offset: i64,
            ) -> $crate::StoreResult<Vec<(i64, String, chrono::DateTime<chrono::Utc>)>> {
                let clause = $crate::sql::shared::edition_clause("a.language", languages)
                    .unwrap_or_else(|| "1 = 1".into());
                let sql = format!(
                    "SELECT a.id, a.slug, a.updated_at FROM articles a WHERE a.status = 'published' AND a.deleted_at IS NULL \
                     AND {clause} ORDER BY a.published_at DESC, a.id DESC LIMIT $1 OFFSET $2"
                );
                let rows: Vec<(i64, String, i64)> = sqlx::query_as(&sql)
                    .bind(limit.max(0))
                    .bind(offset.max(0))
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, slug, at)| (id, slug, $crate::sql::shared::to_time(at)))
                    .collect())
            }

            async fn related_choices(
                &self,
                article_id: i64,
            ) -> $crate::StoreResult<Vec<(i64, String, bool)>> {
                let rows: Vec<(i64, String, String)> = sqlx::query_as(
                    "SELECT c.related_id, a.slug, c.kind FROM related_choices c \
                     JOIN articles a ON a.id = c.related_id WHERE c.article_id = $1 \
                     ORDER BY c.kind DESC, c.position, c.related_id",
                )
                .bind(article_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(id, slug, kind)| (id, slug, kind == "pin")).collect())
            }

            async fn set_related_choices(
                &self,
                article_id: i64,
                pinned: &[i64],
                excluded: &[i64],
            ) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let slug: Option<String> = sqlx::query_scalar("SELECT slug FROM articles WHERE id = $1")
                    .bind(article_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let slug = slug.ok_or($crate::StoreError::NotFound)?;
                sqlx::query("DELETE FROM related_choices WHERE article_id = $1")
                    .bind(article_id)
                    .execute(&mut *tx)
                    .await?;
                let rows = pinned
                    .iter()
                    .map(|id| (*id, "pin"))
                    .chain(excluded.iter().map(|id| (*id, "exclude")));
                for (position, (related, kind)) in rows.enumerate() {
                    sqlx::query(
                        "INSERT INTO related_choices (article_id, related_id, kind, position) \
                         VALUES ($1, $2, $3, $4) ON CONFLICT (article_id, related_id) DO NOTHING",
                    )
                    .bind(article_id)
                    .bind(related)
                    .bind(kind)
                    .bind(i64::try_from(position).unwrap_or(i64::MAX))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| match &e {
                        sqlx::Error::Database(d) if d.is_foreign_key_violation() => $crate::StoreError::NotFound,
                        _ => e.into(),
                    })?;
                }
                let mut tags = $crate::changes::TagSet::default();
                tags.add_kind("article", [slug.as_str()]);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn related_articles(
                &self,
                article_id: i64,
                limit: i64,
            ) -> $crate::StoreResult<Vec<byline_domain::ArticleSummary>> {
                // Bounded by indexes, not by the archive: the newest published articles
                // of each of the article's tags (at most RELATED_TAGS tags, RELATED_PER_TAG
                // each), ranked by how many tags they share, then the newest of its section.
                const RELATED_TAGS: i64 = 20;
                const RELATED_PER_TAG: usize = 50;
                let tag_ids: Vec<i64> = sqlx::query_scalar(
                    "SELECT tag_id FROM article_tags WHERE article_id = $1 ORDER BY tag_id LIMIT $2",
                )
                .bind(article_id)
                .bind(RELATED_TAGS)
                .fetch_all(&self.pool)
                .await?;
                let mut ranked: Vec<(i64, i64)> = Vec::new();
                if !tag_ids.is_empty() {
                    let per_tag: Vec<String> = (0..tag_ids.len())
                        .map(|i| {
                            format!(
                                "SELECT id FROM (SELECT t.article_id AS id FROM article_tags t \
                                 JOIN articles a ON a.id = t.article_id \
                                 WHERE t.tag_id = ${} AND t.article_id <> $1 AND a.status = 'published' \
                                 AND a.deleted_at IS NULL ORDER BY t.article_id DESC LIMIT {RELATED_PER_TAG}) p{i}",
                                i + 3
                            )
                        })
                        .collect();
                    let sql = format!(
                        "SELECT id, COUNT(*) AS shared FROM ({}) c WHERE id <> $1 GROUP BY id \
                         ORDER BY shared DESC, id DESC LIMIT $2",
                        per_tag.join(" UNION ALL ")
                    );
                    let mut q = sqlx::query_as::<$db, (i64, i64)>(&sql).bind(article_id).bind(limit);
                    for t in &tag_ids {
                        q = q.bind(*t);
                    }
                    ranked = q.fetch_all(&self.pool).await?;
                }
                let wanted = usize::try_from(limit).unwrap_or(0);
                if ranked.len() < wanted {
                    let same_section: Vec<i64> = sqlx::query_scalar(
                        "SELECT a.id FROM articles a WHERE a.section_id = (SELECT section_id FROM articles WHERE id = $1) \
                         AND a.status = 'published' AND a.deleted_at IS NULL AND a.id <> $1 \
                         ORDER BY a.published_at DESC LIMIT $2",
                    )
                    .bind(article_id)
                    .bind(limit + i64::try_from(ranked.len()).unwrap_or(0))
                    .fetch_all(&self.pool)
                    .await?;
                    for id in same_section {
                        if ranked.len() >= wanted {
                            break;
                        }
                        if !ranked.iter().any(|(r, _)| *r == id) {
                            ranked.push((id, 0));
                        }
                    }
                }
                if ranked.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT {} FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id IN ({})",
                    $crate::sql::content_rows::ARTICLE_COLUMNS,
                    $crate::sql::shared::placeholders(1, ranked.len())
                );
                let mut q = sqlx::query_as::<$db, $crate::sql::content_rows::ArticleRow>(&sql);
                for (id, _) in &ranked {
                    q = q.bind(*id);
                }
                let mut rows = q.fetch_all(&self.pool).await?;
                // Most shared tags first, then the newest.
                let shared = |id: i64| ranked.iter().find(|(r, _)| *r == id).map_or(0, |(_, n)| *n);
                rows.sort_by(|x, y| shared(y.id).cmp(&shared(x.id)).then(y.published_at.cmp(&x.published_at)));
                self.summaries(rows).await
            }

            async fn headlines(&self, slugs: &[String]) -> $crate::StoreResult<Vec<(String, String)>> {
                if slugs.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT slug, headline FROM articles WHERE status = 'published' AND deleted_at IS NULL AND slug IN ({})",
                    $crate::sql::shared::placeholders(1, slugs.len())
                );
                let mut q = sqlx::query_as::<$db, (String, String)>(&sql);
                for s in slugs {
                    q = q.bind(s);
                }
                Ok(q.fetch_all(&self.pool).await?)
            }

            async fn article_by_id(&self, id: i64) -> $crate::StoreResult<Option<byline_domain::Article>> {
                let slug: Option<String> = sqlx::query_scalar("SELECT slug FROM articles WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                match slug {
                    Some(slug) => self.article(&slug).await,
                    None => Ok(None),
                }
            }

            async fn summaries_by_ids(&self, ids: &[i64]) -> $crate::StoreResult<Vec<byline_domain::ArticleSummary>> {
                let ids = &ids[..ids.len().min(200)];
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                // Integers only: the list is written into the statement.
                let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
                self.list_where(&format!("a.id IN ({list})"), Vec::new(), "a.id", 200, 0).await
            }

            async fn desk_articles(&self, q: &$crate::DeskQuery) -> $crate::StoreResult<Vec<byline_domain::ArticleSummary>> {
                let (filter, binds) = $crate::sql::content_rows::desk_filter(q);
                self.list_where(&filter, binds, "a.updated_at DESC, a.id DESC", q.limit, q.offset).await
            }

            async fn count_desk_articles(&self, q: &$crate::DeskQuery) -> $crate::StoreResult<i64> {
                let (filter, binds) = $crate::sql::content_rows::desk_filter(q);
                self.count_where(&filter, binds).await
            }

            async fn set_article_deleted(&self, slug: &str, deleted: bool) -> $crate::StoreResult<byline_domain::Article> {
                if deleted {
                    let now = chrono::Utc::now().timestamp();
                    self.update_article(slug, "UPDATE articles SET deleted_at = $2 WHERE id = $1", Some(now)).await
                } else {
                    self.update_article(slug, "UPDATE articles SET deleted_at = NULL WHERE id = $1", None).await
                }
            }

            async fn set_curation(&self, slug: &str, editors_pick: bool, home_position: Option<i64>) -> $crate::StoreResult<byline_domain::Article> {
                let sql = match (editors_pick, home_position.is_some()) {
                    (true, true) => "UPDATE articles SET editors_pick = TRUE, home_position = $2 WHERE id = $1",
                    (false, true) => "UPDATE articles SET editors_pick = FALSE, home_position = $2 WHERE id = $1",
                    (true, false) => "UPDATE articles SET editors_pick = TRUE, home_position = NULL WHERE id = $1",
                    (false, false) => "UPDATE articles SET editors_pick = FALSE, home_position = NULL WHERE id = $1",
                };
                self.update_article(slug, sql, home_position).await
            }

            async fn publish_if_scheduled(&self, slug: &str, now: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<bool> {
                self.publish_if_scheduled_sql(slug, now).await
            }

            async fn revisions(&self, article_id: i64) -> $crate::StoreResult<Vec<$crate::Revision>> {
                self.revisions_sql(article_id).await
            }

            async fn put_media_item(&self, media: &$crate::NewMedia) -> $crate::StoreResult<()> {
                self.put_media_item_sql(media).await
            }

            async fn media_library(&self, limit: i64, offset: i64) -> $crate::StoreResult<Vec<$crate::MediaInfo>> {
                self.media_query_sql("variant_of IS NULL AND content_type LIKE 'image/%'", None, limit, offset).await
            }

            async fn media_info(&self, name: &str) -> $crate::StoreResult<Option<$crate::MediaInfo>> {
                Ok(self.media_query_sql("name = $1", Some(name), 1, 0).await?.pop())
            }

            async fn media_variants_for(&self, names: &[String]) -> $crate::StoreResult<Vec<$crate::MediaInfo>> {
                self.media_variants_for_sql(names).await
            }

            async fn media_variants(&self, name: &str) -> $crate::StoreResult<Vec<$crate::MediaInfo>> {
                self.media_query_sql("variant_of = $1", Some(name), 100, 0).await
            }

            async fn changes_since(&self, after_id: i64) -> $crate::StoreResult<Vec<$crate::ContentChange>> {
                let rows: Vec<$crate::sql::content_rows::ChangeRow> =
                    sqlx::query_as("SELECT id, tags FROM content_changes WHERE id > $1 ORDER BY id LIMIT 1000")
                        .bind(after_id)
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows.into_iter().map(|r| $crate::changes::decode(r.id, &r.tags)).collect())
            }

            async fn latest_change_id(&self) -> $crate::StoreResult<i64> {
                let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM content_changes")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(id.unwrap_or(0))
            }

            fn subscribe(&self) -> tokio::sync::broadcast::Receiver<$crate::ContentChange> {
                self.changes.subscribe()
            }

            fn change_signal(&self) -> Option<std::sync::Arc<tokio::sync::Notify>> {
                self.change_signal_impl()
            }
        }
    };
}

pub(crate) use impl_content_store;
