//! Live pages: `/live/{slug}` (state, key points, key events, the pinned entry, the
//! stream newest first or `?order=oldest`, 50 entries a page, LiveBlogPosting JSON-LD)
//! and `/live`, the index of live pages, running ones first.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use byline_domain::{LiveEntry, LivePage, LiveStatus};
use byline_store::EntryQuery;

use super::json_ld::live_blog_posting;
use super::pages::OrderParam;
use super::views::{live_paths, EntryView, KeyEventView, NewUpdatesWords, SummaryView};
use crate::chrome::Chrome;
use crate::editions::RequestEdition;
use crate::site::PageNumber;
use crate::view::{Meta, TimeView};
use crate::{AppError, AppState, Rendered};

/// Entries per page of a live stream.
pub(crate) const PER_PAGE: i64 = 50;
/// Newest entries read for the pinned entry and the JSON-LD.
const RECENT: i64 = 200;
/// Key events listed in the box at most.
pub(crate) const KEY_EVENTS_MAX: i64 = 50;

#[derive(Template)]
#[template(path = "live/live_page.html")]
struct LivePageTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    headline: String,
    summary: SummaryView,
    key_events: Vec<KeyEventView>,
    pinned: Option<EntryView>,
    entries: Vec<EntryView>,
    entries_heading: String,
    oldest: bool,
    newest_href: String,
    oldest_href: String,
    newer: Option<String>,
    older: Option<String>,
    prev_label: String,
    next_label: String,
    status: String,
    json_ld: String,
    events_url: String,
    after: Option<i64>,
    insert: &'static str,
    words: NewUpdatesWords,
}

/// The key events of live page `id`, newest first.
pub(crate) async fn key_events(app: &AppState, live_id: i64) -> Result<Vec<LiveEntry>, AppError> {
    Ok(app
        .store
        .live_entries(&EntryQuery {
            live_id,
            published_only: true,
            key_events_only: true,
            limit: KEY_EVENTS_MAX,
            ..EntryQuery::default()
        })
        .await?)
}

pub(super) async fn show(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    PageNumber(page): PageNumber,
    OrderParam(order): OrderParam,
) -> Result<Rendered, AppError> {
    let after = app.store.latest_change_id().await?;
    let live = app
        .store
        .live_page(&slug)
        .await?
        .ok_or(AppError::NotFound)?;
    // The page is shown in its edition: its language, zone and navigation.
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), Some(&live.edition))
        .await?;
    let (tz, lang) = (chrome.tz, chrome.lang);
    let archived = live.status == LiveStatus::Archived;
    let oldest = order.unwrap_or(archived);
    let published = EntryQuery {
        live_id: live.id,
        published_only: true,
        ..EntryQuery::default()
    };
    let total = app.store.count_live_entries(&published).await?;
    let offset = (page - 1) * PER_PAGE;
    if page > 1 && offset >= total {
        return Err(AppError::NotFound);
    }
    let recent = app
        .store
        .live_entries(&EntryQuery {
            limit: RECENT,
            ..published.clone()
        })
        .await?;
    let stream = app
        .store
        .live_entries(&EntryQuery {
            oldest_first: oldest,
            limit: PER_PAGE,
            offset,
            ..published.clone()
        })
        .await?;
    let pinned = recent.iter().find(|e| e.pinned).filter(|_| page == 1);
    let entries = stream
        .iter()
        .filter(|e| pinned.is_none_or(|p| p.id != e.id))
        .map(|e| EntryView::new(&live.slug, e, tz, lang))
        .collect();
    let key_events = key_events(&app, live.id)
        .await?
        .iter()
        .map(|e| KeyEventView::new(e, tz, lang))
        .collect();

    let base = live_paths::live(&live.slug);
    let href = |p: i64| {
        let mut q = Vec::new();
        if let Some(o) = order {
            q.push(format!("order={}", if o { "oldest" } else { "newest" }));
        }
        if p > 1 {
            q.push(format!("page={p}"));
        }
        if q.is_empty() {
            base.clone()
        } else {
            format!("{base}?{}", q.join("&"))
        }
    };
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let (prev_label, next_label) = if oldest {
        (
            lang.t("site-pagination-older"),
            lang.t("site-pagination-newer"),
        )
    } else {
        (
            lang.t("site-pagination-newer"),
            lang.t("site-pagination-older"),
        )
    };
    let insert = match (archived, oldest) {
        (true, _) => "none",
        (false, false) if page == 1 => "top",
        (false, true) if page == pages => "bottom",
        _ => "none",
    };
    let meta = page_meta(&app, &chrome, &live);
    let html = LivePageTemplate {
        headline: live.headline.clone(),
        summary: SummaryView::new(&live, tz, lang),
        key_events,
        pinned: pinned.map(|e| EntryView::new(&live.slug, e, tz, lang)),
        entries,
        entries_heading: lang.t(if oldest {
            "live-entries-heading-oldest"
        } else {
            "live-entries-heading"
        }),
        oldest,
        newest_href: format!("{base}?order=newest"),
        oldest_href: format!("{base}?order=oldest"),
        newer: (page > 1).then(|| href(page - 1)),
        older: (page < pages).then(|| href(page + 1)),
        prev_label,
        next_label,
        status: lang.t_args(
            "site-pagination-status",
            &[("page", page.into()), ("pages", pages.into())],
        ),
        json_ld: live_blog_posting(&app, &chrome, &live, &recent),
        events_url: format!("{base}/events"),
        // A frozen page has nothing to stream.
        after: (!archived).then_some(after),
        insert,
        words: NewUpdatesWords::new(lang),
        chrome,
        meta,
    }
    .render()?;
    Ok(Rendered::html(html, vec![byline_store::live::live_tag(live.id)]).language(lang))
}

