//! The reading site: home, articles, section/tag/author listings, static pages, media,
//! stylesheet and error pages. Everything here is public and served through the render cache.

pub(crate) mod article;
pub mod assets;
pub(crate) mod error_page;
mod home;
mod listing;
pub mod media;
mod page;

use axum::extract::{FromRequestParts, MatchedPath};
use axum::http::request::Parts;
use axum::routing::get;
use axum::Router;

use crate::cache::key::{self, CachedRoute, KeyParam, Keyed};
use crate::{AppError, AppState};

/// The `page` parameter as a cache key part: the default page is left out.
pub(crate) const PAGE: KeyParam = KeyParam {
    name: "page",
    canonical: |raw| parse_page(Some(raw)).map(|p| (p > 1).then(|| p.to_string())),
};

/// The reading site's cached routes and the query parameters each may key on.
pub(crate) const CACHED_ROUTES: &[CachedRoute] = &[
    CachedRoute {
        pattern: "/",
        params: &[],
    },
    CachedRoute {
        pattern: "/articles/{slug}",
        params: &[],
    },
    CachedRoute {
        pattern: "/sections/{slug}",
        params: &[PAGE],
    },
    CachedRoute {
        pattern: "/tags/{slug}",
        params: &[PAGE],
    },
    CachedRoute {
        pattern: "/authors/{slug}",
        params: &[PAGE],
    },
    CachedRoute {
        pattern: "/pages/{slug}",
        params: &[],
    },
    CachedRoute {
        pattern: "/assets/{file}",
        params: &[],
    },
    CachedRoute {
        pattern: "/favicon.svg",
        params: &[],
    },
];

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
}

/// A listing's page number, read from the request's cache key so the page rendered is
/// the page the key names.
pub(crate) struct PageNumber(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for PageNumber {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let computed;
        let key = match parts.extensions.get::<key::CacheKey>() {
            Some(k) => k,
            None => {
                // Not through the cache middleware (it always adds the key): same code.
                let route = parts
                    .extensions
                    .get::<MatchedPath>()
                    .and_then(|m| key::route(m.as_str()));
                computed = match route.map(|r| key::for_request(r, &parts.uri)) {
                    Some(Keyed::Key(k)) => k,
                    Some(Keyed::Invalid(e)) => return Err(e),
                    _ => return Ok(Self(1)),
                };
                &computed
            }
        };
        Ok(Self(parse_page(key.param("page"))?))
    }
}

/// The `page` query parameter of listings: a whole number from 1.
pub(crate) fn parse_page(raw: Option<&str>) -> Result<i64, AppError> {
    match raw {
        None => Ok(1),
        Some(s) => s
            .parse::<i64>()
            .ok()
            .filter(|p| (1..=100_000).contains(p))
            .ok_or_else(|| AppError::bad_input("error-page-number", &[("value", s)])),
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
