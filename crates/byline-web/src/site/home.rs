//! The front page: lead story, Latest, Editors' Picks, More news and the latest News Feed
//! items (a compact block the page script keeps up to date over the live stream).

use std::collections::HashSet;
use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use byline_store::ArticleQuery;

use crate::chrome::Chrome;
use crate::editions::RequestEdition;
use crate::live::views::FeedItemView;
use crate::view::{Card, Meta};
use crate::{AppError, AppState, Rendered};

#[derive(Template)]
#[template(path = "site/home.html")]
struct HomeTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    lead: Option<Card>,
    latest: Vec<Card>,
    picks: Vec<Card>,
    more: Vec<Card>,
    /// The latest News Feed items (the pinned one first).
    feed: Vec<FeedItemView>,
    /// How many lines the News Feed block keeps when the script adds one.
    feed_limit: i64,
    /// The stream the News Feed block follows (the Feed, and the banner).
    events_url: String,
    /// The change-log id the page was rendered at (the stream resumes after it).
    after: i64,
}

const LATEST: usize = 6;
const MORE: usize = 12;
const FEED: i64 = 10;
/// The News Feed and the banner over one connection (`/events`, see `live::routes`).
const FEED_EVENTS: &str = "/events?streams=feed,site";

pub(super) async fn show(
    State(app): State<AppState>,
    edition: RequestEdition,
) -> Result<Rendered, AppError> {
    // Read before the items: whatever changes after this is replayed to the page.
    let after = app.store.latest_change_id().await?;
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?;
    let languages = Some(chrome.languages());
    let feed_items = app
        .store
        .feed_items(&byline_store::FeedQuery {
            published_only: true,
            pinned_first: true,
            limit: FEED,
            editions: languages.clone(),
            ..byline_store::FeedQuery::default()
        })
        .await?;
    let mut recent = app
        .store
        .list_articles(&ArticleQuery {
            languages: languages.clone(),
            ..ArticleQuery::latest(40)
        })
        .await?;
    // Editors' curated order first (0 = lead), then the newest; a stable sort keeps time order.
    recent.sort_by_key(|a| a.home_position.unwrap_or(i64::MAX));
    let picks = app
        .store
        .list_articles(&ArticleQuery {
            editors_pick: Some(true),
            languages,
            ..ArticleQuery::latest(4)
        })
        .await?;
    let (tz, lang) = (chrome.tz, chrome.lang);

    // The lead is the curated lead, else the newest story with a picture; no story
    // appears twice on the page.
    let lead = recent
        .iter()
        .find(|a| a.home_position.is_some())
        .or_else(|| recent.iter().find(|a| a.hero.is_some()))
        .or(recent.first());
    let mut shown: HashSet<i64> = lead.iter().map(|a| a.id).collect();
    let latest: Vec<_> = recent
        .iter()
        .filter(|a| !shown.contains(&a.id))
        .take(LATEST)
        .cloned()
        .collect();
    shown.extend(latest.iter().map(|a| a.id));
    let picks: Vec<_> = picks
        .into_iter()
        .filter(|a| !shown.contains(&a.id))
        .collect();
    shown.extend(picks.iter().map(|a| a.id));
    let more: Vec<_> = recent
        .iter()
        .filter(|a| !shown.contains(&a.id))
        .take(MORE)
        .cloned()
        .collect();

    let meta = Meta {
        title: format!("{} | {}", chrome.site.name, chrome.site.tagline),
        description: chrome.site.tagline.clone(),
        canonical: app.absolute(&chrome.path("/")),
        og_type: "website",
        feeds: crate::view::feed_links_with_podcast(
            &chrome.edition.path_prefix,
            &chrome.site.name,
            lang,
        ),
        home: true,
        alternates: chrome.edition_alternates(&app, "/"),
        ..Meta::default()
    };
    let mut lead = lead.map(|a| Card::new(a, tz, lang));
    let mut latest = Card::list(&latest, tz, lang);
    let mut picks = Card::list(&picks, tz, lang);
    let mut more = Card::list(&more, tz, lang);
    let images = lead
        .iter_mut()
        .chain(latest.iter_mut())
        .chain(picks.iter_mut())
        .chain(more.iter_mut())
        .filter_map(|c| c.image.as_mut())
        .collect();
    crate::view::add_srcsets(app.store.as_ref(), images).await?;
    let html = HomeTemplate {
        lead,
        latest,
        picks,
        more,
        feed: feed_items
            .iter()
            .map(|i| FeedItemView::new(i, tz, lang))
            .collect(),
        feed_limit: FEED,
        events_url: chrome.path(FEED_EVENTS),
        after,
        chrome,
        meta,
    }
    .render()?;
    Ok(Rendered::html(
        html,
        vec!["home".into(), byline_store::live::NEWS_FEED.into()],
    )
    .language(lang))
}
