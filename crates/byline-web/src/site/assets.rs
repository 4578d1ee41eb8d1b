//! The stylesheet (embedded, served under a content-hashed name so it can be cached for a
//! year) and the favicon.

use std::sync::OnceLock;

use axum::extract::Path;

use crate::{AppError, Rendered};

const STYLESHEET: &str = include_str!("../../assets/style.css");
const FAVICON: &str = include_str!("../../assets/favicon.svg");
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `/assets/style-<hash>.css`: a new name whenever the stylesheet changes.
pub fn stylesheet_href() -> &'static str {
    static HREF: OnceLock<String> = OnceLock::new();
    HREF.get_or_init(|| {
        let hash = xxhash_rust::xxh3::xxh3_64(STYLESHEET.as_bytes());
        format!("/assets/style-{:08x}.css", hash & 0xffff_ffff)
    })
}

pub(super) async fn stylesheet(Path(file): Path<String>) -> Result<Rendered, AppError> {
    if format!("/assets/{file}") != stylesheet_href() {
        return Err(AppError::NotFound);
    }
    Ok(Rendered::with_type("text/css; charset=utf-8", STYLESHEET, Vec::new()).cache_control(IMMUTABLE))
}

pub(super) async fn favicon() -> Rendered {
    Rendered::with_type("image/svg+xml", FAVICON, Vec::new()).cache_control("public, max-age=86400")
}
