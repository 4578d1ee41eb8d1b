//! The request path of every cache miss (fresh hits are answered by `cache_first`).
//!
//! For a cached route: the URL is reduced to its canonical key (other spellings get a 301,
//! bad parameters a 400, neither stored); one request per key renders while the others
//! wait for it (single flight); renders run under a bounded number of permits so an
//! archive crawl cannot starve the hits; the result is compressed fast, stored and queued
//! for best compression. When the store is down, a stale copy is served if there is one
//! (stale-if-error), else a styled 503 with `Retry-After`.
//!
//! For every response: error responses become styled pages, security headers are set,
//! and personal (non-cached) answers get `Cache-Control: no-store`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{MatchedPath, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::cache::key::{self, Keyed};
use crate::cache::{CachedPage, Effort, Lookup};
use crate::error::{ErrorMessage, ErrorPage};
use crate::rendered::CacheDeps;
use crate::{AppError, AppState};

/// Largest rendered body the cache will hold (a big sitemap chunk fits).
const MAX_CACHED_BODY: usize = 32 * 1024 * 1024;
/// Longest a request waits for another request's render of the same key.
const FLIGHT_WAIT: Duration = Duration::from_secs(10);
/// Longest a cold render waits for a render permit before a 503.
const PERMIT_WAIT: Duration = Duration::from_secs(5);

const CSP: &str =
    "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

pub(crate) async fn render_cache(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let pattern = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned());
    let route = pattern
        .as_deref()
        .and_then(key::route)
        .filter(|_| matches!(*request.method(), Method::GET | Method::HEAD));
    let response = match route {
        Some(route) => match key::for_edition(
            route,
            request.uri(),
            crate::editions::routing::prefix_of(request.extensions()),
        ) {
            Keyed::Key(key) => {
                request.extensions_mut().insert(key.clone());
                cached(&state, key.key, request, next).await
            }
            Keyed::Redirect(location) => moved_permanently(&location),
            Keyed::Invalid(e) => e.into_response(),
        },
        None => uncached(next.run(request).await),
    };
    let response = finish(&state, response).await;
    record(
        pattern.as_deref().unwrap_or("unmatched"),
        response.status(),
        started,
    );
    response
}

/// A cached route's miss: single flight, permits, stale-if-error, store.
async fn cached(state: &AppState, key: String, request: Request, next: Next) -> Response {
    let cache = &state.cache;
    let headers = request.headers().clone();
    let Some(_flight) = cache.flights.enter(&key, FLIGHT_WAIT).await else {
        return stale_or(
            state,
            cache.lookup(&key),
            &headers,
            AppError::Unavailable("render queue".into()),
        );
    };
    // Another request may have rendered it while this one waited.
    let previous = match cache.lookup(&key) {
        Lookup::Fresh(page) => return page.respond(&headers),
        other => other,
    };
    if state.health.is_down() {
        return stale_or(
            state,
            previous,
            &headers,
            AppError::Unavailable("database down".into()),
        );
    }
    let Ok(Ok(_permit)) = tokio::time::timeout(PERMIT_WAIT, state.render_permits.acquire()).await
    else {
        return stale_or(
            state,
            previous,
            &headers,
            AppError::Unavailable("render permits".into()),
        );
    };
    cache
        .stats
        .misses
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let generation = cache.generation();
    let render_started = Instant::now();
    let response = next.run(request).await;
    metrics::histogram!("byline_cold_render_seconds")
        .record(render_started.elapsed().as_secs_f64());
    if response.status().is_server_error() {
        // A search index still being built is not the store being down.
        if response.status() == StatusCode::SERVICE_UNAVAILABLE
            && response
                .extensions()
                .get::<crate::search::IndexNotReady>()
                .is_none()
        {
            state.health.mark_down();
        }
        return match previous {
            Lookup::Stale(page) | Lookup::Expired(page) => serve_stale(state, &page, &headers),
            Lookup::Fresh(_) | Lookup::Missing => response,
        };
    }
    let Some(deps) = response.extensions().get::<CacheDeps>().cloned() else {
        return response;
    };
    if response.status() != StatusCode::OK {
        return response;
    }
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_owned();
    let language = response.headers().get(header::CONTENT_LANGUAGE).cloned();
    let body = match to_bytes(response.into_body(), MAX_CACHED_BODY).await {
        Ok(body) => body,
        Err(e) => {
            return AppError::Internal(format!("cannot read a rendered body: {e}")).into_response()
        }
    };
    // Even fast compression of a large page takes a moment: keep it off the async workers.
    let built = tokio::task::spawn_blocking(move || {
        let page = CachedPage::new(
            &content_type,
            deps.cache_control,
            deps.deps,
            body,
            Effort::Fast,
        )
        .with_language(language);
        match deps.ttl {
            Some(ttl) => page.expiring_after(ttl),
            None => page,
        }
    })
    .await;
    match built {
        Ok(page) => {
            let page = Arc::new(page);
            cache.insert(key, Arc::clone(&page), generation);
            page.respond(&headers)
        }
        Err(e) => AppError::Internal(e.to_string()).into_response(),
    }
}

