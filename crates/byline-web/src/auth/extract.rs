//! Extractors that enforce sign-in: [`DeskStaff`] for desk pages (session cookie; a
//! signed-out visitor is sent to the sign-in page) and [`ApiStaff`] for the Admin API
//! (`Authorization: Bearer TOKEN`; 401 without valid credentials).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use byline_domain::staff::Action;
use byline_store::{Session, StaffMember};

use super::session::{read_cookie, SESSION_COOKIE};
use super::token::hash_token;
use crate::{AppError, AppState};

/// A signed-in staff member on a desk page.
#[derive(Debug, Clone)]
pub struct DeskStaff {
    pub staff: StaffMember,
    pub session: Session,
    /// Open readers' error reports, for the desk's navigation (those who triage them
    /// only; one COUNT per desk request). `None` when not asked or not readable.
    pub open_reports: Option<i64>,
}

impl DeskStaff {
    /// 403 unless the role may do `action` (the role policy's refusal, as in the API).
    pub fn require(&self, action: Action) -> Result<(), AppError> {
        crate::workflow::policy::require(self.actor(), action)
            .map_err(|e| crate::desk::errors::app_error(e, self.lang()))
    }

    /// The staff member as the workflows' actor.
    pub fn actor(&self) -> crate::workflow::Actor<'_> {
        crate::workflow::Actor::Staff(&self.staff)
    }

    /// The language the desk speaks to them in.
    pub fn lang(&self) -> byline_i18n::Lang {
        crate::workflow::staff_lang(&self.staff)
    }

    pub fn csrf(&self) -> &str {
        &self.session.csrf_token
    }
}

/// Looks up the session a request's cookie names, if live.
pub async fn session_of(state: &AppState, parts: &Parts) -> Result<Option<DeskStaff>, AppError> {
    let Some(token) = read_cookie(&parts.headers, SESSION_COOKIE).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let found = state
        .store
        .session(&hash_token(&token), chrono::Utc::now())
        .await?;
    let Some((session, staff)) = found else {
        return Ok(None);
    };
    let open_reports = if staff.role.may(Action::TriageReports) {
        // The count is a convenience: a failure to read it does not fail the page.
        state.store.open_report_count().await.ok()
    } else {
        None
    };
    Ok(Some(DeskStaff {
        staff,
        session,
        open_reports,
    }))
}

impl FromRequestParts<AppState> for DeskStaff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match session_of(state, parts).await {
            Ok(Some(staff)) => Ok(staff),
            Ok(None) if parts.method == Method::GET || parts.method == Method::HEAD => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str())
                    .unwrap_or("/desk/");
                let encoded: String = url_encode(next);
                Err(Redirect::to(&format!("/desk/login?next={encoded}")).into_response())
            }
            // A state-changing request without a session cannot carry a valid CSRF token.
            Ok(None) => {
                // Nobody is signed in, so the site's language.
                let lang = match state.chrome.get(state.store.as_ref()).await {
                    Ok(chrome) => chrome.lang,
                    Err(_) => byline_i18n::Lang::default(),
                };
                Err(AppError::Forbidden(lang.t("desk-session-ended")).into_response())
            }
            Err(e) => Err(e.into_response()),
        }
    }
}

/// A staff member calling the Admin API with a bearer token.
#[derive(Debug, Clone)]
pub struct ApiStaff {
    pub staff: StaffMember,
    pub token_id: i64,
}

impl ApiStaff {
    pub fn may(&self, action: Action) -> bool {
        self.staff.role.may(action)
    }

    /// The token's owner as the workflows' actor.
    pub fn actor(&self) -> crate::workflow::Actor<'_> {
        crate::workflow::Actor::Staff(&self.staff)
    }

    /// The language API messages are given in.
    pub fn lang(&self) -> byline_i18n::Lang {
        crate::workflow::staff_lang(&self.staff)
    }
}

fn api_error(status: StatusCode, message: &str) -> Response {
    let mut r = (status, axum::Json(serde_json::json!({ "error": message }))).into_response();
    if status == StatusCode::UNAUTHORIZED {
        r.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            header::HeaderValue::from_static("Bearer"),
        );
    }
    r
}

impl FromRequestParts<AppState> for ApiStaff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let Some(token) = token else {
            return Err(api_error(StatusCode::UNAUTHORIZED, "missing bearer token"));
        };
        match state.store.api_token(&hash_token(token)).await {
            Ok(Some((t, staff))) => Ok(Self {
                staff,
                token_id: t.id,
            }),
            Ok(None) => Err(api_error(
                StatusCode::UNAUTHORIZED,
                "invalid or revoked token",
            )),
            Err(e) => {
                tracing::error!(error = %e, "token lookup failed");
                Err(api_error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error",
                ))
            }
        }
    }
}

/// Percent-encodes a path for a query parameter.
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
