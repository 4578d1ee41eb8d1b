//! Fixtures and readers for the reprint policy's tests: articles whose standfirst and body
//! are far longer than the cap (Latin and Cyrillic), and helpers that pull text out of
//! meta tags and JSON so a test can count its characters.

use byline_domain::{ArticleDraft, ArticleStatus, NewFeedItem, NewLivePage, Slug};
use byline_store::LiveWrite;
use chrono::Utc;

use super::TestApp;

/// A sentence repeated far past any cap, in Ukrainian (no characters HTML escapes).
pub fn long_cyrillic() -> String {
    "Ремонтні бригади працювали всю ніч, щоб відновити світло в північних кварталах міста. "
        .repeat(30)
}

/// A standfirst as long as one may be (1,000 characters), far past the cap.
pub fn long_standfirst() -> String {
    long_cyrillic()
        .chars()
        .take(1000)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A sentence repeated far past any cap, in English.
pub fn long_latin() -> String {
    "Repair crews worked through the night to restore power to the northern districts. ".repeat(30)
}

/// A sentence that only the full body has: it must never leave the site.
pub const BODY_ONLY: &str = "Zyxwv the closing paragraph stays on the site";

pub fn long_draft(slug: &str, standfirst: &str, status: ArticleStatus) -> ArticleDraft {
    ArticleDraft {
        slug: Slug::parse(slug).expect("slug"),
        headline: format!("Long story {slug}"),
        standfirst: standfirst.to_owned(),
        body_markdown: format!(
            "{}\n\n## Подробиці\n\n{}\n\n{BODY_ONLY}.",
            long_cyrillic(),
            long_latin()
        ),
        section: "news".into(),
        tags: vec![],
        authors: vec!["news-desk".into()],
        status,
        published_at: Some(Utc::now()),
        updated_at: None,
        dateline: "Harbourton".into(),
        // The default (English) edition: the demo's `/uk` edition has feeds of its own.
        language: "en".into(),
        hero: None,
        editors_pick: false,
    }
}

/// The long fixtures: two published articles (one without a standfirst), a draft, a live
/// page and a News Feed item, all far longer than the cap. Returns the feed item's id.
pub async fn long_content(app: &TestApp) -> i64 {
    let store = &app.store;
    for draft in [
        long_draft(
            "long-cyrillic",
            &long_standfirst(),
            ArticleStatus::Published,
        ),
        long_draft("long-no-standfirst", "", ArticleStatus::Published),
        long_draft("long-draft", &long_standfirst(), ArticleStatus::Draft),
    ] {
        store.save_article(&draft).await.expect("article");
    }
    let now = LiveWrite::at(Utc::now());
    store
        .save_live_page(
            None,
            &NewLivePage {
                slug: "long-live".into(),
                headline: "Long live coverage".into(),
                summary: long_cyrillic(),
                edition: String::new(),
            },
            &now,
        )
        .await
        .expect("live page");
    store
        .save_feed_item(
            None,
            &NewFeedItem {
                headline: "Long feed item".into(),
                body: long_cyrillic(),
                published: true,
                authors: vec!["news-desk".into()],
                ..NewFeedItem::default()
            },
            &now,
        )
        .await
        .expect("feed item")
        .id
}

/// Text with the entities our templates write turned back into characters.
pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&#38;", "&")
}

/// The `content` of `<meta {attr}="{name}" content="…">`, unescaped.
pub fn meta(html: &str, attr: &str, name: &str) -> String {
    let open = format!("<meta {attr}=\"{name}\" content=\"");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no {attr}={name} meta tag"))
        + open.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    unescape(&html[start..end])
}

/// Every link-preview text of a page: meta description, Open Graph, Twitter card.
pub fn preview_texts(html: &str) -> Vec<String> {
    vec![
        meta(html, "name", "description"),
        meta(html, "property", "og:description"),
        meta(html, "name", "twitter:description"),
    ]
}

/// Characters in `s` (not bytes: Cyrillic counts once a letter).
pub fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `path` with the query `pairs`, percent-encoded.
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let url = reqwest::Url::parse_with_params(&format!("http://x{path}"), pairs).expect("url");
    format!("{path}?{}", url.query().unwrap_or(""))
}
