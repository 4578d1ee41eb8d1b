//! Sections, bylines and static pages over the Admin API, through the taxonomy workflows.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::{Author, NewAuthor, NewPage, NewSection, Page, Section};
use byline_store::WriteMode;

use super::articles::JsonBody;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::workflow::{policy, Channel};
use crate::AppState;

/// 403 with the role policy's message unless the token's role may do `action`.
pub(super) fn require_action(staff: &ApiStaff, action: Action) -> Result<(), ApiError> {
    policy::require(staff.actor(), action).map_err(|e| ApiError::workflow(e, staff.lang()))
}

pub(super) async fn sections(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<Json<Vec<Section>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    Ok(Json(app.store.sections().await?))
}

async fn save_section(
    app: &AppState,
    staff: &ApiStaff,
    section: NewSection,
    mode: WriteMode,
) -> Result<Section, ApiError> {
    app.workflows(Channel::Api)
        .save_section(staff.actor(), section, mode)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))
}

pub(super) async fn create_section(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<NewSection>,
) -> Result<(StatusCode, Json<Section>), ApiError> {
    // POST creates: a taken slug is 409, never an overwrite (PUT /sections/{slug} updates).
    let saved = save_section(&app, &staff, body, WriteMode::Create).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// `PUT /api/admin/sections/{slug}`: updates an existing section (404 if unknown).
pub(super) async fn update_section(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<NewSection>,
) -> Result<Json<Section>, ApiError> {
    let section = NewSection { slug, ..body };
    Ok(Json(
        save_section(&app, &staff, section, WriteMode::Update).await?,
    ))
}

pub(super) async fn authors(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<Json<Vec<Author>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    Ok(Json(app.store.authors().await?))
}

async fn save_author(
    app: &AppState,
    staff: &ApiStaff,
    author: NewAuthor,
    mode: WriteMode,
) -> Result<Author, ApiError> {
    app.workflows(Channel::Api)
        .save_author(staff.actor(), author, mode)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))
}

pub(super) async fn create_author(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<NewAuthor>,
) -> Result<(StatusCode, Json<Author>), ApiError> {
    let saved = save_author(&app, &staff, body, WriteMode::Create).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// `PUT /api/admin/authors/{slug}`: updates an existing byline (404 if unknown).
pub(super) async fn update_author(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<NewAuthor>,
) -> Result<Json<Author>, ApiError> {
    let author = NewAuthor { slug, ..body };
    Ok(Json(
        save_author(&app, &staff, author, WriteMode::Update).await?,
    ))
}

pub(super) async fn pages(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<Json<Vec<Page>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    Ok(Json(app.store.pages().await?))
}

async fn save_page(
    app: &AppState,
    staff: &ApiStaff,
    page: NewPage,
    mode: WriteMode,
) -> Result<Page, ApiError> {
    app.workflows(Channel::Api)
        .save_page(staff.actor(), page, mode)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))
}

pub(super) async fn create_page(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<NewPage>,
) -> Result<(StatusCode, Json<Page>), ApiError> {
    let saved = save_page(&app, &staff, body, WriteMode::Create).await?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// `PUT /api/admin/pages/{slug}`: updates an existing static page (404 if unknown).
pub(super) async fn update_page(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<NewPage>,
) -> Result<Json<Page>, ApiError> {
    let page = NewPage { slug, ..body };
    Ok(Json(
        save_page(&app, &staff, page, WriteMode::Update).await?,
    ))
}
