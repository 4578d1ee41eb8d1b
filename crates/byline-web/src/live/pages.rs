//! The public live-coverage routes (all through the render cache) and the query
//! parameters their cache keys take: `page` on listings, `order` on live pages.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::routing::get;
use axum::Router;

use crate::cache::key::{CacheKey, CachedRoute, KeyParam};
use crate::site::PAGE;
use crate::{AppError, AppState};

use super::{feed_pages, live_page};

/// The order a live page's stream is asked for: `newest` or `oldest`.
pub(crate) const ORDER: KeyParam = KeyParam {
    name: "order",
    canonical: |raw| parse_order(raw).map(|o| Some(o.to_owned())),
};

fn parse_order(raw: &str) -> Result<&'static str, AppError> {
    match raw {
        "newest" => Ok("newest"),
        "oldest" => Ok("oldest"),
        other => Err(AppError::bad_input("live-error-order", &[("value", other)])),
    }
}

pub(crate) const CACHED_ROUTES: &[CachedRoute] = &[
    CachedRoute {
        pattern: "/news-feed",
        params: &[PAGE],
    },
    CachedRoute {
        pattern: "/news-feed/{id}",
        params: &[],
    },
    CachedRoute {
        pattern: "/live",
        params: &[],
    },
    CachedRoute {
        pattern: "/live/{slug}",
        params: &[PAGE, ORDER],
    },
];

/// `/news-feed`, `/news-feed/{id}`, `/live` and `/live/{slug}`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/news-feed", get(feed_pages::list))
        .route("/news-feed/{id}", get(feed_pages::item))
        .route("/live", get(live_page::index))
        .route("/live/{slug}", get(live_page::show))
}

/// The `order` asked for: `Some(true)` oldest first, `Some(false)` newest first, `None`
/// for the page's default. Read from the cache key, like the page number.
pub(crate) struct OrderParam(pub Option<bool>);

impl<S: Send + Sync> FromRequestParts<S> for OrderParam {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let raw = match parts.extensions.get::<CacheKey>() {
            Some(key) => key.param("order").map(str::to_owned),
            None => parts.uri.query().and_then(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .find(|(k, _)| k == "order")
                    .map(|(_, v)| v.into_owned())
            }),
        };
        match raw {
            None => Ok(Self(None)),
            Some(raw) => Ok(Self(Some(parse_order(&raw)? == "oldest"))),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn orders_have_two_spellings_only() {
        assert_eq!(super::parse_order("oldest").ok(), Some("oldest"));
        assert_eq!(super::parse_order("newest").ok(), Some("newest"));
        for bad in ["", "Oldest", "asc", "oldest "] {
            assert!(super::parse_order(bad).is_err(), "{bad}");
        }
    }
}
