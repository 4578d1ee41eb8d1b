//! Staff administration (admins): roles, deactivation, invitations by email, audit log.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use byline_domain::staff::{Action, Role};
use byline_jobs::send_mail::MailJob;
use byline_store::{AuditEntry, OneTimeToken, StaffMember};
use chrono::{Duration, Utc};
use serde::Deserialize;

use super::{audit, Layout};
use crate::auth::csrf::CsrfForm;
use crate::auth::token::{hash_token, random_token};
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::{AppError, AppState};

const INVITE_HOURS: i64 = 72;

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
        layout: Layout::new("Staff", Some(&me)),
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

/// Creates an invitation and mails its link; used by the desk form.
pub async fn send_invite(
    app: &AppState,
    inviter: Option<&StaffMember>,
    email: &str,
    role: Role,
) -> Result<(), AppError> {
    let email =
        byline_mail::validate_address(email).map_err(|e| AppError::bad_request(e.to_string()))?;
    if app.store.staff_by_email(&email).await?.is_some() {
        return Err(AppError::Conflict(format!(
            "{email} already has a staff account."
        )));
    }
    let token = random_token();
    let now = Utc::now();
    let record = OneTimeToken {
        token_hash: hash_token(&token),
        purpose: "invite".into(),
        email: email.clone(),
        role: Some(role),
        staff_id: None,
        created_by: inviter.map(|s| s.id),
        created_at: now,
        expires_at: now + Duration::hours(INVITE_HOURS),
    };
    app.store.create_one_time_token(&record).await?;
    let site = app.store.settings().await?;
    let link = app.absolute(&format!("/desk/invite?token={token}"));
    // The invited person has no account, so no language of their own: the site's.
    let letter = byline_mail::letters::Invitation {
        site_name: &site.name,
        inviter: inviter.map(|s| s.name.as_str()),
        role,
        link: &link,
        hours: INVITE_HOURS,
    }
    .render(crate::newsletters::site_lang(&site.language))?;
    let mail = MailJob {
        to: email.clone(),
        subject: letter.subject,
        text: letter.text,
        html: Some(letter.html),
    };
    app.jobs
        .send_mail(&format!("invite:{}", record.token_hash), mail)
        .await?;
    Ok(())
}

pub(super) async fn invite(
    State(app): State<AppState>,
    form: CsrfForm<InviteForm>,
) -> Result<Response, AppError> {
    form.staff.require(Action::Administer)?;
    let role = Role::parse(&form.form.role)
        .ok_or_else(|| AppError::bad_request(format!("unknown role `{}`", form.form.role)))?;
    send_invite(&app, Some(&form.staff.staff), &form.form.email, role).await?;
    audit(
        &app,
        &form.staff.staff,
        "staff.invite",
        form.form.email.trim(),
        role.as_str(),
    )
    .await;
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
    form.staff.require(Action::Administer)?;
    let role = Role::parse(&form.form.role)
        .ok_or_else(|| AppError::bad_request(format!("unknown role `{}`", form.form.role)))?;
    if id == form.staff.staff.id && role != Role::Admin {
        return Err(AppError::bad_request(
            "You cannot remove your own admin role; ask another admin.",
        ));
    }
    let target = app.store.staff_by_id(id).await?.ok_or(AppError::NotFound)?;
    app.store.set_role(id, role).await?;
    audit(
        &app,
        &form.staff.staff,
        "staff.role",
        &target.email,
        role.as_str(),
    )
    .await;
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
    form.staff.require(Action::Administer)?;
    if id == form.staff.staff.id {
        return Err(AppError::bad_request(
            "You cannot deactivate your own account.",
        ));
    }
    let target = app.store.staff_by_id(id).await?.ok_or(AppError::NotFound)?;
    let active = form.form.active == "1";
    app.store.set_active(id, active).await?;
    audit(
        &app,
        &form.staff.staff,
        if active {
            "staff.reactivate"
        } else {
            "staff.deactivate"
        },
        &target.email,
        "",
    )
    .await;
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
        .map(|e| (TimeView::new(e.at, tz), e))
        .collect();
    let page_html = AuditTemplate {
        layout: Layout::new("Audit log", Some(&me)),
        entries,
        page,
        has_more,
    };
    Ok(Html(page_html.render()?).into_response())
}
