//! Live pages on the desk: `/desk/live` lists them (live and archived) with a create
//! form; `/desk/live/{id}` is one page's desk: its headline and key-points summary, an
//! entry composer on top (posted with the desk script's `fetch` and shown without a
//! reload, or as a plain form), the entries below with edit, delete, key event and pin,
//! Archive and Reopen, and a link to the public page. An archived page is read-only.
//! Every write goes through the live-coverage workflows.

mod entries;
mod pages;
mod view;

pub(super) use entries::{add as add_entry, delete as delete_entry, edit_form as edit_entry};
pub(super) use entries::{flag as flag_entry, update as update_entry};
pub(super) use pages::{create, list, set_status, show, update};

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use byline_domain::staff::Action;
use byline_domain::{LiveEntry, LivePage, LiveStatus};
use byline_store::EntryQuery;

use super::live_forms::FormErrors;
use super::Layout;
use crate::auth::DeskStaff;
use crate::workflow::policy::{self, LiveItemState};
use crate::{AppError, AppState};
use view::{EntryForm, EntryRow, LivePageForm};

/// Entries per page of a live page's desk stream.
const ENTRIES_PER_PAGE: i64 = 30;

#[derive(Template)]
#[template(path = "desk/live_page.html")]
struct LivePageTemplate {
    layout: Layout,
    id: i64,
    headline: String,
    slug: String,
    archived: bool,
    page_form: LivePageForm,
    page_errors: FormErrors,
    entry_form: EntryForm,
    entry_errors: FormErrors,
    entries: Vec<EntryRow>,
    key_events: i64,
    page: i64,
    pages: i64,
    author_hint: String,
    editions: crate::desk::live_forms::EditionChoices,
    may_publish: bool,
}

/// What one live page's desk shows besides the stored page: the forms as submitted (or
/// fresh) and their errors.
#[derive(Default)]
struct PageState {
    page_form: Option<LivePageForm>,
    page_errors: FormErrors,
    entry_form: Option<EntryForm>,
    entry_errors: FormErrors,
    page: i64,
    notice: String,
}

/// Whether `staff` sees `entry` (another writer's draft is not found): the workflows' policy.
fn entry_visible(staff: &DeskStaff, entry: &LiveEntry) -> bool {
    let state = LiveItemState {
        owner_id: entry.owner_id,
        published: entry.published,
    };
    policy::check_view_live_item(staff.actor(), state).is_ok()
}

/// The live page with this id, or 404.
async fn load(app: &AppState, id: i64) -> Result<LivePage, AppError> {
    app.workflows(crate::workflow::Channel::Desk)
        .live_page_for(id)
        .await
        .map_err(|e| super::errors::app_error(e, byline_i18n::Lang::default()))
}

/// Renders one live page's desk.
async fn page_desk(
    app: &AppState,
    staff: &DeskStaff,
    live: &LivePage,
    state: PageState,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = staff.lang();
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let page = state.page.max(1);
    let query = EntryQuery {
        live_id: live.id,
        limit: ENTRIES_PER_PAGE,
        offset: (page - 1) * ENTRIES_PER_PAGE,
        ..EntryQuery::default()
    };
    let total = app.store.count_live_entries(&query).await?;
    let stored = app.store.live_entries(&query).await?;
    let key_events = app
        .store
        .count_live_entries(&EntryQuery {
            key_events_only: true,
            ..query.clone()
        })
        .await?;
    // The writer's bylines of their last entry here are filled in.
    let last_bylines = stored
        .iter()
        .find(|e| e.owner_id == Some(staff.staff.id))
        .map(|e| super::live_forms::bylines_field(&e.authors))
        .unwrap_or_default();
    let author_hint = app
        .store
        .authors()
        .await?
        .iter()
        .map(|a| a.slug.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut error = state.page_errors.summary.clone();
    if error.is_empty() {
        error = state.entry_errors.summary.clone();
    }
    let title = lang.t_s("desk-live-page-title", "headline", &live.headline);
    let html = LivePageTemplate {
        layout: Layout::new(title, Some(staff))
            .notice(state.notice)
            .error(error),
        id: live.id,
        headline: live.headline.clone(),
        slug: live.slug.clone(),
        archived: live.status == LiveStatus::Archived,
        page_form: state
            .page_form
            .unwrap_or_else(|| LivePageForm::from_page(live)),
        page_errors: state.page_errors,
        editions: crate::desk::live_forms::EditionChoices::load(app).await?,
        entry_form: state.entry_form.unwrap_or_else(|| EntryForm {
            authors: last_bylines,
            ..EntryForm::default()
        }),
        entry_errors: state.entry_errors,
        entries: stored
            .iter()
            .filter(|e| entry_visible(staff, e))
            .map(|e| EntryRow::new(e, tz, lang))
            .collect(),
        key_events,
        page,
        pages: ((total + ENTRIES_PER_PAGE - 1) / ENTRIES_PER_PAGE).max(1),
        author_hint,
        may_publish: staff.staff.role.may(Action::PublishOwnArticle),
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}
