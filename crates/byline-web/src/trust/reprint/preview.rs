//! The link-preview endpoint for partners' and messengers' unfurlers:
//! `GET /api/preview?url=…` answers the title, the capped extract, the image, the
//! canonical address and the site's name of one published page of this site, as JSON,
//! with the policy as `rights`. Other origins, unknown or unpublished pages: 404; a
//! missing or unparsable `url`: 400.

use axum::extract::State;
use axum::response::Response;
use chrono::SecondsFormat;
use serde_json::json;

use super::answer::{self, Params};
use super::target;
use super::ReprintPolicy;
use crate::{AppError, AppState};

pub(super) const PATH: &str = "/api/preview";

pub(super) async fn show(
    State(app): State<AppState>,
    Params(key): Params,
) -> Result<Response, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let policy = ReprintPolicy::of(&chrome.site, lang);
    let p = match target::requested(&app, &key, &policy, lang).await? {
        Ok(p) => p,
        Err(refusal) => return Ok(refusal),
    };
    let time = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    let value = json!({
        "type": p.kind,
        "url": p.canonical,
        "canonical_url": p.canonical,
        "title": p.title,
        "excerpt": p.excerpt,
        "excerpt_cap": policy.cap,
        "image": p.image.as_ref().map(|(src, alt)| json!({"url": src, "alt": alt})),
        "site_name": chrome.site.name,
        "site_url": app.absolute("/"),
        "language": p.language,
        "authors": p.authors.iter().map(|(name, url)| json!({"name": name, "url": url})).collect::<Vec<_>>(),
        "published": time(p.published),
        "modified": time(p.modified),
        "rights": policy.text,
    });
    Ok(answer::ok(&value, p.deps, lang))
}
