//! View models of live coverage shared by the pages, the feeds and the events: a News
//! Feed item, a live entry, the key-events list, and the fragments the page script swaps
//! in (rendered by the same templates the pages include, so an update looks the same as
//! a reload).

use askama::Template;
use byline_domain::{markdown, Author, FeedItem, LiveEntry, LivePage, LiveStatus};
use byline_i18n::{DateStyle, Lang};
use chrono_tz::Tz;

use crate::view::{paths, BylineView, ImageView, TimeView};

/// URL paths of live coverage.
pub mod live_paths {
    pub const NEWS_FEED: &str = "/news-feed";
    pub const LIVE_INDEX: &str = "/live";

    pub fn feed_item(id: i64) -> String {
        format!("/news-feed/{id}")
    }
    pub fn live(slug: &str) -> String {
        format!("/live/{slug}")
    }
    pub fn entry_anchor(id: i64) -> String {
        format!("entry-{id}")
    }
    pub fn entry(slug: &str, id: i64) -> String {
        format!("/live/{slug}#entry-{id}")
    }
}

/// The target of a feed item's link.
#[derive(Debug, Clone)]
pub struct LinkView {
    pub href: String,
    /// The linked article's headline, or empty for an external link.
    pub headline: String,
    pub external: bool,
}

/// One News Feed item as a list entry (and as its own page).
#[derive(Debug, Clone)]
pub struct FeedItemView {
    pub id: i64,
    pub headline: String,
    pub body_html: String,
    /// `/news-feed/{id}`.
    pub url: String,
    pub link: Option<LinkView>,
    pub image: Option<ImageView>,
    pub bylines: Vec<BylineView>,
    pub breaking: bool,
    pub pinned: bool,
    pub time: TimeView,
    /// Milliseconds since the epoch: the order the script inserts by.
    pub millis: i64,
    /// The local day ("2026-12-02") and its heading ("Wednesday, 2 December").
    pub day: String,
    pub day_heading: String,
}

impl FeedItemView {
    pub fn new(item: &FeedItem, tz: Tz, lang: Lang) -> Self {
        let local = item.published_at.with_timezone(&tz);
        let link = match (&item.article, item.link.is_empty()) {
            (Some(a), _) => Some(LinkView {
                href: paths::article(&a.slug),
                headline: a.headline.clone(),
                external: false,
            }),
            (None, false) => Some(LinkView {
                href: item.link.clone(),
                headline: String::new(),
                external: true,
            }),
            (None, true) => None,
        };
        let image = (!item.image.is_empty()).then(|| ImageView {
            name: item.image.clone(),
            src: paths::media(&item.image),
            alt: item.image_alt.clone(),
            caption: String::new(),
            credit: item.image_credit.clone(),
            srcset: String::new(),
            srcset_webp: String::new(),
        });
        Self {
            id: item.id,
            headline: item.headline.clone(),
            body_html: markdown::render_in(&item.body_markdown, lang).html,
            url: live_paths::feed_item(item.id),
            link,
            image,
            bylines: byline_views(&item.authors),
            breaking: item.breaking,
            pinned: item.pinned,
            time: TimeView::in_lang(item.published_at, tz, lang),
            millis: item.published_at.timestamp_millis(),
            day: local.format("%Y-%m-%d").to_string(),
            day_heading: lang.date(&local, DateStyle::DayHeading),
        }
    }
}

/// Items of one local day, newest first.
#[derive(Debug, Clone)]
pub struct DayGroup {
    pub day: String,
    pub heading: String,
    pub items: Vec<FeedItemView>,
}

/// Groups items (already newest first) by their local day, keeping the order.
pub fn group_by_day(items: Vec<FeedItemView>) -> Vec<DayGroup> {
    let mut groups: Vec<DayGroup> = Vec::new();
    for item in items {
        match groups.last_mut() {
            Some(g) if g.day == item.day => g.items.push(item),
            _ => groups.push(DayGroup {
                day: item.day.clone(),
                heading: item.day_heading.clone(),
                items: vec![item],
            }),
        }
    }
    groups
}

/// One entry of a live page's stream.
#[derive(Debug, Clone)]
pub struct EntryView {
    pub id: i64,
    pub anchor: String,
    pub headline: String,
    pub body_html: String,
    /// `/live/{slug}#entry-{id}`.
    pub permalink: String,
    pub key_event: bool,
    pub pinned: bool,
    pub bylines: Vec<BylineView>,
    pub time: TimeView,
    pub millis: i64,
}

