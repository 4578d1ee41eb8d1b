//! Podcast feeds of narrated articles: RSS 2.0 with the iTunes tags (`itunes:author`,
//! `itunes:image`, `itunes:explicit`, `itunes:duration` …), one `enclosure` per episode
//! (the MP3, with its length and type) and a GUID that is the article's URL, so an
//! episode keeps its identity when its audio is regenerated.

use axum::extract::{Path, State};
use byline_store::{ArticleAudio, PODCAST_TAG};
use rss::extension::itunes::{
    ITunesCategoryBuilder, ITunesChannelExtensionBuilder, ITunesItemExtensionBuilder,
    ITunesOwnerBuilder,
};
use rss::{ChannelBuilder, EnclosureBuilder, GuidBuilder, ItemBuilder};

use crate::chrome::Chrome;
use crate::view::paths;
use crate::{AppError, AppState, Rendered};

/// Episodes per feed.
const EPISODES: i64 = 50;

pub(super) async fn edition_feed(
    State(app): State<AppState>,
    edition: crate::editions::RequestEdition,
) -> Result<Rendered, AppError> {
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?;
    let languages = chrome.languages();
    let episodes = app
        .store
        .podcast_episodes(None, Some(&languages), EPISODES)
        .await?;
    let title = chrome.lang.t_s("podcast-title", "site", &chrome.site.name);
    let description = chrome
        .lang
        .t_s("podcast-description", "site", &chrome.site.name);
    let self_path = format!("{}/podcast.xml", chrome.edition.path_prefix);
    let body = render(
        &app,
        &chrome,
        &title,
        &description,
        &chrome.path("/"),
        &self_path,
        &episodes,
    )
    .await?;
    Ok(feed(body, vec![PODCAST_TAG.into(), "feeds".into()]).language(chrome.lang))
}

pub(super) async fn section_feed(
    State(app): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Rendered, AppError> {
    let section = app.store.section(&slug).await?.ok_or(AppError::NotFound)?;
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), Some(&section.edition))
        .await?;
    let episodes = app
        .store
        .podcast_episodes(Some(&slug), None, EPISODES)
        .await?;
    let lang = chrome.lang;
    let site = chrome.site.name.clone();
    let title = lang.t_s2(
        "podcast-section-title",
        "site",
        &site,
        "section",
        &section.name,
    );
    let description = lang.t_s2(
        "podcast-section-description",
        "site",
        &site,
        "section",
        &section.name,
    );
    let path = paths::section(&slug);
    let self_path = format!("{path}/podcast.xml");
    let body = render(
        &app,
        &chrome,
        &title,
        &description,
        &path,
        &self_path,
        &episodes,
    )
    .await?;
    Ok(feed(body, vec![PODCAST_TAG.into(), format!("section:{slug}")]).language(chrome.lang))
}

fn feed(body: String, deps: Vec<String>) -> Rendered {
    Rendered::with_type("application/rss+xml; charset=utf-8", body, deps)
}

async fn render(
    app: &AppState,
    chrome: &Chrome,
    title: &str,
    description: &str,
    home_path: &str,
    self_path: &str,
    episodes: &[ArticleAudio],
) -> Result<String, AppError> {
    let ids: Vec<i64> = episodes.iter().map(|e| e.article_id).collect();
    let summaries = app.store.summaries_by_ids(&ids).await?;
    let site = &chrome.site;
    let mut items = Vec::new();
    for episode in episodes {
        let Some(a) = summaries.iter().find(|s| s.id == episode.article_id) else {
            continue;
        };
        let Some(mp3) = &episode.mp3 else { continue };
        let url = app.absolute(&paths::article(&a.slug));
        let secs = episode.duration_ms.max(0) / 1000;
        let authors: Vec<String> = a.authors.iter().map(|x| x.name.clone()).collect();
        let itunes = ITunesItemExtensionBuilder::default()
            .author(Some(authors.join(", ")))
            .duration(Some(format!(
                "{:02}:{:02}:{:02}",
                secs / 3600,
                secs / 60 % 60,
                secs % 60
            )))
            .explicit(Some("false".into()))
            .summary(Some(a.standfirst.clone()))
            .episode_type(Some("full".into()))
            .image(a.hero.as_ref().map(|h| app.absolute(&paths::media(&h.src))))
            .build();
        items.push(
            ItemBuilder::default()
                .title(Some(a.headline.clone()))
                .link(Some(url.clone()))
                .description(Some(byline_domain::excerpt::excerpt(
                    &a.standfirst,
                    site.excerpt_cap,
                )))
                .guid(Some(
                    GuidBuilder::default().value(url).permalink(true).build(),
                ))
                .pub_date(Some(a.published_at.unwrap_or(a.updated_at).to_rfc2822()))
                .enclosure(Some(
                    EnclosureBuilder::default()
                        .url(app.absolute(&paths::media(&mp3.name)))
                        .length(mp3.bytes.to_string())
                        .mime_type("audio/mpeg".to_owned())
                        .build(),
                ))
                .itunes_ext(Some(itunes))
                .build(),
        );
    }
    let rights = crate::trust::reprint::ReprintPolicy::of(site, chrome.lang);
    let channel_itunes = ITunesChannelExtensionBuilder::default()
        .author(Some(site.name.clone()))
        .owner(Some(
            ITunesOwnerBuilder::default()
                .name(Some(site.name.clone()))
                .build(),
        ))
        .explicit(Some("false".into()))
        .summary(Some(description.to_owned()))
        .categories(vec![ITunesCategoryBuilder::default()
            .text("News".to_owned())
            .build()])
        .build();
    let mut namespaces = std::collections::BTreeMap::new();
    namespaces.insert(
        "itunes".to_owned(),
        rss::extension::itunes::NAMESPACE.to_owned(),
    );
    namespaces.insert("atom".to_owned(), "http://www.w3.org/2005/Atom".to_owned());
    let channel = ChannelBuilder::default()
        .title(title.to_owned())
        .link(app.absolute(home_path))
        .description(description.to_owned())
        .language(Some(chrome.lang.code().to_owned()))
        .copyright(Some(rights.text))
        .namespaces(namespaces)
        .atom_ext(Some(rss::extension::atom::AtomExtension {
            links: vec![rss::extension::atom::Link {
                href: app.absolute(self_path),
                rel: "self".into(),
                mime_type: Some("application/rss+xml".into()),
                ..Default::default()
            }],
        }))
        .itunes_ext(Some(channel_itunes))
        .items(items)
        .build();
    Ok(channel.to_string())
}
