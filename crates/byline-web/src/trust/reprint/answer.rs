//! JSON answers of the reprint endpoints: a cached 200 body, or an error object in the
//! site's language (`{"error": "...", "status": 404}`) that is never stored.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use byline_i18n::Lang;

use crate::Rendered;

pub(super) const JSON: &str = "application/json; charset=utf-8";

/// A cacheable JSON answer depending on `deps`.
pub(super) fn ok(value: &serde_json::Value, deps: Vec<String>, lang: Lang) -> Response {
    Rendered::with_type(JSON, value.to_string(), deps)
        .language(lang)
        .into_response()
}

/// An error answer: `status` with the catalog message `key`.
pub(super) fn error(status: StatusCode, key: &str, lang: Lang) -> Response {
    let body = serde_json::json!({
        "error": lang.t(key),
        "status": status.as_u16(),
    });
    let mut response = (status, [(header::CONTENT_TYPE, JSON)], body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    response
}

/// The request's canonical parameters, read from its cache key so the answer is the one
/// the key names (the cache middleware always puts the key in; without it, the same
/// parsing runs here).
pub(super) struct Params(pub crate::cache::key::CacheKey);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Params {
    type Rejection = crate::AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, crate::AppError> {
        use crate::cache::key::{self, Keyed};
        if let Some(k) = parts.extensions.get::<key::CacheKey>() {
            return Ok(Self(k.clone()));
        }
        let route = parts
            .extensions
            .get::<axum::extract::MatchedPath>()
            .and_then(|m| key::route(m.as_str()))
            .ok_or(crate::AppError::NotFound)?;
        match key::for_request(route, &parts.uri) {
            Keyed::Key(k) => Ok(Self(k)),
            Keyed::Invalid(e) => Err(e),
            Keyed::Redirect(_) => Err(crate::AppError::NotFound),
        }
    }
}
