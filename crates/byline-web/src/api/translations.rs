//! `/api/admin/articles/{id}/translation`: an article's translations (GET), linking it as
//! a translation of another article (PUT `{"source": "slug"}`) and unlinking it (DELETE).
//! Through the same workflows as the desk.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use serde::{Deserialize, Serialize};

use super::articles::{load, JsonBody};
use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::view::paths;
use crate::workflow::Channel;
use crate::AppState;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LinkJson {
    /// The original's slug.
    source: String,
}

#[derive(Debug, Serialize)]
pub(super) struct TranslationOut {
    id: i64,
    slug: String,
    headline: String,
    language: String,
    status: &'static str,
    url: String,
    /// A translation edited before its original last changed.
    outdated: bool,
    /// The group's original.
    original: bool,
}

pub(super) async fn list(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<Vec<TranslationOut>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let article = load(&app, &staff, id).await?;
    let states = app
        .workflows(Channel::Api)
        .translation_states(staff.actor(), &article)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(
        states
            .others
            .into_iter()
            .map(|s| TranslationOut {
                id: s.translation.article_id,
                url: app.absolute(&paths::article(&s.translation.slug)),
                slug: s.translation.slug,
                headline: s.translation.headline,
                language: s.translation.language,
                status: s.translation.status.as_str(),
                original: s.translation.original,
                outdated: s.outdated,
            })
            .collect(),
    ))
}

pub(super) async fn link(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<LinkJson>,
) -> Result<StatusCode, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let article = load(&app, &staff, id).await?;
    app.workflows(Channel::Api)
        .link_translation(staff.actor(), &article, &body.source)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn unlink(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let article = load(&app, &staff, id).await?;
    app.workflows(Channel::Api)
        .unlink_translation(staff.actor(), &article)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(StatusCode::NO_CONTENT)
}
