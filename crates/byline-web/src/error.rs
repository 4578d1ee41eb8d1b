//! One error type for handlers. User errors become styled pages with a clear message
//! (rendered by the middleware, which has the site chrome); internals are logged, never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use byline_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("gone")]
    Gone,
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooManyRequests(String),
    /// 429 with a Retry-After header.
    #[error("{message}")]
    Throttled { message: String, retry_after: i64 },
    /// 503 with Retry-After: no password-hashing slot came free in time.
    #[error("busy")]
    Busy,
    /// The store is unreachable or the server is saturated: try again in a few seconds.
    #[error("unavailable: {0}")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

/// Seconds a client is asked to wait after a 503.
pub(crate) const RETRY_AFTER_SECS: u64 = 5;

/// Set on error responses so the middleware can render the styled page.
#[derive(Debug, Clone)]
pub(crate) struct ErrorPage {
    pub title: &'static str,
    pub message: String,
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            StoreError::Invalid(f) => Self::BadRequest(f.to_string()),
            StoreError::Conflict(msg) => Self::Conflict(msg),
            other if other.is_unavailable() => Self::Unavailable(other.to_string()),
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        Self::Internal(format!("template: {e}"))
    }
}

impl From<crate::auth::password::HashError> for AppError {
    fn from(e: crate::auth::password::HashError) -> Self {
        match e {
            crate::auth::password::HashError::Busy => Self::Busy,
            crate::auth::password::HashError::Failed(detail) => {
                Self::Internal(format!("password hashing: {detail}"))
            }
        }
    }
}

impl AppError {
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::BadRequest(message.into())
    }

    fn parts(&self) -> (StatusCode, &'static str, String) {
        match self {
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "We could not find that page. It may have moved, or the address may be mistyped.".into(),
            ),
            Self::Gone => (
                StatusCode::GONE,
                "Article withdrawn",
                "This article has been withdrawn by the newsroom and is no longer available.".into(),
            ),
            Self::BadRequest(msg) => (StatusCode::BAD_REQUEST, "Bad request", msg.clone()),
            Self::Forbidden(msg) => (StatusCode::FORBIDDEN, "Not allowed", msg.clone()),
            Self::Conflict(msg) => (StatusCode::CONFLICT, "Edit conflict", msg.clone()),
            Self::TooManyRequests(msg) | Self::Throttled { message: msg, .. } => (StatusCode::TOO_MANY_REQUESTS, "Too many attempts", msg.clone()),
            Self::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Server busy",
                "Many people are signing in right now. Please try again in a moment.".into(),
            ),
            Self::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "Temporarily unavailable",
                "The newsroom's database cannot be reached right now. Please try again in a moment.".into(),
            ),
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong",
                "An error on our side stopped this page from loading. Please try again in a moment.".into(),
            ),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            Self::Internal(detail) => tracing::error!(%detail, "request failed"),
            Self::Unavailable(detail) => tracing::warn!(%detail, "request failed: unavailable"),
            _ => {}
        }
        let (status, title, message) = self.parts();
        let mut response = (status, message.clone()).into_response();
        let retry_after = match &self {
            Self::Throttled { retry_after, .. } => Some((*retry_after).max(1).unsigned_abs()),
            Self::Busy => Some(1),
            Self::Unavailable(_) => Some(RETRY_AFTER_SECS),
            _ => None,
        };
        if let Some(secs) = retry_after {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(secs),
            );
        }
        response
            .extensions_mut()
            .insert(ErrorPage { title, message });
        response
    }
}
