//! The partner endpoint `GET /api/syndication[?page=N][&since=RFC3339]`: published
//! articles newest first, [`PAGE_SIZE`] a page, each with its headline, bylines, times,
//! the capped extract (never the body), the canonical link, the policy and where its
//! signature is (`/articles/{slug}/signature.json`, keys at
//! `/.well-known/byline-keys.json`). `since` keeps only the articles changed at or after
//! that time, for incremental pulls.
//!
//! The plain pages are cached and invalidated by every article change (`feeds`) and every
//! settings change (`site`). Answers to `since` are rendered each time and not stored:
//! one per second of history could be asked for, and storing them would let a stranger
//! push the site's pages out of the cache.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use byline_store::ArticleQuery;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::json;

use super::answer::{self, Params};
use super::target::INVALID;
use super::ReprintPolicy;
use crate::view::paths;
use crate::{AppError, AppState};

pub(super) const PATH: &str = "/api/syndication";

/// Articles a page.
pub const PAGE_SIZE: i64 = 25;
/// Highest page number looked at (the offset stays far from overflowing).
const MAX_PAGE: i64 = 1_000_000;
/// Where the signing part publishes the outlet's public keys.
const KEYS_PATH: &str = "/.well-known/byline-keys.json";

/// A page number from 2 (1 is the default), or [`INVALID`].
pub(super) fn page_param(raw: &str) -> Result<Option<String>, AppError> {
    let raw = raw.trim();
    let ok = !raw.is_empty() && raw.len() <= 7 && raw.bytes().all(|b| b.is_ascii_digit());
    Ok(match raw.parse::<i64>() {
        Ok(1) if ok => None,
        Ok(n) if ok && (2..=MAX_PAGE).contains(&n) => Some(n.to_string()),
        _ => Some(INVALID.to_owned()),
    })
}

/// An RFC 3339 time, not in the future, as UTC seconds; or [`INVALID`].
pub(super) fn since_param(raw: &str) -> Result<Option<String>, AppError> {
    Ok(Some(match parse_since(raw) {
        Some(t) => t.to_rfc3339_opts(SecondsFormat::Secs, true),
        None => INVALID.to_owned(),
    }))
}

fn parse_since(raw: &str) -> Option<DateTime<Utc>> {
    let t = DateTime::parse_from_rfc3339(raw.trim())
        .ok()?
        .with_timezone(&Utc);
    let sane = t.timestamp() >= 0 && t <= Utc::now() + chrono::Duration::minutes(5);
    sane.then_some(t)
}

pub(super) async fn list(
    State(app): State<AppState>,
    Params(key): Params,
) -> Result<Response, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let page = match key.param("page") {
        None => 1,
        Some(p) => match p.parse::<i64>() {
            Ok(n) => n,
            Err(_) => {
                return Ok(answer::error(
                    StatusCode::BAD_REQUEST,
                    "reprint-error-page",
                    lang,
                ))
            }
        },
    };
    let since = match key.param("since") {
        None => None,
        Some(s) => match parse_since(s) {
            Some(t) => Some(t),
            None => {
                return Ok(answer::error(
                    StatusCode::BAD_REQUEST,
                    "reprint-error-since",
                    lang,
                ))
            }
        },
    };
    let filter = ArticleQuery {
        changed_since: since,
        ..ArticleQuery::default()
    };
    let total = app.store.count_articles(&filter).await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    if page > pages {
        return Ok(answer::error(
            StatusCode::NOT_FOUND,
            "reprint-error-page",
            lang,
        ));
    }
    let articles = app
        .store
        .list_articles(&ArticleQuery {
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
            ..filter
        })
        .await?;
    let policy = ReprintPolicy::of(&chrome.site, lang);
    let time = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let mut items = Vec::with_capacity(articles.len());
    for a in &articles {
        // The body is read only for an article without a standfirst (its opening is the
        // extract), at most one page of them.
        let excerpt = if a.standfirst.trim().is_empty() {
            let body = app.store.article(&a.slug).await?.map(|f| f.body_markdown);
            policy.article_excerpt("", body.as_deref().unwrap_or(""))
        } else {
            policy.excerpt(&a.standfirst)
        };
        let published = a.published_at.unwrap_or(a.updated_at);
        let url = app.absolute(&paths::article(&a.slug));
        items.push(json!({
            "id": url,
            "url": url,
            "headline": a.headline,
            "bylines": a.authors.iter().map(|au| json!({
                "name": au.name,
                "url": app.absolute(&paths::author(&au.slug)),
            })).collect::<Vec<_>>(),
            "section": a.section.name,
            "language": a.language,
            "published": time(published),
            "modified": time(a.updated_at.max(published)),
            "excerpt": excerpt,
            "image": a.hero.as_ref().map(|h| json!({
                "url": app.absolute(&paths::media(&h.src)),
                "alt": h.alt,
            })),
            "signature": app.absolute(&format!("{}/signature.json", paths::article(&a.slug))),
            "rights": policy.text,
        }));
    }
    let link = |n: i64| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if n > 1 {
            query.append_pair("page", &n.to_string());
        }
        if let Some(t) = since {
            query.append_pair("since", &time(t));
        }
        let query = query.finish();
        app.absolute(&if query.is_empty() {
            PATH.to_owned()
        } else {
            format!("{PATH}?{query}")
        })
    };
    let value = json!({
        "site": {
            "name": chrome.site.name,
            "url": app.absolute("/"),
            "language": lang.code(),
        },
        "rights": policy.text,
        "excerpt_cap": policy.cap,
        "keys": app.absolute(KEYS_PATH),
        "since": since.map(time),
        "page": page,
        "pages": pages,
        "page_size": PAGE_SIZE,
        "total": total,
        "self": link(page),
        "prev": (page > 1).then(|| link(page - 1)),
        "next": (page < pages).then(|| link(page + 1)),
        "items": items,
    });
    if since.is_some() {
        let mut response =
            ([(header::CONTENT_TYPE, answer::JSON)], value.to_string()).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=60"),
        );
        headers.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
        return Ok(response);
    }
    Ok(answer::ok(&value, vec!["feeds".into()], lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_times_have_one_spelling() {
        assert_eq!(page_param("1").expect("ok"), None);
        assert_eq!(page_param("2").expect("ok").as_deref(), Some("2"));
        for junk in ["0", "-1", "+2", "x", "", "99999999", "1.5"] {
            assert_eq!(
                page_param(junk).expect("ok").as_deref(),
                Some(INVALID),
                "{junk}"
            );
        }
        assert_eq!(
            since_param("2026-03-01T11:00:00+02:00")
                .expect("ok")
                .as_deref(),
            Some("2026-03-01T09:00:00Z")
        );
        for junk in [
            "yesterday",
            "2026-03-01",
            "2999-01-01T00:00:00Z",
            "1900-01-01T00:00:00Z",
        ] {
            assert_eq!(
                since_param(junk).expect("ok").as_deref(),
                Some(INVALID),
                "{junk}"
            );
        }
    }
}
