//! Narrated audio's SQL, shared by both backends (see `crate::audio`).

/// The columns [`AudioRow`] reads, for `article_audio` aliased `x`.
pub(crate) const AUDIO_COLUMNS: &str = "x.article_id, x.state, x.source, x.script_hash, x.engine, x.voice, \
     x.opus_name, x.opus_bytes, x.mp3_name, x.mp3_bytes, x.duration_ms, x.error, x.warning, x.disabled, x.updated_at";

macro_rules! impl_audio_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Inserts the row in its first state when it does not exist yet.
            async fn ensure_audio_row(
                tx: &mut sqlx::Transaction<'_, $db>,
                article_id: i64,
            ) -> $crate::StoreResult<()> {
                sqlx::query(
                    "INSERT INTO article_audio (article_id, state, updated_at) VALUES ($1, 'queued', $2) \
                     ON CONFLICT (article_id) DO NOTHING",
                )
                .bind(article_id)
                .bind(chrono::Utc::now().timestamp())
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// The article's public tags, its old files' tags, and the podcast feeds'.
            async fn audio_tags(
                tx: &mut sqlx::Transaction<'_, $db>,
                article_id: i64,
                tags: &mut $crate::changes::TagSet,
            ) -> $crate::StoreResult<()> {
                let slug: Option<(String,)> = sqlx::query_as("SELECT slug FROM articles WHERE id = $1")
                    .bind(article_id)
                    .fetch_optional(&mut **tx)
                    .await?;
                let (slug,) = slug.ok_or($crate::StoreError::NotFound)?;
                tags.add(format!("article:{slug}")).add($crate::audio::PODCAST_TAG);
                Ok(())
            }

            /// Removes the current files of the row (their media rows) and returns nothing.
            async fn drop_audio_files(
                tx: &mut sqlx::Transaction<'_, $db>,
                article_id: i64,
                keep: &[&str],
                tags: &mut $crate::changes::TagSet,
            ) -> $crate::StoreResult<()> {
                let old: Option<(Option<String>, Option<String>)> =
                    sqlx::query_as("SELECT opus_name, mp3_name FROM article_audio WHERE article_id = $1")
                        .bind(article_id)
                        .fetch_optional(&mut **tx)
                        .await?;
                let (opus, mp3) = old.unwrap_or_default();
                for name in [opus, mp3].into_iter().flatten() {
                    if keep.contains(&name.as_str()) {
                        continue;
                    }
                    sqlx::query("DELETE FROM media WHERE name = $1")
                        .bind(&name)
                        .execute(&mut **tx)
                        .await?;
                    tags.add(format!("media:{name}"));
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::audio::AudioStore for $store {
            async fn article_audio(&self, article_id: i64) -> $crate::StoreResult<Option<$crate::audio::ArticleAudio>> {
                let sql = format!(
                    "SELECT {} FROM article_audio x WHERE x.article_id = $1",
                    $crate::sql::audio::AUDIO_COLUMNS
                );
                let row: Option<$crate::sql::audio::AudioRow> =
                    sqlx::query_as(&sql).bind(article_id).fetch_optional(&self.pool).await?;
                Ok(row.map(Into::into))
            }

            async fn article_audios(&self, ids: &[i64]) -> $crate::StoreResult<Vec<$crate::audio::ArticleAudio>> {
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let ids = &ids[..ids.len().min(500)];
                let sql = format!(
                    "SELECT {} FROM article_audio x WHERE x.article_id IN ({})",
                    $crate::sql::audio::AUDIO_COLUMNS,
                    $crate::sql::shared::placeholders(1, ids.len())
                );
                let mut q = sqlx::query_as::<$db, $crate::sql::audio::AudioRow>(&sql);
                for id in ids {
                    q = q.bind(id);
                }
                Ok(q.fetch_all(&self.pool).await?.into_iter().map(Into::into).collect())
            }

            async fn set_audio_state(
                &self,
                article_id: i64,
                state: $crate::audio::AudioState,
                error: &str,
            ) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                Self::ensure_audio_row(&mut tx, article_id).await?;
                sqlx::query("UPDATE article_audio SET state = $1, error = $2, updated_at = $3 WHERE article_id = $4")
                    .bind(state.as_str())
                    .bind(error)
                    .bind(chrono::Utc::now().timestamp())
                    .bind(article_id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn save_narration(
                &self,
                article_id: i64,
                n: &$crate::audio::NewNarration,
            ) -> $crate::StoreResult<bool> {
                let mut tx = self.write_tx().await?;
                Self::ensure_audio_row(&mut tx, article_id).await?;
                let (source,): (String,) = sqlx::query_as("SELECT source FROM article_audio WHERE article_id = $1")
                    .bind(article_id)
                    .fetch_one(&mut *tx)
                    .await?;
                if source == "human" && n.source == $crate::audio::AudioSource::Generated {
                    return Ok(false);
                }
                let mut tags = $crate::changes::TagSet::default();
                Self::audio_tags(&mut tx, article_id, &mut tags).await?;
                Self::drop_audio_files(&mut tx, article_id, &[&n.opus.name, &n.mp3.name], &mut tags).await?;
                let now = chrono::Utc::now().timestamp();
                for file in [&n.opus, &n.mp3] {
                    sqlx::query(
                        "INSERT INTO media (name, content_type, bytes, created_at) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (name) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes",
                    )
                    .bind(&file.name)
                    .bind(&file.content_type)
                    .bind(&file.bytes)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    tags.add(format!("media:{}", file.name));
                }
                sqlx::query(
                    "UPDATE article_audio SET state = 'done', source = $1, script_hash = $2, engine = $3, voice = $4, \
                     opus_name = $5, opus_bytes = $6, mp3_name = $7, mp3_bytes = $8, duration_ms = $9, error = '', \
                     warning = $10, updated_at = $11 WHERE article_id = $12",
                )
                .bind(n.source.as_str())
                .bind(&n.script_hash)
                .bind(&n.engine)
                .bind(&n.voice)
                .bind(&n.opus.name)
                .bind(i64::try_from(n.opus.bytes.len()).unwrap_or(i64::MAX))
                .bind(&n.mp3.name)
                .bind(i64::try_from(n.mp3.bytes.len()).unwrap_or(i64::MAX))
                .bind(n.duration_ms)
                .bind(&n.warning)
                .bind(now)
                .bind(article_id)
                .execute(&mut *tx)
                .await?;
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                Ok(true)
            }

            async fn remove_recording(&self, article_id: i64) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let (source,): (String,) = sqlx::query_as("SELECT source FROM article_audio WHERE article_id = $1")
                    .bind(article_id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .ok_or($crate::StoreError::NotFound)?;
                if source != "human" {
                    return Err($crate::StoreError::NotFound);
                }
                let mut tags = $crate::changes::TagSet::default();
                Self::audio_tags(&mut tx, article_id, &mut tags).await?;
                Self::drop_audio_files(&mut tx, article_id, &[], &mut tags).await?;
                sqlx::query(
                    "UPDATE article_audio SET state = 'queued', source = 'generated', script_hash = '', \
                     opus_name = NULL, opus_bytes = 0, mp3_name = NULL, mp3_bytes = 0, duration_ms = 0, \
                     error = '', warning = '', updated_at = $1 WHERE article_id = $2",
                )
                .bind(chrono::Utc::now().timestamp())
                .bind(article_id)
                .execute(&mut *tx)
                .await?;
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn set_narration_disabled(&self, article_id: i64, disabled: bool) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let mut tags = $crate::changes::TagSet::default();
                Self::audio_tags(&mut tx, article_id, &mut tags).await?;
                Self::ensure_audio_row(&mut tx, article_id).await?;
                sqlx::query("UPDATE article_audio SET disabled = $1, updated_at = $2 WHERE article_id = $3")
                    .bind(disabled)
                    .bind(chrono::Utc::now().timestamp())
                    .bind(article_id)
                    .execute(&mut *tx)
                    .await?;
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn narration_off_sections(&self) -> $crate::StoreResult<Vec<String>> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT s.slug FROM narration_off_sections n JOIN sections s ON s.id = n.section_id ORDER BY s.slug",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(|(s,)| s).collect())
            }

            async fn set_section_narration(&self, section: &str, enabled: bool) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                let id: Option<(i64,)> = sqlx::query_as("SELECT id FROM sections WHERE slug = $1")
                    .bind(section)
                    .fetch_optional(&mut *tx)
                    .await?;
                let (id,) = id.ok_or($crate::StoreError::NotFound)?;
                let sql = if enabled {
                    "DELETE FROM narration_off_sections WHERE section_id = $1"
                } else {
                    "INSERT INTO narration_off_sections (section_id) VALUES ($1) ON CONFLICT DO NOTHING"
                };
                sqlx::query(sql).bind(id).execute(&mut *tx).await?;
                // Pages of the section's articles show or hide their players.
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::changes::SITE);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn podcast_episodes(
                &self,
                section: Option<&str>,
                languages: Option<&$crate::LanguageFilter>,
                limit: i64,
            ) -> $crate::StoreResult<Vec<$crate::audio::ArticleAudio>> {
                let clause = languages
                    .and_then(|l| $crate::sql::shared::edition_clause("a.language", l))
                    .unwrap_or_else(|| "1 = 1".into());
                let sql = format!(
                    "SELECT {} FROM article_audio x JOIN articles a ON a.id = x.article_id \
                     WHERE a.status = 'published' AND a.deleted_at IS NULL AND x.disabled = FALSE \
                     AND x.opus_name IS NOT NULL AND x.mp3_name IS NOT NULL \
                     AND a.section_id NOT IN (SELECT section_id FROM narration_off_sections) \
                     AND ($2 = '' OR a.section_id = (SELECT id FROM sections WHERE slug = $2)) AND {clause} \
                     ORDER BY a.published_at DESC, a.id DESC LIMIT $1",
                    $crate::sql::audio::AUDIO_COLUMNS
                );
                let rows: Vec<$crate::sql::audio::AudioRow> = sqlx::query_as(&sql)
                    .bind(limit.clamp(0, 500))
                    .bind(section.unwrap_or(""))
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }
        }
    };
}

pub(crate) use impl_audio_store;

#[derive(sqlx::FromRow)]
pub(crate) struct AudioRow {
    article_id: i64,
    state: String,
    source: String,
    script_hash: String,
    engine: String,
    voice: String,
    opus_name: Option<String>,
    opus_bytes: i64,
    mp3_name: Option<String>,
    mp3_bytes: i64,
    duration_ms: i64,
    error: String,
    warning: String,
    disabled: bool,
    updated_at: i64,
}

impl From<AudioRow> for crate::audio::ArticleAudio {
    fn from(r: AudioRow) -> Self {
        use crate::audio::{AudioFile, AudioSource, AudioState};
        let file = |name: Option<String>, bytes| name.map(|name| AudioFile { name, bytes });
        Self {
            article_id: r.article_id,
            state: AudioState::parse(&r.state),
            source: if r.source == "human" {
                AudioSource::Human
            } else {
                AudioSource::Generated
            },
            script_hash: r.script_hash,
            engine: r.engine,
            voice: r.voice,
            opus: file(r.opus_name, r.opus_bytes),
            mp3: file(r.mp3_name, r.mp3_bytes),
            duration_ms: r.duration_ms,
            error: r.error,
            warning: r.warning,
            disabled: r.disabled,
            updated_at: crate::sql::shared::to_time(r.updated_at),
        }
    }
}
