//! Password resets: the request form, the mail with a one-hour link, and the new password.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header::HeaderMap;
use axum::http::StatusCode;
use axum::response::{Html, Response};
use axum::Form;
use byline_i18n::Lang;
use byline_jobs::send_mail::MailJob;
use byline_store::OneTimeToken;
use chrono::{Duration, Utc};
use serde::Deserialize;

use super::{check_login_csrf, login_csrf, password_problem, with_cookie, MessageTemplate};
use crate::auth::throttle;
use crate::auth::token::{hash_token, random_token};
use crate::client_ip::ClientIp;
use crate::desk::layout::site_lang;
use crate::desk::Layout;
use crate::{AppError, AppState};

const RESET_HOURS: i64 = 1;

#[derive(Template)]
#[template(path = "desk/forgot.html")]
struct ForgotTemplate {
    layout: Layout,
    csrf: String,
}

pub(in crate::desk) async fn forgot_form(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let lang = site_lang(&app).await?;
    let (csrf, cookie) = login_csrf(&headers);
    let page = ForgotTemplate {
        layout: Layout::signed_out(lang.t("desk-forgot-title"), lang),
        csrf,
    };
    Ok(with_cookie(Html(page.render()?), cookie))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(in crate::desk) struct ForgotForm {
    email: String,
    _csrf: String,
}

pub(in crate::desk) async fn forgot_submit(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(f): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let lang = site_lang(&app).await?;
    check_login_csrf(&headers, &f._csrf, lang)?;
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
            message: lang.t_n("desk-forgot-throttled", wait),
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
        // In the language the person reads the desk in.
        let site = app.chrome.get(app.store.as_ref()).await?;
        let letter = byline_mail::letters::PasswordReset {
            site_name: &site.site.name,
            link: &link,
            hours: RESET_HOURS,
        }
        .render(staff.language)?;
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
    MessageTemplate::to_sign_in(
        lang,
        "desk-forgot-sent-title",
        "desk-forgot-sent",
        "desk-back-to-sign-in",
    )
    .respond(StatusCode::OK)
}

/// The form that sets a password from a one-time link (a reset or an invitation).
#[derive(Template)]
#[template(path = "desk/set_password.html")]
pub(super) struct SetPasswordTemplate {
    pub layout: Layout,
    pub csrf: String,
    pub token: String,
    pub heading: String,
    pub action: &'static str,
    pub button: String,
    pub ask_name: bool,
    pub min_length: usize,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(in crate::desk) struct TokenQuery {
    pub token: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(in crate::desk) struct SetPasswordForm {
    pub token: String,
    pub name: String,
    pub password: String,
    pub _csrf: String,
}

/// The reset or invitation form; with an `error`, answered 400.
pub(super) fn set_password_page(
    headers: &HeaderMap,
    lang: Lang,
    token: String,
    invite: bool,
    error: &str,
) -> Result<Response, AppError> {
    let (csrf, cookie) = login_csrf(headers);
    let (heading, action, button) = if invite {
        ("desk-invite-title", "/desk/invite", "desk-invite-button")
    } else {
        (
            "desk-reset-title",
            "/desk/password/reset",
            "desk-reset-button",
        )
    };
    let page = SetPasswordTemplate {
        layout: Layout::signed_out(lang.t(heading), lang).error(error),
        csrf,
        token,
        heading: lang.t(heading),
        action,
        button: lang.t(button),
        ask_name: invite,
        min_length: crate::auth::password::MIN_LENGTH,
    };
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(with_cookie((status, Html(page.render()?)), cookie))
}

pub(in crate::desk) async fn reset_form(
    State(app): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let lang = site_lang(&app).await?;
    set_password_page(&headers, lang, q.token, false, "")
}

pub(in crate::desk) async fn reset_submit(
    State(app): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SetPasswordForm>,
) -> Result<Response, AppError> {
    let lang = site_lang(&app).await?;
    check_login_csrf(&headers, &f._csrf, lang)?;
    if let Some(problem) = password_problem(lang, &f.password) {
        return set_password_page(&headers, lang, f.token, false, &problem);
    }
    // The hashing slot first: a busy answer must not use up the link.
    let slot = app.passwords.slot().await?;
    let Some(token) = app
        .store
        .consume_one_time_token(&hash_token(&f.token), "reset", Utc::now())
        .await?
    else {
        return Err(AppError::bad_request(lang.t("desk-link-expired")));
    };
    let staff_id = token
        .staff_id
        .ok_or_else(|| AppError::bad_request(lang.t("desk-link-expired")))?;
    let hash = slot.hash(f.password).await?;
    app.store.set_password(staff_id, &hash).await?;
    MessageTemplate::to_sign_in(
        lang,
        "desk-password-changed-title",
        "desk-password-changed",
        "desk-sign-in-button",
    )
    .respond(StatusCode::OK)
}
