//! Media over the Admin API: multipart upload (`file`, `alt`, `caption`, `credit`) through
//! the media workflow, and the library list.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_store::MediaInfo;
use serde::Serialize;

use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::desk::media::read_upload;
use crate::workflow::Channel;
use crate::AppState;

#[derive(Serialize)]
pub(super) struct MediaJson {
    name: String,
    url: String,
    content_type: String,
    width: Option<i64>,
    height: Option<i64>,
    alt: String,
    caption: String,
    credit: String,
    variants: Vec<String>,
}

async fn to_json(app: &AppState, m: MediaInfo) -> Result<MediaJson, ApiError> {
    let variants = app
        .store
        .media_variants(&m.name)
        .await?
        .into_iter()
        .map(|v| app.absolute(&format!("/media/{}", v.name)))
        .collect();
    Ok(MediaJson {
        url: app.absolute(&format!("/media/{}", m.name)),
        name: m.name,
        content_type: m.content_type,
        width: m.width,
        height: m.height,
        alt: m.alt,
        caption: m.caption,
        credit: m.credit,
        variants,
    })
}

pub(super) async fn list(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<Json<Vec<MediaJson>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let mut out = Vec::new();
    for m in app.store.media_library(200, 0).await? {
        out.push(to_json(&app, m).await?);
    }
    Ok(Json(out))
}

pub(super) async fn upload(
    State(app): State<AppState>,
    staff: ApiStaff,
    multipart: Multipart,
) -> Result<(StatusCode, Json<MediaJson>), ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let lang = staff.lang();
    let upload = read_upload(multipart)
        .await
        .map_err(|e| ApiError::workflow(e, lang))?;
    let info = app
        .workflows(Channel::Api)
        .upload_media(staff.actor(), upload)
        .await
        .map_err(|e| ApiError::workflow(e, lang))?;
    Ok((StatusCode::CREATED, Json(to_json(&app, info).await?)))
}
