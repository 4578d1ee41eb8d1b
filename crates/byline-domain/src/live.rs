//! Live coverage as stored: News Feed items, live pages and their entries, and the
//! site-wide banner. Limits on their fields live here so every path applies the same ones.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Author;

/// Longest News Feed headline, in characters.
pub const FEED_HEADLINE_MAX: usize = 200;
/// Longest News Feed body ("a few sentences"), in characters.
pub const FEED_BODY_MAX: usize = 2_000;
/// Longest live page headline, in characters.
pub const LIVE_HEADLINE_MAX: usize = 300;
/// Longest key-points summary of a live page, in characters.
pub const LIVE_SUMMARY_MAX: usize = 5_000;
/// Longest live entry headline, in characters.
pub const ENTRY_HEADLINE_MAX: usize = 200;
/// Longest live entry body, in characters.
pub const ENTRY_BODY_MAX: usize = 20_000;
/// Longest banner text, in characters.
pub const BANNER_TEXT_MAX: usize = 300;
/// Longest link (feed item, banner), in characters.
pub const LINK_MAX: usize = 2_000;
/// Most bylines on one item or entry.
pub const AUTHORS_MAX: usize = 10;

/// A short, timestamped News Feed item ("17:15 — IMF tranche arrives").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedItem {
    pub id: i64,
    pub headline: String,
    pub body_markdown: String,
    /// The article it points to, if any (slug and headline).
    pub article: Option<LinkedArticle>,
    /// A link elsewhere (absolute http(s) URL), empty when none.
    pub link: String,
    /// Media file name of the image, empty when none.
    pub image: String,
    pub image_alt: String,
    pub image_credit: String,
    pub breaking: bool,
    pub pinned: bool,
    /// False for a draft (staff only).
    pub published: bool,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub owner_id: Option<i64>,
    pub version: i64,
    pub authors: Vec<Author>,
    /// The code of the edition it belongs to.
    pub edition: String,
}

/// The article a feed item links to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedArticle {
    pub slug: String,
    pub headline: String,
}

/// A feed item as submitted (create or replace).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewFeedItem {
    pub headline: String,
    #[serde(default)]
    pub body: String,
    /// Slug of an article on this site, else empty.
    #[serde(default)]
    pub article: String,
    /// An external http(s) link, else empty.
    #[serde(default)]
    pub link: String,
    #[serde(default)]
    pub image: String,
    #[serde(default)]
    pub image_alt: String,
    #[serde(default)]
    pub image_credit: String,
    #[serde(default)]
    pub breaking: bool,
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub published: bool,
    /// Byline slugs, in order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// The time shown; None keeps the stored one (or now, for a new item).
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
    /// The code of the edition the item belongs to; empty keeps the stored one (the
    /// default edition for a new item).
    #[serde(default)]
    pub edition: String,
}

/// Whether a live page is still running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LiveStatus {
    Live,
    /// Frozen: no new entries, shown oldest first.
    Archived,
}

impl LiveStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Live => "live",
            Self::Archived => "archived",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "live" => Some(Self::Live),
            "archived" => Some(Self::Archived),
            _ => None,
        }
    }
}

/// A live page for an ongoing event ("Missile attack on Kyiv — live").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LivePage {
    pub id: i64,
    pub slug: String,
    pub headline: String,
    /// Key points kept at the top, edited by staff (Markdown).
    pub summary_markdown: String,
    pub status: LiveStatus,
    pub started_at: DateTime<Utc>,
    pub archived_at: Option<DateTime<Utc>>,
    /// Time of the newest published entry.
    pub last_entry_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub owner_id: Option<i64>,
    pub version: i64,
    /// The code of the edition it belongs to.
    pub edition: String,
}

/// A live page as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewLivePage {
    /// Empty: derived from the headline in the outlet's language.
    #[serde(default)]
    pub slug: String,
    pub headline: String,
    #[serde(default)]
    pub summary: String,
    /// The code of the edition the page belongs to; empty keeps the stored one (the
    /// default edition for a new page).
    #[serde(default)]
    pub edition: String,
}

/// One timestamped entry in a live page's stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveEntry {
    pub id: i64,
    pub live_id: i64,
    /// May be empty (many updates are a paragraph with no headline).
    pub headline: String,
    pub body_markdown: String,
    pub key_event: bool,
    pub pinned: bool,
    pub published: bool,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub owner_id: Option<i64>,
    pub version: i64,
    pub authors: Vec<Author>,
}

/// A live entry as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewLiveEntry {
    #[serde(default)]
    pub headline: String,
    pub body: String,
    #[serde(default)]
    pub key_event: bool,
    #[serde(default)]
    pub pinned: bool,
    #[serde(default)]
    pub published: bool,
    #[serde(default)]
    pub authors: Vec<String>,
}

/// How a banner looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BannerStyle {
    /// Red, for breaking news.
    Breaking,
    /// Quiet, for announcements.
    Notice,
}

impl BannerStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Breaking => "breaking",
            Self::Notice => "notice",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "breaking" => Some(Self::Breaking),
            "notice" => Some(Self::Notice),
            _ => None,
        }
    }
}

/// The site-wide banner as set (it shows between `starts_at` and `ends_at`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Banner {
    /// Grows with every banner set, so a reader's dismissal hides only this one.
    pub id: i64,
    pub text: String,
    pub link: String,
    pub style: BannerStyle,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
}

impl Banner {
    /// Whether it shows at `now`.
    pub fn showing_at(&self, now: DateTime<Utc>) -> bool {
        self.starts_at <= now && self.ends_at.is_none_or(|end| now < end)
    }
}

/// A banner as submitted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewBanner {
    pub text: String,
    #[serde(default)]
    pub link: String,
    pub style: BannerStyle,
    /// None: now.
    #[serde(default)]
    pub starts_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub ends_at: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_banner_shows_inside_its_window_only() {
        let at = |s: i64| DateTime::from_timestamp(s, 0).expect("time");
        let b = Banner {
            id: 1,
            text: "x".into(),
            link: String::new(),
            style: BannerStyle::Notice,
            starts_at: at(100),
            ends_at: Some(at(200)),
        };
        assert!(!b.showing_at(at(99)));
        assert!(b.showing_at(at(100)));
        assert!(b.showing_at(at(199)));
        assert!(!b.showing_at(at(200)));
        let open = Banner { ends_at: None, ..b };
        assert!(open.showing_at(at(10_000)));
    }

    #[test]
    fn states_and_styles_round_trip() {
        for s in [LiveStatus::Live, LiveStatus::Archived] {
            assert_eq!(LiveStatus::parse(s.as_str()), Some(s));
        }
        for s in [BannerStyle::Breaking, BannerStyle::Notice] {
            assert_eq!(BannerStyle::parse(s.as_str()), Some(s));
        }
        assert_eq!(LiveStatus::parse("LIVE"), None);
        assert_eq!(BannerStyle::parse(""), None);
    }
}
