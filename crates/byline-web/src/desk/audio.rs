//! An article's narration in the desk (`/desk/articles/{id}/audio`): its state (queued,
//! running, done, failed with the engine's error), a preview player, and the staff
//! actions of `workflow::audio`: regenerate, switch off or on, upload a person's
//! recording (a multipart form with its CSRF token as the `_csrf` field) or remove it.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use byline_store::{ArticleAudio, AudioSource};
use serde::Deserialize;

use super::errors::app_error;
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::token::same;
use crate::auth::DeskStaff;
use crate::view::paths;
use crate::workflow::{Channel, WorkflowError};
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "desk/audio.html")]
struct AudioTemplate {
    layout: Layout,
    id: i64,
    headline: String,
    /// The state in words ("Done", "Failed"…), or None before any narration.
    state: Option<String>,
    error: String,
    warning: String,
    enabled: bool,
    human: bool,
    duration: String,
    mp3_url: Option<String>,
    opus_url: Option<String>,
    engine: String,
    /// A refused upload's message.
    problem: String,
}

async fn page(
    app: &AppState,
    staff: &DeskStaff,
    id: i64,
    problem: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let workflows = app.workflows(Channel::Desk);
    let lang = staff.lang();
    let article = workflows
        .article_for(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, lang))?;
    let audio: Option<ArticleAudio> = workflows
        .narration(staff.actor(), &article)
        .await
        .map_err(|e| app_error(e, lang))?;
    let url = |f: &Option<byline_store::AudioFile>| f.as_ref().map(|f| paths::media(&f.name));
    let page = AudioTemplate {
        layout: Layout::new(lang.t("desk-audio-heading"), Some(staff)),
        id,
        headline: article.headline.clone(),
        state: audio
            .as_ref()
            .map(|a| lang.t(&format!("desk-audio-state-{}", a.state.as_str()))),
        error: audio.as_ref().map(|a| a.error.clone()).unwrap_or_default(),
        warning: audio
            .as_ref()
            .map(|a| a.warning.clone())
            .unwrap_or_default(),
        enabled: audio.as_ref().is_none_or(|a| !a.disabled),
        human: audio
            .as_ref()
            .is_some_and(|a| a.source == AudioSource::Human),
        duration: audio
            .as_ref()
            .filter(|a| a.mp3.is_some())
            .map(|a| {
                let secs = a.duration_ms.max(0) / 1000;
                format!("{}:{:02}", secs / 60, secs % 60)
            })
            .unwrap_or_default(),
        mp3_url: audio.as_ref().and_then(|a| url(&a.mp3)),
        opus_url: audio.as_ref().and_then(|a| url(&a.opus)),
        engine: app.narrator.engine_name().to_owned(),
        problem,
    };
    let mut response = Html(page.render()?).into_response();
    *response.status_mut() = status;
    Ok(response)
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    page(&app, &staff, id, String::new(), StatusCode::OK).await
}

#[derive(Debug, Deserialize)]
pub(super) struct ActionForm {
    /// `regenerate`, `disable`, `enable` or `remove-recording`.
    action: String,
}

pub(super) async fn act(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<ActionForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let workflows = app.workflows(Channel::Desk);
    let article = workflows
        .article_for(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, lang))?;
    let actor = staff.actor();
    let done = match form.form.action.as_str() {
        "regenerate" => workflows.regenerate_narration(actor, &article).await,
        "disable" => {
            workflows
                .set_narration_enabled(actor, &article, false)
                .await
        }
        "enable" => workflows.set_narration_enabled(actor, &article, true).await,
        "remove-recording" => workflows.remove_recording(actor, &article).await,
        _ => return Err(AppError::BadRequest(lang.t("wf-not-found"))),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/desk/articles/{id}/audio")).into_response()),
        Err(e @ WorkflowError::Invalid(_)) => {
            page(
                &app,
                staff,
                id,
                e.render(lang),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(app_error(e, lang)),
    }
}

/// The recording form: `file` and `_csrf`.
pub(super) async fn upload(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let lang = staff.lang();
    let (mut csrf, mut bytes) = (String::new(), Vec::new());
    let cut_off = || AppError::BadRequest(lang.t("wf-upload-cut-off"));
    while let Some(field) = multipart.next_field().await.map_err(|_| cut_off())? {
        match field.name().unwrap_or("") {
            "_csrf" => csrf = field.text().await.map_err(|_| cut_off())?,
            "file" => bytes = field.bytes().await.map_err(|_| cut_off())?.to_vec(),
            _ => {}
        }
    }
    if !same(&csrf, staff.csrf()) {
        return Err(AppError::Forbidden(lang.t("wf-csrf-stale")));
    }
    let workflows = app.workflows(Channel::Desk);
    let article = workflows
        .article_for(staff.actor(), id)
        .await
        .map_err(|e| app_error(e, lang))?;
    match workflows
        .upload_recording(staff.actor(), &article, &bytes, &app.narrator)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/desk/articles/{id}/audio")).into_response()),
        Err(e @ WorkflowError::Invalid(_)) => {
            page(
                &app,
                &staff,
                id,
                e.render(lang),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(app_error(e, lang)),
    }
}
