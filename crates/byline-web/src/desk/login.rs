//! Signing in and out, password resets by email and accepting invitations.
//! Forms here run before a session exists, so their CSRF token is a double-submit cookie.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::{HeaderMap, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use byline_jobs::send_mail::MailJob;
use byline_store::{NewStaff, OneTimeToken};
use chrono::{Duration, Utc};
use serde::Deserialize;

use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::session::{self, read_cookie, LOGIN_CSRF_COOKIE, SESSION_COOKIE};
use crate::auth::token::{hash_token, random_token, same};
use crate::auth::{password, throttle, totp};
use crate::client_ip::ClientIp;
use crate::{AppError, AppState};

const RESET_HOURS: i64 = 1;

/// The pre-session CSRF token, reusing the cookie when the browser has one.
fn login_csrf(headers: &HeaderMap) -> (String, Option<axum::http::HeaderValue>) {
    match read_cookie(headers, LOGIN_CSRF_COOKIE).filter(|t| t.len() >= 32) {
        Some(t) => (t, None),
        None => {
            let t = random_token();
            let cookie = session::set_cookie(LOGIN_CSRF_COOKIE, &t, 3600, true, false);
            (t, Some(cookie))
        }
    }
}

fn check_login_csrf(headers: &HeaderMap, submitted: &str) -> Result<(), AppError> {
    match read_cookie(headers, LOGIN_CSRF_COOKIE) {
        Some(cookie) if !submitted.is_empty() && same(&cookie, submitted) => Ok(()),
        _ => Err(AppError::Forbidden(
            "The form's security token is missing or out of date. Reload the page and try again."
                .into(),
        )),
    }
}

fn with_cookie(body: impl IntoResponse, cookie: Option<axum::http::HeaderValue>) -> Response {
    let mut r = body.into_response();
    if let Some(c) = cookie {
        r.headers_mut().append(SET_COOKIE, c);
    }
    r
}

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
pub(super) struct NextQuery {
    next: String,
}

