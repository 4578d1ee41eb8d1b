//! `/sitemap.xml` is an index of `/sitemaps/pages.xml`, `/sitemaps/articles-N.xml` chunks
//! and `/sitemaps/news.xml` (Google News: the last 48 hours). Live pages are listed in
//! `pages.xml` and, while recent, in the news sitemap. Each edition has its own set under
//! its prefix (`/uk/sitemap.xml`); an article with translations lists them all as
//! `xhtml:link` alternates.

use axum::extract::{Path, State};
use byline_domain::markdown::escape_html as xml;
use byline_store::ArticleQuery;
use chrono::{Duration, SecondsFormat, Utc};

use crate::chrome::Chrome;
use crate::editions::RequestEdition;
use crate::live::views::live_paths;
use crate::view::paths;
use crate::{AppError, AppState, Rendered};

const XML: &str = "application/xml; charset=utf-8";
const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
/// Google News sitemaps list at most 1,000 articles.
const NEWS_MAX: i64 = 1000;

fn deps() -> Vec<String> {
    vec!["sitemap".into()]
}

/// Live pages listed in a sitemap at most.
const LIVE_MAX: i64 = 5000;

fn live_deps() -> Vec<String> {
    vec!["sitemap".into(), byline_store::live::LIVE_PAGES.into()]
}

/// A live page's last change: its newest entry, or its own edit.
fn live_modified(p: &byline_domain::LivePage) -> chrono::DateTime<Utc> {
    p.last_entry_at
        .map_or(p.updated_at, |t| t.max(p.updated_at))
}

pub(super) async fn index(
    State(app): State<AppState>,
    edition: RequestEdition,
) -> Result<Rendered, AppError> {
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?;
    let total = app.store.count_articles(&edition_query(&chrome)).await?;
    let chunk = i64::try_from(app.config.sitemap_chunk.max(1)).unwrap_or(i64::MAX);
    let chunks = ((total + chunk - 1) / chunk).max(1);
    let mut body =
        format!("{HEADER}<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut entry = |path: String| {
        body.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            xml(&app.absolute(&chrome.path(&path)))
        ));
    };
    entry("/sitemaps/pages.xml".into());
    for n in 1..=chunks {
        entry(format!("/sitemaps/articles-{n}.xml"));
    }
    entry("/sitemaps/news.xml".into());
    body.push_str("</sitemapindex>\n");
    Ok(Rendered::with_type(XML, body, deps()))
}

pub(super) async fn chunk(
    State(app): State<AppState>,
    Path(file): Path<String>,
    edition: RequestEdition,
) -> Result<Rendered, AppError> {
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?;
    match file.as_str() {
        "pages.xml" => pages(&app, &chrome).await,
        "news.xml" => news(&app, &chrome).await,
        other => {
            let n = chunk_number(other).ok_or(AppError::NotFound)?;
            articles(&app, &chrome, n).await
        }
    }
}

/// The published articles of `chrome`'s edition.
fn edition_query(chrome: &Chrome) -> ArticleQuery {
    ArticleQuery {
        languages: Some(chrome.languages()),
        ..ArticleQuery::default()
    }
}

/// `articles-N.xml` with N written the one way the index writes it: decimal digits, no
/// sign, no leading zero, small enough that `(N - 1) * chunk` cannot overflow.
fn chunk_number(file: &str) -> Option<i64> {
    let digits = file.strip_prefix("articles-")?.strip_suffix(".xml")?;
    let plain = !digits.is_empty()
        && digits.len() <= 9
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    plain.then(|| digits.parse().ok()).flatten()
}

/// One `<url>`: its location, last change and `hreflang` alternates (`(code, URL)`).
struct Entry {
    loc: String,
    lastmod: Option<String>,
    alternates: Vec<(String, String)>,
}

impl Entry {
    fn new(loc: String, lastmod: Option<String>) -> Self {
        Self {
            loc,
            lastmod,
            alternates: Vec::new(),
        }
    }
}

fn urlset(entries: impl IntoIterator<Item = Entry>) -> String {
    let mut body = format!(
        "{HEADER}<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
    );
    for entry in entries {
        body.push_str(&format!("  <url><loc>{}</loc>", xml(&entry.loc)));
        if let Some(lastmod) = entry.lastmod {
            body.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
        }
        for (hreflang, href) in &entry.alternates {
            body.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                xml(hreflang),
                xml(href)
            ));
        }
        body.push_str("</url>\n");
    }
    body.push_str("</urlset>\n");
    body
}

