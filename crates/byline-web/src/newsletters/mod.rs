//! Newsletters on the public site: list pages, subscribe forms with double opt-in, the
//! confirmation link, and one-click unsubscribe (RFC 8058). Confirmation mails are limited
//! per address and subscribing refuses cross-site form posts (the forms sit on cached pages, so the check
//! is on the request's origin rather than a per-session token).

mod rate_limit;

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use byline_jobs::send_mail::MailJob;
use byline_store::{Newsletter, SubscribeOutcome};
use chrono::{Duration, Utc};
use serde::Deserialize;

pub use rate_limit::RateLimiter;

use crate::auth::token::{hash_token, random_token};
use crate::chrome::Chrome;
use crate::client_ip::ClientIp;
use crate::view::Meta;
use crate::{AppError, AppState, Rendered};

/// How long a confirmation link works.
const CONFIRM_DAYS: i64 = 7;

/// The public list pages are cached; the forms and links that act are not.
pub(crate) const CACHED_ROUTES: &[crate::cache::key::CachedRoute] = &[
    crate::cache::key::CachedRoute {
        pattern: "/newsletters",
        params: &[],
    },
    crate::cache::key::CachedRoute {
        pattern: "/newsletters/{slug}",
        params: &[],
    },
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/newsletters", get(index))
        .route("/newsletters/{slug}", get(page))
        .route("/newsletters/subscribe", post(subscribe))
        .route("/newsletters/confirm", get(confirm))
        .route(
            "/newsletters/unsubscribe",
            get(unsubscribe_page).post(unsubscribe),
        )
        .route(
            "/newsletters/preferences",
            get(preferences).post(save_preferences),
        )
}

fn meta(app: &AppState, chrome: &Chrome, title: &str, path: &str, noindex: bool) -> Meta {
    Meta {
        title: format!("{title} | {}", chrome.site.name),
        description: format!("Newsletters from {}", chrome.site.name),
        canonical: app.absolute(path),
        og_type: "website",
        noindex,
        ..Meta::default()
    }
}

#[derive(Template)]
#[template(path = "newsletters/index.html")]
struct IndexTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
}

async fn index(State(app): State<AppState>) -> Result<Rendered, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let meta = meta(&app, &chrome, "Newsletters", "/newsletters", false);
    Ok(Rendered::html(
        IndexTemplate { chrome, meta }.render()?,
        Vec::new(),
    ))
}

#[derive(Template)]
#[template(path = "newsletters/page.html")]
struct PageTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    newsletter: Newsletter,
}

async fn page(State(app): State<AppState>, Path(slug): Path<String>) -> Result<Rendered, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let newsletter = chrome
        .newsletters
        .iter()
        .find(|n| n.slug == slug)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let meta = Meta {
        description: newsletter.description.clone(),
        ..meta(
            &app,
            &chrome,
            &newsletter.name,
            &format!("/newsletters/{slug}"),
            false,
        )
    };
    Ok(Rendered::html(
        PageTemplate {
            chrome,
            meta,
            newsletter,
        }
        .render()?,
        Vec::new(),
    ))
}

#[derive(Template)]
#[template(path = "newsletters/notice.html")]
struct NoticeTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    heading: String,
    message: String,
    unsubscribe_action: String,
    show_form: bool,
    form_error: String,
    form_email: String,
}

async fn notice(
    app: &AppState,
    status: StatusCode,
    heading: &str,
    message: String,
    unsubscribe_action: String,
    show_form: bool,
) -> Result<Response, AppError> {
    render_notice(
        app,
        status,
        heading,
        message,
        unsubscribe_action,
        show_form,
        String::new(),
        String::new(),
    )
    .await
}

#[expect(clippy::too_many_arguments, reason = "plain page fields")]
async fn render_notice(
    app: &AppState,
    status: StatusCode,
    heading: &str,
    message: String,
    unsubscribe_action: String,
    show_form: bool,
    form_error: String,
    form_email: String,
) -> Result<Response, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let meta = meta(app, &chrome, heading, "/newsletters", true);
    let html = NoticeTemplate {
        chrome,
        meta,
        heading: heading.to_owned(),
        message,
        unsubscribe_action,
        show_form,
        form_error,
        form_email,
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

/// The form again, with the message next to the email field and the input kept.
async fn form_error(app: &AppState, message: String, email: String) -> Result<Response, AppError> {
    render_notice(
        app,
        StatusCode::BAD_REQUEST,
        "Please check the form",
        message.clone(),
        String::new(),
        true,
        message,
        email,
    )
    .await
}

/// True when the browser says the form was posted from another site. An `Origin` must be
/// exactly (scheme, host, port) the configured `base_url` or the request's own `Host`.
fn cross_site(app: &AppState, headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let Some(origin) = origin.to_str().ok().and_then(|o| Origin::parse(o, false)) else {
        return true;
    };
    if Origin::parse(&app.config.base_url, true).is_some_and(|base| base == origin) {
        return false;
    }
    let own = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| Origin::parse(&format!("{}://{h}", origin.scheme), false));
    own != Some(origin)
}

