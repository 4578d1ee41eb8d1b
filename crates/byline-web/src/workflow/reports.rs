//! Triage of readers' error reports: editors and admins list them, read one with its
//! history, and move it through its states (`byline_domain::ReportState`: new → accepted
//! or rejected, accepted → fixed or rejected, rejected → accepted), optionally replying
//! to the reader by mail. Contributors and authors are refused (403).
//!
//! A move names the state the editor saw (`from`); a report triaged by someone else
//! meanwhile is a conflict, and a state the table does not allow (or no state at all) is
//! a field error: nothing is stored. The reply goes through the job queue as one
//! `send_mail` keyed by the move's event id, so a retried job sends no second mail; it is
//! only possible when the reader gave an address. Closing a report (rejected or fixed)
//! enqueues the erasure of that address `KEEP_DAYS` later. Audited as `report.accept`,
//! `report.reject`, `report.fix`.

use byline_domain::reports::MAX_REPLY;
use byline_domain::staff::Action;
use byline_domain::ReportState;
use byline_jobs::erase_report_emails::{EraseReportEmails, ReportErasure, KEEP_DAYS};
use byline_jobs::send_mail::{KeyedMail, MailJob, SendMail};
use byline_store::{ErrorReport, ReportEvent, ReportMove, ReportQuery, StoreError};
use chrono::{Duration, Utc};

use super::error::{FieldError, Message, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// Reports per desk page and API page at most.
pub const MAX_PAGE: i64 = 100;

/// The audit target of a report.
pub fn report_target(id: i64) -> String {
    format!("report:{id}")
}

/// The catalog key naming a report field in messages.
pub fn field_label(field: &str) -> Option<&'static str> {
    match field {
        "state" => Some("wf-report-field-state"),
        "reply" => Some("wf-report-field-reply"),
        _ => None,
    }
}

/// A state change as the desk form or the API sends it (raw, checked here).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Triage {
    /// The new state's name (`accepted`, `rejected`, `fixed`).
    pub to: String,
    /// The state the editor saw; empty means "whatever it is now".
    pub from: String,
    /// Text mailed to the reader; empty for no mail.
    pub reply: String,
}

/// One page of reports and the total in that filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportPage {
    pub reports: Vec<ErrorReport>,
    pub total: i64,
}

fn state_field(key: &'static str) -> WorkflowError {
    WorkflowError::field(FieldError::new("state", key))
}

/// The audit action of a move to `to`.
fn audit_action(to: ReportState) -> &'static str {
    match to {
        ReportState::Accepted => "report.accept",
        ReportState::Rejected => "report.reject",
        ReportState::Fixed => "report.fix",
        ReportState::New => "report.reopen",
    }
}

