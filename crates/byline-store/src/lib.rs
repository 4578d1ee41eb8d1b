//! Storage for Byline: one [`Store`] trait with a SQLite implementation (the embedded
//! default) and a PostgreSQL one (the scale backend), sharing migrations and SQL.
//! Every content write records the render-cache tags it affects in a change log, so each
//! app node can invalidate exactly the pages that changed.
#![forbid(unsafe_code)]

pub mod audio;
pub mod campaigns;
mod changes;
pub mod editions;
mod error;
pub mod history;
pub mod jobs;
pub mod live;
pub mod newsletters;
mod postgres;
pub mod reports;
pub mod signing;
pub mod snapshot;
mod sql;
mod sqlite;
pub mod staff;
#[cfg(feature = "testing")]
pub mod testing;

use std::sync::Arc;

use async_trait::async_trait;
use byline_domain::{
    Article, ArticleDraft, ArticleStatus, ArticleSummary, Author, MediaFile, NewAuthor, NewPage,
    NewSection, Page, Section, SiteSettings, Tag,
};
use chrono::{DateTime, Utc};
use tokio::sync::broadcast;

pub use audio::{
    ArticleAudio, AudioFile, AudioSource, AudioState, AudioStore, NewNarration, PODCAST_TAG,
};
pub use campaigns::{Campaign, CampaignStore, DeliveryResult, Progress, Recipient};
pub use changes::{CacheTag, ContentChange};
pub use editions::{EditionStore, EditionedContent, Translation};
pub use error::StoreError;
pub use history::{HistoryStore, NewExclusion};
pub use jobs::{Job, JobStore, NewJob};
pub use live::{EntryQuery, FeedQuery, LiveStore, LiveWrite};
pub use newsletters::{
    Confirmed, NewNewsletter, Newsletter, NewsletterStore, SubscribeOutcome, SubscriberInfo,
};
pub use postgres::PgStore;
pub use reports::{
    ErrorReport, Filed, NewReport, ReportEvent, ReportLimits, ReportMove, ReportQuery, ReportStore,
};
pub use signing::{ArticleSignature, SigningKeyRecord, SigningStore};
pub use sqlite::SqliteStore;
pub use staff::{
    ApiToken, AttemptCount, AttemptLimit, AuditEntry, NewStaff, OneTimeToken, Session, StaffMember,
    StaffStore,
};

pub type StoreResult<T> = Result<T, StoreError>;

/// Connections the pool holds: open in all, and idle among them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolStats {
    pub open: u32,
    pub idle: u32,
}

/// Which published articles to list, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleQuery {
    pub section: Option<String>,
    pub tag: Option<String>,
    pub author: Option<String>,
    pub editors_pick: Option<bool>,
    pub published_since: Option<DateTime<Utc>>,
    /// Only articles published or saved at or after this time (partners' incremental
    /// pulls): an edit, and a draft or a scheduled article going live, both count.
    pub changed_since: Option<DateTime<Utc>>,
    /// Only the articles of one edition (see [`LanguageFilter`]).
    pub languages: Option<LanguageFilter>,
    pub limit: i64,
    pub offset: i64,
}

/// Which article languages a listing takes: one edition's code, or (for the default
/// edition, which also holds articles in a language no edition has) everything but the
/// other editions' codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LanguageFilter {
    Only(String),
    Except(Vec<String>),
}

impl LanguageFilter {
    /// Whether content in edition or language `code` is listed under this filter.
    pub fn admits(&self, code: &str) -> bool {
        match self {
            Self::Only(only) => only == code,
            Self::Except(others) => !others.iter().any(|o| o == code),
        }
    }
}

impl ArticleQuery {
    pub fn latest(limit: i64) -> Self {
        Self {
            limit,
            ..Self::default()
        }
    }
}

/// Everything a Byline node stores: content, staff, jobs, newsletters and live coverage. Implemented by
/// [`SqliteStore`] and [`PgStore`]; use it as `Arc<dyn Store>` with `use byline_store::prelude::*`.
pub trait Store:
    ContentStore
    + StaffStore
    + JobStore
    + NewsletterStore
    + CampaignStore
    + LiveStore
    + ReportStore
    + HistoryStore
    + SigningStore
    + EditionStore
    + AudioStore
{
}

impl<
        T: ContentStore
            + StaffStore
            + JobStore
            + NewsletterStore
            + CampaignStore
            + LiveStore
            + ReportStore
            + HistoryStore
            + SigningStore
            + EditionStore
            + AudioStore,
    > Store for T
{
}

/// Brings every storage trait into scope.
pub mod prelude {
    pub use crate::{
        AudioStore, CampaignStore, ContentStore, EditionStore, HistoryStore, JobStore, LiveStore,
        NewsletterStore, ReportStore, SigningStore, StaffStore, Store,
    };
}

