//! The subscribe form's post: checks, the pending subscription, and the confirmation mail
//! (double opt-in) in the language of the lists' edition. The answer is the same whatever the address's
//! state, so nothing leaks about who subscribes.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use byline_i18n::Lang;
use byline_jobs::send_mail::MailJob;
use byline_mail::letters::Confirmation;
use byline_store::SubscribeOutcome;
use chrono::{Duration, Utc};

use super::notice::{form_error, Notice};
use super::origin::cross_site;
use crate::auth::token::{hash_token, random_token};
use crate::client_ip::ClientIp;
use crate::editions::RequestEdition;
use crate::{AppError, AppState};

/// How long a confirmation link works.
const CONFIRM_DAYS: i64 = 7;

/// The subscribe form's fields.
struct SubscribeForm {
    email: String,
    lists: Vec<String>,
    source: String,
    /// The hidden honeypot field: people leave it empty, bots fill it.
    honeypot: bool,
}

/// Parses `email`, repeatable `list`, `source` and the honeypot; errors (in `lang`) keep
/// the typed address.
fn parse_form(lang: Lang, body: &[u8]) -> Result<SubscribeForm, (String, String)> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|_| (lang.t("nl-form-unreadable"), String::new()))?;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let typed = field("email");
    let lists: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "list")
        .map(|(_, v)| v.clone())
        .collect();
    if typed.is_empty() {
        return Err((lang.t("nl-form-email-missing"), typed));
    }
    // Addresses are compared without case: one subscriber per mailbox in practice.
    let email = match byline_mail::validate_address(&typed) {
        Ok(e) => e.to_lowercase(),
        Err(_) => return Err((lang.t("nl-form-email-invalid"), typed)),
    };
    if lists.is_empty() {
        return Err((lang.t("nl-form-no-list"), typed));
    }
    if lists.len() > 20 {
        return Err((lang.t("nl-form-too-many-lists"), typed));
    }
    Ok(SubscribeForm {
        email,
        lists,
        source: field("source"),
        honeypot: !field("website").is_empty(),
    })
}

/// "Check your inbox": the answer to every accepted form.
async fn check_inbox(
    app: &AppState,
    edition: Option<&str>,
    lang: Lang,
    email: &str,
) -> Result<Response, AppError> {
    let message = lang.t_s("nl-check-message", "email", email);
    Notice::new(StatusCode::OK, "nl-check-heading", message)
        .in_edition(edition)
        .render(app)
        .await
}

/// `POST /newsletters/subscribe` (and `/uk/newsletters/subscribe`, whose answers are in
/// that edition's language).
pub(super) async fn subscribe(
    State(app): State<AppState>,
    edition: RequestEdition,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let edition = edition.code();
    let lang = app.chrome.edition(app.store.as_ref(), edition).await?.lang;
    if cross_site(&app, &headers) {
        let message = lang.t("nl-cross-site");
        return Notice::new(StatusCode::FORBIDDEN, "nl-refused-heading", message)
            .in_edition(edition)
            .render(&app)
            .await;
    }
    if !app.rate_limiter.allow(&format!("ip:{ip}")) {
        let message = lang.t("nl-too-many-requests");
        return Notice::new(
            StatusCode::TOO_MANY_REQUESTS,
            "nl-too-many-heading",
            message,
        )
        .in_edition(edition)
        .render(&app)
        .await;
    }
    let form = match parse_form(lang, &body) {
        Ok(v) => v,
        Err((message, typed)) => return form_error(&app, edition, message, typed).await,
    };
    let email = form.email;
    if form.honeypot || app.address_limiter.exhausted(&email) {
        return check_inbox(&app, edition, lang, &email).await;
    }
    let token = random_token();
    let now = Utc::now();
    let source = if form.source.is_empty() {
        "form".to_owned()
    } else {
        format!("form:{}", form.source)
    };
    let outcomes = match app
        .store
        .subscribe_to_lists(
            &email,
            &form.lists,
            &source,
            &hash_token(&token),
            &random_token(),
            now + Duration::days(CONFIRM_DAYS),
            now,
        )
        .await
    {
        Ok(o) => o,
        Err(byline_store::StoreError::Invalid(_)) => {
            let message = unknown_list_message(&app, lang, &form.lists).await?;
            return form_error(&app, edition, message, email).await;
        }
        Err(e) => return Err(e.into()),
    };
    let pending: Vec<String> = outcomes
        .iter()
        .filter(|(_, o)| *o == SubscribeOutcome::Pending)
        .map(|(s, _)| s.clone())
        .collect();
    if !pending.is_empty() && app.address_limiter.allow(&email) {
        send_confirmation(&app, &email, &token, &pending).await?;
    }
    check_inbox(&app, edition, lang, &email).await
}

/// The store refuses a subscription only for a list it does not know: name it.
async fn unknown_list_message(
    app: &AppState,
    lang: Lang,
    lists: &[String],
) -> Result<String, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let unknown = lists
        .iter()
        .find(|l| !chrome.all_newsletters.iter().any(|n| &n.slug == *l));
    Ok(match unknown {
        Some(list) => lang.t_s("nl-form-unknown-list", "list", list),
        None => lang.t("nl-form-unreadable"),
    })
}

/// Queues the double opt-in mail for the `pending` lists.
async fn send_confirmation(
    app: &AppState,
    email: &str,
    token: &str,
    pending: &[String],
) -> Result<(), AppError> {
    // In the language of the lists' edition (the first list's, when they differ).
    let all = &app.chrome.get(app.store.as_ref()).await?.all_newsletters;
    let lists: Vec<&byline_store::Newsletter> =
        all.iter().filter(|n| pending.contains(&n.slug)).collect();
    let chrome = app
        .chrome
        .edition(
            app.store.as_ref(),
            lists.first().map(|n| n.edition.as_str()),
        )
        .await?;
    let names: Vec<&str> = lists.iter().map(|n| n.name.as_str()).collect();
    let link = app.absolute(&format!("/newsletters/confirm?token={token}"));
    let letter = Confirmation {
        site_name: &chrome.site.name,
        newsletters: &names,
        link: &link,
        days: CONFIRM_DAYS,
    }
    .render(chrome.lang)?;
    let mail = MailJob {
        to: email.to_owned(),
        subject: letter.subject,
        text: letter.text,
        html: Some(letter.html),
    };
    app.jobs
        .send_mail(&format!("confirm:{}", hash_token(token)), mail)
        .await?;
    Ok(())
}
