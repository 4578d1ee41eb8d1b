//! Editions' storage: the list of editions (one default), which edition each piece of
//! content belongs to, and translation groups linking an article to its translations.
//! Every write records the `site` tag: editions shape every page's chrome.

use async_trait::async_trait;
use byline_domain::{ArticleStatus, Edition};
use chrono::{DateTime, Utc};

use crate::StoreResult;

/// Content other than articles that belongs to an edition (an article's edition is its
/// `language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditionedContent {
    Section,
    Tag,
    Page,
    FeedItem,
    LivePage,
}

impl EditionedContent {
    pub(crate) fn table(self) -> &'static str {
        match self {
            Self::Section => "sections",
            Self::Tag => "tags",
            Self::Page => "pages",
            Self::FeedItem => "feed_items",
            Self::LivePage => "live_pages",
        }
    }
}

/// One article of a translation group, as the translation list and `hreflang` links need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub article_id: i64,
    pub slug: String,
    pub headline: String,
    /// The edition code.
    pub language: String,
    pub status: ArticleStatus,
    pub updated_at: DateTime<Utc>,
    /// The group's original (the article the others translate).
    pub original: bool,
}

#[async_trait]
pub trait EditionStore: Send + Sync {
    /// Every edition, by position then code; the default one is always there.
    async fn editions(&self) -> StoreResult<Vec<Edition>>;
    /// Adds or updates (by code) a non-default edition, or updates the default one's
    /// name, zone and position. Conflict when another edition has the prefix, or when
    /// the edition would become or stop being the default.
    async fn save_edition(&self, edition: &Edition) -> StoreResult<()>;
    /// Moves a section, tag, static page, feed item or live page (by id) into an
    /// edition. NotFound when either does not exist.
    async fn set_content_edition(
        &self,
        kind: EditionedContent,
        id: i64,
        code: &str,
    ) -> StoreResult<()>;
    /// The edition code of a section, tag, page, feed item or live page.
    async fn content_edition(&self, kind: EditionedContent, id: i64) -> StoreResult<String>;
    /// Moves an article into an edition (sets its `language`). NotFound for an unknown
    /// article or edition.
    async fn set_article_edition(&self, article_id: i64, code: &str) -> StoreResult<()>;
    /// Links `article_id` into `source_id`'s translation group (creating the group when
    /// the source has none). Conflict when the group already has an article in
    /// `article_id`'s edition, or the two are the same article.
    async fn link_translation(&self, article_id: i64, source_id: i64) -> StoreResult<()>;
    /// Takes an article out of its translation group.
    async fn unlink_translation(&self, article_id: i64) -> StoreResult<()>;
    /// The other articles of `article_id`'s group (not deleted), by language.
    async fn translations(&self, article_id: i64) -> StoreResult<Vec<Translation>>;
    /// For each of `article_ids`, the other published articles of its group, as
    /// `(article id, translation)` pairs (sitemaps ask for thousands at once).
    async fn published_translations(
        &self,
        article_ids: &[i64],
    ) -> StoreResult<Vec<(i64, Translation)>>;
}
