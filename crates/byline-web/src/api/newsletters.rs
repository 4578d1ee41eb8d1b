//! Newsletters and campaigns over the Admin API.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_store::{Campaign, NewNewsletter, Newsletter, Progress};
use serde::{Deserialize, Serialize};

use super::articles::JsonBody;
use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::AppState;

/// Longest campaign body accepted (Markdown).
const MAX_BODY: usize = 512 * 1024;

fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::Invalid([(field.to_owned(), message.to_owned())].into())
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
    require_action(&staff, Action::Curate)?;
    crate::newsletters::check_sender(&body).map_err(|(field, message)| invalid(field, &message))?;
    Ok((
        StatusCode::CREATED,
        Json(app.store.upsert_newsletter(&body).await?),
    ))
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
    require_action(&staff, Action::Curate)?;
    let subject = body.subject.trim();
    if subject.is_empty() || subject.chars().count() > 250 {
        return Err(invalid("subject", "must be 1 to 250 characters"));
    }
    if subject.contains(['\r', '\n']) {
        return Err(invalid("subject", "must be a single line (no line breaks)"));
    }
    let text = if body.digest && body.body.trim().is_empty() {
        crate::newsletters::digest_body(&app, &body.list)
            .await
            .map_err(|e| match e {
                crate::AppError::BadRequest(m) => invalid("body", &m),
                other => other.into(),
            })?
    } else {
        body.body.clone()
    };
    if text.trim().is_empty() || text.len() > MAX_BODY {
        return Err(invalid(
            "body",
            "must be non-empty Markdown of at most 512 KB",
        ));
    }
    let campaign = app
        .store
        .create_campaign(&body.list, subject, &text, Some(staff.staff.id))
        .await?;
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
    require_action(&staff, Action::Curate)?;
    let when: SendJson = if body.iter().all(u8::is_ascii_whitespace) {
        SendJson::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| {
            invalid(
                "at",
                &format!("expected {{\"at\": \"RFC 3339 time\"}}: {e}"),
            )
        })?
    };
    let campaign = app.store.campaign(id).await?.ok_or(ApiError::NotFound)?;
    if campaign.status == "draft" {
        match when.at.filter(|at| *at > chrono::Utc::now()) {
            Some(at) => {
                app.store.schedule_campaign(id).await?;
                app.jobs.schedule_campaign(id, at).await?;
            }
            None => {
                app.store.start_campaign(id, chrono::Utc::now()).await?;
                app.jobs.send_campaign(id).await?;
            }
        }
    }
    let campaign = app.store.campaign(id).await?.ok_or(ApiError::NotFound)?;
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
    require_action(&staff, Action::Curate)?;
    let csv = crate::newsletters::subscribers_csv(&app).await?;
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
    rejected: Vec<crate::newsletters::Rejected>,
}

pub(super) async fn import(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<ImportJson>,
) -> Result<Json<ImportReport>, ApiError> {
    require_action(&staff, Action::Curate)?;
    let (imported, rejected) = crate::newsletters::import_csv(&app, &body.list, &body.csv)
        .await
        .map_err(|e| match e {
            crate::AppError::BadRequest(m) => invalid("list", &m),
            other => other.into(),
        })?;
    Ok(Json(ImportReport { imported, rejected }))
}

pub(super) async fn remove(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(email): Path<String>,
) -> Result<StatusCode, ApiError> {
    require_action(&staff, Action::Curate)?;
    if app.store.remove_subscriber(&email.to_lowercase()).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}
