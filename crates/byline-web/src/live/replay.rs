//! From the change log to live events: which events one change makes, and what a client
//! that reconnects with `Last-Event-ID` missed.
//!
//! An event always carries the current state, re-read from the database (never the
//! state at the time of the change), so replaying only the latest change of each item
//! is enough: a client that missed three edits of an item gets one `item` event.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use byline_domain::LiveStatus;
use byline_store::ContentChange;
use serde_json::json;

use super::banner::{BannerFragment, BannerView};
use super::event::{EditionScope, LiveEvent, StreamKey};
use super::live_page::key_events;
use super::views::{
    EntryFragment, EntryView, FeedItemFragment, FeedItemView, FeedLineFragment, KeyEventView,
    KeyEventsFragment, SummaryFragment, SummaryView,
};
use crate::{AppError, AppState};

/// What a reconnecting client missed.
#[derive(Debug)]
pub enum Replay {
    /// The events after its last id, oldest first.
    Events(Vec<LiveEvent>),
    /// More than a replay carries: the client reloads the stream (a `resync` event).
    TooFarBehind,
}

/// Changes read for one replay at most (the store's page of the change log).
pub const REPLAY_CHANGES_MAX: usize = 1000;
/// Distinct items, entries and pages a replay re-reads at most (each is a read or two; a
/// reader further behind reloads the page, which comes from the cache).
pub const REPLAY_EVENTS_MAX: usize = 50;

/// What one change-log tag names, as far as the live streams care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Subject {
    FeedItem(i64),
    Entry {
        live: i64,
        entry: i64,
    },
    /// A live page itself (headline, summary, state).
    Page(i64),
    Banner,
}

impl Subject {
    fn stream(self) -> StreamKey {
        match self {
            Self::FeedItem(_) => StreamKey::Feed,
            Self::Entry { live, .. } | Self::Page(live) => StreamKey::Live(live),
            Self::Banner => StreamKey::Site,
        }
    }
}

/// The live subjects a change touches. `live:{l}` names the page itself only when no
/// entry of it changed (an entry's change carries both tags).
fn subjects(change: &ContentChange) -> Vec<Subject> {
    let mut out = Vec::new();
    let mut pages = Vec::new();
    for tag in &change.tags {
        if let Some(id) = tag.strip_prefix("feed-item:").and_then(|s| s.parse().ok()) {
            out.push(Subject::FeedItem(id));
        } else if let Some((l, e)) = tag
            .strip_prefix("live-entry:")
            .and_then(|s| s.split_once(':'))
        {
            if let (Ok(live), Ok(entry)) = (l.parse(), e.parse()) {
                out.push(Subject::Entry { live, entry });
            }
        } else if let Some(id) = tag.strip_prefix("live:").and_then(|s| s.parse().ok()) {
            pages.push(id);
        } else if tag == byline_store::live::BANNER {
            out.push(Subject::Banner);
        }
    }
    for live in pages {
        if !out
            .iter()
            .any(|s| matches!(s, Subject::Entry { live: l, .. } if *l == live))
        {
            out.push(Subject::Page(live));
        }
    }
    out
}

/// The events one committed change makes (none for changes that touch no live stream).
pub async fn events_for(
    app: &AppState,
    change: &ContentChange,
) -> Result<Vec<LiveEvent>, AppError> {
    let mut events = Vec::new();
    for subject in subjects(change) {
        events.push(event_of(app, subject, change.id).await?);
    }
    Ok(events)
}

/// The events of `streams` after change `after`, re-read from the database.
pub async fn replay(app: &AppState, streams: &[StreamKey], after: i64) -> Result<Replay, AppError> {
    // An id the log has not reached (a restored database, a forged header) would filter
    // out every event to come: the client reloads instead.
    if after > app.store.latest_change_id().await? {
        return Ok(Replay::TooFarBehind);
    }
    let changes = app.store.changes_since(after).await?;
    if changes.len() >= REPLAY_CHANGES_MAX {
        return Ok(Replay::TooFarBehind);
    }
    // The latest change of each subject the client follows.
    let mut latest: BTreeMap<Subject, i64> = BTreeMap::new();
    for change in &changes {
        for subject in subjects(change) {
            if streams.contains(&subject.stream()) {
                latest.insert(subject, change.id);
            }
        }
    }
    if latest.len() > REPLAY_EVENTS_MAX {
        return Ok(Replay::TooFarBehind);
    }
    let mut ordered: Vec<(i64, Subject)> = latest.into_iter().map(|(s, id)| (id, s)).collect();
    ordered.sort();
    let mut events = Vec::with_capacity(ordered.len());
    for (id, subject) in ordered {
        events.push(event_of(app, subject, id).await?);
    }
    Ok(Replay::Events(events))
}

fn event(id: i64, stream: StreamKey, name: &'static str, data: &serde_json::Value) -> LiveEvent {
    LiveEvent {
        id,
        stream,
        name,
        data: Arc::from(data.to_string()),
        edition: None,
    }
}

