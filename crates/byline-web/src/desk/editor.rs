//! The editor: new and edit forms, save (draft, publish, schedule, unpublish), autosave.
//! Each button calls the article workflow; an error re-renders the editor with the
//! writer's text kept and the message in their language.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::{Article, ArticleStatus, Section};

use super::article_form::ArticleFields;
use super::errors::{app_error, tags_error};
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::workflow::articles::ArticleInput;
use crate::workflow::{policy, Channel, WorkflowError};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "desk/edit.html")]
struct EditTemplate {
    layout: Layout,
    f: ArticleFields,
    id: Option<i64>,
    action: String,
    status: &'static str,
    public: bool,
    sections: Vec<Section>,
    media: Vec<String>,
    author_hint: String,
    tz: String,
    may_publish: bool,
    may_delete: bool,
    is_editor: bool,
    /// May publish a correction with a save of a published article.
    may_correct: bool,
    home_position: String,
    /// An error about the tags, shown by the field.
    tags_error: String,
    /// "Read also" suggestions for the text as it is in the form.
    read_also: Vec<super::read_also::Suggestion>,
}

/// Renders the editor with `fields` (the writer's text is never lost on an error).
async fn editor(
    app: &AppState,
    staff: &DeskStaff,
    f: ArticleFields,
    article: Option<&Article>,
    error: &str,
    status: StatusCode,
) -> Result<Response, AppError> {
    editor_with(app, staff, f, article, error, String::new(), status).await
}

