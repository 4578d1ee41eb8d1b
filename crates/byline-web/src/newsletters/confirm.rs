//! The confirmation link from the double opt-in mail.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;

use super::notice::Notice;
use super::TokenQuery;
use crate::auth::token::hash_token;
use crate::{AppError, AppState};

pub(super) async fn confirm(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let confirmed = app
        .store
        .confirm_subscription(&hash_token(&q.token), Utc::now())
        .await?;
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let notice = match confirmed {
        Some(confirmed) => {
            let names: Vec<&str> = chrome
                .newsletters
                .iter()
                .filter(|n| confirmed.newsletters.contains(&n.slug))
                .map(|n| n.name.as_str())
                .collect();
            let names = byline_mail::letters::names_list(lang, &names);
            let message = lang.t_s2(
                "nl-confirmed-message",
                "email",
                &confirmed.email,
                "newsletters",
                &names,
            );
            Notice::new(StatusCode::OK, "nl-confirmed-heading", message)
        }
        None => Notice {
            show_form: true,
            ..Notice::new(
                StatusCode::BAD_REQUEST,
                "nl-expired-heading",
                lang.t("nl-expired-message"),
            )
        },
    };
    notice.render(&app).await
}
