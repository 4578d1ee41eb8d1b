//! The newsletter list pages: an edition's lists, and one list (in its edition) with its
//! subscribe form.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use byline_i18n::Lang;
use byline_store::Newsletter;

use super::meta;
use crate::chrome::Chrome;
use crate::editions::RequestEdition;
use crate::view::Meta;
use crate::{AppError, AppState, Rendered};

#[derive(Template)]
#[template(path = "newsletters/index.html")]
struct IndexTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    lang: Lang,
}

/// `/newsletters` (and `/uk/newsletters`): the edition's lists and its subscribe form.
pub(super) async fn index(
    State(app): State<AppState>,
    edition: RequestEdition,
) -> Result<Rendered, AppError> {
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), edition.code())
        .await?;
    let lang = chrome.lang;
    let meta = Meta {
        alternates: chrome.edition_alternates(&app, "/newsletters"),
        ..meta(
            &app,
            &chrome,
            &lang.t("nl-heading"),
            &chrome.path("/newsletters"),
            false,
        )
    };
    Ok(Rendered::html(IndexTemplate { chrome, meta, lang }.render()?, Vec::new()).language(lang))
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
    let newsletter = app
        .chrome
        .get(app.store.as_ref())
        .await?
        .all_newsletters
        .iter()
        .find(|n| n.slug == slug)
        .cloned()
        .ok_or(AppError::NotFound)?;
    // A list's page is shown in its edition.
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), Some(&newsletter.edition))
        .await?;
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
    )
    .language(lang))
}
