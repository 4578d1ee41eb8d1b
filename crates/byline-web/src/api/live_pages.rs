//! Live pages over the Admin API: `/api/admin/live` (create, list, show, edit, archive,
//! reopen); their entries are in [`super::live_entries`].

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::{LivePage, LiveStatus, NewLivePage};
use serde::{Deserialize, Serialize};

use super::articles::JsonBody;
use super::live::{wf_error, Page};
use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::workflow::{Channel, FieldError};
use crate::AppState;

/// A live page as sent; absent fields keep their current value on PATCH.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LivePageJson {
    headline: Option<String>,
    summary: Option<String>,
    /// Empty or absent: made from the headline (and kept on edits).
    slug: Option<String>,
    /// `live` or `archived` (PATCH only): reopens or archives the page.
    status: Option<String>,
    version: Option<i64>,
    /// The edition's code (kept when absent).
    edition: Option<String>,
}

#[derive(Serialize)]
pub(super) struct LivePageOut {
    id: i64,
    slug: String,
    /// The public page.
    url: String,
    headline: String,
    summary: String,
    status: &'static str,
    started_at: String,
    archived_at: Option<String>,
    last_entry_at: Option<String>,
    updated_at: String,
    version: i64,
    /// The edition's code.
    edition: String,
}

fn page_out(app: &AppState, p: &LivePage) -> LivePageOut {
    LivePageOut {
        id: p.id,
        slug: p.slug.clone(),
        url: app.absolute(&format!("/live/{}", p.slug)),
        headline: p.headline.clone(),
        summary: p.summary_markdown.clone(),
        status: p.status.as_str(),
        started_at: p.started_at.to_rfc3339(),
        archived_at: p.archived_at.map(|t| t.to_rfc3339()),
        last_entry_at: p.last_entry_at.map(|t| t.to_rfc3339()),
        updated_at: p.updated_at.to_rfc3339(),
        version: p.version,
        edition: p.edition.clone(),
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct PageListQuery {
    status: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

fn parse_status(staff: &ApiStaff, s: &str) -> Result<LiveStatus, ApiError> {
    LiveStatus::parse(s.trim()).ok_or_else(|| {
        ApiError::invalid(
            FieldError::new("status", "wf-live-status-unknown").text("value", s),
            staff.lang(),
        )
    })
}

/// `GET /api/admin/live`: newest first, `?status=live|archived`.
pub(super) async fn list(
    State(app): State<AppState>,
    staff: ApiStaff,
    Query(q): Query<PageListQuery>,
) -> Result<Json<Vec<LivePageOut>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let status = match q.status.as_deref() {
        None | Some("") => None,
        Some(s) => Some(parse_status(&staff, s)?),
    };
    let page = Page {
        limit: q.limit,
        offset: q.offset,
    };
    let pages = app
        .store
        .live_pages(status, None, page.limit(), page.offset())
        .await?;
    Ok(Json(pages.iter().map(|p| page_out(&app, p)).collect()))
}

/// A new live page as sent (a page starts live, at version 1).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct NewLivePageJson {
    headline: Option<String>,
    summary: Option<String>,
    slug: Option<String>,
    /// The edition's code (default: the default edition; on an update: kept).
    edition: Option<String>,
}

/// `POST /api/admin/live` → 201 with `id` and `url`.
pub(super) async fn create(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<NewLivePageJson>,
) -> Result<(StatusCode, Json<LivePageOut>), ApiError> {
    let page = NewLivePage {
        slug: body.slug.unwrap_or_default(),
        headline: body.headline.unwrap_or_default(),
        summary: body.summary.unwrap_or_default(),
        edition: body.edition.unwrap_or_default(),
    };
    let saved = app
        .workflows(Channel::Api)
        .create_live_page(staff.actor(), page)
        .await
        .map_err(wf_error(&staff))?;
    Ok((StatusCode::CREATED, Json(page_out(&app, &saved))))
}

/// `GET /api/admin/live/{id}`.
pub(super) async fn show(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<LivePageOut>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let page = app
        .workflows(Channel::Api)
        .live_page_for(id)
        .await
        .map_err(wf_error(&staff))?;
    Ok(Json(page_out(&app, &page)))
}

/// `PATCH /api/admin/live/{id}`: headline, summary, slug and/or status. A reopen comes
/// before the edit, an archive after it, so one call may do both.
pub(super) async fn update(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<LivePageJson>,
) -> Result<Json<LivePageOut>, ApiError> {
    let workflows = app.workflows(Channel::Api);
    let status = body
        .status
        .as_deref()
        .map(|s| parse_status(&staff, s))
        .transpose()?;
    let mut page = workflows
        .live_page_for(id)
        .await
        .map_err(wf_error(&staff))?;
    if status == Some(LiveStatus::Live) {
        page = workflows
            .set_live_status(staff.actor(), id, LiveStatus::Live)
            .await
            .map_err(wf_error(&staff))?;
    }
    if body.headline.is_some()
        || body.summary.is_some()
        || body.slug.is_some()
        || body.edition.is_some()
    {
        let edit = NewLivePage {
            slug: body.slug.unwrap_or_default(),
            headline: body.headline.unwrap_or_else(|| page.headline.clone()),
            summary: body
                .summary
                .unwrap_or_else(|| page.summary_markdown.clone()),
            edition: body.edition.unwrap_or_default(),
        };
        page = workflows
            .update_live_page(staff.actor(), id, edit, body.version)
            .await
            .map_err(wf_error(&staff))?;
    }
    if status == Some(LiveStatus::Archived) {
        page = workflows
            .set_live_status(staff.actor(), id, LiveStatus::Archived)
            .await
            .map_err(wf_error(&staff))?;
    }
    Ok(Json(page_out(&app, &page)))
}

async fn set_status(
    app: &AppState,
    staff: &ApiStaff,
    id: i64,
    status: LiveStatus,
) -> Result<Json<LivePageOut>, ApiError> {
    let page = app
        .workflows(Channel::Api)
        .set_live_status(staff.actor(), id, status)
        .await
        .map_err(wf_error(staff))?;
    Ok(Json(page_out(app, &page)))
}

/// `POST /api/admin/live/{id}/archive`.
pub(super) async fn archive(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<LivePageOut>, ApiError> {
    set_status(&app, &staff, id, LiveStatus::Archived).await
}

/// `POST /api/admin/live/{id}/reopen`.
pub(super) async fn reopen(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
) -> Result<Json<LivePageOut>, ApiError> {
    set_status(&app, &staff, id, LiveStatus::Live).await
}
