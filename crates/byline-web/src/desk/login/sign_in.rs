//! Signing in (password, then the two-factor code if the account has one) and out.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::{HeaderMap, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use byline_i18n::Lang;
use chrono::Utc;
use serde::Deserialize;

use super::{check_login_csrf, login_csrf, with_cookie, Empty};
use crate::auth::csrf::CsrfForm;
use crate::auth::session::{self, read_cookie, SESSION_COOKIE};
use crate::auth::token::hash_token;
use crate::auth::{password, throttle, totp};
use crate::client_ip::ClientIp;
use crate::desk::layout::site_lang;
use crate::desk::Layout;
use crate::{AppError, AppState};

/// Only desk paths are valid after sign-in (no open redirects), and only in visible ASCII
/// without backslashes, so the Location header never gets a control byte (CR/LF) or a
/// character a browser might read as another origin; anything else falls back to /desk/.
fn safe_next(next: &str) -> &str {
    let clean = next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    if clean && next.starts_with("/desk/") && !next.starts_with("//") {
        next
    } else {
        "/desk/"
    }
}

#[derive(Template)]
#[template(path = "desk/login.html")]
struct LoginTemplate {
    layout: Layout,
    csrf: String,
    next: String,
    email: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(in crate::desk) struct NextQuery {
    next: String,
}

pub(in crate::desk) async fn form(
    State(app): State<AppState>,
    headers: HeaderMap,
    parts: axum::http::request::Parts,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    if crate::auth::extract::session_of(&app, &parts)
        .await?
        .is_some()
    {
        return Ok(Redirect::to(safe_next(&q.next)).into_response());
    }
    let lang = site_lang(&app).await?;
    let (csrf, cookie) = login_csrf(&headers);
    let page = LoginTemplate {
        layout: Layout::signed_out(lang.t("desk-sign-in-title"), lang),
        csrf,
        next: q.next,
        email: String::new(),
    };
    Ok(with_cookie(Html(page.render()?), cookie))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(in crate::desk) struct LoginForm {
    email: String,
    password: String,
    code: String,
    next: String,
    _csrf: String,
}

/// The one answer to every failed sign-in, in English (`desk-sign-in-failed`): it does not
/// say which part was wrong, so it reveals neither that a password was right nor that an
/// account has two-factor sign-in.
pub const SIGN_IN_FAILED: &str = "The email, password or authentication code is not right.";

fn throttled(lang: Lang, wait: i64) -> AppError {
    AppError::Throttled {
        message: lang.t_n("desk-sign-in-throttled", wait),
        retry_after: wait,
    }
}

pub(in crate::desk) async fn submit(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    let lang = site_lang(&app).await?;
    check_login_csrf(&headers, &f._csrf, lang)?;
    let email = f.email.trim().to_lowercase();
    let keys = throttle::SignInKeys::new(&email, &ip);
    let now = Utc::now();
    // Counted before the password is checked, so concurrent guesses cannot exceed the limit.
    let delay = throttle::sign_in_attempt(app.store.as_ref(), &keys, now)
        .await?
        .map_err(|wait| throttled(lang, wait))?;
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let staff = app.store.staff_by_email(&email).await?;
    let hash = match &staff {
        Some(s) => app.store.password_hash(s.id).await?.unwrap_or_default(),
        None => password::decoy_hash().to_owned(),
    };
    let password_ok = app.passwords.verify(f.password.clone(), hash).await?;
    let staff = staff.filter(|s| s.active && password_ok);
    // The code is checked only after a right password, and a step is used up only then.
    let second_factor_ok = match staff
        .as_ref()
        .and_then(|s| s.totp_secret.as_deref().map(|secret| (s.id, secret)))
    {
        None => true,
        Some((id, secret)) => match totp::matching_step(secret, &f.code, totp::unix_now()) {
            Some(step) => app.store.accept_totp_step(id, step).await?,
            None => false,
        },
    };
    let Some(staff) = staff.filter(|_| second_factor_ok) else {
        tracing::info!(%ip, "failed sign-in");
        let (csrf, _) = login_csrf(&headers);
        let page = LoginTemplate {
            layout: Layout::signed_out(lang.t("desk-sign-in-title"), lang)
                .error(lang.t("desk-sign-in-failed")),
            csrf,
            next: f.next.clone(),
            email,
        };
        return Ok((StatusCode::UNAUTHORIZED, Html(page.render()?)).into_response());
    };
    throttle::signed_in(app.store.as_ref(), &keys, now).await?;
    // A new session id at every sign-in; any session this browser had ends.
    if let Some(old) = read_cookie(&headers, SESSION_COOKIE) {
        app.store.delete_session(&hash_token(&old)).await?;
    }
    let (token, session) = session::start(app.store.as_ref(), staff.id).await?;
    let me = crate::auth::DeskStaff {
        staff,
        session,
        open_reports: None,
    };
    crate::desk::audit(&app, &me.staff, "staff.sign_in", &me.staff.email, &ip).await;
    let mut response = Redirect::to(safe_next(&f.next)).into_response();
    for cookie in session::sign_in_cookies(&token, app.secure_cookies()) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

pub(in crate::desk) async fn logout(
    State(app): State<AppState>,
    form: CsrfForm<Empty>,
) -> Result<Response, AppError> {
    app.store
        .delete_session(&form.staff.session.id_hash)
        .await?;
    crate::desk::audit(
        &app,
        &form.staff.staff,
        "staff.sign_out",
        &form.staff.staff.email,
        "",
    )
    .await;
    let mut response = Redirect::to("/desk/login").into_response();
    for cookie in session::sign_out_cookies(app.secure_cookies()) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_failed_sign_in_constant_is_the_english_catalog_message() {
        assert_eq!(Lang::En.t("desk-sign-in-failed"), SIGN_IN_FAILED);
    }

    #[test]
    fn only_desk_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next("/desk/media"), "/desk/media");
        assert_eq!(safe_next("//evil.example/desk/"), "/desk/");
        assert_eq!(safe_next("https://evil.example/"), "/desk/");
        assert_eq!(safe_next("/desk/\r\nSet-Cookie: x"), "/desk/");
    }
}
