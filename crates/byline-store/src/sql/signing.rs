//! Signing SQL shared by both backends (see `crate::signing`).

macro_rules! impl_signing_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::signing::SigningStore for $store {
            async fn signing_keys(&self) -> $crate::StoreResult<Vec<$crate::signing::SigningKeyRecord>> {
                let rows: Vec<$crate::sql::signing::KeyRow> = sqlx::query_as(
                    "SELECT id, public_key, valid_from, valid_until FROM signing_keys ORDER BY valid_from, id",
                )
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn current_signing_key(&self) -> $crate::StoreResult<Option<$crate::signing::SigningKeyRecord>> {
                let row: Option<$crate::sql::signing::KeyRow> = sqlx::query_as(
                    "SELECT id, public_key, valid_from, valid_until FROM signing_keys WHERE current_slot = 1",
                )
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn add_first_signing_key(&self, key: &$crate::signing::SigningKeyRecord) -> $crate::StoreResult<bool> {
                let mut tx = self.write_tx().await?;
                let inserted = sqlx::query(
                    "INSERT INTO signing_keys (id, public_key, valid_from, valid_until, current_slot) \
                     VALUES ($1, $2, $3, NULL, 1) ON CONFLICT DO NOTHING",
                )
                .bind(&key.id)
                .bind(&key.public_key)
                .bind(key.valid_from.timestamp())
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
                if !inserted {
                    return Ok(false);
                }
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::signing::KEYS_TAG);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await?;
                Ok(true)
            }

            async fn rotate_signing_key(&self, key: &$crate::signing::SigningKeyRecord) -> $crate::StoreResult<()> {
                let mut tx = self.write_tx().await?;
                sqlx::query("UPDATE signing_keys SET valid_until = $1, current_slot = NULL WHERE current_slot = 1")
                    .bind(key.valid_from.timestamp())
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO signing_keys (id, public_key, valid_from, valid_until, current_slot) \
                     VALUES ($1, $2, $3, NULL, 1)",
                )
                .bind(&key.id)
                .bind(&key.public_key)
                .bind(key.valid_from.timestamp())
                .execute(&mut *tx)
                .await?;
                let mut tags = $crate::changes::TagSet::default();
                tags.add($crate::signing::KEYS_TAG);
                let change = Self::record_change(&mut tx, &tags).await?;
                self.commit_change(tx, change).await
            }

            async fn article_signature(
                &self,
                article_id: i64,
                version: i64,
            ) -> $crate::StoreResult<Option<$crate::signing::ArticleSignature>> {
                let row: Option<$crate::sql::signing::SignatureRow> = sqlx::query_as(
                    "SELECT article_id, version, key_id, manifest, proof, canonical_text, signed_at \
                     FROM article_signatures WHERE article_id = $1 AND version = $2",
                )
                .bind(article_id)
                .bind(version)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn add_article_signature(
                &self,
                s: &$crate::signing::ArticleSignature,
            ) -> $crate::StoreResult<$crate::signing::ArticleSignature> {
                sqlx::query(
                    "INSERT INTO article_signatures \
                     (article_id, version, key_id, manifest, proof, canonical_text, signed_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (article_id, version) DO NOTHING",
                )
                .bind(s.article_id)
                .bind(s.version)
                .bind(&s.key_id)
                .bind(&s.manifest)
                .bind(&s.proof)
                .bind(&s.canonical_text)
                .bind(s.signed_at.timestamp())
                .execute(&self.pool)
                .await?;
                $crate::signing::SigningStore::article_signature(self, s.article_id, s.version)
                    .await?
                    .ok_or($crate::StoreError::NotFound)
            }
        }
    };
}

pub(crate) use impl_signing_store;

fn time(secs: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

#[derive(sqlx::FromRow)]
pub(crate) struct KeyRow {
    id: String,
    public_key: String,
    valid_from: i64,
    valid_until: Option<i64>,
}

impl From<KeyRow> for crate::signing::SigningKeyRecord {
    fn from(r: KeyRow) -> Self {
        Self {
            id: r.id,
            public_key: r.public_key,
            valid_from: time(r.valid_from),
            valid_until: r.valid_until.map(time),
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct SignatureRow {
    article_id: i64,
    version: i64,
    key_id: String,
    manifest: String,
    proof: String,
    canonical_text: String,
    signed_at: i64,
}

impl From<SignatureRow> for crate::signing::ArticleSignature {
    fn from(r: SignatureRow) -> Self {
        Self {
            article_id: r.article_id,
            version: r.version,
            key_id: r.key_id,
            manifest: r.manifest,
            proof: r.proof,
            canonical_text: r.canonical_text,
            signed_at: time(r.signed_at),
        }
    }
}
