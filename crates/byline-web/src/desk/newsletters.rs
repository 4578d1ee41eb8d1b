//! Newsletters on the desk (editors): lists, campaigns with progress, sending, digests,
//! subscriber search, removal, CSV export and import with a per-line report. Each form
//! calls its workflow (`crate::workflow::{newsletters, subscribers}`).

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use byline_domain::staff::Action;
use byline_store::{Campaign, NewNewsletter, Newsletter, Progress, SubscriberInfo, WriteMode};
use serde::Deserialize;

use super::errors::app_error;
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::workflow::newsletters::CampaignInput;
use crate::workflow::Channel;
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
    editions: crate::desk::live_forms::EditionChoices,
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
        layout: Layout::new(staff.lang().t("wf-page-newsletters"), Some(staff)).notice(notice),
        lists: app.store.newsletters().await?,
        campaigns,
        subscribers: app.store.subscribers(&q, 100, 0).await?,
        q,
        report,
        editions: crate::desk::live_forms::EditionChoices::load(app).await?,
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

/// Writes a campaign and sends it now (the API can also schedule).
pub(super) async fn send(
    State(app): State<AppState>,
    form: CsrfForm<CampaignForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let f = form.form;
    let flows = app.workflows(Channel::Desk);
    let input = CampaignInput {
        list: f.list,
        subject: f.subject,
        body: f.body,
        digest: f.digest.is_some(),
    };
    let campaign = flows
        .create_campaign(staff.actor(), input)
        .await
        .map_err(|e| app_error(e, lang))?;
    flows
        .send_campaign(staff.actor(), campaign.id, None)
        .await
        .map_err(|e| app_error(e, lang))?;
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
    /// The edition's code (the select shows when the outlet has several).
    edition: String,
    /// "update" from an existing list's form; the new-list form creates (a taken slug is refused).
    mode: String,
}

/// Creates a list (a taken slug is refused, never overwritten), or updates an existing one.
pub(super) async fn save_list(
    State(app): State<AppState>,
    form: CsrfForm<ListForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let f = form.form;
    let mode = if f.mode == "update" {
        WriteMode::Update
    } else {
        WriteMode::Create
    };
    let list = NewNewsletter {
        slug: f.slug,
        name: f.name,
        description: f.description,
        sender_name: f.sender_name,
        sender_address: f.sender_address,
        position: f.position,
        edition: f.edition,
    };
    let saved = app
        .workflows(Channel::Desk)
        .save_newsletter(staff.actor(), list, mode)
        .await
        .map_err(|e| app_error(e, lang))?;
    let notice = lang.t_s("wf-notice-list-saved", "name", &saved.name);
    page(&app, staff, String::new(), Vec::new(), &notice).await
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
    app.workflows(Channel::Desk)
        .remove_subscriber(form.staff.actor(), &form.form.email)
        .await
        .map_err(|e| app_error(e, form.staff.lang()))?;
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
    let staff = &form.staff;
    let lang = staff.lang();
    let report = app
        .workflows(Channel::Desk)
        .import_subscribers(staff.actor(), &form.form.list, &form.form.csv)
        .await
        .map_err(|e| app_error(e, lang))?;
    let lines = report
        .rejected
        .iter()
        .map(|r| r.message().render(lang))
        .collect::<Vec<_>>();
    let notice = lang.t_n("wf-notice-imported", report.imported);
    page(&app, staff, String::new(), lines, &notice).await
}

pub(super) async fn export(
    State(app): State<AppState>,
    staff: DeskStaff,
) -> Result<Response, AppError> {
    let csv = app
        .workflows(Channel::Desk)
        .export_subscribers(staff.actor())
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
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
