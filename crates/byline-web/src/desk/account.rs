//! The signed-in person's own account: the desk's language, two-factor sign-in, API
//! tokens, sign out everywhere.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header::SET_COOKIE;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use byline_i18n::Lang;
use byline_store::ApiToken;
use chrono::Utc;
use serde::Deserialize;

use super::login::Empty;
use super::{audit, Layout};
use crate::auth::csrf::CsrfForm;
use crate::auth::{session, throttle, totp, DeskStaff};
use crate::client_ip::ClientIp;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "desk/account.html")]
struct AccountTemplate {
    layout: Layout,
    name: String,
    email: String,
    role: String,
    totp_on: bool,
    totp_secret: String,
    totp_url: String,
    tokens: Vec<ApiToken>,
    new_token: String,
    languages: [Lang; 2],
    /// Why the submitted language was refused, shown by the picker.
    language_error: String,
}

async fn page(
    app: &AppState,
    me: &DeskStaff,
    notice: &str,
    error: &str,
    new_token: String,
) -> Result<Response, AppError> {
    render(app, me, notice, error, new_token, String::new()).await
}

async fn render(
    app: &AppState,
    me: &DeskStaff,
    notice: &str,
    error: &str,
    new_token: String,
    language_error: String,
) -> Result<Response, AppError> {
    let secret = totp::new_secret();
    let lang = super::staff_lang(&me.staff);
    let page = AccountTemplate {
        layout: Layout::new(lang.t("desk-account-title"), Some(me))
            .notice(notice)
            .error(error),
        name: me.staff.name.clone(),
        email: me.staff.email.clone(),
        role: me.staff.role.to_string(),
        totp_on: me.staff.totp_secret.is_some(),
        totp_url: totp::provisioning_url(&secret, &me.staff.email),
        totp_secret: secret,
        tokens: app.store.list_api_tokens(me.staff.id).await?,
        new_token,
        languages: Lang::ALL,
        language_error,
    };
    Ok(Html(page.render()?).into_response())
}

