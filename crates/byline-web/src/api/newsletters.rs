//! Newsletters, campaigns and subscribers over the Admin API, through their workflows.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_store::{Campaign, NewNewsletter, Newsletter, Progress, WriteMode};
use serde::{Deserialize, Serialize};

use super::articles::JsonBody;
use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::workflow::newsletters::CampaignInput;
use crate::workflow::subscribers::Rejected;
use crate::workflow::{Channel, FieldError, WorkflowError};
use crate::AppState;

/// The handler's workflow error as JSON in the token owner's language.
fn fail(staff: &ApiStaff) -> impl Fn(WorkflowError) -> ApiError + '_ {
    move |e| ApiError::workflow(e, staff.lang())
}

pub(super) async fn list(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<Json<Vec<Newsletter>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    Ok(Json(app.store.newsletters().await?))
}

pub(super) async fn create(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<NewNewsletter>,
) -> Result<(StatusCode, Json<Newsletter>), ApiError> {
    // POST creates: a taken slug is 409 (PUT /newsletters/{slug} updates).
    let saved = app
        .workflows(Channel::Api)
        .save_newsletter(staff.actor(), body, WriteMode::Create)
        .await
        .map_err(fail(&staff))?;
    Ok((StatusCode::CREATED, Json(saved)))
}

/// `PUT /api/admin/newsletters/{slug}`: updates an existing list (404 if unknown).
pub(super) async fn update(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<NewNewsletter>,
) -> Result<Json<Newsletter>, ApiError> {
    let body = NewNewsletter { slug, ..body };
    let saved = app
        .workflows(Channel::Api)
        .save_newsletter(staff.actor(), body, WriteMode::Update)
        .await
        .map_err(fail(&staff))?;
    Ok(Json(saved))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CampaignJson {
    list: String,
    subject: String,
    #[serde(default)]
    body: String,
    /// With an empty body: list the articles published since the list's last send.
    #[serde(default)]
    digest: bool,
}

#[derive(Serialize)]
pub(super) struct CampaignOut {
    #[serde(flatten)]
    campaign: Campaign,
    progress: Progress,
}

pub(super) async fn create_campaign(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<CampaignJson>,
) -> Result<(StatusCode, Json<CampaignOut>), ApiError> {
    let input = CampaignInput {
        list: body.list,
        subject: body.subject,
        body: body.body,
        digest: body.digest,
    };
    let campaign = app
        .workflows(Channel::Api)
        .create_campaign(staff.actor(), input)
        .await
        .map_err(fail(&staff))?;
    Ok((
        StatusCode::CREATED,
        Json(CampaignOut {
            progress: Progress::default(),
            campaign,
        }),
    ))
}

pub(super) async fn show_campaign(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<CampaignOut>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let campaign = app.store.campaign(id).await?.ok_or(ApiError::NotFound)?;
    Ok(Json(CampaignOut {
        progress: app.store.campaign_progress(id).await?,
        campaign,
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SendJson {
    /// RFC 3339 time to send at; now when absent.
    at: Option<chrono::DateTime<chrono::Utc>>,
}

pub(super) async fn send_campaign(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<CampaignOut>), ApiError> {
    let when: SendJson = if body.iter().all(u8::is_ascii_whitespace) {
        SendJson::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            ApiError::invalid(
                FieldError::new("at", "wf-send-at-format").text("detail", e.to_string()),
                staff.lang(),
            )
        })?
    };
    let campaign = app
        .workflows(Channel::Api)
        .send_campaign(staff.actor(), id, when.at)
        .await
        .map_err(fail(&staff))?;
    Ok((
        StatusCode::ACCEPTED,
        Json(CampaignOut {
            progress: app.store.campaign_progress(id).await?,
            campaign,
        }),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SubscriberQuery {
    q: String,
    limit: Option<i64>,
    offset: Option<i64>,
}

pub(super) async fn subscribers(
    State(app): State<AppState>,
    staff: ApiStaff,
    axum::extract::Query(q): axum::extract::Query<SubscriberQuery>,
) -> Result<Json<Vec<byline_store::SubscriberInfo>>, ApiError> {
    require_action(&staff, Action::Curate)?;
    Ok(Json(
        app.store
            .subscribers(
                &q.q,
                q.limit.unwrap_or(100).clamp(1, 1000),
                q.offset.unwrap_or(0).max(0),
            )
            .await?,
    ))
}

pub(super) async fn export(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let csv = app
        .workflows(Channel::Api)
        .export_subscribers(staff.actor())
        .await
        .map_err(fail(&staff))?;
    Ok((
        [(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")],
        csv,
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ImportJson {
    list: String,
    csv: String,
}

#[derive(Serialize)]
pub(super) struct ImportReport {
    imported: usize,
    rejected: Vec<Rejected>,
}

pub(super) async fn import(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<ImportJson>,
) -> Result<Json<ImportReport>, ApiError> {
    let report = app
        .workflows(Channel::Api)
        .import_subscribers(staff.actor(), &body.list, &body.csv)
        .await
        .map_err(fail(&staff))?;
    Ok(Json(ImportReport {
        imported: report.imported,
        rejected: report.rejected,
    }))
}

pub(super) async fn remove(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(email): Path<String>,
) -> Result<StatusCode, ApiError> {
    app.workflows(Channel::Api)
        .remove_subscriber(staff.actor(), &email)
        .await
        .map_err(fail(&staff))?;
    Ok(StatusCode::NO_CONTENT)
}
