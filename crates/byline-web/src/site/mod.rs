//! The reading site: home, articles, section/tag/author listings, static pages, media,
//! stylesheet and error pages. Everything here is public and served through the render cache.

pub(crate) mod article;
pub mod assets;
pub(crate) mod error_page;
mod home;
mod listing;
mod media;
mod page;

use axum::routing::get;
use axum::Router;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::show))
        .route("/articles/{slug}", get(article::show))
        .route("/sections/{slug}", get(listing::section))
        .route("/tags/{slug}", get(listing::tag))
        .route("/authors/{slug}", get(listing::author))
        .route("/pages/{slug}", get(page::show))
        .route("/media/{name}", get(media::show))
        .route("/assets/{file}", get(assets::asset))
        .route("/favicon.svg", get(assets::favicon))
        .route("/healthz", get(|| async { "ok" }))
}

/// The `page` query parameter of listings: a whole number from 1.
pub(crate) fn parse_page(raw: Option<&str>) -> Result<i64, crate::AppError> {
    match raw {
        None => Ok(1),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=100_000).contains(p))
            .ok_or_else(|| {
                crate::AppError::bad_request(format!(
                    "`page` must be a whole number from 1, not `{s}`"
                ))
            }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_numbers_are_validated() {
        assert_eq!(super::parse_page(None).ok(), Some(1));
        assert_eq!(super::parse_page(Some("3")).ok(), Some(3));
        for bad in ["0", "-1", "abc", "1.5", "", "99999999999999999999"] {
            assert!(super::parse_page(Some(bad)).is_err(), "{bad}");
        }
    }
}
