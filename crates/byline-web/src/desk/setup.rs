//! First-run setup: while no staff account exists, `byline serve` prints a one-time link
//! (`/desk/setup/TOKEN`, valid for 24 hours or until used; only its hash is stored) whose
//! page creates the first admin account and signs it in. Once anyone has an account the
//! route answers 410 Gone, and nothing is printed at later starts.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::header::{HeaderMap, SET_COOKIE};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use byline_domain::staff::Role;
use byline_i18n::Lang;
use byline_store::{NewStaff, OneTimeToken};
use chrono::{Duration, Utc};
use serde::Deserialize;

use super::layout::site_lang;
use super::login::{check_login_csrf, login_csrf, password_problem, with_cookie, MessageTemplate};
use super::Layout;
use crate::auth::session;
use crate::auth::token::{hash_token, random_token};
use crate::{AppError, AppState};

/// How long a printed setup link works.
pub const SETUP_LINK_HOURS: i64 = 24;

/// While the newsroom has no staff account: a fresh one-time setup link (absolute, from
/// the base URL), replacing any printed before. `None` once someone has an account.
pub async fn first_run_link(app: &AppState) -> Result<Option<String>, AppError> {
    if app.store.count_staff().await? > 0 {
        return Ok(None);
    }
    let token = random_token();
    let now = Utc::now();
    app.store
        .create_setup_token(&OneTimeToken {
            token_hash: hash_token(&token),
            purpose: "setup".into(),
            email: String::new(),
            role: Some(Role::Admin),
            staff_id: None,
            created_by: None,
            created_at: now,
            expires_at: now + Duration::hours(SETUP_LINK_HOURS),
        })
        .await?;
    Ok(Some(app.absolute(&format!("/desk/setup/{token}"))))
}

#[derive(Template)]
#[template(path = "desk/setup.html")]
struct SetupTemplate {
    layout: Layout,
    csrf: String,
    token: String,
    name: String,
    email: String,
    min_length: usize,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SetupForm {
    name: String,
    email: String,
    password: String,
    _csrf: String,
}

/// The answer once the link cannot work: 410 when the newsroom has its accounts, 404
/// when the token is unknown, expired or replaced (no account yet).
async fn gone(app: &AppState, lang: Lang) -> Result<Response, AppError> {
    if app.store.count_staff().await? > 0 {
        MessageTemplate::to_sign_in(lang, "setup-done-title", "setup-done", "setup-sign-in")
            .respond(StatusCode::GONE)
    } else {
        let mut page =
            MessageTemplate::to_sign_in(lang, "setup-gone-title", "setup-gone", "setup-sign-in");
        page.link = "/".into();
        page.link_text = lang.t("desk-nav-public-site");
        page.respond(StatusCode::NOT_FOUND)
    }
}

/// Whether `token` is the live setup link, without using it up.
async fn live(app: &AppState, token: &str) -> Result<bool, AppError> {
    if token.len() < 32 || app.store.count_staff().await? > 0 {
        return Ok(false);
    }
    Ok(app
        .store
        .one_time_token_is_live(&hash_token(token), "setup", Utc::now())
        .await?)
}

fn form_page(
    headers: &HeaderMap,
    lang: Lang,
    token: String,
    f: &SetupForm,
    error: &str,
) -> Result<Response, AppError> {
    let (csrf, cookie) = login_csrf(headers);
    let page = SetupTemplate {
        layout: Layout::signed_out(lang.t("setup-title"), lang).error(error),
        csrf,
        token,
        name: f.name.clone(),
        email: f.email.clone(),
        min_length: crate::auth::password::MIN_LENGTH,
    };
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok(with_cookie((status, Html(page.render()?)), cookie))
}

pub(super) async fn form(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let lang = site_lang(&app).await?;
    if !live(&app, &token).await? {
        return gone(&app, lang).await;
    }
    form_page(&headers, lang, token, &SetupForm::default(), "")
}

/// A plausible address: something, one `@`, a dotted domain, no spaces.
fn looks_like_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
                && email.len() <= 320
        }
        None => false,
    }
}

pub(super) async fn submit(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(f): Form<SetupForm>,
) -> Result<Response, AppError> {
    let lang = site_lang(&app).await?;
    check_login_csrf(&headers, &f._csrf, lang)?;
    if !live(&app, &token).await? {
        return gone(&app, lang).await;
    }
    let name = f.name.trim();
    let email = f.email.trim().to_lowercase();
    let problem = if name.is_empty() || name.chars().count() > 120 {
        Some(lang.t("setup-enter-name"))
    } else if !looks_like_email(&email) {
        Some(lang.t("setup-enter-email"))
    } else {
        password_problem(lang, &f.password)
    };
    if let Some(problem) = problem {
        return form_page(&headers, lang, token, &f, &problem);
    }
    let slot = app.passwords.slot().await?;
    let hash = slot.hash(f.password.clone()).await?;
    let new = NewStaff {
        email,
        name: name.to_owned(),
        role: Role::Admin,
        password_hash: hash,
    };
    // The store creates the account only with the live token and no account yet, in one
    // transaction: of two submissions at once, the second lands here with `None`.
    let Some(mut admin) = app
        .store
        .create_first_admin(&hash_token(&token), &new, Utc::now())
        .await?
    else {
        return gone(&app, lang).await;
    };
    if admin.language != lang {
        app.store.set_staff_language(admin.id, lang).await?;
        admin.language = lang;
    }
    let (session_token, session) = session::start(app.store.as_ref(), admin.id).await?;
    let me = crate::auth::DeskStaff {
        staff: admin,
        session,
        open_reports: None,
    };
    super::audit(
        &app,
        &me.staff,
        "staff.setup",
        &me.staff.email,
        "first admin",
    )
    .await;
    let mut response = Redirect::to("/desk/").into_response();
    for cookie in session::sign_in_cookies(&session_token, app.secure_cookies()) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn addresses_need_a_local_part_and_a_dotted_domain() {
        assert!(looks_like_email("olena@news.example"));
        assert!(!looks_like_email("olena"));
        assert!(!looks_like_email("@news.example"));
        assert!(!looks_like_email("olena@localhost"));
        assert!(!looks_like_email("o lena@news.example"));
        assert!(!looks_like_email("olena@news.example."));
    }
}
