//! The corrections feeds: RSS 2.0 (with the rss crate) and JSON Feed 1.1, newest first,
//! each item a correction linking the article's history at its revision.

use axum::extract::State;
use rss::{ChannelBuilder, GuidBuilder, ItemBuilder};
use serde_json::json;

use super::corrections::{history_path, kind_key, CORRECTIONS_PATH};
use crate::view::paths;
use crate::{AppError, AppState, Rendered};

/// Items per feed.
const FEED_ITEMS: i64 = 50;

#[derive(Debug, Clone, Copy)]
pub enum Format {
    Rss,
    Json,
}

/// One correction as a feed item.
struct Item {
    /// A stable id: the history URL plus the correction's number.
    id: String,
    url: String,
    title: String,
    text: String,
    published: chrono::DateTime<chrono::Utc>,
}

pub(super) async fn feed(
    State(app): State<AppState>,
    format: Format,
) -> Result<Rendered, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let listed = app.store.corrections(FEED_ITEMS, 0).await?;
    let mut deps = vec![byline_store::history::CORRECTIONS.to_owned()];
    deps.extend(listed.iter().map(|l| format!("article:{}", l.slug)));
    let items: Vec<Item> = listed
        .iter()
        .map(|l| {
            let url = app.absolute(&history_path(&l.slug, l.correction.version));
            Item {
                id: format!("{url}#correction-{}", l.correction.id),
                url: app.absolute(&paths::article(&l.slug)),
                title: lang.t_s2(
                    "trust-corrections-feed-item",
                    "kind",
                    &lang.t(kind_key(l.correction.kind)),
                    "headline",
                    &l.headline,
                ),
                text: l.correction.text.clone(),
                published: l.correction.created_at,
            }
        })
        .collect();
    let title = lang.t_s("trust-corrections-feed-title", "site", &chrome.site.name);
    let description = lang.t_s("trust-corrections-description", "site", &chrome.site.name);
    let home = app.absolute(CORRECTIONS_PATH);
    let updated = items.iter().map(|i| i.published).max().unwrap_or_default();
    let rendered = match format {
        Format::Rss => {
            let self_url = app.absolute(&format!("{CORRECTIONS_PATH}/feed.xml"));
            let rss_items: Vec<rss::Item> = items
                .iter()
                .map(|i| {
                    ItemBuilder::default()
                        .title(Some(i.title.clone()))
                        .link(Some(i.url.clone()))
                        .guid(Some(
                            GuidBuilder::default()
                                .value(i.id.clone())
                                .permalink(false)
                                .build(),
                        ))
                        .description(Some(i.text.clone()))
                        .pub_date(Some(i.published.to_rfc2822()))
                        .build()
                })
                .collect();
            let mut namespaces = std::collections::BTreeMap::new();
            namespaces.insert("atom".to_owned(), "http://www.w3.org/2005/Atom".to_owned());
            let channel = ChannelBuilder::default()
                .title(title)
                .link(home)
                .description(description)
                .language(Some(lang.code().to_owned()))
                .last_build_date(Some(updated.to_rfc2822()))
                .namespaces(namespaces)
                .atom_ext(Some(rss::extension::atom::AtomExtension {
                    links: vec![rss::extension::atom::Link {
                        href: self_url,
                        rel: "self".into(),
                        mime_type: Some("application/rss+xml".into()),
                        ..Default::default()
                    }],
                }))
                .items(rss_items)
                .build();
            Rendered::with_type(
                "application/rss+xml; charset=utf-8",
                channel.to_string(),
                deps,
            )
        }
        Format::Json => {
            let body = json!({
                "version": "https://jsonfeed.org/version/1.1",
                "title": title,
                "home_page_url": home,
                "feed_url": app.absolute(&format!("{CORRECTIONS_PATH}/feed.json")),
                "description": description,
                "language": lang.code(),
                "items": items.iter().map(|i| json!({
                    "id": i.id,
                    "url": i.url,
                    "title": i.title,
                    "content_text": i.text,
                    "date_published": i.published.to_rfc3339(),
                })).collect::<Vec<_>>(),
            });
            Rendered::with_type(
                "application/feed+json; charset=utf-8",
                body.to_string(),
                deps,
            )
        }
    };
    Ok(rendered.language(lang))
}