impl EntryView {
    pub fn new(slug: &str, entry: &LiveEntry, tz: Tz, lang: Lang) -> Self {
        Self {
            id: entry.id,
            anchor: live_paths::entry_anchor(entry.id),
            headline: entry.headline.clone(),
            body_html: markdown::render_in(&entry.body_markdown, lang).html,
            permalink: live_paths::entry(slug, entry.id),
            key_event: entry.key_event,
            pinned: entry.pinned,
            bylines: byline_views(&entry.authors),
            time: TimeView::in_lang(entry.published_at, tz, lang),
            millis: entry.published_at.timestamp_millis(),
        }
    }
}

/// An entry's title where it has none of its own: the start of its text.
pub fn entry_title(entry: &LiveEntry) -> String {
    if entry.headline.is_empty() {
        byline_domain::excerpt::excerpt(&markdown::plain_text(&entry.body_markdown), 110)
    } else {
        entry.headline.clone()
    }
}

/// A line of the key-events box: jumps to the entry's anchor.
#[derive(Debug, Clone)]
pub struct KeyEventView {
    pub anchor: String,
    pub title: String,
    pub time: TimeView,
}

impl KeyEventView {
    pub fn new(entry: &LiveEntry, tz: Tz, lang: Lang) -> Self {
        Self {
            anchor: live_paths::entry_anchor(entry.id),
            title: entry_title(entry),
            time: TimeView::in_lang(entry.published_at, tz, lang),
        }
    }
}

/// The top of a live page that staff edit: the summary and its state.
#[derive(Debug, Clone)]
pub struct SummaryView {
    pub summary_html: String,
    pub archived: bool,
    pub started: TimeView,
}

impl SummaryView {
    pub fn new(page: &LivePage, tz: Tz, lang: Lang) -> Self {
        Self {
            summary_html: markdown::render_in(&page.summary_markdown, lang).html,
            archived: page.status == LiveStatus::Archived,
            started: TimeView::in_lang(page.started_at, tz, lang),
        }
    }
}

fn byline_views(authors: &[Author]) -> Vec<BylineView> {
    authors
        .iter()
        .map(|a| BylineView {
            name: a.name.clone(),
            url: paths::author(&a.slug),
        })
        .collect()
}

/// A News Feed item's list entry, as the page shows it and an `item` event carries it.
#[derive(Template)]
#[template(path = "live/feed_item.html")]
pub struct FeedItemFragment<'a> {
    pub lang: Lang,
    pub item: &'a FeedItemView,
}

/// A News Feed item as one line of a compact list (the home page's News Feed block), as
/// the page shows it and an `item` event carries it (`line`).
#[derive(Template)]
#[template(path = "live/feed_line.html")]
pub struct FeedLineFragment<'a> {
    pub lang: Lang,
    pub item: &'a FeedItemView,
}

/// A live entry, as the page shows it and an `item` event carries it.
#[derive(Template)]
#[template(path = "live/entry.html")]
pub struct EntryFragment<'a> {
    pub lang: Lang,
    pub entry: &'a EntryView,
}

/// The key-events box (empty markup when there are none).
#[derive(Template)]
#[template(path = "live/key_events.html")]
pub struct KeyEventsFragment<'a> {
    pub lang: Lang,
    pub key_events: &'a [KeyEventView],
}

/// The summary block: state and key points.
#[derive(Template)]
#[template(path = "live/summary.html")]
pub struct SummaryFragment<'a> {
    pub lang: Lang,
    pub summary: &'a SummaryView,
}

/// The "N new updates" button's words for each plural category, with `{n}` where the
/// number goes (the script picks the category with `Intl.PluralRules`).
#[derive(Debug, Clone)]
pub struct NewUpdatesWords {
    pub one: String,
    pub few: String,
    pub many: String,
    pub other: String,
}

impl NewUpdatesWords {
    pub fn new(lang: Lang) -> Self {
        let form = |count: i64| {
            lang.t_args(
                "live-new-updates",
                &[("count", count.into()), ("shown", "{n}".into())],
            )
        };
        Self {
            one: form(1),
            few: form(2),
            many: form(5),
            other: form(100),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_updates_words_keep_the_placeholder_in_every_form() {
        for lang in Lang::ALL {
            let w = NewUpdatesWords::new(lang);
            for form in [&w.one, &w.few, &w.many, &w.other] {
                assert!(form.contains("{n}"), "{lang}: {form}");
            }
        }
        let uk = NewUpdatesWords::new(Lang::Uk);
        assert_ne!(uk.one, uk.few);
        assert_ne!(uk.few, uk.many);
    }
}
