//! Syndication and discovery: RSS 2.0, Atom and JSON Feed 1.1 (site-wide, per section and
//! of the News Feed),
//! sitemaps (index, chunks, Google News) and robots.txt. Item summaries respect the
//! outlet's excerpt cap and link the canonical URL; every feed states the reprint policy
//! (`trust::reprint`). Feeds carry the site's language.

mod atom;
mod json;
mod news_feed;
mod rss;
mod sitemap;

use axum::extract::{Path, State};
use axum::routing::get;
use axum::Router;
use byline_domain::ArticleSummary;
use byline_store::ArticleQuery;

use crate::cache::key::CachedRoute;
use crate::chrome::Chrome;
use crate::view::paths;
use crate::{AppError, AppState, Rendered};

/// Items per feed.
const FEED_ITEMS: i64 = 30;

/// Feeds, sitemaps and robots.txt are all cached; none keys on its query.
pub(crate) const CACHED_ROUTES: &[CachedRoute] = &[
    CachedRoute {
        pattern: "/feed.xml",
        params: &[],
    },
    CachedRoute {
        pattern: "/atom.xml",
        params: &[],
    },
    CachedRoute {
        pattern: "/feed.json",
        params: &[],
    },
    CachedRoute {
        pattern: "/sections/{slug}/feed.xml",
        params: &[],
    },
    CachedRoute {
        pattern: "/sections/{slug}/atom.xml",
        params: &[],
    },
    CachedRoute {
        pattern: "/sections/{slug}/feed.json",
        params: &[],
    },
    CachedRoute {
        pattern: "/news-feed/feed.xml",
        params: &[],
    },
    CachedRoute {
        pattern: "/news-feed/atom.xml",
        params: &[],
    },
    CachedRoute {
        pattern: "/news-feed/feed.json",
        params: &[],
    },
    CachedRoute {
        pattern: "/sitemap.xml",
        params: &[],
    },
    CachedRoute {
        pattern: "/sitemaps/{file}",
        params: &[],
    },
    CachedRoute {
        pattern: "/robots.txt",
        params: &[],
    },
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/feed.xml", get(|s, e| site_feed(s, e, Format::Rss)))
        .route("/atom.xml", get(|s, e| site_feed(s, e, Format::Atom)))
        .route("/feed.json", get(|s, e| site_feed(s, e, Format::Json)))
        .route(
            "/sections/{slug}/feed.xml",
            get(|s, p| section_feed(s, p, Format::Rss)),
        )
        .route(
            "/sections/{slug}/atom.xml",
            get(|s, p| section_feed(s, p, Format::Atom)),
        )
        .route(
            "/sections/{slug}/feed.json",
            get(|s, p| section_feed(s, p, Format::Json)),
        )
        .route(
            "/news-feed/feed.xml",
            get(|s, e| news_feed::feed(s, e, Format::Rss)),
        )
        .route(
            "/news-feed/atom.xml",
            get(|s, e| news_feed::feed(s, e, Format::Atom)),
        )
        .route(
            "/news-feed/feed.json",
            get(|s, e| news_feed::feed(s, e, Format::Json)),
        )
        .route("/sitemap.xml", get(sitemap::index))
        .route("/sitemaps/{file}", get(sitemap::chunk))
        .route("/robots.txt", get(robots))
}

#[derive(Debug, Clone, Copy)]
enum Format {
    Rss,
    Atom,
    Json,
}

/// Everything a feed format needs.
struct Feed {
    title: String,
    description: String,
    language: String,
    /// Absolute URL of the HTML page the feed mirrors.
    home_url: String,
    /// Absolute URL of this feed document.
    self_url: String,
    items: Vec<FeedItem>,
    updated: chrono::DateTime<chrono::Utc>,
    /// The reprint policy (RSS `<copyright>`, Atom `<rights>`, JSON Feed `_byline`).
    rights: crate::trust::reprint::ReprintPolicy,
    /// Where the policy is explained (the copyright page).
    rights_url: String,
}

struct FeedItem {
    url: String,
    title: String,
    summary: String,
    published: chrono::DateTime<chrono::Utc>,
    updated: chrono::DateTime<chrono::Utc>,
    authors: Vec<(String, String)>,
    categories: Vec<String>,
    image: Option<String>,
}

