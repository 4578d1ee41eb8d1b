//! Newsletters on the public site: list pages, subscribe forms with double opt-in, the
//! confirmation link, the preferences page and one-click unsubscribe (RFC 8058), all in
//! the site's language (`newsletters.ftl`). Confirmation mails are limited per address and
//! subscribing refuses cross-site form posts (the forms sit on cached pages, so the check
//! is on the request's origin rather than a per-session token).
//!
//! - [`pages`]: the list pages (`/newsletters`, `/newsletters/{slug}`);
//! - [`subscribe`]: the form post and the confirmation mail; [`confirm`]: its link;
//! - [`preferences`]: choosing lists and unsubscribing, reached from every issue;
//! - [`notice`]: the one-message pages all of them answer with;
//! - [`origin`]: the cross-site check. Staff-side import, export and digests are
//!   workflows (`crate::workflow::{newsletters, subscribers}`).

mod confirm;
mod notice;
pub(crate) mod origin;
mod pages;
mod preferences;
mod rate_limit;
mod subscribe;

use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

pub use rate_limit::RateLimiter;

use crate::chrome::Chrome;
use crate::view::Meta;
use crate::AppState;

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
        .route("/newsletters", get(pages::index))
        .route("/newsletters/{slug}", get(pages::page))
        .route("/newsletters/subscribe", post(subscribe::subscribe))
        .route("/newsletters/confirm", get(confirm::confirm))
        .route(
            "/newsletters/unsubscribe",
            get(preferences::unsubscribe_page).post(preferences::unsubscribe),
        )
        .route(
            "/newsletters/preferences",
            get(preferences::preferences).post(preferences::save_preferences),
        )
}

/// `token` (and `list`) from the links in mails.
#[derive(Deserialize, Default)]
#[serde(default)]
struct TokenQuery {
    token: String,
    list: Option<String>,
}

fn meta(app: &AppState, chrome: &Chrome, title: &str, path: &str, noindex: bool) -> Meta {
    let lang = chrome.lang;
    Meta {
        title: format!("{title} | {}", chrome.site.name),
        description: lang.t_s("nl-meta-description", "site", &chrome.site.name),
        canonical: app.absolute(path),
        og_type: "website",
        noindex,
        ..Meta::default()
    }
}
