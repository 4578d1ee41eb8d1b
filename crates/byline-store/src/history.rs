//! Corrections and public revision history: which revisions of an article were public,
//! the corrections published with them, and revisions excluded from public history.
//!
//! Corrections are written by the article save itself (see [`crate::SaveContext`]'s
//! `correction`), inside the transaction that writes the revision, and so is the record
//! that a revision was published. Saved revisions, corrections and exclusions are never
//! updated: database triggers on both backends refuse an `UPDATE` of any of them.
//! A write here records `article:{slug}` and [`CORRECTIONS`] in the change log.

use async_trait::async_trait;
use byline_domain::{
    ArticleDraft, Correction, ListedCorrection, PublishedRevision, RevisionExclusion,
};

use crate::StoreResult;

/// The change-log tag of the corrections page and its feeds.
pub const CORRECTIONS: &str = "corrections";

/// An exclusion of a revision from public history, as the workflow hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExclusion {
    pub article_id: i64,
    pub version: i64,
    /// Required; checked for length by the workflow.
    pub reason: String,
    pub staff_id: Option<i64>,
    pub staff_name: String,
}

/// Corrections, published revisions and their exclusions.
#[async_trait]
pub trait HistoryStore: Send + Sync + 'static {
    /// The article's corrections, oldest first.
    async fn article_corrections(&self, article_id: i64) -> StoreResult<Vec<Correction>>;
    /// Corrections of published (and not deleted) articles, newest first.
    async fn corrections(&self, limit: i64, offset: i64) -> StoreResult<Vec<ListedCorrection>>;
    async fn count_corrections(&self) -> StoreResult<i64>;
    /// The revisions of the article that were public, oldest first, with their
    /// exclusions. Texts are not read here (see [`HistoryStore::public_revision_draft`]).
    async fn published_revisions(&self, article_id: i64) -> StoreResult<Vec<PublishedRevision>>;
    /// The saved text of a revision that was public and is not excluded; None otherwise
    /// (never published, excluded, unknown, or its snapshot cannot be read).
    async fn public_revision_draft(
        &self,
        article_id: i64,
        version: i64,
    ) -> StoreResult<Option<ArticleDraft>>;
    /// Excludes a published revision from public history. An unknown or never-public
    /// revision is [`crate::StoreError::NotFound`]; one already excluded, or the
    /// article's current version, is [`crate::StoreError::Conflict`].
    async fn exclude_revision(&self, exclusion: &NewExclusion) -> StoreResult<RevisionExclusion>;
}
