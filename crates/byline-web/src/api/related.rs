//! `/api/admin/articles/{id}/related`: the editors' related-post choices (GET) and
//! replacing them (PUT `{"pinned": [slugs], "excluded": [slugs]}`).

use axum::extract::{Path, State};
use axum::Json;
use byline_domain::staff::Action;
use serde::{Deserialize, Serialize};

use super::articles::{load, JsonBody};
use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::workflow::related::RelatedChoices;
use crate::workflow::Channel;
use crate::AppState;

#[derive(Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RelatedJson {
    #[serde(default)]
    pinned: Vec<String>,
    #[serde(default)]
    excluded: Vec<String>,
}

impl From<RelatedChoices> for RelatedJson {
    fn from(c: RelatedChoices) -> Self {
        Self {
            pinned: c.pinned,
            excluded: c.excluded,
        }
    }
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<RelatedJson>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let article = load(&app, &staff, id).await?;
    let choices = app
        .workflows(Channel::Api)
        .related_choices(staff.actor(), &article)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(choices.into()))
}

pub(super) async fn put(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<RelatedJson>,
) -> Result<Json<RelatedJson>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let article = load(&app, &staff, id).await?;
    let saved = app
        .workflows(Channel::Api)
        .set_related_choices(
            staff.actor(),
            &article,
            RelatedChoices {
                pinned: body.pinned,
                excluded: body.excluded,
            },
        )
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(saved.into()))
}