pub(super) async fn show(State(app): State<AppState>, me: DeskStaff) -> Result<Response, AppError> {
    page(&app, &me, "", "", String::new()).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct LanguageForm {
    language: String,
}

/// The desk's language for this person; an unknown code is a form error (400).
pub(super) async fn set_language(
    State(app): State<AppState>,
    form: CsrfForm<LanguageForm>,
) -> Result<Response, AppError> {
    let me = &form.staff;
    let lang = super::staff_lang(&me.staff);
    let submitted = form.form.language.trim();
    let Ok(picked) = submitted.parse::<Lang>() else {
        let error = lang.t_s2(
            "desk-account-language-unknown",
            "code",
            &submitted.chars().take(40).collect::<String>(),
            "codes",
            &Lang::codes(),
        );
        let mut r = render(&app, me, "", &error, String::new(), error.clone()).await?;
        *r.status_mut() = StatusCode::BAD_REQUEST;
        return Ok(r);
    };
    app.store.set_staff_language(me.staff.id, picked).await?;
    audit(
        &app,
        &me.staff,
        "staff.language",
        &me.staff.email,
        picked.code(),
    )
    .await;
    let mut me = me.clone();
    me.staff.language = picked;
    page(
        &app,
        &me,
        &picked.t("desk-account-language-saved"),
        "",
        String::new(),
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct TotpForm {
    secret: String,
    code: String,
}

pub(super) async fn enable_totp(
    State(app): State<AppState>,
    form: CsrfForm<TotpForm>,
) -> Result<Response, AppError> {
    let Some(step) = totp::matching_step(&form.form.secret, &form.form.code, totp::unix_now())
    else {
        let error = super::staff_lang(&form.staff.staff).t("desk-totp-mismatch");
        return page(&app, &form.staff, "", &error, String::new()).await;
    };
    app.store
        .set_totp_secret(form.staff.staff.id, Some(&form.form.secret))
        .await?;
    // The code just shown cannot sign anyone in afterwards.
    app.store
        .accept_totp_step(form.staff.staff.id, step)
        .await?;
    audit(
        &app,
        &form.staff.staff,
        "staff.totp_on",
        &form.staff.staff.email,
        "",
    )
    .await;
    Ok(Redirect::to("/desk/account").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct DisableTotpForm {
    password: String,
    code: String,
}

/// Turning two-factor sign-in off needs the password and a current code, so a session left
/// open (or stolen) cannot remove the second factor. Attempts are throttled per account.
pub(super) async fn disable_totp(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    form: CsrfForm<DisableTotpForm>,
) -> Result<Response, AppError> {
    let me = &form.staff.staff;
    let lang = super::staff_lang(me);
    let Some(secret) = me.totp_secret.as_deref() else {
        return Ok(Redirect::to("/desk/account").into_response());
    };
    let key = format!("reauth:{}", me.id);
    if let Err(wait) = throttle::take(
        app.store.as_ref(),
        &key,
        throttle::PER_ACCOUNT_AND_ADDRESS,
        Utc::now(),
    )
    .await?
    {
        return Err(AppError::Throttled {
            message: lang.t_n("desk-totp-throttled", wait),
            retry_after: wait,
        });
    }
    let hash = app.store.password_hash(me.id).await?.unwrap_or_default();
    let password_ok = app
        .passwords
        .verify(form.form.password.clone(), hash)
        .await?;
    let code_ok = match totp::matching_step(secret, &form.form.code, totp::unix_now()) {
        Some(step) if password_ok => app.store.accept_totp_step(me.id, step).await?,
        _ => false,
    };
    if !(password_ok && code_ok) {
        tracing::info!(%ip, "failed re-authentication to turn off two-factor sign-in");
        let error = lang.t("desk-totp-reauth-failed");
        let mut r = page(&app, &form.staff, "", &error, String::new()).await?;
        *r.status_mut() = StatusCode::UNAUTHORIZED;
        return Ok(r);
    }
    app.store.clear_login_attempts(&key).await?;
    app.store.set_totp_secret(me.id, None).await?;
    audit(&app, me, "staff.totp_off", &me.email, "").await;
    Ok(Redirect::to("/desk/account").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct TokenForm {
    name: String,
}

pub(super) async fn create_token(
    State(app): State<AppState>,
    form: CsrfForm<TokenForm>,
) -> Result<Response, AppError> {
    let flows = app.workflows(crate::workflow::Channel::Desk);
    let me = &form.staff;
    let token = match flows
        .create_token(me.actor(), &me.staff, &form.form.name)
        .await
    {
        Ok(token) => token,
        Err(e @ crate::workflow::WorkflowError::Invalid(_)) => {
            let error = e.render(me.lang());
            return page(&app, me, "", &error, String::new()).await;
        }
        Err(e) => return Err(super::errors::app_error(e, me.lang())),
    };
    let notice = me.lang().t("desk-tokens-created");
    page(&app, me, &notice, "", token).await
}

pub(super) async fn revoke_token(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<Empty>,
) -> Result<Response, AppError> {
    let me = &form.staff;
    app.workflows(crate::workflow::Channel::Desk)
        .revoke_token(me.actor(), &me.staff, id)
        .await
        .map_err(|e| super::errors::app_error(e, me.lang()))?;
    Ok(Redirect::to("/desk/account").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SignOutEverywhereForm {
    /// The checkbox: also revoke every API token of the account.
    revoke_tokens: String,
}

pub(super) async fn sign_out_everywhere(
    State(app): State<AppState>,
    form: CsrfForm<SignOutEverywhereForm>,
) -> Result<Response, AppError> {
    let me = &form.staff.staff;
    app.store.end_all_sessions(me.id).await?;
    let revoke = !form.form.revoke_tokens.is_empty();
    let detail = if revoke { "with API tokens" } else { "" };
    audit(&app, me, "staff.sign_out_everywhere", &me.email, detail).await;
    if revoke {
        let revoked = app.store.revoke_all_api_tokens(me.id).await?;
        audit(
            &app,
            me,
            "token.revoke_all",
            &me.email,
            &format!("{revoked} revoked"),
        )
        .await;
    }
    let mut response = Redirect::to("/desk/login").into_response();
    for cookie in session::sign_out_cookies(app.secure_cookies()) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}
