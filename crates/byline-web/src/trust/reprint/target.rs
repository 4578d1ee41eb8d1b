//! What a `url` parameter points at: only a published page of this site, looked up in the
//! database. The address is parsed (WHATWG rules, the `url` crate), never requested, so
//! neither endpoint can be made to fetch a foreign or internal address (SSRF).
//!
//! One spelling per page: scheme and host as the parser lowercases them, the default port
//! dropped, user info refused, query and fragment dropped, each path segment
//! percent-encoded the one canonical way (as the cache keys do) and a trailing slash
//! dropped. The origin must then be the site's own (`base_url`), and the path one of
//! `/articles/{slug}`, `/live/{slug}` or `/news-feed/{id}`.

use byline_domain::ArticleStatus;
use chrono::{DateTime, Utc};

use axum::http::StatusCode;
use axum::response::Response;

use super::answer;
use super::ReprintPolicy;
use crate::cache::key::CacheKey;
use crate::live::views::live_paths;
use crate::view::paths;
use crate::{AppError, AppState};

/// Longest `url` parameter looked at, in bytes.
pub const MAX_URL: usize = 2048;

/// The cache key's value for a `url` the handler refuses (one key for all of them).
pub(super) const INVALID: &str = "!";

/// The cache-key parser of `url`: its normalised spelling, or [`INVALID`].
pub(super) fn url_param(raw: &str) -> Result<Option<String>, AppError> {
    Ok(Some(
        normalise_url(raw).unwrap_or_else(|| INVALID.to_owned()),
    ))
}

/// The one spelling of an absolute http(s) address, or `None` for anything else.
pub fn normalise_url(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || raw.len() > MAX_URL {
        return None;
    }
    let url = url::Url::parse(raw).ok()?;
    if !matches!(url.scheme(), "http" | "https")
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return None;
    }
    let host = url.host_str()?;
    let mut out = format!("{}://{host}", url.scheme());
    if let Some(port) = url.port() {
        out.push_str(&format!(":{port}"));
    }
    let path = crate::cache::key::canonical_path(url.path())?;
    let path = path.trim_end_matches('/');
    out.push_str(if path.is_empty() { "/" } else { path });
    Some(out)
}

/// The page of this site an address names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Target {
    Article(String),
    Live(String),
    FeedItem(i64),
}

/// The site page `normalised` (from [`normalise_url`]) names, if it is one of ours.
pub(super) fn target(app: &AppState, normalised: &str) -> Option<Target> {
    let base = normalise_url(&app.config.base_url)?;
    let path = normalised.strip_prefix(base.trim_end_matches('/'))?;
    if !path.starts_with('/') {
        return None;
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .ok()
            .map(|s| s.into_owned())
            .filter(|s| !s.is_empty())
    };
    match segments.as_slice() {
        ["articles", slug] => decode(slug).map(Target::Article),
        ["live", slug] => decode(slug).map(Target::Live),
        ["news-feed", id] => {
            // The one spelling the site links to: digits, no sign, no leading zero.
            let plain = !id.is_empty()
                && id.len() <= 18
                && id.bytes().all(|b| b.is_ascii_digit())
                && !id.starts_with('0');
            plain
                .then(|| id.parse().ok().map(Target::FeedItem))
                .flatten()
        }
        _ => None,
    }
}

/// What a partner may show of one page: the capped extract and the link back.
#[derive(Debug, Clone)]
pub(super) struct Preview {
    /// `article`, `live` or `news-feed-item`.
    pub kind: &'static str,
    pub title: String,
    /// Within the outlet's cap.
    pub excerpt: String,
    /// Absolute canonical address.
    pub canonical: String,
    pub image: Option<(String, String)>,
    /// Names and absolute addresses of the bylines.
    pub authors: Vec<(String, String)>,
    pub language: String,
    pub published: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    /// Cache tags of the answer.
    pub deps: Vec<String>,
}

