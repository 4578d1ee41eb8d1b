//! An article's related posts in the desk: the ones shown now, and the editors' choices
//! (pinned first, never shown), one address or slug per line, through the
//! `set_related_choices` workflow.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::errors::app_error;
use super::translations::slug_of;
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::workflow::related::RelatedChoices;
use crate::workflow::Channel;
use crate::{AppError, AppState};

/// Related posts the article page shows.
const SHOWN: usize = 4;

#[derive(Template)]
#[template(path = "desk/related.html")]
struct RelatedTemplate {
    layout: Layout,
    id: i64,
    headline: String,
    pinned: String,
    excluded: String,
    /// Headlines and slugs of the related posts shown now.
    shown: Vec<(String, String)>,
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let workflows = app.workflows(Channel::Desk);
    let article = workflows
        .article_for(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    let choices = workflows
        .related_choices(staff.actor(), &article)
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    let shown = crate::search::related_articles(&app, article.id, SHOWN)
        .await?
        .into_iter()
        .map(|a| (a.headline, a.slug))
        .collect();
    let page = RelatedTemplate {
        layout: Layout::new(staff.lang().t("desk-related-heading"), Some(&staff)),
        id,
        headline: article.headline.clone(),
        pinned: choices.pinned.join("\n"),
        excluded: choices.excluded.join("\n"),
        shown,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Debug, Deserialize)]
pub(super) struct RelatedForm {
    #[serde(default)]
    pinned: String,
    #[serde(default)]
    excluded: String,
}

/// One slug per non-empty line (pasted addresses give their slug).
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(slug_of)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub(super) async fn save(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<RelatedForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let workflows = app.workflows(Channel::Desk);
    let article = workflows
        .article_for(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    workflows
        .set_related_choices(
            staff.actor(),
            &article,
            RelatedChoices {
                pinned: lines(&form.form.pinned),
                excluded: lines(&form.form.excluded),
            },
        )
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    Ok(Redirect::to(&format!("/desk/articles/{id}/related")).into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_slug_per_line() {
        assert_eq!(
            super::lines("a-story\n\n  https://news.example/articles/b-story?x=1 \r\n"),
            ["a-story", "b-story"]
        );
    }
}