/// 301 to the canonical spelling of the URL.
fn moved_permanently(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, value)]).into_response(),
        Err(_) => AppError::bad_input("error-cannot-redirect", &[]).into_response(),
    }
}

/// The stale copy when there is one, else `error`.
fn stale_or(state: &AppState, lookup: Lookup, headers: &HeaderMap, error: AppError) -> Response {
    match lookup {
        Lookup::Fresh(page) => page.respond(headers),
        Lookup::Stale(page) | Lookup::Expired(page) => serve_stale(state, &page, headers),
        Lookup::Missing => error.into_response(),
    }
}

fn serve_stale(state: &AppState, page: &CachedPage, headers: &HeaderMap) -> Response {
    state
        .cache
        .stats
        .stale_served
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    page.respond(headers)
}

/// Desk pages and API answers are personal: never stored by browsers or proxies.
fn uncached(mut response: Response) -> Response {
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Styled error pages and security headers for every response.
async fn finish(state: &AppState, response: Response) -> Response {
    match response
        .extensions()
        .get::<ErrorPage>()
        .cloned()
        .or_else(|| rejection(&response))
    {
        Some(error) => {
            let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
            let mut page = error_page(state, response.status(), error).await;
            if let Some(value) = retry_after {
                page.headers_mut().insert(header::RETRY_AFTER, value);
            }
            secure(page)
        }
        None => secure(response),
    }
}

fn record(route: &str, status: StatusCode, started: Instant) {
    let route = route.to_owned();
    metrics::counter!("byline_http_requests_total", "route" => route.clone(), "status" => status.as_str().to_owned()).increment(1);
    metrics::histogram!("byline_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
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
        StatusCode::METHOD_NOT_ALLOWED => ("error-method-title", "error-method"),
        StatusCode::PAYLOAD_TOO_LARGE => ("error-too-large-title", "error-too-large"),
        StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found"),
        _ => ("error-bad-request-title", "error-bad-request"),
    };
    Some(ErrorPage {
        title,
        message: ErrorMessage::key(message),
    })
}

async fn error_page(state: &AppState, status: StatusCode, error: ErrorPage) -> Response {
    // While the store is down only a chrome already in memory is used: no request waits
    // for the database to say that the database is down.
    let chrome = if state.health.is_down() || status == StatusCode::SERVICE_UNAVAILABLE {
        state
            .chrome
            .peek()
            .ok_or_else(|| AppError::Unavailable("no chrome in memory".into()))
    } else {
        state.chrome.get(state.store.as_ref()).await
    };
    let html = chrome.and_then(|chrome| crate::site::error_page::render(chrome, status, &error));
    let html = html.unwrap_or_else(|e| {
        if !matches!(e, AppError::Unavailable(_)) {
            tracing::error!(error = %e, "cannot render the error page");
        }
        crate::site::error_page::bare(status, &error, state.chrome.last_lang())
    });
    let lang = state.chrome.last_lang();
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
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
