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
