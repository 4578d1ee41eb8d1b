//! Signing published revisions: the one function that signs ([`Signer::sign_published`]),
//! called when a revision becomes public (a save that publishes, the scheduled-publish
//! job, demo and file imports) and, as a safety net, when a published article is rendered
//! without a signature for its current version. The outlet's private keys are files in
//! the key directory ([`byline_trust::KeyDir`]); the database knows only public keys.
//!
//! Several nodes on one database: the node that starts first creates the key and records
//! it; a node whose key directory lacks the current key serves and verifies but does not
//! sign, and says so in its log (copy the key file to share it, see the README).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use byline_domain::{markdown, Article, ArticleStatus};
use byline_store::{ArticleSignature, SigningKeyRecord, Store, StoreError};
use byline_trust::keys::{public_from_hex, public_hex, KeyList, PublishedKey, KEYS_PATH};
use byline_trust::{KeyDir, OutletKey, Revision, TrustError};
use chrono::{DateTime, Utc};

/// Why a revision could not be signed.
#[derive(Debug, thiserror::Error)]
pub enum SigningError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Trust(#[from] TrustError),
}

/// The node's signer: its key directory and the keys read from it.
pub struct Signer {
    dir: KeyDir,
    loaded: Mutex<Option<Arc<OutletKey>>>,
    /// Key ids already warned about (missing or unreadable), so the log says it once.
    warned: Mutex<HashSet<String>>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// What [`Signer::prepare`] found or did, for the start-up log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyState {
    /// This node signs with the current key.
    Signing(String),
    /// A key was made (first start) and this node signs with it.
    Created(String),
    /// The current key is not in this node's key directory: it does not sign.
    NotHere(String),
}

impl Signer {
    pub fn new(dir: KeyDir) -> Self {
        Self {
            dir,
            loaded: Mutex::new(None),
            warned: Mutex::new(HashSet::new()),
        }
    }

    pub fn dir(&self) -> &KeyDir {
        &self.dir
    }

    /// At start: makes sure the outlet has a current key, creating one (or recording the
    /// key file found in the directory) when the database has none. A key directory or
    /// key file that others may read stops the start.
    pub async fn prepare(&self, store: &dyn Store) -> Result<KeyState, SigningError> {
        self.dir.ensure()?;
        if let Some(current) = store.current_signing_key().await? {
            if !self.dir.has(&current.id) {
                self.warn_missing(&current.id);
                return Ok(KeyState::NotHere(current.id));
            }
            self.load_checked(&current)?;
            return Ok(KeyState::Signing(current.id));
        }
        // No key yet: one already in the directory (shared before the first start) or a new one.
        let now = whole_seconds(Utc::now());
        let (key, made) = match self.dir.ids()?.pop() {
            Some(id) => (self.dir.load(&id)?, false),
            None => (self.dir.create(now)?, true),
        };
        let record = SigningKeyRecord {
            id: key.id.clone(),
            public_key: public_hex(&key.key.verifying_key()),
            valid_from: now,
            valid_until: None,
        };
        if store.add_first_signing_key(&record).await? {
            let id = key.id.clone();
            *self.lock_loaded() = Some(Arc::new(key));
            return Ok(if made {
                KeyState::Created(id)
            } else {
                KeyState::Signing(id)
            });
        }
        // Another node recorded its key first: ours never signed anything.
        if made {
            self.dir.discard(&key.id)?;
        }
        match store.current_signing_key().await? {
            Some(current) if self.dir.has(&current.id) => {
                self.load_checked(&current)?;
                Ok(KeyState::Signing(current.id))
            }
            Some(current) => {
                self.warn_missing(&current.id);
                Ok(KeyState::NotHere(current.id))
            }
            None => Err(StoreError::NotFound.into()),
        }
    }

    /// Makes a new key current and closes the old one's validity (`byline keys rotate`).
    pub async fn rotate(&self, store: &dyn Store) -> Result<String, SigningError> {
        let now = whole_seconds(Utc::now());
        let key = self.dir.create(now)?;
        let record = SigningKeyRecord {
            id: key.id.clone(),
            public_key: public_hex(&key.key.verifying_key()),
            valid_from: now,
            valid_until: None,
        };
        if let Err(e) = store.rotate_signing_key(&record).await {
            let _ = self.dir.discard(&key.id);
            return Err(e.into());
        }
        let id = key.id.clone();
        *self.lock_loaded() = Some(Arc::new(key));
        Ok(id)
    }

    fn lock_loaded(&self) -> std::sync::MutexGuard<'_, Option<Arc<OutletKey>>> {
        self.loaded
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Reads `record`'s key file and checks it holds the recorded public key.
    fn load_checked(&self, record: &SigningKeyRecord) -> Result<Arc<OutletKey>, SigningError> {
        let key = self.dir.load(&record.id)?;
        if public_hex(&key.key.verifying_key()) != record.public_key {
            return Err(TrustError::Keys(format!(
                "{}/{}.pem does not hold the public key the database records for {}",
                self.dir.path().display(),
                record.id,
                record.id
            ))
            .into());
        }
        let key = Arc::new(key);
        *self.lock_loaded() = Some(Arc::clone(&key));
        Ok(key)
    }

    fn warn_missing(&self, id: &str) {
        let mut warned = self
            .warned
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if warned.insert(id.to_owned()) {
            tracing::warn!(
                key = %id,
                dir = %self.dir.path().display(),
                "this node does not hold the current signing key {id}: it serves and verifies but does not sign; copy {id}.pem (mode 0600) from the node that made it into this node's signing_key_dir"
            );
        }
    }

