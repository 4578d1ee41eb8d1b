//! Rows of the live coverage tables and their domain types.

use byline_domain::{
    Author, Banner, BannerStyle, FeedItem, LinkedArticle, LiveEntry, LivePage, LiveStatus,
};

use super::shared::to_time;

/// Columns of [`FeedItemRow`]: `feed_items f` joined to its article `a` (published only).
pub(crate) const FEED_ITEM_COLUMNS: &str = "f.id, f.headline, f.body_markdown, \
    a.slug AS article_slug, a.headline AS article_headline, f.link, f.image, f.image_alt, \
    f.image_credit, f.breaking, f.pinned, f.published, f.published_at, f.updated_at, \
    f.owner_id, f.version, f.edition";

/// The join [`FEED_ITEM_COLUMNS`] reads from.
pub(crate) const FEED_ITEM_FROM: &str = "feed_items f LEFT JOIN articles a ON a.id = f.article_id \
    AND a.status = 'published' AND a.deleted_at IS NULL";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct FeedItemRow {
    pub id: i64,
    pub headline: String,
    pub body_markdown: String,
    pub article_slug: Option<String>,
    pub article_headline: Option<String>,
    pub link: String,
    pub image: String,
    pub image_alt: String,
    pub image_credit: String,
    pub breaking: bool,
    pub pinned: bool,
    pub published: bool,
    pub published_at: i64,
    pub updated_at: i64,
    pub owner_id: Option<i64>,
    pub version: i64,
    pub edition: String,
}

impl FeedItemRow {
    pub fn into_item(self, authors: Vec<Author>) -> FeedItem {
        let article = match (self.article_slug, self.article_headline) {
            (Some(slug), Some(headline)) => Some(LinkedArticle { slug, headline }),
            _ => None,
        };
        FeedItem {
            id: self.id,
            headline: self.headline,
            body_markdown: self.body_markdown,
            article,
            link: self.link,
            image: self.image,
            image_alt: self.image_alt,
            image_credit: self.image_credit,
            breaking: self.breaking,
            pinned: self.pinned,
            published: self.published,
            published_at: to_time(self.published_at),
            updated_at: to_time(self.updated_at),
            owner_id: self.owner_id,
            version: self.version,
            authors,
            edition: self.edition,
        }
    }
}

pub(crate) const LIVE_PAGE_COLUMNS: &str = "id, slug, headline, summary_markdown, status, \
    started_at, archived_at, last_entry_at, updated_at, owner_id, version, edition";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct LivePageRow {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    pub summary_markdown: String,
    pub status: String,
    pub started_at: i64,
    pub archived_at: Option<i64>,
    pub last_entry_at: Option<i64>,
    pub updated_at: i64,
    pub owner_id: Option<i64>,
    pub version: i64,
    pub edition: String,
}

impl From<LivePageRow> for LivePage {
    fn from(r: LivePageRow) -> Self {
        LivePage {
            id: r.id,
            slug: r.slug,
            headline: r.headline,
            summary_markdown: r.summary_markdown,
            // Only the store writes this column, with one of the two values.
            status: LiveStatus::parse(&r.status).unwrap_or(LiveStatus::Archived),
            started_at: to_time(r.started_at),
            archived_at: r.archived_at.map(to_time),
            last_entry_at: r.last_entry_at.map(to_time),
            updated_at: to_time(r.updated_at),
            owner_id: r.owner_id,
            version: r.version,
            edition: r.edition,
        }
    }
}

pub(crate) const LIVE_ENTRY_COLUMNS: &str = "id, live_id, headline, body_markdown, key_event, \
    pinned, published, published_at, updated_at, owner_id, version";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct LiveEntryRow {
    pub id: i64,
    pub live_id: i64,
    pub headline: String,
    pub body_markdown: String,
    pub key_event: bool,
    pub pinned: bool,
    pub published: bool,
    pub published_at: i64,
    pub updated_at: i64,
    pub owner_id: Option<i64>,
    pub version: i64,
}

impl LiveEntryRow {
    pub fn into_entry(self, authors: Vec<Author>) -> LiveEntry {
        LiveEntry {
            id: self.id,
            live_id: self.live_id,
            headline: self.headline,
            body_markdown: self.body_markdown,
            key_event: self.key_event,
            pinned: self.pinned,
            published: self.published,
            published_at: to_time(self.published_at),
            updated_at: to_time(self.updated_at),
            owner_id: self.owner_id,
            version: self.version,
            authors,
        }
    }
}

/// An author joined to the item or entry it signs.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct SignedRow {
    pub owner: i64,
    #[sqlx(flatten)]
    pub author: super::content_rows::AuthorRow,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct BannerRow {
    pub id: i64,
    pub text: String,
    pub link: String,
    pub style: String,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
}

impl From<BannerRow> for Banner {
    fn from(r: BannerRow) -> Self {
        Banner {
            id: r.id,
            text: r.text,
            link: r.link,
            style: BannerStyle::parse(&r.style).unwrap_or(BannerStyle::Notice),
            starts_at: to_time(r.starts_at),
            ends_at: r.ends_at.map(to_time),
        }
    }
}
