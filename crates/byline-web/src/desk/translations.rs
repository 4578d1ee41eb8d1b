//! An article's translations in the desk: which exist, in which edition, which are behind
//! the original (it changed after their last edit); link the article as a translation of
//! another one, or unlink it. Through the translation workflows (`workflow::translations`).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::errors::app_error;
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::workflow::{policy, Channel};
use crate::{AppError, AppState};

struct TranslationRow {
    id: i64,
    headline: String,
    /// The edition's name ("Українська"), or the code when no edition has it.
    edition: String,
    status: &'static str,
    edited: TimeView,
    outdated: bool,
    original: bool,
}

#[derive(Template)]
#[template(path = "desk/translations.html")]
struct TranslationsTemplate {
    layout: Layout,
    id: i64,
    headline: String,
    edition: String,
    rows: Vec<TranslationRow>,
    /// This article is a translation behind its original.
    outdated: bool,
}

pub(super) async fn list(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let workflows = app.workflows(Channel::Desk);
    let article = workflows
        .article_for(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let name_of = |code: &str| {
        crate::editions::edition_of(&chrome.editions, code)
            .filter(|e| !e.is_default || e.code == code || chrome.site_lang.code() == code)
            .map_or_else(|| code.to_owned(), |e| e.name.clone())
    };
    let states = workflows
        .translation_states(staff.actor(), &article)
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    let rows = states
        .others
        .into_iter()
        .map(|s| TranslationRow {
            original: s.translation.original,
            id: s.translation.article_id,
            edition: name_of(&s.translation.language),
            headline: s.translation.headline,
            status: s.translation.status.as_str(),
            edited: TimeView::in_lang(s.translation.updated_at, chrome.tz, staff.lang()),
            outdated: s.outdated,
        })
        .collect();
    let page = TranslationsTemplate {
        layout: Layout::new(staff.lang().t("desk-translations-heading"), Some(&staff)),
        id,
        edition: name_of(&article.language),
        headline: article.headline.clone(),
        rows,
        outdated: states.outdated,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct LinkForm {
    /// The original's slug, or its public address.
    source: String,
}

/// The slug in `/articles/{slug}` when an address was pasted, else the text as it is.
pub(super) fn slug_of(source: &str) -> &str {
    let source = source.trim();
    source.split_once("/articles/").map_or(source, |(_, rest)| {
        rest.split(['/', '?', '#']).next().unwrap_or(rest)
    })
}

pub(super) async fn link(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<LinkForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let workflows = app.workflows(Channel::Desk);
    let article = workflows
        .article_for(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    workflows
        .link_translation(staff.actor(), &article, slug_of(&form.form.source))
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    Ok(Redirect::to(&format!("/desk/articles/{id}/translations")).into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct UnlinkForm {}

pub(super) async fn unlink(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<UnlinkForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let article = app
        .store
        .article_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    policy::check_view(staff.actor(), &article).map_err(|e| app_error(e, staff.lang()))?;
    app.workflows(Channel::Desk)
        .unlink_translation(staff.actor(), &article)
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    Ok(Redirect::to(&format!("/desk/articles/{id}/translations")).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_pasted_address_gives_its_slug() {
        assert_eq!(super::slug_of(" ferry-resumes "), "ferry-resumes");
        assert_eq!(
            super::slug_of("https://news.example/articles/ferry-resumes?utm=x#top"),
            "ferry-resumes"
        );
        assert_eq!(
            super::slug_of("/articles/ferry-resumes/history"),
            "ferry-resumes"
        );
    }
}
