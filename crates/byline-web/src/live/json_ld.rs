//! A live page's JSON-LD: `LiveBlogPosting` with its coverage times and the latest
//! entries as `BlogPosting` updates (schema.org, as search engines read live blogs).

use byline_domain::{markdown, AuthorKind, LiveEntry, LivePage, LiveStatus};
use serde_json::{json, Value};

use super::views::{entry_title, live_paths};
use crate::chrome::Chrome;
use crate::view::paths;
use crate::AppState;

/// Updates listed in `liveBlogUpdate` at most (the newest).
pub(crate) const UPDATES_MAX: usize = 50;

/// The JSON-LD of `page`, whose newest published entries are `latest` (newest first).
pub(crate) fn live_blog_posting(
    app: &AppState,
    chrome: &Chrome,
    page: &LivePage,
    latest: &[LiveEntry],
) -> String {
    let url = app.absolute(&live_paths::live(&page.slug));
    let publisher = json!({
        "@type": "NewsMediaOrganization",
        "name": chrome.site.name,
        "url": app.absolute("/"),
        "logo": {"@type": "ImageObject", "url": app.absolute("/favicon.svg")},
    });
    let modified = [
        Some(page.updated_at),
        page.last_entry_at,
        Some(page.started_at),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(page.started_at);
    let updates: Vec<Value> = latest
        .iter()
        .take(UPDATES_MAX)
        .map(|e| blog_posting(app, page, e, &publisher))
        .collect();
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": url,
        "mainEntityOfPage": url,
        "url": url,
        "headline": page.headline,
        "description": crate::trust::reprint::preview_text(
            markdown::plain_text(&page.summary_markdown).trim(),
            200,
            chrome.site.excerpt_cap,
        ),
        "datePublished": page.started_at.to_rfc3339(),
        "dateModified": modified.to_rfc3339(),
        "coverageStartTime": page.started_at.to_rfc3339(),
        "inLanguage": chrome.lang.code(),
        "publisher": publisher,
        "liveBlogUpdate": updates,
    });
    if let (LiveStatus::Archived, Some(end), Some(obj)) =
        (page.status, page.archived_at, value.as_object_mut())
    {
        obj.insert("coverageEndTime".into(), json!(end.to_rfc3339()));
    }
    crate::view::script_safe(&value)
}

fn blog_posting(app: &AppState, page: &LivePage, e: &LiveEntry, publisher: &Value) -> Value {
    let authors: Vec<Value> = if e.authors.is_empty() {
        vec![publisher.clone()]
    } else {
        e.authors
            .iter()
            .map(|a| {
                json!({
                    "@type": if a.kind == AuthorKind::Desk { "Organization" } else { "Person" },
                    "name": a.name,
                    "url": app.absolute(&paths::author(&a.slug)),
                })
            })
            .collect()
    };
    let url = app.absolute(&live_paths::entry(&page.slug, e.id));
    json!({
        "@type": "BlogPosting",
        "@id": url,
        "headline": entry_title(e),
        "url": url,
        "datePublished": e.published_at.to_rfc3339(),
        "dateModified": e.updated_at.max(e.published_at).to_rfc3339(),
        "articleBody": markdown::plain_text(&e.body_markdown).trim(),
        "author": authors,
        "publisher": publisher,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn script_safe_json_has_no_markup_characters_and_parses_back() {
        let v = serde_json::json!({"h": "</script><!-- & more"});
        let s = crate::view::script_safe(&v);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).expect("parses");
        assert_eq!(back, v);
    }
}
