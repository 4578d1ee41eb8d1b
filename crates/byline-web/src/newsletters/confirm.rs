//! The confirmation link from the double opt-in mail, answered in the lists' edition.

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
    let all = app.chrome.get(app.store.as_ref()).await?;
    let lists: Vec<&byline_store::Newsletter> = match &confirmed {
        Some(c) => all
            .all_newsletters
            .iter()
            .filter(|n| c.newsletters.contains(&n.slug))
            .collect(),
        None => Vec::new(),
    };
    // Worded in the lists' edition, as the mail that carried the link was.
    let edition = lists.first().map(|n| n.edition.clone());
    let lang = app
        .chrome
        .edition(app.store.as_ref(), edition.as_deref())
        .await?
        .lang;
    let notice = match confirmed {
        Some(confirmed) => {
            let names: Vec<&str> = lists.iter().map(|n| n.name.as_str()).collect();
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
    notice.in_edition(edition.as_deref()).render(&app).await
}
