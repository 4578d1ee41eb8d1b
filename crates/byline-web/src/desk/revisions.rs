//! Revision history: every save is a version; compare any version with the current one
//! word by word, and restore it (as a new version, so history is never rewritten).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use byline_domain::diff::{word_diff, DiffSpan};
use byline_domain::ArticleDraft;
use byline_store::Revision;
use serde::Deserialize;

use super::errors::app_error;
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::workflow::{policy, Channel};
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
    /// Published revisions and exclusions from public history.
    history: super::revision_exclusion::PublicHistory,
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
    policy::check_edit(staff.actor(), &article).map_err(|e| app_error(e, staff.lang()))?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let revisions = app
        .store
        .revisions(id)
        .await?
        .into_iter()
        .map(|r| RevisionRow {
            version: r.version,
            time: TimeView::in_lang(r.created_at, tz, staff.lang()),
            by: r.staff_name,
            // A damaged snapshot is listed, not fatal to the list (the store logged why).
            status: r.draft.as_ref().map_or("unreadable", |d| d.status.as_str()),
        })
        .collect();
    let page = ListTemplate {
        layout: Layout::new(staff.lang().t("wf-page-revisions"), Some(&staff)),
        id,
        headline: article.headline.clone(),
        current: article.version,
        revisions,
        history: super::revision_exclusion::PublicHistory::load(&app, &staff, &article, tz).await?,
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
    label: String,
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

fn field(lang: byline_i18n::Lang, name: &'static str, old: &str, new: &str) -> FieldDiff {
    let label = lang.t(crate::workflow::error::field_label(name));
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
    let lang = staff.lang();
    policy::check_edit(staff.actor(), &article).map_err(|e| app_error(e, lang))?;
    let (all, old) = find(&app, id, version).await?;
    let current: &ArticleDraft = all
        .first()
        .ok_or(AppError::NotFound)?
        .draft
        .as_ref()
        .ok_or(AppError::Gone)?;
    let fields = vec![
        field(lang, "headline", &old.headline, &current.headline),
        field(lang, "standfirst", &old.standfirst, &current.standfirst),
        field(lang, "body", &old.body_markdown, &current.body_markdown),
        field(lang, "tags", &old.tags.join(", "), &current.tags.join(", ")),
    ];
    let page = DiffTemplate {
        layout: Layout::new(lang.t_n("wf-page-version", version), Some(&staff)),
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
    let staff = &form.staff;
    let article = app
        .store
        .article_by_id(id)
        .await?
        .ok_or(AppError::NotFound)?;
    app.workflows(Channel::Desk)
        .restore_revision(staff.actor(), &article, version, Some(form.form.version))
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    Ok(Redirect::to(&format!("/desk/articles/{id}/edit")).into_response())
}
