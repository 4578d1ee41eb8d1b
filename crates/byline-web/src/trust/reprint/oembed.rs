//! oEmbed 1.0 (<https://oembed.com/>) for our articles, live pages and News Feed items:
//! `GET /oembed?url=…&format=json[&maxwidth=W][&maxheight=H]`.
//!
//! The answer is of type `rich`: its `html` is only the capped extract, an active link to
//! the canonical address and the policy line, as plain escaped markup (no script, no
//! frame). When `maxwidth`/`maxheight` leave no room for that block, the answer is of type
//! `link` (title and address only), which the spec lets any consumer take. Every answer
//! also carries the policy as `rights`. Unknown addresses, other origins and unpublished
//! pages get 404, a format other than JSON 501, as the spec says; junk sizes get 400.
//!
//! Sizes enter the cache key in steps of [`STEP`] pixels (below the smallest block: one
//! value; from the largest: the default), so at most a few dozen variants of one page can
//! be stored.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::json;

use super::answer::{self, Params};
use super::target::{self, Preview, INVALID};
use super::ReprintPolicy;
use crate::{AppError, AppState};

pub(super) const PATH: &str = "/oembed";

/// Width of the embed block when the consumer sets no `maxwidth`.
const WIDTH: u32 = 600;
/// Narrowest block offered; a smaller `maxwidth` gets a `link` answer.
const MIN_WIDTH: u32 = 200;
/// Tallest `maxheight` that still matters (taller is the default: no limit).
const MAX_HEIGHT: u32 = 1200;
/// Sizes are rounded down to this step.
const STEP: u32 = 50;
/// How long a consumer may keep an answer, in seconds.
const CACHE_AGE: u32 = 3600;

/// `json` (or none): the default; anything else one marker answered with 501.
pub(super) fn format_param(raw: &str) -> Result<Option<String>, AppError> {
    Ok((!raw.trim().eq_ignore_ascii_case("json")).then(|| "other".to_owned()))
}

fn size(raw: &str, max: u32) -> Option<String> {
    match raw.trim().parse::<u32>() {
        Ok(n) if n >= max => None,
        Ok(n) if n >= 1 => Some((n - n % STEP).to_string()),
        _ => Some(INVALID.to_owned()),
    }
}

pub(super) fn width_param(raw: &str) -> Result<Option<String>, AppError> {
    Ok(size(raw, WIDTH))
}

pub(super) fn height_param(raw: &str) -> Result<Option<String>, AppError> {
    Ok(size(raw, MAX_HEIGHT))
}

#[derive(Template)]
#[template(path = "trust/oembed.html")]
struct Snippet<'a> {
    p: &'a Preview,
    source: String,
    read_more: String,
    policy: &'a str,
}

/// Height of the block at `width`: lines of about 8 px per character and 24 px each, plus
/// the source and policy lines and padding. An estimate, rounded up to the step.
fn estimated_height(chars: usize, width: u32) -> u32 {
    let per_line = usize::try_from((width / 8).max(1)).unwrap_or(1);
    let lines = chars.div_ceil(per_line) + 4;
    let px = u32::try_from(lines * 24 + 32).unwrap_or(u32::MAX);
    px.div_ceil(STEP).saturating_mul(STEP)
}

pub(super) async fn show(
    State(app): State<AppState>,
    Params(key): Params,
) -> Result<Response, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    if key.param("format").is_some() {
        return Ok(answer::error(
            StatusCode::NOT_IMPLEMENTED,
            "reprint-error-format",
            lang,
        ));
    }
    let parse = |name: &str| match key.param(name) {
        None => Ok(None),
        Some(v) => v.parse::<u32>().map(Some).map_err(|_| ()),
    };
    let (Ok(max_width), Ok(max_height)) = (parse("maxwidth"), parse("maxheight")) else {
        return Ok(answer::error(
            StatusCode::BAD_REQUEST,
            "reprint-error-size",
            lang,
        ));
    };
    let policy = ReprintPolicy::of(&chrome.site, lang);
    let p = match target::requested(&app, &key, &policy, lang).await? {
        Ok(p) => p,
        Err(refusal) => return Ok(refusal),
    };

    let mut value = json!({
        "version": "1.0",
        "type": "link",
        "title": p.title,
        "provider_name": chrome.site.name,
        "provider_url": app.absolute("/"),
        "cache_age": CACHE_AGE,
        "url": p.canonical,
        "rights": policy.text,
    });
    if !p.authors.is_empty() {
        value["author_name"] = json!(p
            .authors
            .iter()
            .map(|(name, _)| name.as_str())
            .collect::<Vec<_>>()
            .join(", "));
        value["author_url"] = json!(p.authors[0].1);
    }
    let width = max_width.unwrap_or(WIDTH).min(WIDTH);
    let snippet = Snippet {
        p: &p,
        source: lang.t_s("reprint-embed-source", "site", &chrome.site.name),
        read_more: lang.t("reprint-read-more"),
        policy: &policy.text,
    };
    let words = p.excerpt.chars().count()
        + p.title.chars().count()
        + snippet.source.chars().count()
        + snippet.read_more.chars().count()
        + policy.text.chars().count();
    let height = estimated_height(words, width);
    if width >= MIN_WIDTH && max_height.is_none_or(|max| height <= max) {
        value["type"] = json!("rich");
        value["html"] = json!(snippet.render()?);
        value["width"] = json!(width);
        value["height"] = json!(height);
    }
    Ok(answer::ok(&value, p.deps, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_have_few_spellings() {
        assert_eq!(size("600", WIDTH), None);
        assert_eq!(size("4000", WIDTH), None);
        assert_eq!(size("599", WIDTH).as_deref(), Some("550"));
        assert_eq!(size(" 320 ", WIDTH).as_deref(), Some("300"));
        assert_eq!(size("49", WIDTH).as_deref(), Some("0"));
        for junk in ["", "0", "-5", "12px", "1e3", "99999999999"] {
            assert_eq!(size(junk, WIDTH).as_deref(), Some(INVALID), "{junk}");
        }
        assert_eq!(format_param("JSON").expect("ok"), None);
        assert_eq!(format_param("xml").expect("ok").as_deref(), Some("other"));
    }

    #[test]
    fn narrower_blocks_are_taller() {
        assert!(estimated_height(600, 200) > estimated_height(600, 600));
        assert_eq!(estimated_height(600, 600) % STEP, 0);
    }
}
