//! The styled error page (404, 410, 400 …), rendered by the middleware.

use std::sync::Arc;

use askama::Template;
use axum::http::StatusCode;

use crate::chrome::Chrome;
use crate::error::ErrorPage;
use crate::view::Meta;
use crate::AppError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    status: u16,
    title: &'static str,
    message: String,
}

pub(crate) fn render(
    chrome: Arc<Chrome>,
    status: StatusCode,
    error: &ErrorPage,
) -> Result<String, AppError> {
    let meta = Meta {
        title: format!("{} | {}", error.title, chrome.site.name),
        description: error.message.clone(),
        og_type: "website",
        lang: chrome.site.language.clone(),
        noindex: true,
        ..Meta::default()
    };
    Ok(ErrorTemplate {
        chrome,
        meta,
        status: status.as_u16(),
        title: error.title,
        message: error.message.clone(),
    }
    .render()?)
}

/// The same page without the site chrome, for when it cannot be read (the store is down).
pub(crate) fn bare(status: StatusCode, error: &ErrorPage) -> String {
    let esc = byline_domain::markdown::escape_html;
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{title}</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"main-content\"><section class=\"error-page\"><p class=\"kicker\">Error {code}</p><h1>{title}</h1><p>{message}</p></section></main></body></html>\n",
        title = esc(error.title),
        css = crate::site::assets::stylesheet_href(),
        code = status.as_u16(),
        message = esc(&error.message),
    )
}
