//! The News Feed as RSS, Atom and JSON Feed (`/news-feed/feed.xml`, `atom.xml`,
//! `feed.json`, under an edition's prefix for its items), built by the same writers as the article feeds. Each item links its own
//! permalink page; its summary is the body's text within the outlet's excerpt cap.

use axum::extract::State;
use byline_domain::markdown;
use byline_store::FeedQuery;

use super::{render, Feed, FeedItem, Format};
use crate::live::views::live_paths;
use crate::view::paths;
use crate::{AppError, AppState, Rendered};

/// Items per News Feed feed.
const ITEMS: i64 = 50;

pub(super) async fn feed(
    State(app): State<AppState>,
    edition: crate::editions::RequestEdition,
    format: Format,
) -> Result<Rendered, AppError> {
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?;
    let lang = chrome.lang;
    let list = app
        .store
        .feed_items(&FeedQuery {
            published_only: true,
            limit: ITEMS,
            editions: Some(chrome.languages()),
            ..FeedQuery::default()
        })
        .await?;
    let cap = chrome.site.excerpt_cap;
    let items: Vec<FeedItem> = list
        .iter()
        .map(|i| {
            let text = markdown::plain_text(&i.body_markdown);
            let text = text.trim();
            FeedItem {
                url: app.absolute(&live_paths::feed_item(i.id)),
                title: i.headline.clone(),
                summary: byline_domain::excerpt::excerpt(
                    if text.is_empty() { &i.headline } else { text },
                    cap,
                ),
                published: i.published_at,
                updated: i.updated_at.max(i.published_at),
                authors: i
                    .authors
                    .iter()
                    .map(|a| (a.name.clone(), app.absolute(&paths::author(&a.slug))))
                    .collect(),
                categories: if i.breaking {
                    vec![lang.t("live-breaking")]
                } else {
                    Vec::new()
                },
                image: (!i.image.is_empty()).then(|| app.absolute(&paths::media(&i.image))),
            }
        })
        .collect();
    let file = match format {
        Format::Rss => "feed.xml",
        Format::Atom => "atom.xml",
        Format::Json => "feed.json",
    };
    let feed = Feed {
        title: format!("{} | {}", lang.t("live-feed-title"), chrome.site.name),
        description: lang.t_s("live-feed-description", "site", &chrome.site.name),
        language: lang.code().to_owned(),
        home_url: app.absolute(&chrome.path(live_paths::NEWS_FEED)),
        self_url: app.absolute(&chrome.path(&format!("{}/{file}", live_paths::NEWS_FEED))),
        updated: items.iter().map(|i| i.updated).max().unwrap_or_default(),
        items,
        rights: crate::trust::reprint::ReprintPolicy::of(&chrome.site, lang),
        rights_url: app.absolute(&paths::page("copyright")),
    };
    Ok(render(feed, format, vec![byline_store::live::NEWS_FEED.to_owned()]).language(lang))
}
