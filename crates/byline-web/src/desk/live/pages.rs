//! The live pages themselves: the list with its create form, one page's desk, its
//! headline-and-summary form, and Archive / Reopen.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use byline_domain::staff::Action;
use byline_domain::LiveStatus;
use serde::Deserialize;

use super::view::{LivePageForm, LiveRow, PAGE_FIELDS};
use super::{load, page_desk, PageState};
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::desk::errors::app_error;
use crate::desk::live_forms::EditionChoices;
use crate::desk::live_forms::{self, FormErrors};
use crate::desk::Layout;
use crate::workflow::Channel;
use crate::{AppError, AppState};

/// Live pages per page of the list.
const PER_PAGE: i64 = 30;

#[derive(Template)]
#[template(path = "desk/live_list.html")]
struct LiveListTemplate {
    layout: Layout,
    rows: Vec<LiveRow>,
    f: LivePageForm,
    errors: FormErrors,
    editions: EditionChoices,
    page: i64,
    more: bool,
}

async fn list_page(
    app: &AppState,
    staff: &DeskStaff,
    f: LivePageForm,
    errors: FormErrors,
    page: i64,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = staff.lang();
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    // One more than a page tells whether there is an older page.
    let mut pages = app
        .store
        .live_pages(None, None, PER_PAGE + 1, (page - 1) * PER_PAGE)
        .await?;
    let more = pages.len() as i64 > PER_PAGE;
    pages.truncate(PER_PAGE as usize);
    let layout =
        Layout::new(lang.t("desk-live-list-title"), Some(staff)).error(errors.summary.clone());
    let html = LiveListTemplate {
        layout,
        rows: pages.iter().map(|p| LiveRow::new(p, tz, lang)).collect(),
        f,
        errors,
        editions: EditionChoices::load(app).await?,
        page,
        more,
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(in crate::desk) struct ListQuery {
    page: String,
    saved: String,
}

pub(in crate::desk) async fn list(
    State(app): State<AppState>,
    staff: DeskStaff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    staff.require(Action::UseDesk)?;
    let page = live_forms::page_number(&q.page)?;
    let f = LivePageForm::default();
    list_page(&app, &staff, f, FormErrors::default(), page, StatusCode::OK).await
}

pub(in crate::desk) async fn create(
    State(app): State<AppState>,
    form: CsrfForm<LivePageForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    match app
        .workflows(Channel::Desk)
        .create_live_page(staff.actor(), form.form.to_new())
        .await
    {
        Ok(page) => {
            let notice = lang.t_s("desk-live-notice-created", "headline", &page.headline);
            let back = format!("/desk/live/{}", page.id);
            Ok(live_forms::redirect_with_notice(&back, &notice))
        }
        Err(e) => {
            let status = FormErrors::status(&e);
            let errors = FormErrors::from_workflow(e, lang, PAGE_FIELDS)?;
            list_page(&app, staff, form.form, errors, 1, status).await
        }
    }
}

pub(in crate::desk) async fn show(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(id): Path<i64>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    staff.require(Action::UseDesk)?;
    let live = load(&app, id).await?;
    let state = PageState {
        page: live_forms::page_number(&q.page)?,
        notice: q.saved,
        ..PageState::default()
    };
    page_desk(&app, &staff, &live, state, StatusCode::OK).await
}

pub(in crate::desk) async fn update(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<LivePageForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let live = load(&app, id).await?;
    // The address stays: readers and search engines already have it.
    let new = byline_domain::NewLivePage {
        slug: live.slug.clone(),
        ..form.form.to_new()
    };
    match app
        .workflows(Channel::Desk)
        .update_live_page(staff.actor(), id, new, form.form.version)
        .await
    {
        Ok(page) => {
            let notice = lang.t_s("desk-live-notice-page-saved", "headline", &page.headline);
            Ok(live_forms::redirect_with_notice(
                &format!("/desk/live/{id}"),
                &notice,
            ))
        }
        Err(e) => {
            let status = FormErrors::status(&e);
            let state = PageState {
                page_errors: FormErrors::from_workflow(e, lang, PAGE_FIELDS)?,
                page_form: Some(form.form),
                ..PageState::default()
            };
            page_desk(&app, staff, &live, state, status).await
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(in crate::desk) struct StatusForm {
    /// `archived` or `live`.
    status: String,
}

pub(in crate::desk) async fn set_status(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let status = LiveStatus::parse(&form.form.status).ok_or_else(|| {
        AppError::bad_request(lang.t_s("desk-live-status-unknown", "value", &form.form.status))
    })?;
    let page = app
        .workflows(Channel::Desk)
        .set_live_status(staff.actor(), id, status)
        .await
        .map_err(|e| app_error(e, lang))?;
    let key = match page.status {
        LiveStatus::Archived => "desk-live-notice-archived",
        LiveStatus::Live => "desk-live-notice-reopened",
    };
    let notice = lang.t_s(key, "headline", &page.headline);
    Ok(live_forms::redirect_with_notice(
        &format!("/desk/live/{id}"),
        &notice,
    ))
}
