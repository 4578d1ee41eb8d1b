//! One error type for handlers. User errors become styled pages with a clear message
//! (rendered by the middleware, which has the site chrome and its language); internals are
//! logged, never shown. Titles and the messages Byline writes itself come from the
//! `errors.ftl` catalog.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use byline_i18n::Lang;
use byline_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("gone")]
    Gone,
    #[error("{0}")]
    BadRequest(String),
    /// 400 worded by the catalog: message `key` with text arguments (shown as English
    /// in logs).
    #[error("{}", english(key, args))]
    BadInput {
        key: &'static str,
        args: Vec<(&'static str, String)>,
    },
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

/// Set on error responses so the middleware can render the styled page in the site's
/// language.
#[derive(Debug, Clone)]
pub(crate) struct ErrorPage {
    /// Catalog key of the title.
    pub title: &'static str,
    pub message: ErrorMessage,
}

/// The sentence under an error page's title.
#[derive(Debug, Clone)]
pub(crate) enum ErrorMessage {
    /// A catalog message with text arguments.
    Catalog {
        key: &'static str,
        args: Vec<(&'static str, String)>,
    },
    /// Text a handler wrote for this case.
    Text(String),
}

fn english(key: &'static str, args: &[(&'static str, String)]) -> String {
    ErrorMessage::Catalog {
        key,
        args: args.to_vec(),
    }
    .in_lang(Lang::En)
}

impl ErrorMessage {
    pub(crate) fn key(key: &'static str) -> Self {
        Self::Catalog {
            key,
            args: Vec::new(),
        }
    }

    pub(crate) fn in_lang(&self, lang: Lang) -> String {
        match self {
            Self::Catalog { key, args } => {
                let args: Vec<_> = args
                    .iter()
                    .map(|(name, value)| (*name, value.as_str().into()))
                    .collect();
                lang.t_args(key, &args)
            }
            Self::Text(text) => text.clone(),
        }
    }
}

impl ErrorPage {
    pub(crate) fn title(&self, lang: Lang) -> String {
        lang.t(self.title)
    }

    pub(crate) fn message(&self, lang: Lang) -> String {
        self.message.in_lang(lang)
    }
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

    /// A 400 worded by the catalog message `key` (in the site's language on the page).
    pub fn bad_input(key: &'static str, args: &[(&'static str, &str)]) -> Self {
        Self::BadInput {
            key,
            args: args
                .iter()
                .map(|(name, value)| (*name, (*value).to_owned()))
                .collect(),
        }
    }

    /// The message in `lang` (for answers without a page, such as the Admin API's).
    pub fn message_in(&self, lang: Lang) -> String {
        self.parts().2.in_lang(lang)
    }

    fn parts(&self) -> (StatusCode, &'static str, ErrorMessage) {
        use ErrorMessage as M;
        let text = |msg: &String| M::Text(msg.clone());
        match self {
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                "error-not-found-title",
                M::key("error-not-found"),
            ),
            Self::Gone => (StatusCode::GONE, "error-gone-title", M::key("error-gone")),
            Self::BadRequest(msg) => (
                StatusCode::BAD_REQUEST,
                "error-bad-request-title",
                text(msg),
            ),
            Self::BadInput { key, args } => (
                StatusCode::BAD_REQUEST,
                "error-bad-request-title",
                M::Catalog {
                    key,
                    args: args.clone(),
                },
            ),
            Self::Forbidden(msg) => (StatusCode::FORBIDDEN, "error-forbidden-title", text(msg)),
            Self::Conflict(msg) => (StatusCode::CONFLICT, "error-conflict-title", text(msg)),
            Self::TooManyRequests(msg) | Self::Throttled { message: msg, .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "error-too-many-title",
                text(msg),
            ),
            Self::Busy => (
                StatusCode::SERVICE_UNAVAILABLE,
                "error-busy-title",
                M::key("error-busy"),
            ),
            Self::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "error-unavailable-title",
                M::key("error-unavailable"),
            ),
            Self::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "error-internal-title",
                M::key("error-internal"),
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
        // The middleware replaces this body with the styled page in the site's language.
        let mut response = (status, message.in_lang(Lang::En)).into_response();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys above are not literal `.t("…")` calls, so the catalog test cannot see them.
    #[test]
    fn every_error_is_worded_in_every_language() {
        let errors = [
            AppError::NotFound,
            AppError::Gone,
            AppError::bad_request("x"),
            AppError::bad_input("error-page-number", &[("value", "0")]),
            AppError::Forbidden("x".into()),
            AppError::Conflict("x".into()),
            AppError::TooManyRequests("x".into()),
            AppError::Busy,
            AppError::Unavailable("x".into()),
            AppError::Internal("x".into()),
        ];
        for lang in Lang::ALL {
            for e in &errors {
                let (_, title, message) = e.parts();
                assert!(lang.has(title), "{lang}: {title}");
                if let ErrorMessage::Catalog { key, .. } = message {
                    assert!(lang.has(key), "{lang}: {key}");
                }
            }
        }
        assert_eq!(
            Lang::Uk.t("error-not-found-title"),
            ErrorPage {
                title: "error-not-found-title",
                message: ErrorMessage::key("error-not-found"),
            }
            .title(Lang::Uk)
        );
        assert_eq!(
            AppError::bad_input("error-page-number", &[("value", "x")]).message_in(Lang::En),
            "`page` must be a whole number from 1, not `x`"
        );
    }
}