/// A web origin: scheme, lowercased host and port (the scheme's default when absent).
#[derive(Debug, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// Parses `scheme://host[:port]`; with `allow_path` a URL with a path (`base_url`).
    /// `null`, user info, other schemes and junk are None.
    fn parse(s: &str, allow_path: bool) -> Option<Self> {
        let (scheme, rest) = s.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return None,
        };
        let (authority, path) = rest
            .find(['/', '?', '#'])
            .map_or((rest, ""), |i| rest.split_at(i));
        if (!allow_path && !path.is_empty())
            || authority.is_empty()
            || authority.contains('@')
            || !authority.bytes().all(|b| b.is_ascii_graphic())
        {
            return None;
        }
        // The port follows the last colon unless that colon is inside an `[IPv6]` literal.
        let (host, port) = match authority
            .rfind(':')
            .filter(|i| !authority[*i..].contains(']'))
        {
            Some(i) => (&authority[..i], Some(&authority[i + 1..])),
            None => (authority, None),
        };
        if host.is_empty()
            || (host.contains(':') && !(host.starts_with('[') && host.ends_with(']')))
        {
            return None;
        }
        let port = match port {
            None => default_port,
            Some(p) => p.parse().ok()?,
        };
        Some(Self {
            scheme,
            host: host.to_ascii_lowercase(),
            port,
        })
    }
}

/// The subscribe form's fields.
struct SubscribeForm {
    email: String,
    lists: Vec<String>,
    source: String,
    /// The hidden honeypot field: people leave it empty, bots fill it.
    honeypot: bool,
}

/// Parses `email`, repeatable `list`, `source` and the honeypot; errors keep the typed address.
fn parse_form(body: &[u8]) -> Result<SubscribeForm, (String, String)> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|_| ("The form could not be read.".to_owned(), String::new()))?;
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
        return Err(("Please enter your email address.".into(), typed));
    }
    // Addresses are compared without case: one subscriber per mailbox in practice.
    let email = match byline_mail::validate_address(&typed) {
        Ok(e) => e.to_lowercase(),
        Err(_) => return Err(("Please enter a valid email address.".into(), typed)),
    };
    if lists.is_empty() {
        return Err(("Choose at least one newsletter.".into(), typed));
    }
    if lists.len() > 20 {
        return Err(("Too many newsletters in one request.".into(), typed));
    }
    Ok(SubscribeForm {
        email,
        lists,
        source: field("source"),
        honeypot: !field("website").is_empty(),
    })
}

