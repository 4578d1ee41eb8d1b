//! Entries of live pages over the Admin API: `/api/admin/live/{id}/entries` (add, list)
//! and `/api/admin/live/{id}/entries/{entry}` (edit, delete). An entry on an archived
//! page is refused with 409 and a message; contributors' entries are drafts.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use byline_domain::staff::Action;
use byline_domain::{LiveEntry, LivePage, NewLiveEntry};
use byline_store::EntryQuery;
use serde::{Deserialize, Serialize};

use super::articles::{JsonBody, ListOrText};
use super::live::{slugs, wf_error, Page};
use super::taxonomy::require_action;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::workflow::{policy, Channel};
use crate::AppState;

/// An entry as sent; absent fields keep their current value on PATCH.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct EntryJson {
    headline: Option<String>,
    body: Option<String>,
    key_event: Option<bool>,
    pinned: Option<bool>,
    /// Absent: published if the role may, else a draft.
    published: Option<bool>,
    authors: Option<ListOrText>,
    version: Option<i64>,
}

impl EntryJson {
    fn apply(self, mut entry: NewLiveEntry) -> NewLiveEntry {
        macro_rules! set {
            ($($field:ident),*) => { $(if let Some(v) = self.$field { entry.$field = v; })* };
        }
        set!(headline, body, key_event, pinned, published);
        if let Some(a) = &self.authors {
            entry.authors = slugs(a);
        }
        entry
    }
}

#[derive(Serialize)]
pub(super) struct EntryOut {
    id: i64,
    live_id: i64,
    /// The entry's permalink on the public page.
    url: String,
    headline: String,
    body: String,
    key_event: bool,
    pinned: bool,
    published: bool,
    published_at: String,
    updated_at: String,
    version: i64,
    authors: Vec<String>,
}

fn entry_out(app: &AppState, page: &LivePage, e: &LiveEntry) -> EntryOut {
    EntryOut {
        id: e.id,
        live_id: e.live_id,
        url: app.absolute(&format!("/live/{}#entry-{}", page.slug, e.id)),
        headline: e.headline.clone(),
        body: e.body_markdown.clone(),
        key_event: e.key_event,
        pinned: e.pinned,
        published: e.published,
        published_at: e.published_at.to_rfc3339(),
        updated_at: e.updated_at.to_rfc3339(),
        version: e.version,
        authors: e.authors.iter().map(|a| a.slug.clone()).collect(),
    }
}

/// `GET /api/admin/live/{id}/entries`: newest first; others' drafts are left out for
/// contributors and authors.
pub(super) async fn entries(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    Query(q): Query<Page>,
) -> Result<Json<Vec<EntryOut>>, ApiError> {
    require_action(&staff, Action::UseDesk)?;
    let page = app
        .workflows(Channel::Api)
        .live_page_for(id)
        .await
        .map_err(wf_error(&staff))?;
    let scope = policy::list_scope(&staff.staff);
    let wanted = usize::try_from(q.offset() + q.limit()).unwrap_or(0);
    let mut visible = Vec::new();
    let mut offset = 0;
    // Read in batches and drop what the caller may not see, until the page is full.
    loop {
        let query = EntryQuery {
            live_id: id,
            limit: 500,
            offset,
            ..EntryQuery::default()
        };
        let batch = app.store.live_entries(&query).await?;
        let done = batch.len() < 500;
        visible.extend(
            batch
                .into_iter()
                .filter(|e| scope.is_none() || e.published || e.owner_id == scope),
        );
        offset += 500;
        if done || visible.len() >= wanted {
            break;
        }
    }
    let skip = usize::try_from(q.offset()).unwrap_or(0);
    let take = usize::try_from(q.limit()).unwrap_or(0);
    let out = visible.iter().skip(skip).take(take);
    Ok(Json(out.map(|e| entry_out(&app, &page, e)).collect()))
}

/// `POST /api/admin/live/{id}/entries` → 201 (409 on an archived page).
pub(super) async fn add_entry(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<EntryJson>,
) -> Result<(StatusCode, Json<EntryOut>), ApiError> {
    let workflows = app.workflows(Channel::Api);
    let page = workflows
        .live_page_for(id)
        .await
        .map_err(wf_error(&staff))?;
    let fresh = NewLiveEntry {
        published: policy::publishes_by_default(staff.actor()),
        ..NewLiveEntry::default()
    };
    let saved = workflows
        .add_live_entry(staff.actor(), id, body.apply(fresh))
        .await
        .map_err(wf_error(&staff))?;
    Ok((StatusCode::CREATED, Json(entry_out(&app, &page, &saved))))
}

/// The entry `entry` of live page `id`, as the caller may see it.
async fn entry_of(
    app: &AppState,
    staff: &ApiStaff,
    id: i64,
    entry: i64,
) -> Result<(LivePage, LiveEntry), ApiError> {
    let workflows = app.workflows(Channel::Api);
    let page = workflows.live_page_for(id).await.map_err(wf_error(staff))?;
    let found = workflows
        .live_entry_for(staff.actor(), entry)
        .await
        .map_err(wf_error(staff))?;
    if found.live_id != page.id {
        return Err(ApiError::NotFound);
    }
    Ok((page, found))
}

/// `PATCH /api/admin/live/{id}/entries/{entry}`.
pub(super) async fn update_entry(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path((id, entry)): Path<(i64, i64)>,
    JsonBody(body): JsonBody<EntryJson>,
) -> Result<Json<EntryOut>, ApiError> {
    let (page, existing) = entry_of(&app, &staff, id, entry).await?;
    let version = body.version;
    let current = NewLiveEntry {
        headline: existing.headline.clone(),
        body: existing.body_markdown.clone(),
        key_event: existing.key_event,
        pinned: existing.pinned,
        published: existing.published,
        authors: existing.authors.iter().map(|a| a.slug.clone()).collect(),
    };
    let saved = app
        .workflows(Channel::Api)
        .update_live_entry(staff.actor(), entry, body.apply(current), version)
        .await
        .map_err(wf_error(&staff))?;
    Ok(Json(entry_out(&app, &page, &saved)))
}

/// `DELETE /api/admin/live/{id}/entries/{entry}` → 204.
pub(super) async fn delete_entry(
    State(app): State<AppState>,
    staff: ApiStaff,
    Path((id, entry)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    entry_of(&app, &staff, id, entry).await?;
    app.workflows(Channel::Api)
        .delete_live_entry(staff.actor(), entry)
        .await
        .map_err(wf_error(&staff))?;
    Ok(StatusCode::NO_CONTENT)
}
