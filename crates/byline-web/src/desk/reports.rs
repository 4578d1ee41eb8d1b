//! Readers' error reports on the desk (editors and admins; others get the policy's 403):
//! `/desk/reports` lists them newest first, filtered by state and paged;
//! `/desk/reports/{id}` shows one (quote, comment, the article and the version the reader
//! read, linked to that revision, the reader's address if given, the history of state
//! changes) with the triage form, which posts to the same address and calls the
//! `triage_report` workflow.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use byline_domain::staff::Action;
use byline_domain::ReportState;
use byline_i18n::Lang;
use byline_store::{ErrorReport, ReportEvent};
use serde::Deserialize;

use super::live_forms::{self, FormErrors};
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::workflow::reports::Triage;
use crate::workflow::Channel;
use crate::{AppError, AppState};

/// Reports per page of the list.
const PAGE_SIZE: i64 = 25;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/desk/reports", get(list))
        .route("/desk/reports/{id}", get(show).post(triage))
}

/// The catalog key of a state's name.
fn state_key(state: ReportState) -> &'static str {
    match state {
        ReportState::New => "desk-report-state-new",
        ReportState::Accepted => "desk-report-state-accepted",
        ReportState::Rejected => "desk-report-state-rejected",
        ReportState::Fixed => "desk-report-state-fixed",
    }
}

/// The catalog key of the button (radio) that moves a report to a state.
fn move_key(state: ReportState) -> &'static str {
    match state {
        ReportState::New => "desk-report-move-new",
        ReportState::Accepted => "desk-report-move-accepted",
        ReportState::Rejected => "desk-report-move-rejected",
        ReportState::Fixed => "desk-report-move-fixed",
    }
}

/// One list row.
struct Row {
    id: i64,
    headline: String,
    excerpt: String,
    state: String,
    state_class: &'static str,
    time: TimeView,
}

/// A filter link over the list.
struct Filter {
    label: String,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "desk/reports.html")]
