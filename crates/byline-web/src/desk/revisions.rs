//! Revision history: every save is a version; compare any version with the current one
//! word by word, and restore it (as a new version, so history is never rewritten).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use byline_domain::diff::{word_diff, DiffSpan};
use byline_domain::ArticleDraft;
use byline_store::{Revision, SaveContext};
use serde::Deserialize;

use super::{audit, Layout};
use crate::auth::csrf::CsrfForm;
use crate::auth::policy::{self, check_edit, check_status};
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::{AppError, AppState};

pub(super) struct RevisionRow {
    version: i64,
    time: TimeView,
    by: String,
    status: &'static str,
}

#[derive(Template)]
#[template(path = "desk/revisions.html")]
struct ListTemplate {
    layout: Layout,
    id: i64,
    headline: String,
    current: i64,
    revisions: Vec<RevisionRow>,
}

pub(super) async fn list(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let article = app
        .store
        .article_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_edit(&staff.staff, &article)?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let revisions = app
        .store
        .revisions(id)
        .await?
        .into_iter()
        .map(|r| RevisionRow {
            version: r.version,
            time: TimeView::new(r.created_at, tz),
            by: r.staff_name,
            // A damaged snapshot is listed, not fatal to the list (the store logged why).
            status: r.draft.as_ref().map_or("unreadable", |d| d.status.as_str()),
        })
        .collect();
    let page = ListTemplate {
        layout: Layout::new("Revisions", Some(&staff)),
        id,
        headline: article.headline.clone(),
        current: article.version,
        revisions,
    };
    Ok(Html(page.render()?).into_response())
}

/// A diff span for the template.
pub(super) enum DiffView {
    Same(String),
    Added(String),
    Removed(String),
}

pub(super) struct FieldDiff {
    name: &'static str,
    label: &'static str,
    spans: Vec<DiffView>,
}

#[derive(Template)]
#[template(path = "desk/diff.html")]
struct DiffTemplate {
    layout: Layout,
    id: i64,
    version: i64,
    current: i64,
    fields: Vec<FieldDiff>,
}

/// All revisions, and the text of the one wanted (410 when its snapshot is unreadable).
async fn find(
    app: &AppState,
    id: i64,
    version: i64,
) -> Result<(Vec<Revision>, ArticleDraft), AppError> {
    let all = app.store.revisions(id).await?;
    let wanted = all
        .iter()
        .find(|r| r.version == version)
        .ok_or(AppError::NotFound)?
        .draft
        .clone()
        .ok_or(AppError::Gone)?;
    Ok((all, wanted))
}

fn field(name: &'static str, label: &'static str, old: &str, new: &str) -> FieldDiff {
    let spans = word_diff(old, new)
        .into_iter()
        .map(|s| match s {
            DiffSpan::Same(t) => DiffView::Same(t),
            DiffSpan::Added(t) => DiffView::Added(t),
            DiffSpan::Removed(t) => DiffView::Removed(t),
        })
        .collect();
    FieldDiff { name, label, spans }
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path((id, version)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let article = app
        .store
        .article_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_edit(&staff.staff, &article)?;
    let (all, old) = find(&app, id, version).await?;
    let current: &ArticleDraft = all
        .first()
        .ok_or(AppError::NotFound)?
        .draft
        .as_ref()
        .ok_or(AppError::Gone)?;
    let fields = vec![
        field("headline", "Headline", &old.headline, &current.headline),
        field(
            "standfirst",
            "Standfirst",
            &old.standfirst,
            &current.standfirst,
        ),
        field("body", "Body", &old.body_markdown, &current.body_markdown),
        field(
            "tags",
            "Tags",
            &old.tags.join(", "),
            &current.tags.join(", "),
        ),
    ];
    let page = DiffTemplate {
        layout: Layout::new(format!("Version {version}"), Some(&staff)),
        id,
        version,
        current: article.version,
        fields,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RestoreForm {
    version: i64,
}

pub(super) async fn restore(
    State(app): State<AppState>,
    Path((id, version)): Path<(i64, i64)>,
    form: CsrfForm<RestoreForm>,
) -> Result<Response, AppError> {
    let article = app
        .store
        .article_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    check_edit(&form.staff.staff, &article)?;
    let (_, old) = find(&app, id, version).await?;
    // The restored text keeps the article's current status.
    let mut draft = ArticleDraft {
        status: article.status,
        published_at: article.published_at.or(old.published_at),
        ..old
    };
    // Curation is not part of the text: only editors may bring an old Editors' Pick back.
    draft.editors_pick =
        policy::editors_pick(&form.staff.staff, draft.editors_pick, Some(&article));
    check_status(&form.staff.staff, draft.status)?;
    let ctx = SaveContext {
        expected_version: Some(form.form.version).filter(|v| *v > 0),
        staff_id: Some(form.staff.staff.id),
        staff_name: form.staff.staff.name.clone(),
        update_note: None,
        create: false,
    };
    let saved = app.store.save_article_as(&draft, &ctx).await?;
    audit(
        &app,
        &form.staff.staff,
        "article.restore_revision",
        &saved.slug,
        &format!("version {version} as {}", saved.version),
    )
    .await;
    Ok(Redirect::to(&format!("/desk/articles/{id}/edit")).into_response())
}
