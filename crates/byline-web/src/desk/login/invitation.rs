//! Accepting an invitation: the invited colleague names themselves and picks a password.

use axum::extract::{Query, State};
use axum::http::header::{HeaderMap, SET_COOKIE};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use byline_store::NewStaff;
use chrono::Utc;

use super::check_login_csrf;
use super::password_problem;
use super::reset::{set_password_page, SetPasswordForm, TokenQuery};
use crate::auth::session;
use crate::auth::token::hash_token;
use crate::desk::layout::site_lang;
use crate::{AppError, AppState};

pub(in crate::desk) async fn invite_form(
    State(app): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let lang = site_lang(&app).await?;
    set_password_page(&headers, lang, q.token, true, "")
}

pub(in crate::desk) async fn invite_submit(
    State(app): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<SetPasswordForm>,
) -> Result<Response, AppError> {
    let lang = site_lang(&app).await?;
    check_login_csrf(&headers, &f._csrf, lang)?;
    if f.name.trim().is_empty() {
        let error = lang.t("desk-enter-your-name");
        return set_password_page(&headers, lang, f.token, true, &error);
    }
    if let Some(problem) = password_problem(lang, &f.password) {
        return set_password_page(&headers, lang, f.token, true, &problem);
    }
    let slot = app.passwords.slot().await?;
    let expired = || AppError::bad_request(lang.t("desk-link-expired"));
    let Some(invite) = app
        .store
        .consume_one_time_token(&hash_token(&f.token), "invite", Utc::now())
        .await?
    else {
        return Err(expired());
    };
    let role = invite.role.ok_or_else(expired)?;
    let hash = slot.hash(f.password).await?;
    let mut staff = app
        .store
        .create_staff(&NewStaff {
            email: invite.email.clone(),
            name: f.name.trim().to_owned(),
            role,
            password_hash: hash,
        })
        .await?;
    // The desk goes on in the language the invitation was accepted in.
    if staff.language != lang {
        app.store.set_staff_language(staff.id, lang).await?;
        staff.language = lang;
    }
    let (token, session) = session::start(app.store.as_ref(), staff.id).await?;
    let me = crate::auth::DeskStaff {
        staff,
        session,
        open_reports: None,
    };
    crate::desk::audit(
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
