//! A live page's entries on the desk: the composer's post (JSON for the desk script, a
//! redirect for a plain form), the edit form with the version it was loaded at, delete,
//! and the key-event and pin buttons.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use byline_domain::{LiveEntry, LivePage, LiveStatus};
use serde::Deserialize;

use super::view::{resubmit, EntryForm, EntryRow, ENTRY_FIELDS};
use super::{load, page_desk, PageState};
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::desk::errors::app_error;
use crate::desk::live_forms::{self, FormErrors, SavedRow};
use crate::desk::Layout;
use crate::workflow::Channel;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "desk/live_entry_row.html")]
struct EntryRowTemplate {
    layout: Layout,
    row: EntryRow,
    archived: bool,
}

#[derive(Template)]
#[template(path = "desk/live_entry_edit.html")]
struct EntryEditTemplate {
    layout: Layout,
    live_id: i64,
    live_headline: String,
    entry_id: i64,
    published: bool,
    f: EntryForm,
    errors: FormErrors,
    author_hint: String,
    may_publish: bool,
}

fn desk_path(live_id: i64) -> String {
    format!("/desk/live/{live_id}")
}

fn saved_notice(staff: &DeskStaff, entry: &LiveEntry) -> String {
    let key = if entry.published {
        "desk-live-entry-notice-published"
    } else {
        "desk-live-entry-notice-draft"
    };
    staff.lang().t(key)
}

pub(in crate::desk) async fn add(
    State(app): State<AppState>,
    Path(live_id): Path<i64>,
    headers: HeaderMap,
    form: CsrfForm<EntryForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let json = live_forms::wants_json(&headers);
    let live = load(&app, live_id).await?;
    let f = form.form;
    match app
        .workflows(Channel::Desk)
        .add_live_entry(staff.actor(), live_id, f.to_new(f.publish(true)))
        .await
    {
        Ok(entry) => {
            let tz = app.chrome.get(app.store.as_ref()).await?.tz;
            let html = EntryRowTemplate {
                layout: Layout::new(String::new(), Some(staff)),
                row: EntryRow::new(&entry, tz, lang),
                archived: false,
            }
            .render()?;
            let row = SavedRow {
                id: entry.id,
                html,
                published: entry.published,
            };
            let notice = saved_notice(staff, &entry);
            Ok(live_forms::saved(json, &desk_path(live_id), &notice, row))
        }
        Err(e) => {
            let status = FormErrors::status(&e);
            let errors = FormErrors::from_workflow(e, lang, ENTRY_FIELDS)?;
            if json {
                return Ok(errors.to_json(status));
            }
            // The page as it is now (archived meanwhile, perhaps), with the text kept.
            let live = load(&app, live.id).await?;
            let state = PageState {
                entry_form: Some(f),
                entry_errors: errors,
                ..PageState::default()
            };
            page_desk(&app, staff, &live, state, status).await
        }
    }
}

/// The entry of live page `live_id` with this id that `staff` may see, and its page.
async fn load_entry(
    app: &AppState,
    staff: &DeskStaff,
    live_id: i64,
    entry_id: i64,
) -> Result<(LivePage, LiveEntry), AppError> {
    let live = load(app, live_id).await?;
    let entry = app
        .workflows(Channel::Desk)
        .live_entry_for(staff.actor(), entry_id)
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    if entry.live_id != live_id {
        return Err(AppError::NotFound);
    }
    Ok((live, entry))
}

async fn edit_page(
    app: &AppState,
    staff: &DeskStaff,
    (live, entry): (&LivePage, &LiveEntry),
    f: EntryForm,
    errors: FormErrors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = staff.lang();
    if live.status == LiveStatus::Archived {
        // Frozen: nothing to edit; the page's desk says why.
        return Err(AppError::Conflict(lang.t("desk-live-ended")));
    }
    let author_hint = app
        .store
        .authors()
        .await?
        .iter()
        .map(|a| a.slug.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let html = EntryEditTemplate {
        layout: Layout::new(lang.t("desk-live-entry-edit-title"), Some(staff))
            .error(errors.summary.clone()),
        live_id: live.id,
        live_headline: live.headline.clone(),
        entry_id: entry.id,
        published: entry.published,
        f,
        errors,
        author_hint,
        may_publish: staff
            .staff
            .role
            .may(byline_domain::staff::Action::PublishOwnArticle),
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

pub(in crate::desk) async fn edit_form(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path((live_id, entry_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (live, entry) = load_entry(&app, &staff, live_id, entry_id).await?;
    let f = EntryForm::from_entry(&entry);
    let ok = StatusCode::OK;
    edit_page(&app, &staff, (&live, &entry), f, FormErrors::default(), ok).await
}

pub(in crate::desk) async fn update(
    State(app): State<AppState>,
    Path((live_id, entry_id)): Path<(i64, i64)>,
    form: CsrfForm<EntryForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let (live, entry) = load_entry(&app, staff, live_id, entry_id).await?;
    let f = form.form;
    let new = f.to_new(f.publish(entry.published));
    match app
        .workflows(Channel::Desk)
        .update_live_entry(staff.actor(), entry_id, new, f.version)
        .await
    {
        Ok(saved) => {
            let notice = saved_notice(staff, &saved);
            Ok(live_forms::redirect_with_notice(
                &desk_path(live_id),
                &notice,
            ))
        }
        Err(e) => {
            let status = FormErrors::status(&e);
            let errors = FormErrors::from_workflow(e, lang, ENTRY_FIELDS)?;
            edit_page(&app, staff, (&live, &entry), f, errors, status).await
        }
    }
}

/// A form that carries only its CSRF token.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(in crate::desk) struct EmptyForm {}

pub(in crate::desk) async fn delete(
    State(app): State<AppState>,
    Path((live_id, entry_id)): Path<(i64, i64)>,
    form: CsrfForm<EmptyForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    load_entry(&app, staff, live_id, entry_id).await?;
    app.workflows(Channel::Desk)
        .delete_live_entry(staff.actor(), entry_id)
        .await
        .map_err(|e| app_error(e, lang))?;
    let notice = lang.t("desk-live-entry-notice-deleted");
    Ok(live_forms::redirect_with_notice(
        &desk_path(live_id),
        &notice,
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(in crate::desk) struct FlagForm {
    /// `key_event` or `pinned`.
    flag: String,
    /// The entry's version the button was shown at.
    version: Option<i64>,
}

/// Turns an entry's key-event mark or its pin on or off.
pub(in crate::desk) async fn flag(
    State(app): State<AppState>,
    Path((live_id, entry_id)): Path<(i64, i64)>,
    form: CsrfForm<FlagForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let (_, entry) = load_entry(&app, staff, live_id, entry_id).await?;
    let mut new = resubmit(&entry);
    let key = match form.form.flag.as_str() {
        "key_event" => {
            new.key_event = !new.key_event;
            if new.key_event {
                "desk-live-entry-notice-key"
            } else {
                "desk-live-entry-notice-unkey"
            }
        }
        "pinned" => {
            new.pinned = !new.pinned;
            if new.pinned {
                "desk-live-entry-notice-pinned"
            } else {
                "desk-live-entry-notice-unpinned"
            }
        }
        other => {
            return Err(AppError::bad_request(lang.t_s(
                "desk-live-flag-unknown",
                "value",
                other,
            )))
        }
    };
    app.workflows(Channel::Desk)
        .update_live_entry(staff.actor(), entry_id, new, form.form.version)
        .await
        .map_err(|e| app_error(e, lang))?;
    Ok(live_forms::redirect_with_notice(
        &desk_path(live_id),
        &lang.t(key),
    ))
}
