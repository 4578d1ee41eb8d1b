//! Staff administration (admins): roles, deactivation, invitations by email (through the
//! staff workflows), and the audit log.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use byline_domain::staff::Action;
use byline_store::{AuditEntry, StaffMember};
use serde::Deserialize;

use super::errors::app_error;
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::workflow::staff::{parse_role, INVITE_HOURS};
use crate::workflow::Channel;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "desk/staff.html")]
struct StaffTemplate {
    layout: Layout,
    staff: Vec<StaffMember>,
    roles: [&'static str; 4],
    invite_hours: i64,
}

const ROLES: [&str; 4] = ["contributor", "author", "editor", "admin"];

pub(super) async fn list(State(app): State<AppState>, me: DeskStaff) -> Result<Response, AppError> {
    me.require(Action::Administer)?;
    let page = StaffTemplate {
        layout: Layout::new(me.lang().t("wf-page-staff"), Some(&me)),
        staff: app.store.list_staff().await?,
        roles: ROLES,
        invite_hours: INVITE_HOURS,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct InviteForm {
    email: String,
    role: String,
}

pub(super) async fn invite(
    State(app): State<AppState>,
    form: CsrfForm<InviteForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    staff.require(Action::Administer)?;
    let role = parse_role(&form.form.role).map_err(|e| app_error(e, lang))?;
    app.workflows(Channel::Desk)
        .invite_staff(staff.actor(), &form.form.email, role)
        .await
        .map_err(|e| app_error(e, lang))?;
    Ok(Redirect::to("/desk/staff").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RoleForm {
    role: String,
}

pub(super) async fn change_role(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<RoleForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    staff.require(Action::Administer)?;
    let role = parse_role(&form.form.role).map_err(|e| app_error(e, lang))?;
    app.workflows(Channel::Desk)
        .change_role(staff.actor(), id, role)
        .await
        .map_err(|e| app_error(e, lang))?;
    Ok(Redirect::to("/desk/staff").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ActiveForm {
    active: String,
}

pub(super) async fn set_active(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<ActiveForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    app.workflows(Channel::Desk)
        .set_staff_active(staff.actor(), id, form.form.active == "1")
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    Ok(Redirect::to("/desk/staff").into_response())
}

#[derive(Template)]
#[template(path = "desk/audit.html")]
struct AuditTemplate {
    layout: Layout,
    entries: Vec<(TimeView, AuditEntry)>,
    page: i64,
    has_more: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct PageQuery {
    page: Option<String>,
}

pub(super) async fn audit_log(
    State(app): State<AppState>,
    me: DeskStaff,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    me.require(Action::Administer)?;
    let page = crate::site::parse_page(q.page.as_deref())?;
    const PER_PAGE: i64 = 100;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let mut entries = app
        .store
        .audit_log(PER_PAGE + 1, (page - 1) * PER_PAGE)
        .await?;
    let has_more = entries.len() as i64 > PER_PAGE;
    entries.truncate(usize::try_from(PER_PAGE).unwrap_or(100));
    let entries = entries
        .into_iter()
        .map(|e| (TimeView::in_lang(e.at, tz, me.lang()), e))
        .collect();
    let page_html = AuditTemplate {
        layout: Layout::new(me.lang().t("wf-page-audit"), Some(&me)),
        entries,
        page,
        has_more,
    };
    Ok(Html(page_html.render()?).into_response())
}
