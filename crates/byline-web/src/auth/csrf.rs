//! CSRF protection for desk forms: every state-changing form carries the session's token
//! in a hidden `_csrf` field. [`CsrfForm`] checks it before the form is even parsed.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::extract::DeskStaff;
use super::token::same;
use crate::{AppError, AppState};

/// A form posted by a signed-in staff member with a valid CSRF token.
pub struct CsrfForm<T> {
    pub staff: DeskStaff,
    pub form: T,
}

/// The `_csrf` field of an urlencoded body.
pub fn form_token(body: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "_csrf")
        .map(|(_, v)| v)
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let staff = DeskStaff::from_request_parts(&mut parts, state).await?;
        let bytes = Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let valid = form_token(&bytes).is_some_and(|t| same(&t, staff.csrf()));
        if !valid {
            return Err(AppError::Forbidden(staff.lang().t("desk-csrf-expired")).into_response());
        }
        let form = serde_urlencoded::from_bytes::<T>(&bytes).map_err(|e| {
            tracing::debug!(error = %e, "unreadable desk form");
            AppError::bad_request(staff.lang().t("desk-form-unreadable")).into_response()
        })?;
        Ok(Self { staff, form })
    }
}