async fn pages(app: &AppState, chrome: &Chrome) -> Result<Rendered, AppError> {
    let mut home = Entry::new(app.absolute(&chrome.path("/")), None);
    home.alternates = chrome
        .edition_alternates(app, "/")
        .into_iter()
        .map(|a| (a.hreflang, a.href))
        .collect();
    let mut entries = vec![home];
    entries.extend(
        chrome
            .sections
            .iter()
            .map(|s| Entry::new(app.absolute(&paths::section(&s.slug)), None)),
    );
    entries.extend(
        app.store
            .authors()
            .await?
            .iter()
            .map(|a| Entry::new(app.absolute(&chrome.path(&paths::author(&a.slug))), None)),
    );
    // Each edition lists its own News Feed, live index and live pages.
    for path in [live_paths::NEWS_FEED, live_paths::LIVE_INDEX] {
        let mut entry = Entry::new(app.absolute(&chrome.path(path)), None);
        entry.alternates = chrome
            .edition_alternates(app, path)
            .into_iter()
            .map(|a| (a.hreflang, a.href))
            .collect();
        entries.push(entry);
    }
    if chrome.edition.is_default {
        // Static pages are listed with the default edition.
        entries.extend(app.store.pages().await?.iter().map(|p| {
            Entry::new(
                app.absolute(&paths::page(&p.slug)),
                Some(p.updated_at.to_rfc3339_opts(SecondsFormat::Secs, true)),
            )
        }));
    }
    entries.extend(
        app.store
            .live_pages(None, Some(&chrome.languages()), LIVE_MAX, 0)
            .await?
            .iter()
            .map(|p| {
                Entry::new(
                    app.absolute(&live_paths::live(&p.slug)),
                    Some(live_modified(p).to_rfc3339_opts(SecondsFormat::Secs, true)),
                )
            }),
    );
    Ok(Rendered::with_type(XML, urlset(entries), live_deps()))
}

async fn articles(app: &AppState, chrome: &Chrome, n: i64) -> Result<Rendered, AppError> {
    let chunk = i64::try_from(app.config.sitemap_chunk.max(1)).unwrap_or(i64::MAX);
    let total = app.store.count_articles(&edition_query(chrome)).await?;
    if (n - 1).saturating_mul(chunk) >= total.max(1) {
        return Err(AppError::NotFound);
    }
    let list = app
        .store
        .edition_locations(&chrome.languages(), chunk, (n - 1) * chunk)
        .await?;
    let ids: Vec<i64> = list.iter().map(|(id, _, _)| *id).collect();
    let mut translations: std::collections::HashMap<i64, Vec<byline_store::Translation>> =
        std::collections::HashMap::new();
    if chrome.editions.len() > 1 {
        for (of, t) in app.store.published_translations(&ids).await? {
            translations.entry(of).or_default().push(t);
        }
    }
    let hreflang = |language: &str| {
        crate::editions::edition_of(&chrome.editions, language).map_or_else(
            || language.to_owned(),
            |e| crate::editions::alternates::hreflang(e, chrome.site_lang),
        )
    };
    let entries = list.iter().map(|(id, slug, updated_at)| {
        let loc = app.absolute(&paths::article(slug));
        let mut entry = Entry::new(
            loc.clone(),
            Some(updated_at.to_rfc3339_opts(SecondsFormat::Secs, true)),
        );
        if let Some(others) = translations.get(id) {
            // Every version lists all of them, itself included.
            entry.alternates.push((chrome.lang.code().to_owned(), loc));
            entry.alternates.extend(others.iter().map(|t| {
                (
                    hreflang(&t.language),
                    app.absolute(&paths::article(&t.slug)),
                )
            }));
        }
        entry
    });
    Ok(Rendered::with_type(XML, urlset(entries), deps()))
}

async fn news(app: &AppState, chrome: &Chrome) -> Result<Rendered, AppError> {
    let site = &chrome.site;
    let since = Utc::now() - Duration::hours(48);
    let list = app
        .store
        .list_articles(&ArticleQuery {
            published_since: Some(since),
            languages: Some(chrome.languages()),
            ..ArticleQuery::latest(NEWS_MAX)
        })
        .await?;
    let mut body = format!(
        "{HEADER}<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n"
    );
    for a in &list {
        let published = a
            .published_at
            .unwrap_or(a.updated_at)
            .to_rfc3339_opts(SecondsFormat::Secs, true);
        body.push_str(&format!(
            "  <url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name><news:language>{}</news:language></news:publication><news:publication_date>{published}</news:publication_date><news:title>{}</news:title></news:news></url>\n",
            xml(&app.absolute(&paths::article(&a.slug))),
            xml(&site.name),
            xml(&a.language),
            xml(&a.headline),
        ));
    }
    let lang = chrome.lang.code();
    let live = app
        .store
        .live_pages(None, Some(&chrome.languages()), LIVE_MAX, 0)
        .await?;
    for p in live {
        if live_modified(&p) < since {
            continue;
        }
        body.push_str(&format!(
            "  <url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name><news:language>{lang}</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>\n",
            xml(&app.absolute(&live_paths::live(&p.slug))),
            xml(&site.name),
            p.started_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            xml(&p.headline),
        ));
    }
    body.push_str("</urlset>\n");
    // The 48-hour window moves with the clock: let browsers and proxies refetch soon.
    Ok(Rendered::with_type(
        XML,
        body,
        vec![
            "sitemap".into(),
            "feeds".into(),
            byline_store::live::LIVE_PAGES.into(),
        ],
    )
    .cache_control("public, max-age=300")
    .ttl(std::time::Duration::from_secs(300)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn chunk_numbers_have_one_spelling() {
        assert_eq!(super::chunk_number("articles-1.xml"), Some(1));
        assert_eq!(super::chunk_number("articles-20.xml"), Some(20));
        for bad in [
            "articles-01.xml",
            "articles-+1.xml",
            "articles-0.xml",
            "articles-.xml",
            "articles-9223372036854775807.xml",
            "articles-1.xml.gz",
            "articles--1.xml",
        ] {
            assert_eq!(super::chunk_number(bad), None, "{bad}");
        }
    }
}