struct ListTemplate {
    layout: Layout,
    rows: Vec<Row>,
    filters: Vec<Filter>,
    total: i64,
    page: i64,
    pages: i64,
    base_query: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ListQuery {
    state: String,
    page: String,
    saved: String,
}

fn excerpt(report: &ErrorReport) -> String {
    let text = if report.quote.is_empty() {
        &report.comment
    } else {
        &report.quote
    };
    byline_domain::excerpt::excerpt(text, 120)
}

async fn list(
    State(app): State<AppState>,
    staff: DeskStaff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    staff.require(Action::TriageReports)?;
    let lang = staff.lang();
    let state = match q.state.as_str() {
        "" | "all" => None,
        name => Some(
            ReportState::parse(name)
                .ok_or_else(|| AppError::bad_request(lang.t("desk-reports-bad-filter")))?,
        ),
    };
    let page = live_forms::page_number(&q.page)?;
    let found = app
        .workflows(Channel::Desk)
        .error_reports(staff.actor(), state, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        .await
        .map_err(|e| super::errors::app_error(e, lang))?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let rows = found
        .reports
        .iter()
        .map(|r| Row {
            id: r.id,
            headline: r.article_headline.clone(),
            excerpt: excerpt(r),
            state: lang.t(state_key(r.state)),
            state_class: r.state.as_str(),
            time: TimeView::in_lang(r.created_at, tz, lang),
        })
        .collect();
    let mut filters = vec![Filter {
        label: lang.t("desk-reports-filter-all"),
        href: "/desk/reports".into(),
        current: state.is_none(),
    }];
    filters.extend(ReportState::ALL.into_iter().map(|s| Filter {
        label: lang.t(state_key(s)),
        href: format!("/desk/reports?state={s}"),
        current: state == Some(s),
    }));
    let html = ListTemplate {
        layout: Layout::new(lang.t("desk-reports-title"), Some(&staff)).notice(q.saved),
        rows,
        filters,
        total: found.total,
        page,
        pages: (found.total + PAGE_SIZE - 1) / PAGE_SIZE,
        base_query: format!(
            "/desk/reports?state={}",
            state.map_or("all", ReportState::as_str)
        ),
    }
    .render()?;
    Ok(Html(html).into_response())
}

/// One state change as the page shows it.
struct EventView {
    text: String,
    reply: String,
    time: TimeView,
}

/// A state the report may move to, as a radio button.
struct Choice {
    value: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "desk/report.html")]
struct ReportTemplate {
    layout: Layout,
    report: ErrorReport,
    state: String,
    received: TimeView,
    events: Vec<EventView>,
    choices: Vec<Choice>,
    form: TriageForm,
    errors: FormErrors,
    revision_href: String,
    article_href: String,
}

/// The triage form as posted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
struct TriageForm {
    /// The state the editor saw.
    from: String,
    /// The state chosen.
    to: String,
    reply: String,
}

fn event_text(e: &ReportEvent, lang: Lang) -> String {
    lang.t_args(
        "desk-report-event",
        &[
            ("who", e.staff_name.as_str().into()),
            ("from", lang.t(state_key(e.from)).into()),
            ("to", lang.t(state_key(e.to)).into()),
        ],
    )
}

async fn page(
    app: &AppState,
    staff: &DeskStaff,
    id: i64,
    form: Option<TriageForm>,
    errors: FormErrors,
    notice: &str,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = staff.lang();
    let (report, events) = app
        .workflows(Channel::Desk)
        .error_report(staff.actor(), id)
        .await
        .map_err(|e| super::errors::app_error(e, lang))?;
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let events = events
        .iter()
        .map(|e| EventView {
            text: event_text(e, lang),
            reply: e.reply.clone(),
            time: TimeView::in_lang(e.at, tz, lang),
        })
        .collect();
    let choices = report
        .state
        .next()
        .iter()
        .map(|s| Choice {
            value: s.as_str(),
            label: lang.t(move_key(*s)),
        })
        .collect();
    let html = ReportTemplate {
        layout: Layout::new(lang.t_n("desk-report-title", report.id), Some(staff))
            .notice(notice)
            .error(errors.summary.clone()),
        state: lang.t(state_key(report.state)),
        received: TimeView::in_lang(report.created_at, tz, lang),
        events,
        choices,
        form: form.unwrap_or_default(),
        errors,
        revision_href: format!(
            "/desk/articles/{}/revisions/{}",
            report.article_id, report.article_version
        ),
        article_href: format!("/articles/{}", report.article_slug),
        report,
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ShowQuery {
    saved: String,
}

async fn show(
    State(app): State<AppState>,
    staff: DeskStaff,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    staff.require(Action::TriageReports)?;
    page(
        &app,
        &staff,
        id,
        None,
        FormErrors::default(),
        &q.saved,
        StatusCode::OK,
    )
    .await
}

async fn triage(
    State(app): State<AppState>,
    Path(id): Path<i64>,
    form: CsrfForm<TriageForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let f = form.form;
    let triage = Triage {
        to: f.to.clone(),
        from: f.from.clone(),
        reply: f.reply.clone(),
    };
    match app
        .workflows(Channel::Desk)
        .triage_report(staff.actor(), id, triage)
        .await
    {
        Ok((report, _)) => {
            let notice = lang.t_s(
                "desk-report-moved",
                "state",
                &lang.t(state_key(report.state)),
            );
            Ok(live_forms::redirect_with_notice(
                &format!("/desk/reports/{id}"),
                &notice,
            ))
        }
        Err(e) => {
            let status = FormErrors::status(&e);
            if status == StatusCode::FORBIDDEN {
                return Err(super::errors::app_error(e, lang));
            }
            let errors = FormErrors::from_workflow(e, lang, &["state", "reply"])?;
            page(&app, staff, id, Some(f), errors, "", status).await
        }
    }
}
