//! Sections and bylines over the Admin API.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::{Author, NewAuthor, NewSection, Section};
use byline_store::WriteMode;

use super::articles::JsonBody;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::AppState;

pub(super) fn require_action(staff: &ApiStaff, action: Action) -> Result<(), ApiError> {
    if staff.may(action) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(format!(
            "role {} may not do this",
            staff.staff.role
        )))
    }
}

pub(super) async fn sections(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<Json<Vec<Section>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    Ok(Json(app.store.sections().await?))
}

pub(super) async fn create_section(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<NewSection>,
) -> Result<(StatusCode, Json<Section>), ApiError> {
    require_action(&staff, Action::ManageTaxonomy)?;
    // POST creates: a taken slug is 409, never an overwrite (PUT /sections/{slug} updates).
    Ok((
        StatusCode::CREATED,
        Json(app.store.save_section(&body, WriteMode::Create).await?),
    ))
}

/// `PUT /api/admin/sections/{slug}`: updates an existing section (404 if unknown).
pub(super) async fn update_section(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<NewSection>,
) -> Result<Json<Section>, ApiError> {
    require_action(&staff, Action::ManageTaxonomy)?;
    Ok(Json(
        app.store
            .save_section(&NewSection { slug, ..body }, WriteMode::Update)
            .await?,
    ))
}

pub(super) async fn authors(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<Json<Vec<Author>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    Ok(Json(app.store.authors().await?))
}

pub(super) async fn create_author(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<NewAuthor>,
) -> Result<(StatusCode, Json<Author>), ApiError> {
    require_action(&staff, Action::ManageTaxonomy)?;
    Ok((
        StatusCode::CREATED,
        Json(app.store.save_author(&body, WriteMode::Create).await?),
    ))
}

/// `PUT /api/admin/authors/{slug}`: updates an existing byline (404 if unknown).
pub(super) async fn update_author(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<NewAuthor>,
) -> Result<Json<Author>, ApiError> {
    require_action(&staff, Action::ManageTaxonomy)?;
    Ok(Json(
        app.store
            .save_author(&NewAuthor { slug, ..body }, WriteMode::Update)
            .await?,
    ))
}