/// The preview of a published page of ours, or `None` (unknown, draft, unpublished, in
/// the bin).
pub(super) async fn resolve(
    app: &AppState,
    target: &Target,
    policy: &ReprintPolicy,
    site_language: &str,
) -> Result<Option<Preview>, AppError> {
    let byline = |name: &str, slug: &str| (name.to_owned(), app.absolute(&paths::author(slug)));
    Ok(match target {
        Target::Article(slug) => {
            let Some(a) = app.store.article(slug).await? else {
                return Ok(None);
            };
            if a.status != ArticleStatus::Published || a.deleted_at.is_some() {
                return Ok(None);
            }
            let published = a.published_at.unwrap_or(a.updated_at);
            Some(Preview {
                kind: "article",
                title: a.headline.clone(),
                excerpt: policy.article_excerpt(&a.standfirst, &a.body_markdown),
                canonical: app.absolute(&paths::article(&a.slug)),
                image: a
                    .hero
                    .as_ref()
                    .map(|h| (app.absolute(&paths::media(&h.src)), h.alt.clone())),
                authors: a
                    .authors
                    .iter()
                    .map(|au| byline(&au.name, &au.slug))
                    .collect(),
                language: a.language.clone(),
                published,
                modified: a.updated_at.max(published),
                deps: vec![format!("article:{}", a.slug)],
            })
        }
        Target::Live(slug) => app.store.live_page(slug).await?.map(|p| {
            let summary = byline_domain::markdown::plain_text(&p.summary_markdown);
            Preview {
                kind: "live",
                excerpt: if summary.trim().is_empty() {
                    policy.excerpt(&p.headline)
                } else {
                    policy.excerpt(&summary)
                },
                title: p.headline.clone(),
                canonical: app.absolute(&live_paths::live(&p.slug)),
                image: None,
                authors: Vec::new(),
                language: site_language.to_owned(),
                published: p.started_at,
                modified: p
                    .last_entry_at
                    .map_or(p.updated_at, |t| t.max(p.updated_at)),
                deps: vec![byline_store::live::live_tag(p.id)],
            }
        }),
        Target::FeedItem(id) => app
            .store
            .feed_item(*id)
            .await?
            .filter(|i| i.published)
            .map(|i| {
                let text = byline_domain::markdown::plain_text(&i.body_markdown);
                Preview {
                    kind: "news-feed-item",
                    excerpt: if text.trim().is_empty() {
                        policy.excerpt(&i.headline)
                    } else {
                        policy.excerpt(&text)
                    },
                    title: i.headline.clone(),
                    canonical: app.absolute(&live_paths::feed_item(i.id)),
                    image: (!i.image.is_empty())
                        .then(|| (app.absolute(&paths::media(&i.image)), i.image_alt.clone())),
                    authors: i.authors.iter().map(|a| byline(&a.name, &a.slug)).collect(),
                    language: site_language.to_owned(),
                    published: i.published_at,
                    modified: i.updated_at.max(i.published_at),
                    deps: vec![byline_store::live::feed_item_tag(i.id)],
                }
            }),
    })
}

/// The page a request's `url` parameter names, or the refusal to answer instead: 400 when
/// the parameter is missing or unparsable, 404 when it is not a published page of ours.
pub(super) async fn requested(
    app: &AppState,
    key: &CacheKey,
    policy: &ReprintPolicy,
    lang: byline_i18n::Lang,
) -> Result<Result<Preview, Response>, AppError> {
    let refuse = |status, message| Ok(Err(answer::error(status, message, lang)));
    let url = match key.param("url") {
        None => return refuse(StatusCode::BAD_REQUEST, "reprint-error-url-missing"),
        Some(INVALID) => return refuse(StatusCode::BAD_REQUEST, "reprint-error-url-invalid"),
        Some(url) => url,
    };
    let found = match target(app, url) {
        Some(t) => resolve(app, &t, policy, lang.code()).await?,
        None => None,
    };
    match found {
        Some(p) => Ok(Ok(p)),
        None => refuse(StatusCode::NOT_FOUND, "reprint-error-not-found"),
    }
}

#[cfg(test)]
mod tests {
    use super::normalise_url;

    #[test]
    fn one_spelling_per_address() {
        let canonical = "http://news.example/articles/ferry";
        for variant in [
            "http://news.example/articles/ferry",
            "HTTP://NEWS.example:80/articles/ferry",
            "http://news.example/articles/ferry/",
            "http://news.example/articles/ferry?utm_source=x#top",
            "http://news.example/articles/%66erry",
            "http://news.example/articles/./ferry",
            " http://news.example/articles/ferry ",
        ] {
            assert_eq!(
                normalise_url(variant).as_deref(),
                Some(canonical),
                "{variant}"
            );
        }
        assert_eq!(
            normalise_url("http://news.example/articles/заява").as_deref(),
            Some("http://news.example/articles/%D0%B7%D0%B0%D1%8F%D0%B2%D0%B0")
        );
        assert_eq!(
            normalise_url("https://news.example:8443").as_deref(),
            Some("https://news.example:8443/")
        );
    }

    #[test]
    fn junk_and_other_schemes_have_no_spelling() {
        for junk in [
            "",
            "articles/ferry",
            "/articles/ferry",
            "file:///etc/passwd",
            "gopher://news.example/",
            "javascript:alert(1)",
            "http://user:pw@news.example/articles/ferry",
            "http://",
            "http://news.example/articles/%ff",
            &format!("http://news.example/{}", "a".repeat(3000)),
        ] {
            assert_eq!(normalise_url(junk), None, "{junk}");
        }
    }
}
