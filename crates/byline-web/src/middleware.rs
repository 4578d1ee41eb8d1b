//! The request path of every cache miss (hits are answered by `cache_first`): it runs the
//! handler, and cacheable results are compressed and stored; error
//! responses become styled pages. Security headers are set here for all of them.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::cache::CachedPage;
use crate::error::ErrorPage;
use crate::rendered::CacheDeps;
use crate::AppState;

/// Largest rendered body the cache will hold (a big sitemap chunk fits).
const MAX_CACHED_BODY: usize = 32 * 1024 * 1024;

const CSP: &str =
    "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub(crate) async fn render_cache(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    // Hits were answered by the outer `CacheFirst` layer; this is a miss (or not cacheable).
    let key =
        matches!(*request.method(), Method::GET | Method::HEAD).then(|| cache_key(request.uri()));
    let headers = request.headers().clone();
    let generation = state.cache.generation();
    let response = next.run(request).await;

    if let Some(error) = response
        .extensions()
        .get::<ErrorPage>()
        .cloned()
        .or_else(|| rejection(&response))
    {
        let mut page = error_page(&state, response.status(), error).await;
        if let Some(retry_after) = response.headers().get(header::RETRY_AFTER) {
            page.headers_mut()
                .insert(header::RETRY_AFTER, retry_after.clone());
        }
        return secure(page);
    }
    let deps = response.extensions().get::<CacheDeps>().cloned();
    match (key, deps) {
        (Some(key), Some(deps)) if response.status() == StatusCode::OK => {
            let content_type = response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("application/octet-stream")
                .to_owned();
            let body = match to_bytes(response.into_body(), MAX_CACHED_BODY).await {
                Ok(body) => body,
                Err(e) => {
                    tracing::error!(error = %e, "cannot read a rendered body");
                    return secure(crate::AppError::Internal(e.to_string()).into_response());
                }
            };
            // Compressing a large page takes milliseconds: keep it off the async workers.
            let built = tokio::task::spawn_blocking(move || {
                let page = CachedPage::new(&content_type, deps.cache_control, deps.deps, body);
                match deps.ttl {
                    Some(ttl) => page.expiring_after(ttl),
                    None => page,
                }
            })
            .await;
            match built {
                Ok(page) => {
                    let page = Arc::new(page);
                    state.cache.insert(key, Arc::clone(&page), generation);
                    secure(page.respond(&headers))
                }
                Err(e) => secure(crate::AppError::Internal(e.to_string()).into_response()),
            }
        }
        _ => {
            let mut response = secure(response);
            // Desk pages and API answers are personal: never stored by browsers or proxies.
            if !response.headers().contains_key(header::CACHE_CONTROL) {
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            }
            response
        }
    }
}

/// The cache key: the path, plus the page number where a listing is paginated.
/// Other query parameters never reach the key, so they cannot be used to bypass the cache.
pub(crate) fn cache_key(uri: &Uri) -> String {
    let path = uri.path();
    match uri
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("page=")))
    {
        Some(page) => format!("{path}?page={page}"),
        None => path.to_owned(),
    }
}

/// Axum's own rejections (malformed path, wrong method …) get the styled page too.
fn rejection(response: &Response) -> Option<ErrorPage> {
    let status = response.status();
    // Pages and JSON answers that handlers built themselves are left alone.
    let plain = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|t| t.starts_with("text/plain"));
    if !status.is_client_error() || !plain || response.extensions().get::<CacheDeps>().is_some() {
        return None;
    }
    let (title, message) = match status {
        StatusCode::METHOD_NOT_ALLOWED => (
            "Method not allowed",
            "This address does not accept that kind of request.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "Request too large",
            "The request was larger than this site accepts.",
        ),
        StatusCode::NOT_FOUND => ("Page not found", "We could not find that page."),
        _ => (
            "Bad request",
            "The request could not be understood: the address or form data is malformed.",
        ),
    };
    Some(ErrorPage {
        title,
        message: message.to_owned(),
    })
}

async fn error_page(state: &AppState, status: StatusCode, error: ErrorPage) -> Response {
    let html = match state.chrome.get(state.store.as_ref()).await {
        Ok(chrome) => crate::site::error_page::render(chrome, status, &error),
        Err(e) => Err(e),
    };
    let mut response = match html {
        Ok(html) => (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            html,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cannot render the error page");
            (status, format!("{}: {}", error.title, error.message)).into_response()
        }
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub(crate) fn secure(mut response: Response<Body>) -> Response<Body> {
    set_security_headers(response.headers_mut());
    response
}

fn set_security_headers(h: &mut HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}

#[cfg(test)]
mod tests {
    use super::cache_key;

    #[test]
    fn cache_key_keeps_only_the_page_number() {
        let key = |s: &str| cache_key(&s.parse().expect("uri"));
        assert_eq!(key("/articles/x"), "/articles/x");
        assert_eq!(key("/articles/x?utm_source=foo&cachebust=1"), "/articles/x");
        assert_eq!(key("/sections/news?x=1&page=2"), "/sections/news?page=2");
    }
}
