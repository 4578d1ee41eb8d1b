//! `/api/admin/editions`: list the editions (GET), add or change one (`PUT
//! /api/admin/editions/{code}` with `{name, path_prefix, time_zone, position}`), and move a
//! section into one (`PUT /api/admin/sections/{slug}/edition` with `{"edition": "uk"}`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::Edition;
use serde::{Deserialize, Serialize};

use super::articles::JsonBody;
use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::workflow::Channel;
use crate::AppState;

#[derive(Debug, Serialize)]
pub(super) struct EditionOut {
    code: String,
    name: String,
    path_prefix: String,
    time_zone: String,
    position: i64,
    default: bool,
}

impl From<Edition> for EditionOut {
    fn from(e: Edition) -> Self {
        Self {
            code: e.code,
            name: e.name,
            path_prefix: e.path_prefix,
            time_zone: e.time_zone,
            position: e.position,
            default: e.is_default,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EditionJson {
    name: String,
    #[serde(default)]
    path_prefix: String,
    #[serde(default = "utc")]
    time_zone: String,
    #[serde(default)]
    position: i64,
}

fn utc() -> String {
    "UTC".into()
}

pub(super) async fn list(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<Json<Vec<EditionOut>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let editions = app
        .workflows(Channel::Api)
        .editions(staff.actor())
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(editions.into_iter().map(Into::into).collect()))
}

pub(super) async fn put(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(code): Path<String>,
    JsonBody(body): JsonBody<EditionJson>,
) -> Result<Json<EditionOut>, ApiError> {
    let saved = app
        .workflows(Channel::Api)
        .save_edition(
            staff.actor(),
            Edition {
                code,
                name: body.name,
                path_prefix: body.path_prefix,
                time_zone: body.time_zone,
                position: body.position,
                is_default: false,
            },
        )
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(saved.into()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SectionEditionJson {
    edition: String,
}

pub(super) async fn section(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<SectionEditionJson>,
) -> Result<StatusCode, ApiError> {
    app.workflows(Channel::Api)
        .set_section_edition(staff.actor(), &slug, &body.edition)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(StatusCode::NO_CONTENT)
}
