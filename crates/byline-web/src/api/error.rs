//! JSON errors for the Admin API.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use byline_domain::article::FieldError;
use byline_i18n::Lang;
use byline_store::StoreError;

use crate::workflow::WorkflowError;
use crate::AppError;

#[derive(Debug)]
pub enum ApiError {
    Forbidden(String),
    NotFound,
    Conflict(String),
    /// 422 with a message per field.
    Invalid(BTreeMap<String, String>),
    BadRequest(String),
    /// 503: the store cannot be reached; retry later.
    Unavailable,
    Internal(String),
}

impl ApiError {
    pub fn field(e: &FieldError) -> Self {
        Self::Invalid(BTreeMap::from([(e.field.to_owned(), e.message.clone())]))
    }

    /// A workflow's answer as JSON, its messages in `lang`: field errors under `fields`
    /// by input name, a refusal as 403 with the same message the desk shows.
    pub fn workflow(e: WorkflowError, lang: Lang) -> Self {
        match e {
            WorkflowError::Invalid(fields) => {
                let mut map: BTreeMap<String, String> = BTreeMap::new();
                for f in &fields {
                    let text = f.render(lang);
                    map.entry(f.field.to_owned())
                        .and_modify(|m| {
                            m.push(' ');
                            m.push_str(&text);
                        })
                        .or_insert(text);
                }
                Self::Invalid(map)
            }
            WorkflowError::Refused(_) => Self::Forbidden(e.render(lang)),
            WorkflowError::NotFound => Self::NotFound,
            WorkflowError::Conflict(_) => Self::Conflict(e.render(lang)),
            WorkflowError::Unavailable(_) => Self::Unavailable,
            WorkflowError::Internal(detail) => Self::Internal(detail),
        }
    }

    /// One field's problem, as a workflow would report it.
    pub fn invalid(field: crate::workflow::FieldError, lang: Lang) -> Self {
        Self::workflow(WorkflowError::field(field), lang)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::NotFound,
            StoreError::Invalid(f) => Self::field(&f),
            StoreError::Conflict(m) => Self::Conflict(m),
            other if other.is_unavailable() => Self::Unavailable,
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound | AppError::Gone => Self::NotFound,
            AppError::BadRequest(m) => Self::BadRequest(m),
            e @ AppError::BadInput { .. } => Self::BadRequest(e.message_in(byline_i18n::Lang::En)),
            AppError::Forbidden(m) => Self::Forbidden(m),
            AppError::Conflict(m) => Self::Conflict(m),
            AppError::TooManyRequests(m) | AppError::Throttled { message: m, .. } => {
                Self::BadRequest(m)
            }
            AppError::Busy => Self::Unavailable,
            AppError::Unavailable(_) => Self::Unavailable,
            AppError::Internal(m) => Self::Internal(m),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            Self::Forbidden(m) => (StatusCode::FORBIDDEN, serde_json::json!({ "error": m })),
            Self::NotFound => (
                StatusCode::NOT_FOUND,
                serde_json::json!({ "error": "not found" }),
            ),
            Self::Conflict(m) => (StatusCode::CONFLICT, serde_json::json!({ "error": m })),
            Self::Invalid(fields) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                serde_json::json!({ "error": "invalid input", "fields": fields }),
            ),
            Self::BadRequest(m) => (StatusCode::BAD_REQUEST, serde_json::json!({ "error": m })),
            Self::Unavailable => {
                let mut r = (
                    StatusCode::SERVICE_UNAVAILABLE,
                    Json(
                        serde_json::json!({ "error": "the database is unavailable; retry later" }),
                    ),
                )
                    .into_response();
                r.headers_mut().insert(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from(crate::error::RETRY_AFTER_SECS),
                );
                return r;
            }
            Self::Internal(detail) => {
                tracing::error!(%detail, "API request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    serde_json::json!({ "error": "internal error" }),
                )
            }
        };
        (status, Json(body)).into_response()
    }
}
