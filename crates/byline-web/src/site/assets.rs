//! Embedded static assets (stylesheet, the staff "Edit post" script, the desk script,
//! the live-coverage page script, the article page's error report dialog),
//! served under content-hashed names so they can be cached for a year, and the favicon.

use std::sync::OnceLock;

use axum::extract::Path;

use crate::{AppError, Rendered};

const STYLESHEET: &str = include_str!("../../assets/style.css");
const FAVICON: &str = include_str!("../../assets/favicon.svg");
const STAFF_JS: &str = include_str!("../../assets/staff.js");
const DESK_JS: &str = include_str!("../../assets/desk.js");
const LIVE_JS: &str = include_str!("../../assets/live.js");
const REPORT_JS: &str = include_str!("../../assets/report.js");
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `/assets/NAME-<hash>.EXT`: a new URL whenever the content changes.
fn hashed(name: &str, ext: &str, content: &str) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(content.as_bytes());
    format!("/assets/{name}-{:08x}.{ext}", hash & 0xffff_ffff)
}

pub fn stylesheet_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| hashed("style", "css", STYLESHEET))
}

/// The script that adds "Edit post" for signed-in staff.
pub fn staff_script_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| hashed("staff", "js", STAFF_JS))
}

/// The desk's autosave and live-preview script.
pub fn desk_script_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| hashed("desk", "js", DESK_JS))
}

/// The public pages' script: banner dismissal, live updates over SSE, share links.
pub fn live_script_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| hashed("live", "js", LIVE_JS))
}

/// The article page's error report dialog (select text, Ctrl+Enter).
pub fn report_script_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| hashed("report", "js", REPORT_JS))
}

pub(super) async fn asset(Path(file): Path<String>) -> Result<Rendered, AppError> {
    let path = format!("/assets/{file}");
    let (content_type, body) = if path == stylesheet_href() {
        ("text/css; charset=utf-8", STYLESHEET)
    } else if path == staff_script_href() {
        ("text/javascript; charset=utf-8", STAFF_JS)
    } else if path == desk_script_href() {
        ("text/javascript; charset=utf-8", DESK_JS)
    } else if path == live_script_href() {
        ("text/javascript; charset=utf-8", LIVE_JS)
    } else if path == report_script_href() {
        ("text/javascript; charset=utf-8", REPORT_JS)
    } else {
        return Err(AppError::NotFound);
    };
    Ok(Rendered::with_type(content_type, body, Vec::new()).cache_control(IMMUTABLE))
}

pub(super) async fn favicon() -> Rendered {
    Rendered::with_type("image/svg+xml", FAVICON, Vec::new()).cache_control("public, max-age=86400")
}
