//! Editions SQL shared by both backends (see `crate::editions`).

macro_rules! impl_edition_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::editions::EditionStore for $store {
            async fn editions(&self) -> $crate::StoreResult<Vec<byline_domain::Edition>> {
                let rows: Vec<$crate::sql::editions::EditionRow> = sqlx::query_as(
                    "SELECT code, name, path_prefix, time_zone, position, default_slot \
                     FROM editions ORDER BY position, code",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn save_edition(&self, e: &byline_domain::Edition) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let existing: Option<(Option<i64>,)> =
                    sqlx::query_as("SELECT default_slot FROM editions WHERE code = $1")
                        .bind(&e.code)
                        .fetch_optional(&mut *tx)
                        .await?;
                let was_default = existing.as_ref().map(|(slot,)| slot.is_some());
                if was_default.unwrap_or(false) != e.is_default {
                    return Err($crate::StoreError::Conflict(
                        "the default edition is set when the site is set up".into(),
                    ));
                }
                let result = sqlx::query(
                    "INSERT INTO editions (code, name, path_prefix, time_zone, position, default_slot) \
                     VALUES ($1, $2, $3, $4, $5, NULL) \
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, \
                     path_prefix = excluded.path_prefix, time_zone = excluded.time_zone, \
                     position = excluded.position",
                )
                .bind(&e.code)
                .bind(&e.name)
                .bind(if e.is_default { "" } else { e.path_prefix.as_str() })
                .bind(&e.time_zone)
                .bind(e.position)
                .execute(&mut *tx)
                .await;
                if let Err(err) = result {
                    return Err(match &err {
                        sqlx::Error::Database(d) if d.is_unique_violation() => {
                            $crate::StoreError::Conflict(format!(
                                "the prefix `{}` is used by another edition",
                                e.path_prefix
                            ))
                        }
                        _ => err.into(),
                    });
                }
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::changes::SITE);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn set_content_edition(
                &self,
                kind: $crate::editions::EditionedContent,
                id: i64,
                code: &str,
            ) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                $crate::sql::editions::require_edition(&mut tx, code).await?;
                let sql = format!(
                    "UPDATE {} SET edition = $1 WHERE id = $2",
                    kind.table()
                );
                let updated = sqlx::query(&sql)
                    .bind(code)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                if updated == 0 {
                    return Err($crate::StoreError::NotFound);
                }
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::changes::SITE);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn content_edition(
                &self,
                kind: $crate::editions::EditionedContent,
                id: i64,
            ) -> $crate::StoreResult<String> {
                let sql = format!("SELECT edition FROM {} WHERE id = $1", kind.table());
                let row: Option<(String,)> = sqlx::query_as(&sql)
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|(code,)| code).ok_or($crate::StoreError::NotFound)
            }

            async fn set_article_edition(&self, article_id: i64, code: &str) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                $crate::sql::editions::require_edition(&mut tx, code).await?;
                let row: Option<(String, Option<i64>)> = sqlx::query_as(
                    "SELECT slug, translation_group FROM articles WHERE id = $1",
                )
                .bind(article_id)
                .fetch_optional(&mut *tx)
                .await?;
                let (slug, group) = row.ok_or($crate::StoreError::NotFound)?;
                if let Some(group) = group {
                    let clash: Option<(i64,)> = sqlx::query_as(
                        "SELECT id FROM articles WHERE translation_group = $1 AND language = $2 \
                         AND id <> $3 AND deleted_at IS NULL",
                    )
                    .bind(group)
                    .bind(code)
                    .bind(article_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if clash.is_some() {
                        return Err($crate::StoreError::Conflict(format!(
                            "the article's translation group already has a `{code}` article"
                        )));
                    }
                }
                sqlx::query("UPDATE articles SET language = $1 WHERE id = $2")
                    .bind(code)
                    .bind(article_id)
                    .execute(&mut *tx)
                    .await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::changes::SITE);
                tags.add(format!("article:{slug}"));
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn link_translation(&self, article_id: i64, source_id: i64) -> $crate::StoreResult<()> {
                if article_id == source_id {
                    return Err($crate::StoreError::Conflict(
                        "an article is not its own translation".into(),
                    ));
                }
                let mut tx = self.write_tx().await?;
                let source: Option<(String, Option<i64>)> = sqlx::query_as(
                    "SELECT language, translation_group FROM articles WHERE id = $1",
                )
                .bind(source_id)
                .fetch_optional(&mut *tx)
                .await?;
                let (_, source_group) = source.ok_or($crate::StoreError::NotFound)?;
                let article: Option<(String,)> =
                    sqlx::query_as("SELECT language FROM articles WHERE id = $1")
                        .bind(article_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let (language,) = article.ok_or($crate::StoreError::NotFound)?;
                let group = source_group.unwrap_or(source_id);
                let clash: Option<(i64,)> = sqlx::query_as(
                    "SELECT id FROM articles WHERE (translation_group = $1 OR id = $1) \
                     AND language = $2 AND id <> $3 AND deleted_at IS NULL",
                )
                .bind(group)
                .bind(&language)
                .bind(article_id)
                .fetch_optional(&mut *tx)
                .await?;
                if clash.is_some() {
                    return Err($crate::StoreError::Conflict(format!(
                        "the translation group already has a `{language}` article"
                    )));
                }
                sqlx::query("UPDATE articles SET translation_group = $1 WHERE id = $2 OR id = $3")
                    .bind(group)
                    .bind(source_id)
                    .bind(article_id)
                    .execute(&mut *tx)
                    .await?;
                let tags = $crate::sql::editions::group_tags(&mut tx, group).await?;
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn unlink_translation(&self, article_id: i64) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let row: Option<(Option<i64>,)> =
                    sqlx::query_as("SELECT translation_group FROM articles WHERE id = $1")
                        .bind(article_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let (group,) = row.ok_or($crate::StoreError::NotFound)?;
                let Some(group) = group else { return Ok(()) };
                let tags = $crate::sql::editions::group_tags(&mut tx, group).await?;
                sqlx::query("UPDATE articles SET translation_group = NULL WHERE id = $1")
                    .bind(article_id)
                    .execute(&mut *tx)
                    .await?;
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn translations(
                &self,
                article_id: i64,
            ) -> $crate::StoreResult<Vec<$crate::editions::Translation>> {
                let rows: Vec<$crate::sql::editions::TranslationRow> = sqlx::query_as(
                    "SELECT a.id, a.slug, a.headline, a.language, a.status, a.updated_at, a.translation_group \
                     FROM articles a JOIN articles me ON me.id = $1 \
                     WHERE me.translation_group IS NOT NULL \
                     AND a.translation_group = me.translation_group \
                     AND a.id <> me.id AND a.deleted_at IS NULL ORDER BY a.language, a.id",
                )
                .bind(article_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().filter_map(Into::into).collect())
            }

            async fn published_translations(
                &self,
                article_ids: &[i64],
            ) -> $crate::StoreResult<Vec<(i64, $crate::editions::Translation)>> {
                let mut out = Vec::new();
                for ids in article_ids.chunks(500) {
                    let placeholders: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
                    let sql = format!(
                        "SELECT me.id AS of_id, a.id, a.slug, a.headline, a.language, a.status, a.updated_at, a.translation_group \
                         FROM articles me JOIN articles a ON a.translation_group = me.translation_group \
                         WHERE me.id IN ({}) AND me.translation_group IS NOT NULL AND a.id <> me.id \
                         AND a.deleted_at IS NULL AND a.status = 'published' ORDER BY me.id, a.language, a.id",
                        placeholders.join(", ")
                    );
                    let mut q = sqlx::query_as::<$db, $crate::sql::editions::TranslationOfRow>(&sql);
                    for id in ids {
                        q = q.bind(*id);
                    }
                    for row in q.fetch_all(&self.pool).await? {
                        let of = row.of_id;
                        if let Some(t) = Option::<$crate::editions::Translation>::from(row.row) {
                            out.push((of, t));
                        }
                    }
                }
                Ok(out)
            }
        }
    };
}

