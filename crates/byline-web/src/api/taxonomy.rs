//! Sections and bylines over the Admin API.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::{Author, NewAuthor, NewSection, Section};

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
    Ok((
        StatusCode::CREATED,
        Json(app.store.upsert_section(&body).await?),
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
        Json(app.store.upsert_author(&body).await?),
    ))
}