fn page_meta(app: &AppState, chrome: &Chrome, live: &LivePage) -> Meta {
    let summary = byline_domain::markdown::plain_text(&live.summary_markdown);
    Meta {
        title: format!("{} | {}", live.headline, chrome.site.name),
        description: if summary.trim().is_empty() {
            crate::trust::reprint::preview_text(&live.headline, 200, chrome.site.excerpt_cap)
        } else {
            crate::trust::reprint::preview_text(summary.trim(), 200, chrome.site.excerpt_cap)
        },
        canonical: app.absolute(&live_paths::live(&live.slug)),
        og_type: "article",
        ..Meta::default()
    }
}

struct IndexEntry {
    url: String,
    headline: String,
    archived: bool,
    started: TimeView,
}

#[derive(Template)]
#[template(path = "live/live_index.html")]
struct LiveIndexTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    pages: Vec<IndexEntry>,
}

/// Live pages listed on `/live` per state at most.
const INDEX_MAX: i64 = 100;

/// `/live` (and `/uk/live`): the edition's live pages, running ones first.
pub(super) async fn index(
    State(app): State<AppState>,
    edition: RequestEdition,
) -> Result<Rendered, AppError> {
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?;
    let (tz, lang) = (chrome.tz, chrome.lang);
    let editions = chrome.languages();
    let mut list = app
        .store
        .live_pages(Some(LiveStatus::Live), Some(&editions), INDEX_MAX, 0)
        .await?;
    list.extend(
        app.store
            .live_pages(Some(LiveStatus::Archived), Some(&editions), INDEX_MAX, 0)
            .await?,
    );
    let pages = list
        .iter()
        .map(|p| IndexEntry {
            url: live_paths::live(&p.slug),
            headline: p.headline.clone(),
            archived: p.status == LiveStatus::Archived,
            started: TimeView::in_lang(p.started_at, tz, lang),
        })
        .collect();
    let meta = Meta {
        title: format!("{} | {}", lang.t("live-index-title"), chrome.site.name),
        description: lang.t_s("live-index-description", "site", &chrome.site.name),
        canonical: app.absolute(&chrome.path(live_paths::LIVE_INDEX)),
        og_type: "website",
        alternates: chrome.edition_alternates(&app, live_paths::LIVE_INDEX),
        ..Meta::default()
    };
    let html = LiveIndexTemplate {
        pages,
        chrome,
        meta,
    }
    .render()?;
    Ok(Rendered::html(html, vec![byline_store::live::LIVE_PAGES.to_owned()]).language(lang))
}