impl Workflows<'_> {
    /// Reports newest first, in `state` or all.
    pub async fn error_reports(
        &self,
        actor: Actor<'_>,
        state: Option<ReportState>,
        limit: i64,
        offset: i64,
    ) -> WorkflowResult<ReportPage> {
        policy::require(actor, Action::TriageReports)?;
        let reports = self
            .store
            .error_reports(&ReportQuery {
                state,
                limit: limit.clamp(1, MAX_PAGE),
                offset: offset.max(0),
            })
            .await?;
        let total = self.store.count_error_reports(state).await?;
        Ok(ReportPage { reports, total })
    }

    /// One report and its state changes, oldest first.
    pub async fn error_report(
        &self,
        actor: Actor<'_>,
        id: i64,
    ) -> WorkflowResult<(ErrorReport, Vec<ReportEvent>)> {
        policy::require(actor, Action::TriageReports)?;
        let report = self
            .store
            .error_report(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        let events = self.store.report_events(id).await?;
        Ok((report, events))
    }

    /// Open reports (new and accepted), for the desk's navigation; 0 for roles that do
    /// not triage.
    pub async fn open_report_count(&self, actor: Actor<'_>) -> WorkflowResult<i64> {
        if !actor.may(Action::TriageReports) {
            return Ok(0);
        }
        Ok(self.store.open_report_count().await?)
    }

    /// Moves a report to `triage.to`, mailing `triage.reply` to the reader if given.
    pub async fn triage_report(
        &self,
        actor: Actor<'_>,
        id: i64,
        triage: Triage,
    ) -> WorkflowResult<(ErrorReport, ReportEvent)> {
        policy::require(actor, Action::TriageReports)?;
        let to = match triage.to.trim() {
            "" => return Err(state_field("wf-report-state-missing")),
            name => {
                ReportState::parse(name).ok_or_else(|| state_field("wf-report-state-unknown"))?
            }
        };
        let report = self
            .store
            .error_report(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        let from = match triage.from.trim() {
            "" => report.state,
            name => {
                ReportState::parse(name).ok_or_else(|| state_field("wf-report-state-unknown"))?
            }
        };
        if from != report.state {
            return Err(WorkflowError::Conflict(Message::new("wf-report-stale")));
        }
        if !from.may_become(to) {
            return Err(WorkflowError::field(
                FieldError::new("state", "wf-report-transition")
                    .text("from", from.as_str())
                    .text("to", to.as_str()),
            ));
        }
        let reply = triage.reply.trim().replace("\r\n", "\n");
        if reply.chars().count() > MAX_REPLY {
            return Err(WorkflowError::field(
                FieldError::new("reply", "wf-too-long").num("max", MAX_REPLY),
            ));
        }
        if !reply.is_empty() && report.email.is_none() {
            return Err(WorkflowError::field(FieldError::new(
                "reply",
                "wf-report-no-address",
            )));
        }
        let now = Utc::now();
        let event = self
            .store
            .move_report(
                id,
                &ReportMove {
                    from,
                    to,
                    staff_id: actor.staff_id(),
                    staff_name: actor.name(),
                    reply: reply.clone(),
                    at: now,
                },
            )
            .await
            .map_err(|e| match e {
                StoreError::Conflict(_) => WorkflowError::Conflict(Message::new("wf-report-stale")),
                other => other.into(),
            })?;
        if let (false, Some(email)) = (reply.is_empty(), report.email.as_deref()) {
            self.mail_reply(&report, email, &reply, event.id).await?;
        }
        if !to.is_open() {
            let due = now + Duration::days(KEEP_DAYS) + Duration::minutes(1);
            let erasure = ReportErasure {
                report_id: Some(id),
            };
            self.enqueue::<EraseReportEmails>(&erasure, due).await?;
        }
        let detail = format!(
            "{from} -> {to}{}",
            if reply.is_empty() {
                ""
            } else {
                ", reply mailed"
            }
        );
        self.audit(actor, audit_action(to), &report_target(id), &detail)
            .await;
        let report = self
            .store
            .error_report(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        Ok((report, event))
    }

    /// Queues the reply mail, in the site's language, keyed by the event (one mail per move).
    async fn mail_reply(
        &self,
        report: &ErrorReport,
        email: &str,
        reply: &str,
        event_id: i64,
    ) -> WorkflowResult<()> {
        let site = self.store.settings().await?;
        let link = self.absolute(&format!("/articles/{}", report.article_slug));
        let letter = byline_mail::letters::ReportReply {
            site_name: &site.name,
            headline: &report.article_headline,
            link: &link,
            quote: &report.quote,
            reply,
            keep_days: KEEP_DAYS,
        }
        .render(crate::chrome::site_lang(&site))
        .map_err(|e| WorkflowError::Internal(e.to_string()))?;
        let keyed = KeyedMail {
            key: format!("report-reply:{event_id}"),
            mail: MailJob {
                to: email.to_owned(),
                subject: letter.subject,
                text: letter.text,
                html: Some(letter.html),
            },
        };
        self.enqueue::<SendMail>(&keyed, Utc::now()).await
    }
}
