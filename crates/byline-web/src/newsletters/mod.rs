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
//! - [`origin`]: the cross-site check; [`staff_tools`]: import, export and digests for
//!   the desk and the Admin API.

mod confirm;
mod notice;
mod origin;
mod pages;
mod preferences;
mod rate_limit;
mod staff_tools;
mod subscribe;

use axum::routing::{get, post};
use axum::Router;
use byline_i18n::Lang;
use serde::Deserialize;

pub use rate_limit::RateLimiter;
pub use staff_tools::{check_sender, csv_cell, digest_body, import_csv, subscribers_csv, Rejected};

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

/// The language of the public site and of subscriber mail: the site setting, English when
/// the stored code is unknown. Also called by `newsletters/form.html`, which is included
/// in pages whose templates have no language of their own.
pub fn site_lang(code: &str) -> Lang {
    code.parse().unwrap_or_default()
}

/// The language of `chrome`'s site.
pub(crate) fn lang_of(chrome: &Chrome) -> Lang {
    site_lang(&chrome.site.language)
}

/// `token` (and `list`) from the links in mails.
#[derive(Deserialize, Default)]
#[serde(default)]
struct TokenQuery {
    token: String,
    list: Option<String>,
}

fn meta(app: &AppState, chrome: &Chrome, title: &str, path: &str, noindex: bool) -> Meta {
    let lang = lang_of(chrome);
    Meta {
        title: format!("{title} | {}", chrome.site.name),
        description: lang.t_s("nl-meta-description", "site", &chrome.site.name),
        canonical: app.absolute(path),
        og_type: "website",
        lang: chrome.site.language.clone(),
        noindex,
        ..Meta::default()
    }
}
