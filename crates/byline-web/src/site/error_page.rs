//! The styled error page (404, 410, 400 …) in the site's language, rendered by the
//! middleware.

use std::sync::Arc;

use askama::Template;
use axum::http::StatusCode;
use byline_i18n::Lang;

use crate::chrome::Chrome;
use crate::error::ErrorPage;
use crate::view::Meta;
use crate::AppError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    kicker: String,
    title: String,
    message: String,
}

/// "Error 404".
fn kicker(status: StatusCode, lang: Lang) -> String {
    lang.t_s("error-kicker", "status", status.as_str())
}

pub(crate) fn render(
    chrome: Arc<Chrome>,
    status: StatusCode,
    error: &ErrorPage,
) -> Result<String, AppError> {
    let lang = chrome.lang;
    let title = error.title(lang);
    let message = error.message(lang);
    let meta = Meta {
        title: format!("{title} | {}", chrome.site.name),
        description: message.clone(),
        og_type: "website",
        noindex: true,
        ..Meta::default()
    };
    Ok(ErrorTemplate {
        chrome,
        meta,
        kicker: kicker(status, lang),
        title,
        message,
    }
    .render()?)
}

/// The same page without the site chrome, for when it cannot be read (the store is down),
/// in the language the site had when the chrome was last read.
pub(crate) fn bare(status: StatusCode, error: &ErrorPage, lang: Lang) -> String {
    let esc = byline_domain::markdown::escape_html;
    format!(
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{title}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"main-content\"><section class=\"error-page\"><p class=\"kicker\">{kicker}</p><h1>{title}</h1><p>{message}</p></section></main></body></html>\n",
        code = lang.code(),
        title = esc(&error.title(lang)),
        css = crate::site::assets::stylesheet_href(),
        kicker = esc(&kicker(status, lang)),
        message = esc(&error.message(lang)),
    )
}
