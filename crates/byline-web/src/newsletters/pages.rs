//! The newsletter list pages: every list, and one list with its subscribe form.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use byline_i18n::Lang;
use byline_store::Newsletter;

use super::meta;
use crate::chrome::Chrome;
use crate::view::Meta;
use crate::{AppError, AppState, Rendered};

#[derive(Template)]
#[template(path = "newsletters/index.html")]
struct IndexTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    lang: Lang,
}

pub(super) async fn index(State(app): State<AppState>) -> Result<Rendered, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let meta = meta(&app, &chrome, &lang.t("nl-heading"), "/newsletters", false);
    Ok(Rendered::html(
        IndexTemplate { chrome, meta, lang }.render()?,
        Vec::new(),
    ))
}

#[derive(Template)]
#[template(path = "newsletters/page.html")]
struct PageTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    lang: Lang,
    newsletter: Newsletter,
}

pub(super) async fn page(
    State(app): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Rendered, AppError> {
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
    let lang = chrome.lang;
    Ok(Rendered::html(
        PageTemplate {
            chrome,
            meta,
            lang,
            newsletter,
        }
        .render()?,
        Vec::new(),
    ))
}