pub(crate) use impl_edition_store;

/// NotFound unless an edition has this code.
pub(crate) async fn require_edition<'c, DB: sqlx::Database>(
    tx: &mut sqlx::Transaction<'c, DB>,
    code: &str,
) -> crate::StoreResult<()>
where
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'e> &'e mut <DB as sqlx::Database>::Connection: sqlx::Executor<'e, Database = DB>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: for<'r> sqlx::Decode<'r, DB> + sqlx::Type<DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    let row: Option<(String,)> = sqlx::query_as("SELECT code FROM editions WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|_| ()).ok_or(crate::StoreError::NotFound)
}

/// The `article:` tags of every article in a group (their `hreflang` links change).
pub(crate) async fn group_tags<'c, DB: sqlx::Database>(
    tx: &mut sqlx::Transaction<'c, DB>,
    group: i64,
) -> crate::StoreResult<crate::changes::TagSet>
where
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'e> &'e mut <DB as sqlx::Database>::Connection: sqlx::Executor<'e, Database = DB>,
    for<'q> i64: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: for<'r> sqlx::Decode<'r, DB> + sqlx::Type<DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    let slugs: Vec<(String,)> =
        sqlx::query_as("SELECT slug FROM articles WHERE translation_group = $1 OR id = $1")
            .bind(group)
            .fetch_all(&mut **tx)
            .await?;
    let mut tags = crate::changes::TagSet::default();
    tags.add_kind("article", slugs.iter().map(|(s,)| s.as_str()));
    Ok(tags)
}

