//! The preferences page reached from every issue (its token is the key), and unsubscribing:
//! a page with a button for the link in each mail (mail scanners follow GET links) and the
//! one-click POST of RFC 8058.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use byline_i18n::Lang;
use chrono::Utc;

use super::notice::Notice;
use super::{meta, TokenQuery};
use crate::auth::extract::url_encode;
use crate::chrome::language as site_lang;
use crate::chrome::Chrome;
use crate::view::Meta;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "newsletters/preferences.html")]
struct PreferencesTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    lang: Lang,
    email: String,
    token: String,
    current: Vec<String>,
    saved: bool,
}

/// "Unknown link" for a token the store does not know.
async fn unknown_link(app: &AppState, message_key: &str) -> Result<Response, AppError> {
    let message = site_lang(app).await?.t(message_key);
    Notice::new(StatusCode::BAD_REQUEST, "nl-unknown-link-heading", message)
        .render(app)
        .await
}

async fn preferences_page(app: &AppState, token: &str, saved: bool) -> Result<Response, AppError> {
    let Some((email, current)) = app.store.confirmed_lists(token).await? else {
        return unknown_link(app, "nl-preferences-invalid").await;
    };
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let meta = meta(
        app,
        &chrome,
        &lang.t("nl-preferences-heading"),
        "/newsletters",
        true,
    );
    let html = PreferencesTemplate {
        chrome,
        meta,
        lang,
        email,
        token: url_encode(token),
        current,
        saved,
    }
    .render()?;
    Ok(Html(html).into_response())
}

pub(super) async fn preferences(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    preferences_page(&app, &q.token, false).await
}

pub(super) async fn save_preferences(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body) else {
        let message = site_lang(&app).await?.t("nl-form-unreadable");
        return Notice::new(StatusCode::BAD_REQUEST, "nl-form-error-heading", message)
            .render(&app)
            .await;
    };
    let lists: Vec<String> = pairs
        .into_iter()
        .filter(|(k, _)| k == "list")
        .map(|(_, v)| v)
        .collect();
    if app
        .store
        .set_preferences(&q.token, &lists, Utc::now())
        .await?
        .is_none()
    {
        return unknown_link(&app, "nl-preferences-invalid").await;
    }
    preferences_page(&app, &q.token, true).await
}

fn unsubscribe_action(q: &TokenQuery) -> String {
    let list = q
        .list
        .as_deref()
        .map(|l| format!("&list={}", url_encode(l)))
        .unwrap_or_default();
    format!(
        "/newsletters/unsubscribe?token={}{list}",
        url_encode(&q.token)
    )
}

/// The link in each message: a page with a button.
pub(super) async fn unsubscribe_page(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let message = site_lang(&app).await?.t("nl-unsubscribe-prompt");
    Notice {
        unsubscribe_action: unsubscribe_action(&q),
        ..Notice::new(StatusCode::OK, "nl-unsubscribe-heading", message)
    }
    .render(&app)
    .await
}

/// One-click unsubscribe (RFC 8058 POST from mail clients, or the page's button).
pub(super) async fn unsubscribe(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    match app
        .store
        .unsubscribe(&q.token, q.list.as_deref(), Utc::now())
        .await?
    {
        Some(email) => {
            let message = site_lang(&app)
                .await?
                .t_s("nl-unsubscribed-message", "email", &email);
            Notice::new(StatusCode::OK, "nl-unsubscribed-heading", message)
                .render(&app)
                .await
        }
        None => unknown_link(&app, "nl-unsubscribe-invalid").await,
    }
}
