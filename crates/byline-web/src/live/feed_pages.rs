//! The News Feed's pages: `/news-feed` (an edition's items grouped by day in its time
//! zone, the pinned item first, pages into the past; `/uk/news-feed` for the Ukrainian
//! edition) and `/news-feed/{id}`, one item's own page, shown in the item's edition.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use byline_store::{FeedQuery, LanguageFilter};

use super::views::{group_by_day, live_paths, DayGroup, FeedItemView, NewUpdatesWords};
use crate::chrome::Chrome;
use crate::editions::RequestEdition;
use crate::site::article::{share_links, ShareLink};
use crate::site::PageNumber;
use crate::view::{feed_links, paths, Meta};
use crate::{AppError, AppState, Rendered};

/// Items per page of `/news-feed`.
pub(crate) const PER_PAGE: i64 = 30;
/// The SSE endpoint of the News Feed.
pub(crate) const FEED_EVENTS: &str = "/news-feed/events";

#[derive(Template)]
#[template(path = "live/news_feed.html")]
struct NewsFeedTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    heading: String,
    pinned: Vec<FeedItemView>,
    days: Vec<DayGroup>,
    newer: Option<String>,
    older: Option<String>,
    events_url: String,
    /// The change-log id the page was rendered at (the stream resumes after it).
    after: Option<i64>,
    /// Where the script puts new items: `top` on the first page, `none` further back.
    insert: &'static str,
    words: NewUpdatesWords,
}

/// The public listing query of page `page` of the News Feed of the editions `editions`
/// admits.
pub(crate) fn page_query(page: i64, editions: LanguageFilter) -> FeedQuery {
    FeedQuery {
        published_only: true,
        pinned_first: true,
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
        editions: Some(editions),
        ..FeedQuery::default()
    }
}

/// `/news-feed` (and `/uk/news-feed`): the edition's items.
pub(super) async fn list(
    State(app): State<AppState>,
    edition: RequestEdition,
    PageNumber(page): PageNumber,
) -> Result<Rendered, AppError> {
    // Read before the items: whatever changes after this is replayed to the page.
    let after = app.store.latest_change_id().await?;
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?;
    let (tz, lang) = (chrome.tz, chrome.lang);
    let query = page_query(page, chrome.languages());
    let total = app.store.count_feed_items(&query).await?;
    if page > 1 && query.offset >= total {
        return Err(AppError::NotFound);
    }
    let items = app.store.feed_items(&query).await?;
    let (pinned, rest): (Vec<_>, Vec<_>) = items
        .iter()
        .map(|i| FeedItemView::new(i, tz, lang))
        .partition(|v| v.pinned);
    let base = chrome.path(live_paths::NEWS_FEED);
    let href = |p: i64| match p {
        1 => base.clone(),
        p => format!("{base}?page={p}"),
    };
    let title = lang.t("live-feed-title");
    let heading = if page > 1 {
        lang.t_args("live-feed-page-heading", &[("page", page.into())])
    } else {
        title.clone()
    };
    let meta = Meta {
        title: format!("{heading} | {}", chrome.site.name),
        description: lang.t_s("live-feed-description", "site", &chrome.site.name),
        canonical: app.absolute(&href(page)),
        og_type: "website",
        feeds: feed_links(&base, &format!("{title} | {}", chrome.site.name), lang),
        alternates: chrome.edition_alternates(&app, live_paths::NEWS_FEED),
        ..Meta::default()
    };
    let html = NewsFeedTemplate {
        heading,
        pinned,
        days: group_by_day(rest),
        newer: (page > 1).then(|| href(page - 1)),
        older: (query.offset + PER_PAGE < total).then(|| href(page + 1)),
        events_url: chrome.path(FEED_EVENTS),
        after: Some(after),
        insert: if page == 1 { "top" } else { "none" },
        words: NewUpdatesWords::new(lang),
        chrome,
        meta,
    }
    .render()?;
    Ok(Rendered::html(html, vec![byline_store::live::NEWS_FEED.to_owned()]).language(lang))
}

#[derive(Template)]
#[template(path = "live/feed_item_page.html")]
struct FeedItemPageTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    item: FeedItemView,
    share: Vec<ShareLink>,
}

pub(super) async fn item(
    State(app): State<AppState>,
    Path(id): Path<String>,
) -> Result<Rendered, AppError> {
    // Only the one spelling the site links to: digits, no sign, no leading zero.
    if id.starts_with('0') || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppError::NotFound);
    }
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let item = app
        .store
        .feed_item(id)
        .await?
        .filter(|i| i.published)
        .ok_or(AppError::NotFound)?;
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), Some(&item.edition))
        .await?;
    let lang = chrome.lang;
    let canonical = app.absolute(&live_paths::feed_item(id));
    let plain = byline_domain::markdown::plain_text(&item.body_markdown);
    // Link previews stay within the reprint policy's cap.
    let cap = chrome.site.excerpt_cap;
    let description = if plain.trim().is_empty() {
        crate::trust::reprint::preview_text(&item.headline, 200, cap)
    } else {
        crate::trust::reprint::preview_text(plain.trim(), 200, cap)
    };
    let meta = Meta {
        title: format!("{} | {}", item.headline, chrome.site.name),
        description,
        canonical: canonical.clone(),
        og_type: "article",
        image: (!item.image.is_empty()).then(|| app.absolute(&paths::media(&item.image))),
        image_alt: item.image_alt.clone(),
        ..Meta::default()
    };
    let html = FeedItemPageTemplate {
        share: share_links(&canonical, &item.headline, lang),
        item: FeedItemView::new(&item, chrome.tz, lang),
        chrome,
        meta,
    }
    .render()?;
    Ok(Rendered::html(html, vec![byline_store::live::feed_item_tag(id)]).language(lang))
}