impl FeedItem {
    fn new(app: &AppState, a: &ArticleSummary, cap: usize) -> Self {
        let published = a.published_at.unwrap_or(a.updated_at);
        Self {
            url: app.absolute(&paths::article(&a.slug)),
            title: a.headline.clone(),
            summary: byline_domain::excerpt::excerpt(&a.standfirst, cap),
            published,
            updated: a.updated_at.max(published),
            authors: a
                .authors
                .iter()
                .map(|au| (au.name.clone(), app.absolute(&paths::author(&au.slug))))
                .collect(),
            categories: std::iter::once(a.section.name.clone())
                .chain(a.tags.iter().map(|t| t.name.clone()))
                .collect(),
            image: a.hero.as_ref().map(|h| app.absolute(&paths::media(&h.src))),
        }
    }
}

/// An edition's feed (`/feed.xml`, `/uk/feed.xml`): its newest articles, in its language.
async fn site_feed(
    State(app): State<AppState>,
    edition: crate::editions::RequestEdition,
    format: Format,
) -> Result<Rendered, AppError> {
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?;
    let articles = app
        .store
        .list_articles(&ArticleQuery {
            languages: Some(chrome.languages()),
            ..ArticleQuery::latest(FEED_ITEMS)
        })
        .await?;
    let feed = build(
        &app,
        &chrome,
        chrome.site.name.clone(),
        chrome.site.tagline.clone(),
        &chrome.path("/"),
        &chrome.edition.path_prefix,
        &articles,
        format,
    );
    Ok(render(feed, format, vec!["feeds".into()]).language(chrome.lang))
}

async fn section_feed(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    format: Format,
) -> Result<Rendered, AppError> {
    let section = app.store.section(&slug).await?.ok_or(AppError::NotFound)?;
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), Some(&section.edition))
        .await?;
    let query = ArticleQuery {
        section: Some(slug.clone()),
        ..ArticleQuery::latest(FEED_ITEMS)
    };
    let articles = app.store.list_articles(&query).await?;
    let path = paths::section(&slug);
    let title = chrome.lang.t_s2(
        "feed-section-title",
        "section",
        &section.name,
        "site",
        &chrome.site.name,
    );
    let feed = build(
        &app,
        &chrome,
        title,
        section.description.clone(),
        &path,
        &path,
        &articles,
        format,
    );
    Ok(render(feed, format, vec![format!("section:{slug}")]).language(chrome.lang))
}

#[expect(
    clippy::too_many_arguments,
    reason = "plain data passed straight through"
)]
fn build(
    app: &AppState,
    chrome: &Chrome,
    title: String,
    description: String,
    home_path: &str,
    feed_base: &str,
    articles: &[ArticleSummary],
    format: Format,
) -> Feed {
    let file = match format {
        Format::Rss => "feed.xml",
        Format::Atom => "atom.xml",
        Format::Json => "feed.json",
    };
    let items: Vec<FeedItem> = articles
        .iter()
        .map(|a| FeedItem::new(app, a, chrome.site.excerpt_cap))
        .collect();
    Feed {
        updated: items.iter().map(|i| i.updated).max().unwrap_or_default(),
        title,
        description,
        language: chrome.lang.code().to_owned(),
        home_url: app.absolute(home_path),
        self_url: app.absolute(&format!("{feed_base}/{file}")),
        items,
        rights: crate::trust::reprint::ReprintPolicy::of(&chrome.site, chrome.lang),
        rights_url: app.absolute(&paths::page("copyright")),
    }
}

fn render(feed: Feed, format: Format, deps: Vec<String>) -> Rendered {
    match format {
        Format::Rss => Rendered::with_type(
            "application/rss+xml; charset=utf-8",
            rss::render(&feed),
            deps,
        ),
        Format::Atom => Rendered::with_type(
            "application/atom+xml; charset=utf-8",
            atom::render(&feed),
            deps,
        ),
        Format::Json => Rendered::with_type(
            "application/feed+json; charset=utf-8",
            json::render(&feed),
            deps,
        ),
    }
}

async fn robots(State(app): State<AppState>) -> Rendered {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /desk/\nDisallow: /api/\n\nSitemap: {}\nSitemap: {}\n",
        app.absolute("/sitemap.xml"),
        app.absolute("/sitemaps/news.xml")
    );
    Rendered::with_type("text/plain; charset=utf-8", body, Vec::new())
}