    /// The current key, when this node holds it (a rotation by another process is
    /// picked up here: the database names the current key).
    async fn current(&self, store: &dyn Store) -> Result<Option<Arc<OutletKey>>, SigningError> {
        let Some(record) = store.current_signing_key().await? else {
            return Ok(None);
        };
        if let Some(key) = self.lock_loaded().as_ref().filter(|k| k.id == record.id) {
            return Ok(Some(Arc::clone(key)));
        }
        if !self.dir.has(&record.id) {
            self.warn_missing(&record.id);
            return Ok(None);
        }
        match self.load_checked(&record) {
            Ok(key) => Ok(Some(key)),
            Err(e) => {
                let mut warned = self
                    .warned
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if warned.insert(record.id.clone()) {
                    tracing::error!(key = %record.id, "cannot sign: {e}");
                }
                Ok(None)
            }
        }
    }

    /// Signs the current revision of a published article once: returns the stored
    /// signature (an existing one untouched), or `None` when the article is not public or
    /// this node holds no current key.
    pub async fn sign_published(
        &self,
        store: &dyn Store,
        base_url: &str,
        article: &Article,
    ) -> Result<Option<ArticleSignature>, SigningError> {
        if article.status != ArticleStatus::Published || article.deleted_at.is_some() {
            return Ok(None);
        }
        if let Some(stored) = store.article_signature(article.id, article.version).await? {
            return Ok(Some(stored));
        }
        let Some(key) = self.current(store).await? else {
            return Ok(None);
        };
        let (body, manifest) = revision_manifest(store, base_url, article).await?;
        let now = whole_seconds(Utc::now());
        let method = format!("{base_url}{KEYS_PATH}#{}", key.id);
        let signed = byline_trust::proof::sign(&manifest, &key.key, &method, now)?;
        let stored = store
            .add_article_signature(&ArticleSignature {
                article_id: article.id,
                version: article.version,
                key_id: key.id.clone(),
                manifest: to_json(&signed.manifest)?,
                proof: to_json(&signed.proof)?,
                canonical_text: body.text,
                signed_at: now,
            })
            .await?;
        tracing::info!(slug = %article.slug, version = article.version, key = %key.id, "revision signed");
        Ok(Some(stored))
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, TrustError> {
    serde_json::to_string(v).map_err(|e| TrustError::Json(e.to_string()))
}

/// Times in signatures and the key list are whole seconds (as the database keeps them).
fn whole_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

/// The body HTML the article page renders inside its signed element, with every "Read
/// also" card present (their text and links are unsigned, but counted: a card whose target
/// is unpublished later only lowers the count). Labels are the same in every language
/// where it matters: anchors' labels are attributes, cards are unsigned.
pub fn signed_body_html(article: &Article) -> String {
    let rendered = markdown::render(&article.body_markdown);
    let targets = markdown::read_also_targets(&article.body_markdown);
    let every: std::collections::HashMap<String, String> =
        targets.into_iter().map(|t| (t.clone(), t)).collect();
    markdown::fill_read_also(&rendered.html, &every, |slug| format!("/articles/{slug}"))
}

/// The manifest of an article's current revision (and its body's content).
pub async fn revision_manifest(
    store: &dyn Store,
    base_url: &str,
    article: &Article,
) -> Result<(byline_trust::BodyContent, byline_trust::Manifest), SigningError> {
    let body_html = signed_body_html(article);
    let published = article.published_at.unwrap_or(article.updated_at);
    let revision = Revision {
        url: &format!("{base_url}/articles/{}", article.slug),
        headline: &article.headline,
        bylines: article.authors.iter().map(|a| a.name.clone()).collect(),
        published,
        modified: article.updated_at,
        revision: article.version,
        language: &article.language,
        body_html: &body_html,
        hero_url: article
            .hero
            .as_ref()
            .map(|h| format!("{base_url}/media/{}", h.src)),
    };
    // Hashes of the stored images the manifest names, read before building it.
    let media_prefix = format!("{base_url}/media/");
    let probe = byline_trust::extract_fragment(&body_html);
    let mut names: Vec<String> = article.hero.iter().map(|h| h.src.clone()).collect();
    let base = url_of(revision.url)?;
    for src in &probe.images {
        if let Some(name) = byline_trust::verify::resolve(&base, src)
            .and_then(|u| u.strip_prefix(&media_prefix).map(str::to_owned))
        {
            names.push(name);
        }
    }
    let mut hashes = std::collections::HashMap::new();
    for name in names {
        if let Some(file) = store.media(&name).await? {
            hashes.insert(
                format!("{media_prefix}{name}"),
                byline_trust::manifest::sha256_hex(&file.bytes),
            );
        }
    }
    Ok(byline_trust::manifest_for(&revision, &|url| {
        hashes.get(url).cloned()
    })?)
}

fn url_of(text: &str) -> Result<url::Url, SigningError> {
    url::Url::parse(text).map_err(|e| TrustError::Json(format!("{text:?}: {e}")).into())
}

/// The published key list, from the database (every node serves the same).
pub async fn key_list(store: &dyn Store) -> Result<KeyList, SigningError> {
    let mut keys = Vec::new();
    for record in store.signing_keys().await? {
        let public = public_from_hex(&record.public_key)?;
        keys.push(PublishedKey::new(
            &record.id,
            &public,
            record.valid_from,
            record.valid_until,
        ));
    }
    Ok(KeyList::new(keys))
}