async fn subscribe(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    if cross_site(&app, &headers) {
        return Err(AppError::Forbidden(
            "Subscriptions are accepted only from this site's own forms.".into(),
        ));
    }
    if !app.rate_limiter.allow(&format!("ip:{ip}")) {
        return Err(AppError::TooManyRequests(
            "Too many subscription requests from your network. Please try again in a few minutes."
                .into(),
        ));
    }
    let form = match parse_form(&body) {
        Ok(v) => v,
        Err((message, typed)) => return form_error(&app, message, typed).await,
    };
    let email = form.email;
    let checked = format!(
        "We sent a confirmation link to {email}. Open it to start receiving the newsletter."
    );
    if form.honeypot || app.address_limiter.exhausted(&email) {
        return notice(
            &app,
            StatusCode::OK,
            "Check your inbox",
            checked,
            String::new(),
            false,
        )
        .await;
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
        Err(byline_store::StoreError::Invalid(e)) => {
            return form_error(&app, e.message, email).await
        }
        Err(e) => return Err(e.into()),
    };
    let pending: Vec<String> = outcomes
        .iter()
        .filter(|(_, o)| *o == SubscribeOutcome::Pending)
        .map(|(s, _)| s.clone())
        .collect();
    if !pending.is_empty() && app.address_limiter.allow(&email) {
        let chrome = app.chrome.get(app.store.as_ref()).await?;
        let names: Vec<&str> = chrome
            .newsletters
            .iter()
            .filter(|n| pending.contains(&n.slug))
            .map(|n| n.name.as_str())
            .collect();
        let link = app.absolute(&format!("/newsletters/confirm?token={token}"));
        let mail = MailJob {
            to: email.clone(),
            subject: format!("Confirm your subscription to {}", chrome.site.name),
            text: format!(
                "Please confirm that you want to receive {} from {}.\n\nConfirm by opening this link (it works for {CONFIRM_DAYS} days):\n{link}\n\nIf you did not ask for this, ignore this message: you will not be subscribed.\n",
                names.join(" and "),
                chrome.site.name
            ),
            html: None,
        };
        app.jobs
            .send_mail(&format!("confirm:{}", hash_token(&token)), mail)
            .await?;
    }
    // The same answer whatever the address's state: nothing leaks about who subscribes.
    notice(
        &app,
        StatusCode::OK,
        "Check your inbox",
        checked,
        String::new(),
        false,
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TokenQuery {
    token: String,
    list: Option<String>,
}

async fn confirm(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    match app.store.confirm_subscription(&hash_token(&q.token), Utc::now()).await? {
        Some(confirmed) => {
            let chrome = app.chrome.get(app.store.as_ref()).await?;
            let names: Vec<&str> = chrome.newsletters.iter().filter(|n| confirmed.newsletters.contains(&n.slug)).map(|n| n.name.as_str()).collect();
            notice(&app, StatusCode::OK, "You are subscribed", format!("{} will now receive {}. Thank you.", confirmed.email, names.join(" and ")), String::new(), false).await
        }
        None => notice(&app, StatusCode::BAD_REQUEST, "This link has expired", "The confirmation link is unknown, already used or expired. Subscribe again to get a new one.".into(), String::new(), true).await,
    }
}

#[derive(Template)]
#[template(path = "newsletters/preferences.html")]
struct PreferencesTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    email: String,
    token: String,
    current: Vec<String>,
    saved: String,
}

async fn preferences_page(app: &AppState, token: &str, saved: &str) -> Result<Response, AppError> {
    let Some((email, current)) = app.store.confirmed_lists(token).await? else {
        return notice(
            app,
            StatusCode::BAD_REQUEST,
            "Unknown link",
            "This preferences link is not valid.".into(),
            String::new(),
            false,
        )
        .await;
    };
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let meta = meta(app, &chrome, "Your newsletters", "/newsletters", true);
    let token = crate::auth::extract::url_encode(token);
    let html = PreferencesTemplate {
        chrome,
        meta,
        email,
        token,
        current,
        saved: saved.to_owned(),
    }
    .render()?;
    Ok(Html(html).into_response())
}

/// The preference page reached from every newsletter (the link's token is the key).
async fn preferences(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    preferences_page(&app, &q.token, "").await
}

async fn save_preferences(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
        .map_err(|_| AppError::bad_request("The form could not be read."))?;
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
        return notice(
            &app,
            StatusCode::BAD_REQUEST,
            "Unknown link",
            "This preferences link is not valid.".into(),
            String::new(),
            false,
        )
        .await;
    }
    preferences_page(&app, &q.token, "Your choices are saved.").await
}

fn unsubscribe_action(q: &TokenQuery) -> String {
    let list = q
        .list
        .as_deref()
        .map(|l| format!("&list={}", crate::auth::extract::url_encode(l)))
        .unwrap_or_default();
    format!(
        "/newsletters/unsubscribe?token={}{list}",
        crate::auth::extract::url_encode(&q.token)
    )
}

/// The link in each message: a page with a button (mail scanners follow GET links).
async fn unsubscribe_page(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    notice(
        &app,
        StatusCode::OK,
        "Unsubscribe",
        "Press the button to stop receiving this newsletter.".into(),
        unsubscribe_action(&q),
        false,
    )
    .await
}

/// One-click unsubscribe (RFC 8058 POST from mail clients, or the page's button).
async fn unsubscribe(
    State(app): State<AppState>,
    Query(q): Query<TokenQuery>,
) -> Result<Response, AppError> {
    match app
        .store
        .unsubscribe(&q.token, q.list.as_deref(), Utc::now())
        .await?
    {
        Some(email) => {
            notice(
                &app,
                StatusCode::OK,
                "You are unsubscribed",
                format!("{email} will receive no more of these messages."),
                String::new(),
                false,
            )
            .await
        }
        None => {
            notice(
                &app,
                StatusCode::BAD_REQUEST,
                "Unknown link",
                "This unsubscribe link is not valid.".into(),
                String::new(),
                false,
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Origin;

    #[test]
    fn origins_match_exactly() {
        let base = Origin::parse("http://127.0.0.1:8080/", true).expect("base");
        assert_eq!(Origin::parse("http://127.0.0.1:8080", false), Some(base));
        assert_eq!(
            Origin::parse("HTTPS://News.Example", false),
            Origin::parse("https://news.example:443", false)
        );
        assert_ne!(
            Origin::parse("http://evil-127.0.0.1:8080", false),
            Origin::parse("http://127.0.0.1:8080", false)
        );
        assert_ne!(
            Origin::parse("http://127.0.0.1:8080", false),
            Origin::parse("https://127.0.0.1:8080", false)
        );
        assert_eq!(
            Origin::parse("http://[::1]:8080", false).map(|o| o.port),
            Some(8080)
        );
        for bad in [
            "null",
            "http://",
            "ftp://x.example",
            "http://u@x.example",
            "http://x.example/path",
            "http://x.example:99999",
            "http://::1",
        ] {
            assert_eq!(Origin::parse(bad, false), None, "{bad}");
        }
    }
}
