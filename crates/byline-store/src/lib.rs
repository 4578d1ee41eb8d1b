//! Storage for Byline: one [`Store`] trait with a SQLite implementation (the embedded
//! default) and a PostgreSQL one (the scale backend), sharing migrations and SQL.
//! Every content write records the render-cache tags it affects in a change log, so each
//! app node can invalidate exactly the pages that changed.
#![forbid(unsafe_code)]

mod changes;
mod error;
mod postgres;
mod rows;
mod sql;
mod sqlite;
pub mod testing;

use std::sync::Arc;

use async_trait::async_trait;
use byline_domain::{
    Article, ArticleDraft, ArticleStatus, ArticleSummary, Author, MediaFile, NewAuthor, NewPage,
    NewSection, Page, Section, SiteSettings, Tag,
};
use chrono::{DateTime, Utc};
use tokio::sync::broadcast;

pub use changes::{CacheTag, ContentChange};
pub use error::StoreError;
pub use postgres::PgStore;
pub use sqlite::SqliteStore;

pub type StoreResult<T> = Result<T, StoreError>;

/// Which published articles to list, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleQuery {
    pub section: Option<String>,
    pub tag: Option<String>,
    pub author: Option<String>,
    pub editors_pick: Option<bool>,
    pub published_since: Option<DateTime<Utc>>,
    pub limit: i64,
    pub offset: i64,
}

impl ArticleQuery {
    pub fn latest(limit: i64) -> Self {
        Self { limit, ..Self::default() }
    }
}

/// The storage interface every capability uses. Implementations must be cheap to share.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Backend name for logs: "sqlite" or "postgres".
    fn backend(&self) -> &'static str;
    /// Applies pending migrations.
    async fn migrate(&self) -> StoreResult<()>;
    /// True when no section and no article exists yet (a fresh newsroom).
    async fn is_empty(&self) -> StoreResult<bool>;

    async fn settings(&self) -> StoreResult<SiteSettings>;
    async fn save_settings(&self, settings: &SiteSettings) -> StoreResult<()>;

    async fn upsert_section(&self, section: &NewSection) -> StoreResult<Section>;
    async fn sections(&self) -> StoreResult<Vec<Section>>;
    async fn section(&self, slug: &str) -> StoreResult<Option<Section>>;

    async fn upsert_author(&self, author: &NewAuthor) -> StoreResult<Author>;
    async fn authors(&self) -> StoreResult<Vec<Author>>;
    async fn author(&self, slug: &str) -> StoreResult<Option<Author>>;

    async fn tag(&self, slug: &str) -> StoreResult<Option<Tag>>;

    async fn upsert_page(&self, page: &NewPage) -> StoreResult<Page>;
    async fn pages(&self) -> StoreResult<Vec<Page>>;
    async fn page(&self, slug: &str) -> StoreResult<Option<Page>>;

    async fn put_media(&self, file: &MediaFile) -> StoreResult<()>;
    async fn media(&self, name: &str) -> StoreResult<Option<MediaFile>>;

    /// Creates or replaces the article with the draft's slug, atomically. Checks that the
    /// section, bylines, hero image and "Read also" targets exist.
    async fn save_article(&self, draft: &ArticleDraft) -> StoreResult<Article>;
    /// Moves an article to another status (publish, unpublish …).
    async fn set_article_status(&self, slug: &str, status: ArticleStatus) -> StoreResult<Article>;
    /// Any article by slug, whatever its status.
    async fn article(&self, slug: &str) -> StoreResult<Option<Article>>;
    /// Published articles matching `query`, newest first.
    async fn list_articles(&self, query: &ArticleQuery) -> StoreResult<Vec<ArticleSummary>>;
    async fn count_articles(&self, query: &ArticleQuery) -> StoreResult<i64>;
    /// Published articles sharing tags or the section with `article_id`, most shared tags first.
    async fn related_articles(&self, article_id: i64, limit: i64) -> StoreResult<Vec<ArticleSummary>>;
    /// Headlines of the published articles among `slugs`.
    async fn headlines(&self, slugs: &[String]) -> StoreResult<Vec<(String, String)>>;

    /// Changes recorded after `after_id`, oldest first (for other app nodes and CLI writes).
    async fn changes_since(&self, after_id: i64) -> StoreResult<Vec<ContentChange>>;
    /// Id of the newest recorded change (0 when none).
    async fn latest_change_id(&self) -> StoreResult<i64>;
    /// Changes made through this handle, as they commit.
    fn subscribe(&self) -> broadcast::Receiver<ContentChange>;
}

/// Opens the store a database URL names: `sqlite://PATH` or `postgres://…`.
/// Fails with a clear message for a bad or unreachable URL.
pub async fn connect(url: &str) -> StoreResult<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PgStore::connect(url).await?))
    } else {
        Err(StoreError::Unavailable(format!(
            "unsupported database URL `{}`: use sqlite://PATH or postgres://USER@HOST/DB",
            error::redact_url(url)
        )))
    }
}
