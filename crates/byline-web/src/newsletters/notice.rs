//! The one-message page every newsletter action answers with ("Check your inbox", "You
//! are unsubscribed", a form error with the form again …), in the site's language.

use std::sync::Arc;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use byline_i18n::Lang;

use super::meta;
use crate::chrome::Chrome;
use crate::view::Meta;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "newsletters/notice.html")]
struct NoticeTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    lang: Lang,
    heading: String,
    message: String,
    unsubscribe_action: String,
    show_form: bool,
    form_error: String,
    form_email: String,
}

/// What a notice page says: the heading as a catalog key, the message already in the
/// site's language (it often carries the reader's address or a list's name).
#[derive(Debug, Default)]
pub(super) struct Notice {
    pub status: StatusCode,
    pub heading_key: &'static str,
    pub message: String,
    /// Where the page's Unsubscribe button posts to; empty for no button.
    pub unsubscribe_action: String,
    /// Shows the subscribe form below the message.
    pub show_form: bool,
    /// With `show_form`: the error next to the email field and the address typed.
    pub form_error: String,
    pub form_email: String,
    /// The edition the page is shown in (the request's; `None`: the default one).
    pub edition: Option<String>,
}

impl Notice {
    pub fn new(status: StatusCode, heading_key: &'static str, message: String) -> Self {
        Self {
            status,
            heading_key,
            message,
            ..Self::default()
        }
    }

    /// Shown in the edition with this code (`None`: the default edition).
    pub fn in_edition(self, code: Option<&str>) -> Self {
        Self {
            edition: code.map(str::to_owned),
            ..self
        }
    }

    pub async fn render(self, app: &AppState) -> Result<Response, AppError> {
        let chrome = app
            .chrome
            .edition(app.store.as_ref(), self.edition.as_deref())
            .await?;
        let lang = chrome.lang;
        let heading = lang.t(self.heading_key);
        let path = chrome.path("/newsletters");
        let meta = meta(app, &chrome, &heading, &path, true);
        let html = NoticeTemplate {
            chrome,
            meta,
            lang,
            heading,
            message: self.message,
            unsubscribe_action: self.unsubscribe_action,
            show_form: self.show_form,
            form_error: self.form_error,
            form_email: self.form_email,
        }
        .render()?;
        Ok((self.status, Html(html)).into_response())
    }
}

/// The form again, with `message` next to the email field and the input kept.
pub(super) async fn form_error(
    app: &AppState,
    edition: Option<&str>,
    message: String,
    email: String,
) -> Result<Response, AppError> {
    Notice {
        show_form: true,
        form_error: message.clone(),
        form_email: email,
        ..Notice::new(StatusCode::BAD_REQUEST, "nl-form-error-heading", message)
    }
    .in_edition(edition)
    .render(app)
    .await
}
