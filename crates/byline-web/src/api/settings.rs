//! Site settings over the Admin API (admins): `GET` shows them, `PATCH` changes the fields
//! it names (e.g. `{"language": "uk"}`) through the `update_settings` workflow; an unknown
//! language code is 422 naming the shipped ones.

use axum::extract::State;
use axum::Json;
use byline_domain::SiteSettings;

use super::articles::JsonBody;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::workflow::settings::SettingsPatch;
use crate::workflow::Channel;
use crate::AppState;

pub(super) async fn show(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<Json<SiteSettings>, ApiError> {
    app.workflows(Channel::Api)
        .show_settings(staff.actor())
        .await
        .map(Json)
        .map_err(|e| ApiError::workflow(e, staff.lang()))
}

pub(super) async fn update(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(patch): JsonBody<SettingsPatch>,
) -> Result<Json<SiteSettings>, ApiError> {
    app.workflows(Channel::Api)
        .update_settings(staff.actor(), patch)
        .await
        .map(Json)
        .map_err(|e| ApiError::workflow(e, staff.lang()))
}