/// Which articles the desk lists (any status), newest change first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeskQuery {
    pub status: Option<ArticleStatus>,
    pub section: Option<String>,
    /// Byline (author) slug.
    pub author: Option<String>,
    /// Staff id of the article's owner.
    pub owner_id: Option<i64>,
    /// Only published articles plus the unpublished ones this staff id owns (the view of a
    /// contributor or author); None lists every article.
    pub visible_to: Option<i64>,
    /// List the bin (soft-deleted articles) instead of live ones.
    pub deleted: bool,
    pub limit: i64,
    pub offset: i64,
}

/// Who saves an article and against which version (optimistic locking).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SaveContext {
    /// The version the editor started from; a newer stored version is a conflict.
    pub expected_version: Option<i64>,
    pub staff_id: Option<i64>,
    pub staff_name: String,
    /// A public "what changed" note; `Some("")` clears it.
    pub update_note: Option<String>,
    /// A new article: never replaces a stored one; a taken slug is [`StoreError::Conflict`]
    /// (checked by the database's unique constraint inside the write transaction).
    pub create: bool,
    /// A correction or clarification published with this revision (a published save of a
    /// published article only), written in the same transaction as the revision.
    pub correction: Option<byline_domain::NewCorrection>,
}

/// How a write by natural key (slug) treats an existing row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WriteMode {
    /// Insert only: a taken slug is [`StoreError::Conflict`], nothing is overwritten.
    Create,
    /// Update only: an unknown slug is [`StoreError::NotFound`].
    Update,
    /// Insert or replace (the demo loader and file imports).
    #[default]
    Upsert,
}

/// One saved state of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub version: i64,
    /// The article as saved; `None` when its stored snapshot cannot be read (the store
    /// logs why), so one damaged revision never hides the others.
    pub draft: Option<ArticleDraft>,
    pub staff_name: String,
    pub created_at: DateTime<Utc>,
}

/// A media library entry without its bytes (read straight from its row).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MediaInfo {
    pub name: String,
    pub content_type: String,
    pub size: i64,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// For a resized variant, the original's name.
    pub variant_of: Option<String>,
}

/// A file for the media library, with its description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMedia {
    pub file: MediaFile,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub variant_of: Option<String>,
}

