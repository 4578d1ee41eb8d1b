//! Newsletters on the desk (editors): lists, campaigns with progress, sending, digests,
//! subscriber search, removal, CSV export and import with a per-line report.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use byline_domain::staff::Action;
use byline_store::{Campaign, NewNewsletter, Newsletter, Progress, SubscriberInfo};
use serde::Deserialize;

use super::{audit, Layout};
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::{AppError, AppState};

#[derive(Template)]
#[template(path = "desk/newsletters.html")]
struct NewslettersTemplate {
    layout: Layout,
    lists: Vec<Newsletter>,
    campaigns: Vec<(Campaign, Progress)>,
    subscribers: Vec<SubscriberInfo>,
    q: String,
    report: Vec<String>,
}

async fn page(
    app: &AppState,
    staff: &DeskStaff,
    q: String,
    report: Vec<String>,
    notice: &str,
) -> Result<Response, AppError> {
    let mut campaigns = Vec::new();
    for c in app.store.campaigns(20).await? {
        let progress = app.store.campaign_progress(c.id).await?;
        campaigns.push((c, progress));
    }
    let page = NewslettersTemplate {
        layout: Layout::new("Newsletters", Some(staff)).notice(notice),
        lists: app.store.newsletters().await?,
        campaigns,
        subscribers: app.store.subscribers(&q, 100, 0).await?,
        q,
        report,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct SearchQuery {
    q: String,
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: DeskStaff,
    Query(q): Query<SearchQuery>,
) -> Result<Response, AppError> {
    staff.require(Action::Curate)?;
    page(&app, &staff, q.q, Vec::new(), "").await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CampaignForm {
    list: String,
    subject: String,
    body: String,
    digest: Option<String>,
}

pub(super) async fn send(
    State(app): State<AppState>,
    form: CsrfForm<CampaignForm>,
) -> Result<Response, AppError> {
    form.staff.require(Action::Curate)?;
    let f = form.form;
    let subject = f.subject.trim();
    if subject.is_empty() || subject.contains(['\r', '\n']) {
        return Err(AppError::bad_request(
            "The subject must be one non-empty line.",
        ));
    }
    let body = if f.digest.is_some() && f.body.trim().is_empty() {
        crate::newsletters::digest_body(&app, &f.list).await?
    } else {
        f.body.clone()
    };
    if body.trim().is_empty() {
        return Err(AppError::bad_request(
            "Write a body, or tick “Automatic digest”.",
        ));
    }
    let campaign = app
        .store
        .create_campaign(&f.list, subject, &body, Some(form.staff.staff.id))
        .await?;
    let n = app
        .store
        .start_campaign(campaign.id, chrono::Utc::now())
        .await?;
    app.jobs.send_campaign(campaign.id).await?;
    audit(
        &app,
        &form.staff.staff,
        "campaign.send",
        &f.list,
        &format!("campaign {} to {n}", campaign.id),
    )
    .await;
    Ok(Redirect::to("/desk/newsletters").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ListForm {
    slug: String,
    name: String,
    description: String,
    sender_name: String,
    sender_address: String,
    position: i64,
}

/// Creates a list, or updates the one with this slug.
pub(super) async fn save_list(
    State(app): State<AppState>,
    form: CsrfForm<ListForm>,
) -> Result<Response, AppError> {
    form.staff.require(Action::Curate)?;
    let f = form.form;
    let list = NewNewsletter {
        slug: f.slug.trim().to_owned(),
        name: f.name,
        description: f.description,
        sender_name: f.sender_name,
        sender_address: f.sender_address,
        position: f.position,
    };
    crate::newsletters::check_sender(&list)
        .map_err(|(field, message)| AppError::bad_request(format!("{field}: {message}")))?;
    let saved = app.store.upsert_newsletter(&list).await?;
    audit(
        &app,
        &form.staff.staff,
        "newsletter.save",
        &saved.slug,
        &saved.name,
    )
    .await;
    page(
        &app,
        &form.staff,
        String::new(),
        Vec::new(),
        &format!("Saved “{}”.", saved.name),
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RemoveForm {
    email: String,
}

pub(super) async fn remove(
    State(app): State<AppState>,
    form: CsrfForm<RemoveForm>,
) -> Result<Response, AppError> {
    form.staff.require(Action::Curate)?;
    app.store.remove_subscriber(&form.form.email).await?;
    audit(
        &app,
        &form.staff.staff,
        "subscriber.remove",
        &form.form.email,
        "",
    )
    .await;
    Ok(Redirect::to("/desk/newsletters").into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ImportForm {
    list: String,
    csv: String,
}

pub(super) async fn import(
    State(app): State<AppState>,
    form: CsrfForm<ImportForm>,
) -> Result<Response, AppError> {
    form.staff.require(Action::Curate)?;
    let (imported, rejected) =
        crate::newsletters::import_csv(&app, &form.form.list, &form.form.csv).await?;
    let report = rejected
        .iter()
        .map(|r| format!("Line {}: “{}” rejected: {}", r.line, r.value, r.error))
        .collect::<Vec<_>>();
    audit(
        &app,
        &form.staff.staff,
        "subscriber.import",
        &form.form.list,
        &format!("{imported} imported, {} rejected", report.len()),
    )
    .await;
    page(
        &app,
        &form.staff,
        String::new(),
        report,
        &format!("{imported} addresses imported."),
    )
    .await
}

pub(super) async fn export(
    State(app): State<AppState>,
    staff: DeskStaff,
) -> Result<Response, AppError> {
    staff.require(Action::Curate)?;
    let csv = crate::newsletters::subscribers_csv(&app).await?;
    audit(&app, &staff.staff, "subscriber.export", "", "").await;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"subscribers.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}