/// The current state of `subject` as an event with id `id`, worded in the language and
/// time zone of the edition it belongs to.
async fn event_of(app: &AppState, subject: Subject, id: i64) -> Result<LiveEvent, AppError> {
    let stream = subject.stream();
    Ok(match subject {
        Subject::FeedItem(item_id) => match app.store.feed_item(item_id).await? {
            Some(item) if item.published => {
                let chrome = app
                    .chrome
                    .edition(app.store.as_ref(), Some(&item.edition))
                    .await?;
                let (tz, lang) = (chrome.tz, chrome.lang);
                let view = FeedItemView::new(&item, tz, lang);
                let html = FeedItemFragment { lang, item: &view }.render()?;
                let line = FeedLineFragment { lang, item: &view }.render()?;
                let shown = event(
                    id,
                    stream,
                    "item",
                    &json!({
                        "id": item.id,
                        "html": html,
                        "line": line,
                        "headline": item.headline,
                        "pinned": item.pinned,
                        "breaking": item.breaking,
                        "published_at": item.published_at.to_rfc3339(),
                        "time": view.millis,
                        "day": view.day,
                        "day_heading": view.day_heading,
                    }),
                );
                LiveEvent {
                    edition: Some(EditionScope {
                        code: Arc::from(item.edition.as_str()),
                        elsewhere: Arc::from(json!({ "id": item_id }).to_string()),
                    }),
                    ..shown
                }
            }
            _ => event(id, stream, "delete", &json!({ "id": item_id })),
        },
        Subject::Entry { live, entry } => {
            let page = app.store.live_page_by_id(live).await?;
            let found = app.store.live_entry(entry).await?;
            let chrome = page_chrome(app, page.as_ref()).await?;
            let (tz, lang) = (chrome.tz, chrome.lang);
            let key_box = key_events_html(app, live, &chrome).await?;
            match (page, found) {
                (Some(page), Some(e)) if e.published && e.live_id == live => {
                    let view = EntryView::new(&page.slug, &e, tz, lang);
                    let html = EntryFragment { lang, entry: &view }.render()?;
                    event(
                        id,
                        stream,
                        "item",
                        &json!({
                            "id": e.id,
                            "html": html,
                            "headline": e.headline,
                            "key_event": e.key_event,
                            "pinned": e.pinned,
                            "published_at": e.published_at.to_rfc3339(),
                            "time": view.millis,
                            "key_events": key_box,
                        }),
                    )
                }
                _ => event(
                    id,
                    stream,
                    "delete",
                    &json!({ "id": entry, "key_events": key_box }),
                ),
            }
        }
        Subject::Page(live) => match app.store.live_page_by_id(live).await? {
            Some(page) => {
                let chrome = page_chrome(app, Some(&page)).await?;
                let (tz, lang) = (chrome.tz, chrome.lang);
                let summary = SummaryView::new(&page, tz, lang);
                let html = SummaryFragment {
                    lang,
                    summary: &summary,
                }
                .render()?;
                let archived = page.status == LiveStatus::Archived;
                event(
                    id,
                    stream,
                    if archived { "state" } else { "summary" },
                    &json!({
                        "id": page.id,
                        "headline": page.headline,
                        "status": page.status.as_str(),
                        "html": html,
                        "key_events": key_events_html(app, live, &chrome).await?,
                    }),
                )
            }
            // A deleted page: readers on it see it end.
            None => event(
                id,
                stream,
                "state",
                &json!({ "id": live, "status": "archived", "html": null }),
            ),
        },
        Subject::Banner => {
            let lang = app.chrome.get(app.store.as_ref()).await?.lang;
            let banner = app.store.banner().await?;
            let view = BannerView::showing(banner.as_ref(), lang);
            let html = match &view {
                Some(b) => Some(BannerFragment { lang, banner: b }.render()?),
                None => None,
            };
            event(
                id,
                stream,
                "banner",
                &json!({ "id": view.as_ref().map(|b| b.id), "html": html }),
            )
        }
    })
}

/// The chrome of a live page's edition (the default one when the page is gone).
async fn page_chrome(
    app: &AppState,
    page: Option<&byline_domain::LivePage>,
) -> Result<Arc<crate::chrome::Chrome>, AppError> {
    app.chrome
        .edition(app.store.as_ref(), page.map(|p| p.edition.as_str()))
        .await
}

async fn key_events_html(
    app: &AppState,
    live: i64,
    chrome: &crate::chrome::Chrome,
) -> Result<String, AppError> {
    let list: Vec<KeyEventView> = key_events(app, live)
        .await?
        .iter()
        .map(|e| KeyEventView::new(e, chrome.tz, chrome.lang))
        .collect();
    Ok(KeyEventsFragment {
        lang: chrome.lang,
        key_events: &list,
    }
    .render()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(tags: &[&str]) -> ContentChange {
        ContentChange {
            id: 7,
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    #[test]
    fn an_entry_change_names_the_entry_not_the_page() {
        let s = subjects(&change(&["live:3", "live-entry:3:9", "live-entry:3:4"]));
        assert_eq!(
            s,
            vec![
                Subject::Entry { live: 3, entry: 9 },
                Subject::Entry { live: 3, entry: 4 }
            ]
        );
    }

    #[test]
    fn a_page_change_alone_names_the_page() {
        let s = subjects(&change(&["home", "live-pages", "live:3", "live:5"]));
        assert_eq!(s, vec![Subject::Page(3), Subject::Page(5)]);
    }

    #[test]
    fn feed_items_and_the_banner_have_their_streams() {
        let s = subjects(&change(&[
            "news-feed",
            "home",
            "feed-item:12",
            "banner",
            "site",
            "article:x",
        ]));
        assert_eq!(s, vec![Subject::FeedItem(12), Subject::Banner]);
        assert_eq!(Subject::FeedItem(12).stream(), StreamKey::Feed);
        assert_eq!(Subject::Banner.stream(), StreamKey::Site);
        assert_eq!(Subject::Page(5).stream(), StreamKey::Live(5));
    }

    #[test]
    fn malformed_tags_name_nothing() {
        let s = subjects(&change(&[
            "feed-item:x",
            "live-entry:3",
            "live:",
            "live-entry:a:b",
        ]));
        assert!(s.is_empty(), "{s:?}");
    }
}