/// Articles, sections, bylines, pages, media and the change log.
#[async_trait]
pub trait ContentStore: Send + Sync + 'static {
    /// Backend name for logs: "sqlite" or "postgres".
    fn backend(&self) -> &'static str;
    /// Applies pending migrations.
    async fn migrate(&self) -> StoreResult<()>;
    /// Reachable and every embedded migration applied (for `/readyz`).
    async fn ready(&self) -> StoreResult<()>;
    /// Connections in the pool, for metrics.
    fn pool_stats(&self) -> PoolStats;
    /// True when no section and no article exists yet (a fresh newsroom).
    async fn is_empty(&self) -> StoreResult<bool>;

    async fn settings(&self) -> StoreResult<SiteSettings>;
    async fn save_settings(&self, settings: &SiteSettings) -> StoreResult<()>;

    /// Creates (a taken slug is [`StoreError::Conflict`]), updates (an unknown slug is
    /// [`StoreError::NotFound`]) or upserts the section with this slug.
    async fn save_section(&self, section: &NewSection, mode: WriteMode) -> StoreResult<Section>;
    /// [`ContentStore::save_section`] replacing any section with this slug (demo, imports).
    async fn upsert_section(&self, section: &NewSection) -> StoreResult<Section> {
        self.save_section(section, WriteMode::Upsert).await
    }
    async fn sections(&self) -> StoreResult<Vec<Section>>;
    async fn section(&self, slug: &str) -> StoreResult<Option<Section>>;

    /// Creates, updates or upserts the byline with this slug (see [`WriteMode`]).
    async fn save_author(&self, author: &NewAuthor, mode: WriteMode) -> StoreResult<Author>;
    async fn upsert_author(&self, author: &NewAuthor) -> StoreResult<Author> {
        self.save_author(author, WriteMode::Upsert).await
    }
    async fn authors(&self) -> StoreResult<Vec<Author>>;
    async fn author(&self, slug: &str) -> StoreResult<Option<Author>>;

    /// A tag that a published (and not deleted) article carries; None otherwise, so a tag
    /// only on drafts has no public page.
    async fn tag(&self, slug: &str) -> StoreResult<Option<Tag>>;

    /// Creates, updates or upserts the page with this slug (see [`WriteMode`]).
    async fn save_page(&self, page: &NewPage, mode: WriteMode) -> StoreResult<Page>;
    async fn upsert_page(&self, page: &NewPage) -> StoreResult<Page> {
        self.save_page(page, WriteMode::Upsert).await
    }
    async fn pages(&self) -> StoreResult<Vec<Page>>;
    async fn page(&self, slug: &str) -> StoreResult<Option<Page>>;

    async fn put_media(&self, file: &MediaFile) -> StoreResult<()>;
    async fn media(&self, name: &str) -> StoreResult<Option<MediaFile>>;

    /// Creates or replaces the article with the draft's slug, atomically, as a new revision.
    /// Checks that the section, bylines, hero image and "Read also" targets exist, and
    /// refuses a stale `expected_version` with [`StoreError::Conflict`].
    async fn save_article_as(
        &self,
        draft: &ArticleDraft,
        ctx: &SaveContext,
    ) -> StoreResult<Article>;
    /// [`ContentStore::save_article_as`] with no editor and no version check.
    async fn save_article(&self, draft: &ArticleDraft) -> StoreResult<Article> {
        self.save_article_as(draft, &SaveContext::default()).await
    }
    async fn article_by_id(&self, id: i64) -> StoreResult<Option<Article>>;
    /// The summaries of the articles with these ids (any state, in the bin too), in one
    /// query: ids that do not exist are left out; the order is not kept. At most 200 ids.
    async fn summaries_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<ArticleSummary>>;
    /// Articles of any status for the desk.
    async fn desk_articles(&self, query: &DeskQuery) -> StoreResult<Vec<ArticleSummary>>;
    async fn count_desk_articles(&self, query: &DeskQuery) -> StoreResult<i64>;
    /// Moves an article to the bin (hidden everywhere) or back.
    async fn set_article_deleted(&self, slug: &str, deleted: bool) -> StoreResult<Article>;
    /// Editors' Picks flag and front-page position (0 = lead).
    async fn set_curation(
        &self,
        slug: &str,
        editors_pick: bool,
        home_position: Option<i64>,
    ) -> StoreResult<Article>;
    /// Publishes a scheduled article whose time has come; false if it was not (or no longer) scheduled.
    async fn publish_if_scheduled(&self, slug: &str, now: DateTime<Utc>) -> StoreResult<bool>;
    async fn revisions(&self, article_id: i64) -> StoreResult<Vec<Revision>>;
    async fn put_media_item(&self, media: &NewMedia) -> StoreResult<()>;
    /// Originals in the media library, newest first.
    async fn media_library(&self, limit: i64, offset: i64) -> StoreResult<Vec<MediaInfo>>;
    async fn media_info(&self, name: &str) -> StoreResult<Option<MediaInfo>>;
    async fn media_variants(&self, name: &str) -> StoreResult<Vec<MediaInfo>>;
    /// Variants of several originals at once (for `srcset` on listing pages).
    async fn media_variants_for(&self, names: &[String]) -> StoreResult<Vec<MediaInfo>>;
    /// Moves an article to another status (publish, unpublish …).
    async fn set_article_status(&self, slug: &str, status: ArticleStatus) -> StoreResult<Article>;
    /// Any article by slug, whatever its status.
    async fn article(&self, slug: &str) -> StoreResult<Option<Article>>;
    /// Articles not in the bin with an id above `after_id`, any status, by id, at most
    /// `limit`, bodies included: the search index is rebuilt from these batches.
    async fn articles_for_index(&self, after_id: i64, limit: i64) -> StoreResult<Vec<Article>>;
    /// Published articles matching `query`, newest first.
    async fn list_articles(&self, query: &ArticleQuery) -> StoreResult<Vec<ArticleSummary>>;
    async fn count_articles(&self, query: &ArticleQuery) -> StoreResult<i64>;
    /// Slugs and update times of published articles, newest first (for sitemaps: no
    /// bylines, tags or bodies are read).
    async fn article_locations(
        &self,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<(String, DateTime<Utc>)>>;
    /// Ids, slugs and update times of one edition's published articles, newest first
    /// (the edition's sitemap chunks).
    async fn edition_locations(
        &self,
        languages: &LanguageFilter,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<(i64, String, DateTime<Utc>)>>;
    /// Published articles sharing tags or the section with `article_id`, most shared tags first.
    async fn related_articles(
        &self,
        article_id: i64,
        limit: i64,
    ) -> StoreResult<Vec<ArticleSummary>>;
    /// Editors' related-post choices for `article_id`: `(related id, slug, pinned)`, the
    /// pinned ones first in their order, then the excluded ones.
    async fn related_choices(&self, article_id: i64) -> StoreResult<Vec<(i64, String, bool)>>;
    /// Replaces the article's choices: `pinned` shown first in this order, `excluded` never.
    /// Records `article:{slug}` so its page is rendered again.
    async fn set_related_choices(
        &self,
        article_id: i64,
        pinned: &[i64],
        excluded: &[i64],
    ) -> StoreResult<()>;
    /// Headlines of the published articles among `slugs`.
    async fn headlines(&self, slugs: &[String]) -> StoreResult<Vec<(String, String)>>;

    /// Changes recorded after `after_id`, oldest first (for other app nodes and CLI writes).
    async fn changes_since(&self, after_id: i64) -> StoreResult<Vec<ContentChange>>;
    /// Id of the newest recorded change (0 when none).
    async fn latest_change_id(&self) -> StoreResult<i64>;
    /// Changes made through this handle, as they commit.
    fn subscribe(&self) -> broadcast::Receiver<ContentChange>;
    /// Woken when another process may have recorded a change (PostgreSQL LISTEN/NOTIFY,
    /// and after the listening connection was lost and came back, since notifications
    /// sent meanwhile are gone): the caller reads the log at once instead of waiting
    /// for its next poll. None where there is no such signal (SQLite: one process).
    fn change_signal(&self) -> Option<Arc<tokio::sync::Notify>> {
        None
    }
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
