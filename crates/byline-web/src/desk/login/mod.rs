//! Pages before a session exists: signing in and out ([`sign_in`]), password resets by
//! email ([`reset`]), accepting an invitation ([`invitation`]). Their CSRF token is a
//! double-submit cookie, and they speak the site's language (no one is known yet).

mod invitation;
mod reset;
mod sign_in;

use askama::Template;
use axum::http::header::{HeaderMap, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use byline_i18n::Lang;
use serde::Deserialize;

use super::Layout;
use crate::auth::password;
use crate::auth::session::{self, read_cookie, LOGIN_CSRF_COOKIE};
use crate::auth::token::{random_token, same};
use crate::AppError;

pub(super) use invitation::{invite_form, invite_submit};
pub(super) use reset::{forgot_form, forgot_submit, reset_form, reset_submit};
pub use sign_in::SIGN_IN_FAILED;
pub(super) use sign_in::{form, logout, submit};

/// The pre-session CSRF token, reusing the cookie when the browser has one.
pub(super) fn login_csrf(headers: &HeaderMap) -> (String, Option<axum::http::HeaderValue>) {
    match read_cookie(headers, LOGIN_CSRF_COOKIE).filter(|t| t.len() >= 32) {
        Some(t) => (t, None),
        None => {
            let t = random_token();
            let cookie = session::set_cookie(LOGIN_CSRF_COOKIE, &t, 3600, true, false);
            (t, Some(cookie))
        }
    }
}

pub(super) fn check_login_csrf(
    headers: &HeaderMap,
    submitted: &str,
    lang: Lang,
) -> Result<(), AppError> {
    match read_cookie(headers, LOGIN_CSRF_COOKIE) {
        Some(cookie) if !submitted.is_empty() && same(&cookie, submitted) => Ok(()),
        _ => Err(AppError::Forbidden(lang.t("desk-csrf-expired"))),
    }
}

pub(super) fn with_cookie(
    body: impl IntoResponse,
    cookie: Option<axum::http::HeaderValue>,
) -> Response {
    let mut r = body.into_response();
    if let Some(c) = cookie {
        r.headers_mut().append(SET_COOKIE, c);
    }
    r
}

/// Why `candidate` is refused as a new password (the rules of [`password::check_strength`]),
/// in `lang`.
pub(super) fn password_problem(lang: Lang, candidate: &str) -> Option<String> {
    let weak = password::check_strength(candidate).err()?;
    Some(lang.t_n(weak.key, weak.count))
}

#[derive(Deserialize)]
pub(super) struct Empty {}

/// A short page with one message and one link onwards.
#[derive(Template)]
#[template(path = "desk/message.html")]
pub(super) struct MessageTemplate {
    pub layout: Layout,
    pub message: String,
    pub link: String,
    pub link_text: String,
}

impl MessageTemplate {
    /// The page titled `title_key`, saying `message_key`, with a link to sign in.
    pub fn to_sign_in(lang: Lang, title_key: &str, message_key: &str, link_key: &str) -> Self {
        Self {
            layout: Layout::signed_out(lang.t(title_key), lang),
            message: lang.t(message_key),
            link: "/desk/login".into(),
            link_text: lang.t(link_key),
        }
    }

    pub fn respond(self, status: StatusCode) -> Result<Response, AppError> {
        Ok((status, Html(self.render()?)).into_response())
    }
}
