//! Narrated audio over the Admin API (`workflow::audio` does the work):
//!
//! - `GET /api/admin/articles/{id}/audio`: its state (`queued`, `running`, `done`,
//!   `failed` with the engine's error), source, length and file URLs;
//! - `PUT /api/admin/articles/{id}/audio` `{"enabled": false}`: narration off or on;
//! - `POST /api/admin/articles/{id}/audio/regenerate`;
//! - `PUT /api/admin/articles/{id}/audio/recording` with the recording as the body
//!   (Opus, MP3 or WAV); `DELETE` removes it;
//! - `PUT /api/admin/sections/{slug}/narration` `{"enabled": false}`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_store::ArticleAudio;
use serde::{Deserialize, Serialize};

use super::articles::{load, JsonBody};
use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::view::paths;
use crate::workflow::Channel;
use crate::AppState;

#[derive(Debug, Serialize)]
pub(super) struct AudioJson {
    state: Option<&'static str>,
    source: Option<&'static str>,
    enabled: bool,
    engine: String,
    voice: String,
    duration_ms: i64,
    opus_url: Option<String>,
    mp3_url: Option<String>,
    error: String,
    warning: String,
}

fn to_json(app: &AppState, audio: Option<ArticleAudio>) -> AudioJson {
    let url = |f: &Option<byline_store::AudioFile>| {
        f.as_ref().map(|f| app.absolute(&paths::media(&f.name)))
    };
    match audio {
        None => AudioJson {
            state: None,
            source: None,
            enabled: true,
            engine: String::new(),
            voice: String::new(),
            duration_ms: 0,
            opus_url: None,
            mp3_url: None,
            error: String::new(),
            warning: String::new(),
        },
        Some(a) => AudioJson {
            state: Some(a.state.as_str()),
            source: Some(a.source.as_str()),
            enabled: !a.disabled,
            opus_url: url(&a.opus),
            mp3_url: url(&a.mp3),
            engine: a.engine,
            voice: a.voice,
            duration_ms: a.duration_ms,
            error: a.error,
            warning: a.warning,
        },
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Enabled {
    enabled: bool,
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<AudioJson>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let article = load(&app, &staff, id).await?;
    let audio = app
        .workflows(Channel::Api)
        .narration(staff.actor(), &article)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(to_json(&app, audio)))
}

pub(super) async fn set_enabled(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<Enabled>,
) -> Result<Json<AudioJson>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let article = load(&app, &staff, id).await?;
    let wf = app.workflows(Channel::Api);
    wf.set_narration_enabled(staff.actor(), &article, body.enabled)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(to_json(&app, app.store.article_audio(id).await?)))
}

pub(super) async fn regenerate(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<AudioJson>), ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let article = load(&app, &staff, id).await?;
    app.workflows(Channel::Api)
        .regenerate_narration(staff.actor(), &article)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    let audio = app.store.article_audio(id).await?;
    Ok((StatusCode::ACCEPTED, Json(to_json(&app, audio))))
}

pub(super) async fn put_recording(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Json<AudioJson>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let article = load(&app, &staff, id).await?;
    let audio = app
        .workflows(Channel::Api)
        .upload_recording(staff.actor(), &article, &body, &app.narrator)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(to_json(&app, Some(audio))))
}

pub(super) async fn delete_recording(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let article = load(&app, &staff, id).await?;
    app.workflows(Channel::Api)
        .remove_recording(staff.actor(), &article)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn section_narration(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<Enabled>,
) -> Result<StatusCode, ApiError> {
    app.workflows(Channel::Api)
        .set_section_narration(staff.actor(), &slug, body.enabled)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(StatusCode::NO_CONTENT)
}
