//! Signed articles' storage: the outlet's public keys and their validity periods (so
//! every node publishes the same list) and one signature per published revision. The
//! private keys are never stored here. Key changes record the `signing-keys` cache tag,
//! which `/.well-known/byline-keys.json` depends on.

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::StoreResult;

/// Cache tag of the published key list.
pub const KEYS_TAG: &str = "signing-keys";

/// A public signing key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningKeyRecord {
    pub id: String,
    /// 32-byte Ed25519 public key, lower-case hex.
    pub public_key: String,
    pub valid_from: DateTime<Utc>,
    /// None while the key is the current one.
    pub valid_until: Option<DateTime<Utc>>,
}

/// The stored signature of one revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSignature {
    pub article_id: i64,
    pub version: i64,
    pub key_id: String,
    /// The manifest, JSON.
    pub manifest: String,
    /// Its proof, JSON.
    pub proof: String,
    pub canonical_text: String,
    pub signed_at: DateTime<Utc>,
}

#[async_trait]
pub trait SigningStore: Send + Sync {
    /// Every key ever recorded, oldest first.
    async fn signing_keys(&self) -> StoreResult<Vec<SigningKeyRecord>>;
    /// The current key, if any.
    async fn current_signing_key(&self) -> StoreResult<Option<SigningKeyRecord>>;
    /// Records `key` as the first current key; false (nothing written) when some key is
    /// current already (another node created one first).
    async fn add_first_signing_key(&self, key: &SigningKeyRecord) -> StoreResult<bool>;
    /// In one transaction closes the current key's validity at `key.valid_from` and makes
    /// `key` current.
    async fn rotate_signing_key(&self, key: &SigningKeyRecord) -> StoreResult<()>;
    async fn article_signature(
        &self,
        article_id: i64,
        version: i64,
    ) -> StoreResult<Option<ArticleSignature>>;
    /// Stores a signature unless one exists for its revision; returns the stored one
    /// (the first written wins, so each revision is signed once).
    async fn add_article_signature(
        &self,
        signature: &ArticleSignature,
    ) -> StoreResult<ArticleSignature>;
}