pub(super) async fn form(
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
    let (csrf, cookie) = login_csrf(&headers);
    let page = LoginTemplate {
        layout: Layout::new("Sign in", None),
        csrf,
        next: q.next,
        email: String::new(),
    };
    Ok(with_cookie(Html(page.render()?), cookie))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct LoginForm {
    email: String,
    password: String,
    code: String,
    next: String,
    _csrf: String,
}

/// The one answer to every failed sign-in: it does not say which part was wrong, so it
/// reveals neither that a password was right nor that an account has two-factor sign-in.
pub const SIGN_IN_FAILED: &str = "The email, password or authentication code is not right.";

fn throttled(wait: i64) -> AppError {
    AppError::Throttled {
        message: format!("Too many sign-in attempts. Try again in {wait} seconds."),
        retry_after: wait,
    }
}

pub(super) async fn submit(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, AppError> {
    check_login_csrf(&headers, &f._csrf)?;
    let email = f.email.trim().to_lowercase();
    let keys = throttle::SignInKeys::new(&email, &ip);
    let now = Utc::now();
    // Counted before the password is checked, so concurrent guesses cannot exceed the limit.
    let delay = throttle::sign_in_attempt(app.store.as_ref(), &keys, now)
        .await?
        .map_err(throttled)?;
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
            layout: Layout::new("Sign in", None).error(SIGN_IN_FAILED),
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
    let me = crate::auth::DeskStaff { staff, session };
    super::audit(&app, &me.staff, "staff.sign_in", &me.staff.email, &ip).await;
    let mut response = Redirect::to(safe_next(&f.next)).into_response();
    for cookie in session::sign_in_cookies(&token, app.secure_cookies()) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

#[derive(Deserialize)]
pub(super) struct Empty {}

pub(super) async fn logout(
    State(app): State<AppState>,
    form: CsrfForm<Empty>,
) -> Result<Response, AppError> {
    app.store
        .delete_session(&form.staff.session.id_hash)
        .await?;
    super::audit(
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

#[derive(Template)]
#[template(path = "desk/forgot.html")]
struct ForgotTemplate {
    layout: Layout,
    csrf: String,
}

#[derive(Template)]
#[template(path = "desk/message.html")]
pub(super) struct MessageTemplate {
    pub layout: Layout,
    pub message: String,
    pub link: String,
    pub link_text: String,
}

pub(super) async fn forgot_form(headers: HeaderMap) -> Result<Response, AppError> {
    let (csrf, cookie) = login_csrf(&headers);
    Ok(with_cookie(
        Html(
            ForgotTemplate {
                layout: Layout::new("Reset your password", None),
                csrf,
            }
            .render()?,
        ),
        cookie,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ForgotForm {
    email: String,
    _csrf: String,
}

pub(super) async fn forgot_submit(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<ForgotForm>,
) -> Result<Response, AppError> {
    check_login_csrf(&headers, &f._csrf)?;
    let now = Utc::now();
    if let Err(wait) = throttle::take(
        app.store.as_ref(),
        &format!("reset-ip:{ip}"),
        throttle::RESET_PER_ADDRESS,
        now,
    )
    .await?
    {
        return Err(AppError::Throttled {
            message: format!("Too many requests. Try again in {wait} seconds."),
            retry_after: wait,
        });
    }
    // Per account too, whether it exists or not; over the limit the answer is the same
    // page, only without a mail.
    let email: String = f.email.trim().to_lowercase().chars().take(320).collect();
    let within = throttle::take(
        app.store.as_ref(),
        &format!("reset-account:{email}"),
        throttle::RESET_PER_ACCOUNT,
        now,
    )
    .await?
    .is_ok();
    if !within {
        tracing::info!(%ip, "password-reset mail limit reached for an account");
    }
    let staff = if within {
        app.store.staff_by_email(&email).await?
    } else {
        None
    };
    if let Some(staff) = staff.filter(|s| s.active) {
        let token = random_token();
        let record = OneTimeToken {
            token_hash: hash_token(&token),
            purpose: "reset".into(),
            email: staff.email.clone(),
            role: None,
            staff_id: Some(staff.id),
            created_by: None,
            created_at: now,
            expires_at: now + Duration::hours(RESET_HOURS),
        };
        app.store.create_one_time_token(&record).await?;
        let link = app.absolute(&format!("/desk/password/reset?token={token}"));
        // The site's language until staff members have one of their own.
        let site = app.chrome.get(app.store.as_ref()).await?;
        let letter = byline_mail::letters::PasswordReset {
            site_name: &site.site.name,
            link: &link,
            hours: RESET_HOURS,
        }
        .render(crate::newsletters::site_lang(&site.site.language))?;
        let mail = MailJob {
            to: staff.email.clone(),
            subject: letter.subject,
            text: letter.text,
            html: Some(letter.html),
        };
        app.jobs
            .send_mail(&format!("reset:{}", record.token_hash), mail)
            .await?;
    }
    let page = MessageTemplate {
        layout: Layout::new("Check your email", None),
        message: "If an account exists for that address, we have sent it a link to choose a new password. The link works for one hour.".into(),
        link: "/desk/login".into(),
        link_text: "Back to sign in".into(),
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "desk/set_password.html")]
struct SetPasswordTemplate {
    layout: Layout,
    csrf: String,
    token: String,
    heading: &'static str,
    action: &'static str,
    button: &'static str,
    ask_name: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct TokenQuery {
    token: String,
}

fn set_password_page(
    headers: &HeaderMap,
    token: String,
    invite: bool,
    error: &str,
) -> Result<Response, AppError> {
    let (csrf, cookie) = login_csrf(headers);
    let (heading, action, button) = if invite {
        ("Join the newsroom", "/desk/invite", "Create my account")
    } else {
        (
            "Choose a new password",
            "/desk/password/reset",
            "Save the new password",
        )
    };
    let page = SetPasswordTemplate {
        layout: Layout::new(heading, None).error(error),
        csrf,
        token,
        heading,
        action,
        button,
        ask_name: invite,
    };
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(with_cookie((status, Html(page.render()?)), cookie))
}

pub(super) async fn reset_form(
    headers: HeaderMap,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    set_password_page(&headers, q.token, false, "")
}

pub(super) async fn invite_form(
    headers: HeaderMap,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    set_password_page(&headers, q.token, true, "")
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SetPasswordForm {
    token: String,
    name: String,
    password: String,
    _csrf: String,
}

const EXPIRED: &str = "This link has expired or has already been used. Ask for a new one.";

pub(super) async fn reset_submit(
    State(app): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SetPasswordForm>,
) -> Result<Response, AppError> {
    check_login_csrf(&headers, &f._csrf)?;
    if let Err(msg) = password::check_strength(&f.password) {
        return set_password_page(&headers, f.token, false, &msg);
    }
    // The hashing slot first: a busy answer must not use up the link.
    let slot = app.passwords.slot().await?;
    let Some(token) = app
        .store
        .consume_one_time_token(&hash_token(&f.token), "reset", Utc::now())
        .await?
    else {
        return Err(AppError::bad_request(EXPIRED));
    };
    let staff_id = token
        .staff_id
        .ok_or_else(|| AppError::bad_request(EXPIRED))?;
    let hash = slot.hash(f.password).await?;
    app.store.set_password(staff_id, &hash).await?;
    let page = MessageTemplate {
        layout: Layout::new("Password changed", None),
        message:
            "Your password has been changed and every session of your account has been signed out."
                .into(),
        link: "/desk/login".into(),
        link_text: "Sign in".into(),
    };
    Ok(Html(page.render()?).into_response())
}

pub(super) async fn invite_submit(
    State(app): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SetPasswordForm>,
) -> Result<Response, AppError> {
    check_login_csrf(&headers, &f._csrf)?;
    if f.name.trim().is_empty() {
        return set_password_page(&headers, f.token, true, "Enter your name.");
    }
    if let Err(msg) = password::check_strength(&f.password) {
        return set_password_page(&headers, f.token, true, &msg);
    }
    let slot = app.passwords.slot().await?;
    let Some(invite) = app
        .store
        .consume_one_time_token(&hash_token(&f.token), "invite", Utc::now())
        .await?
    else {
        return Err(AppError::bad_request(EXPIRED));
    };
    let role = invite.role.ok_or_else(|| AppError::bad_request(EXPIRED))?;
    let hash = slot.hash(f.password).await?;
    let staff = app
        .store
        .create_staff(&NewStaff {
            email: invite.email.clone(),
            name: f.name.trim().to_owned(),
            role,
            password_hash: hash,
        })
        .await?;
    let (token, session) = session::start(app.store.as_ref(), staff.id).await?;
    let me = crate::auth::DeskStaff { staff, session };
    super::audit(
        &app,
        &me.staff,
        "staff.join",
        &me.staff.email,
        role.as_str(),
    )
    .await;
    let mut response = Redirect::to("/desk/").into_response();
    for cookie in session::sign_in_cookies(&token, app.secure_cookies()) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}