#[derive(sqlx::FromRow)]
pub(crate) struct EditionRow {
    code: String,
    name: String,
    path_prefix: String,
    time_zone: String,
    position: i64,
    default_slot: Option<i64>,
}

impl From<EditionRow> for byline_domain::Edition {
    fn from(r: EditionRow) -> Self {
        Self {
            code: r.code,
            name: r.name,
            path_prefix: r.path_prefix,
            time_zone: r.time_zone,
            position: r.position,
            is_default: r.default_slot.is_some(),
        }
    }
}

/// A translation and the article (`of_id`) it is a translation of.
#[derive(sqlx::FromRow)]
pub(crate) struct TranslationOfRow {
    pub of_id: i64,
    #[sqlx(flatten)]
    pub row: TranslationRow,
}

#[derive(sqlx::FromRow)]
pub(crate) struct TranslationRow {
    id: i64,
    slug: String,
    headline: String,
    language: String,
    status: String,
    updated_at: i64,
    translation_group: Option<i64>,
}

impl From<TranslationRow> for Option<crate::editions::Translation> {
    fn from(r: TranslationRow) -> Self {
        Some(crate::editions::Translation {
            article_id: r.id,
            slug: r.slug,
            headline: r.headline,
            language: r.language,
            status: byline_domain::ArticleStatus::parse(&r.status)?,
            updated_at: crate::sql::shared::to_time(r.updated_at),
            original: r.translation_group == Some(r.id),
        })
    }
}

/// The edition a feed item, live page or newsletter is saved into: `code` when it names an edition,
/// empty for "keep" (or the default edition, for new content); a field error otherwise.
pub(crate) async fn given_edition<'c, DB: sqlx::Database>(
    tx: &mut sqlx::Transaction<'c, DB>,
    code: &str,
) -> crate::StoreResult<String>
where
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    for<'e> &'e mut <DB as sqlx::Database>::Connection: sqlx::Executor<'e, Database = DB>,
    for<'q> &'q str: sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: for<'r> sqlx::Decode<'r, DB> + sqlx::Type<DB>,
    usize: sqlx::ColumnIndex<DB::Row>,
{
    let code = code.trim();
    if code.is_empty() {
        return Ok(String::new());
    }
    match crate::sql::editions::require_edition(tx, code).await {
        Ok(()) => Ok(code.to_owned()),
        Err(crate::StoreError::NotFound) => Err(byline_domain::article::FieldError::new(
            "edition",
            format!("there is no edition `{code}`"),
        )
        .into()),
        Err(e) => Err(e),
    }
}
