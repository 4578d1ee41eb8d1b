//! Live coverage storage: News Feed items, live pages and their entries, the banner.
//! Every write records the cache tags it touches in the change log, which is also where
//! the live streams come from: `feed-item:{id}`, `live:{id}`, `live-entry:{live}:{entry}`
//! and `banner` name what changed, so a node (or a reconnecting reader) re-reads it.

use async_trait::async_trait;
use byline_domain::{
    Banner, FeedItem, LiveEntry, LivePage, LiveStatus, NewBanner, NewFeedItem, NewLiveEntry,
    NewLivePage,
};
use chrono::{DateTime, Utc};

use crate::{ContentChange, StoreResult};

/// Who writes, when, and against which version (optimistic locking: a stale
/// `expected_version` is [`crate::StoreError::Conflict`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveWrite {
    pub staff_id: Option<i64>,
    pub expected_version: Option<i64>,
    pub now: DateTime<Utc>,
}

impl LiveWrite {
    pub fn at(now: DateTime<Utc>) -> Self {
        Self {
            staff_id: None,
            expected_version: None,
            now,
        }
    }
}

/// Which News Feed items to list, newest first (pinned ones first when asked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedQuery {
    /// Leave drafts out (every public listing).
    pub published_only: bool,
    /// Only items linked to this article.
    pub article_id: Option<i64>,
    /// Only items of this staff id (a contributor's own drafts).
    pub owner_id: Option<i64>,
    /// Put pinned items first.
    pub pinned_first: bool,
    /// Only the items of one edition.
    pub editions: Option<crate::LanguageFilter>,
    pub limit: i64,
    pub offset: i64,
}

/// Which entries of a live page to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryQuery {
    pub live_id: i64,
    pub published_only: bool,
    /// Only key events.
    pub key_events_only: bool,
    /// Oldest first (archived pages, the reversed stream); newest first otherwise.
    pub oldest_first: bool,
    pub limit: i64,
    pub offset: i64,
}

/// Tag of a feed item's change.
pub fn feed_item_tag(id: i64) -> String {
    format!("feed-item:{id}")
}

/// Tag of a change to a live page (its headline, summary, state or any entry).
pub fn live_tag(live_id: i64) -> String {
    format!("live:{live_id}")
}

/// Tag of a change to one live entry.
pub fn live_entry_tag(live_id: i64, entry_id: i64) -> String {
    format!("live-entry:{live_id}:{entry_id}")
}

/// Tag of every page that lists News Feed items (`/news-feed`, its feeds, the home page).
pub const NEWS_FEED: &str = "news-feed";
/// Tag of pages that list live pages (sitemaps, the home page).
pub const LIVE_PAGES: &str = "live-pages";
/// Tag of a banner change (with `site`: every page shows it).
pub const BANNER: &str = "banner";

#[async_trait]
pub trait LiveStore: Send + Sync + 'static {
    /// Creates (`id` None) or replaces the item `id` (an unknown id is NotFound). The
    /// article named by `item.article` must exist; pinning an item unpins the others.
    async fn save_feed_item(
        &self,
        id: Option<i64>,
        item: &NewFeedItem,
        write: &LiveWrite,
    ) -> StoreResult<FeedItem>;
    /// Any item, draft or published.
    async fn feed_item(&self, id: i64) -> StoreResult<Option<FeedItem>>;
    async fn feed_items(&self, query: &FeedQuery) -> StoreResult<Vec<FeedItem>>;
    async fn count_feed_items(&self, query: &FeedQuery) -> StoreResult<i64>;
    /// Deletes an item for good; NotFound when there is none.
    async fn delete_feed_item(&self, id: i64) -> StoreResult<()>;

    /// Creates (`id` None) or updates the headline, summary and slug of a live page.
    async fn save_live_page(
        &self,
        id: Option<i64>,
        page: &NewLivePage,
        write: &LiveWrite,
    ) -> StoreResult<LivePage>;
    async fn live_page(&self, slug: &str) -> StoreResult<Option<LivePage>>;
    async fn live_page_by_id(&self, id: i64) -> StoreResult<Option<LivePage>>;
    /// Live pages, newest start first; only those in `status` and of `editions` when given.
    async fn live_pages(
        &self,
        status: Option<LiveStatus>,
        editions: Option<&crate::LanguageFilter>,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<LivePage>>;
    /// Archives (frozen from now) or reopens a live page.
    async fn set_live_status(
        &self,
        id: i64,
        status: LiveStatus,
        now: DateTime<Utc>,
    ) -> StoreResult<LivePage>;
    /// Archives every live page whose newest entry (or start, when it has none) and last
    /// change (an edit, a reopening) are both older than `idle_before`; returns the pages
    /// archived. A page reopened by hand is not swept again at once.
    async fn archive_idle_live_pages(
        &self,
        idle_before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<LivePage>>;

    /// Creates (`id` None) or replaces an entry of live page `live_id`. An archived page
    /// takes no writes ([`crate::StoreError::Conflict`]); pinning an entry unpins the
    /// page's others.
    async fn save_live_entry(
        &self,
        live_id: i64,
        id: Option<i64>,
        entry: &NewLiveEntry,
        write: &LiveWrite,
    ) -> StoreResult<LiveEntry>;
    async fn live_entry(&self, id: i64) -> StoreResult<Option<LiveEntry>>;
    async fn live_entries(&self, query: &EntryQuery) -> StoreResult<Vec<LiveEntry>>;
    async fn count_live_entries(&self, query: &EntryQuery) -> StoreResult<i64>;
    /// Deletes an entry for good (refused on an archived page); NotFound when none.
    async fn delete_live_entry(&self, id: i64) -> StoreResult<()>;

    /// The banner set now (shown or not yet / no longer shown), None when cleared.
    async fn banner(&self) -> StoreResult<Option<Banner>>;
    /// Sets a new banner (a new id) or clears it (`None`).
    async fn set_banner(
        &self,
        banner: Option<&NewBanner>,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Banner>>;

    /// Records a change touching `tags` with no write (a banner's start or end time has
    /// come: the pages that show it are stale).
    async fn touch(&self, tags: &[String]) -> StoreResult<ContentChange>;
}