/// [`editor`] with an error shown next to the tags field.
async fn editor_with(
    app: &AppState,
    staff: &DeskStaff,
    f: ArticleFields,
    article: Option<&Article>,
    error: &str,
    tags_error: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let authors = app.store.authors().await?;
    let media = app
        .store
        .media_library(200, 0)
        .await?
        .into_iter()
        .map(|m| m.name)
        .collect();
    let read_also = super::read_also::for_text(
        app,
        [&f.headline, &f.standfirst, &f.body],
        &f.language,
        article.map(|a| a.id),
    )
    .await?;
    let lang = staff.lang();
    let title = article.map_or_else(
        || lang.t("wf-page-new-article"),
        |a| lang.t_s("wf-page-edit", "headline", &a.headline),
    );
    let page = EditTemplate {
        layout: Layout::new(title, Some(staff)).error(error),
        id: article.map(|a| a.id),
        action: article.map_or("/desk/articles".to_owned(), |a| {
            format!("/desk/articles/{}", a.id)
        }),
        status: article.map_or("draft", |a| a.status.as_str()),
        public: article.is_some_and(|a| a.status == ArticleStatus::Published),
        sections: app.store.sections().await?,
        media,
        author_hint: authors
            .iter()
            .map(|a| a.slug.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        tz: chrome.site.time_zone.clone(),
        may_publish: staff.staff.role.may(Action::PublishOwnArticle),
        may_delete: staff.staff.role.may(Action::ManageAllArticles),
        is_editor: policy::may_curate(&staff.staff),
        may_correct: staff.staff.role.may(Action::PublishCorrection),
        tags_error,
        read_also,
        home_position: article
            .and_then(|a| a.home_position)
            .map(|p| p.to_string())
            .unwrap_or_default(),
        f,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub(super) async fn new_form(
    State(app): State<AppState>,
    staff: DeskStaff,
) -> Result<Response, AppError> {
    staff.require(Action::CreateArticle)?;
    let f = ArticleFields {
        language: "en".into(),
        ..ArticleFields::default()
    };
    editor(&app, &staff, f, None, "", StatusCode::OK).await
}

/// The article `staff` may see with this id (another writer's draft is not found).
pub(super) async fn load(app: &AppState, staff: &DeskStaff, id: i64) -> Result<Article, AppError> {
    app.workflows(Channel::Desk)
        .article_for(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, staff.lang()))
}

pub(super) async fn edit_form(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let article = load(&app, &staff, id).await?;
    policy::check_edit(staff.actor(), &article).map_err(|e| app_error(e, staff.lang()))?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    editor(
        &app,
        &staff,
        ArticleFields::from_article(&article, tz),
        Some(&article),
        "",
        StatusCode::OK,
    )
    .await
}

pub(super) async fn by_slug(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let article = app.store.article(&slug).await?.ok_or(AppError::NotFound)?;
    policy::check_view(staff.actor(), &article).map_err(|e| app_error(e, staff.lang()))?;
    Ok(Redirect::to(&format!("/desk/articles/{}/edit", article.id)).into_response())
}

fn intent_status(
    staff: &DeskStaff,
    intent: &str,
    current: Option<ArticleStatus>,
) -> Result<ArticleStatus, AppError> {
    Ok(match intent {
        "" | "save" => current.unwrap_or(ArticleStatus::Draft),
        "publish" => ArticleStatus::Published,
        "schedule" => ArticleStatus::Scheduled,
        "unpublish" => ArticleStatus::Unpublished,
        other => {
            return Err(AppError::bad_request(staff.lang().t_s(
                "wf-intent-unknown",
                "value",
                other,
            )))
        }
    })
}

/// Saves `f` through the article workflow; on a user error re-renders the editor with
/// the text kept.
async fn save(
    app: &AppState,
    staff: &DeskStaff,
    f: ArticleFields,
    existing: Option<&Article>,
) -> Result<Response, AppError> {
    let lang = staff.lang();
    let status = intent_status(staff, &f.intent, existing.map(|a| a.status))?;
    let mut input = ArticleInput::new(f.clone(), status);
    // The Editors' Pick box is on the form for editors only; others keep the current flag.
    if policy::may_curate(&staff.staff) {
        input.editors_pick = Some(f.editors_pick.is_some());
    }
    let saved = match app
        .workflows(Channel::Desk)
        .save_article(staff.actor(), input, existing)
        .await
    {
        Ok(saved) => saved,
        Err(e @ WorkflowError::Invalid(_)) => {
            let error = lang.t_s("wf-not-saved", "problem", &e.render(lang));
            let tags = tags_error(&e, lang);
            return editor_with(
                app,
                staff,
                f,
                existing,
                &error,
                tags,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(e @ WorkflowError::Conflict(_)) => {
            let error = lang.t_s("wf-not-saved-conflict", "problem", &e.render(lang));
            return editor(app, staff, f, existing, &error, StatusCode::CONFLICT).await;
        }
        Err(e) => return Err(app_error(e, lang)),
    };
    let key = match saved.status {
        ArticleStatus::Published => "wf-notice-published",
        ArticleStatus::Scheduled => "wf-notice-scheduled",
        ArticleStatus::Unpublished => "wf-notice-unpublished",
        ArticleStatus::Draft => "wf-notice-draft-saved",
    };
    let notice = lang.t_s(key, "headline", &saved.headline);
    Ok(Redirect::to(&format!(
        "/desk/?saved={}",
        crate::auth::extract::url_encode(&notice)
    ))
    .into_response())
}

pub(super) async fn create(
    State(app): State<AppState>,
    form: CsrfForm<ArticleFields>,
) -> Result<Response, AppError> {
    form.staff.require(Action::CreateArticle)?;
    // A taken slug is refused by the store inside its write transaction (never overwritten).
    save(&app, &form.staff, form.form, None).await
}

pub(super) async fn update(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<ArticleFields>,
) -> Result<Response, AppError> {
    let article = load(&app, &form.staff, id).await?;
    save(&app, &form.staff, form.form, Some(&article)).await
}

/// Autosave: JSON for the desk script; only drafts, with the same version check.
pub(super) async fn autosave(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<ArticleFields>,
) -> Result<Response, AppError> {
    let article = load(&app, &form.staff, id).await?;
    let lang = form.staff.lang();
    let json_error = |status: StatusCode, e: &WorkflowError| {
        let msg = lang.t_s("wf-not-autosaved", "problem", &e.render(lang));
        (status, Json(serde_json::json!({ "error": msg }))).into_response()
    };
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    match app
        .workflows(Channel::Desk)
        .autosave_article(form.staff.actor(), &article, form.form)
        .await
    {
        Ok(saved) => Ok(Json(serde_json::json!({
            "version": saved.version,
            "saved_at": TimeView::new(saved.updated_at, tz).clock,
        }))
        .into_response()),
        Err(e @ WorkflowError::Conflict(_)) => Ok(json_error(StatusCode::CONFLICT, &e)),
        Err(e @ WorkflowError::Invalid(_)) => Ok(json_error(StatusCode::UNPROCESSABLE_ENTITY, &e)),
        Err(e) => Err(app_error(e, lang)),
    }
}
