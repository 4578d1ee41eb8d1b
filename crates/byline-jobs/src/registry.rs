//! Every job this version runs, in one list ([`registry`]), and dispatch by kind through it.
//! Adding a job is a file beside this one (a type implementing [`Job`]) and one line in
//! [`registry`]; if it has settings, a field in [`JobSettings`].

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use serde::Deserialize;

use crate::archive_idle_live::{ArchiveIdleLive, ArchiveSettings};
use crate::banner_edge::BannerEdge;
use crate::erase_report_emails::EraseReportEmails;
use crate::job::{Job, JobContext, Outcome};
use crate::narrate_article::NarrateArticle;
use crate::publish_scheduled::PublishScheduled;
use crate::send_campaign::{CampaignSettings, SendCampaign};
use crate::send_mail::SendMail;

/// The settings of the jobs that have any, from the configuration.
#[derive(Debug, Clone, Default)]
pub struct JobSettings {
    pub send_campaign: CampaignSettings,
    /// When idle live pages archive themselves (`live_archive_after_hours`).
    pub archive_idle_live: ArchiveSettings,
    /// This node's narrator (shared with the desk's recording uploads, so both count
    /// against one `narration_concurrency`); off by default.
    pub narrator: std::sync::Arc<byline_audio::Narrator>,
}

/// The list: every job kind this version knows.
pub fn registry(settings: &JobSettings) -> Registry {
    Registry::default()
        .with(PublishScheduled)
        .with(SendMail)
        .with(SendCampaign::new(settings.send_campaign.clone()))
        .with(ArchiveIdleLive::new(settings.archive_idle_live))
        .with(BannerEdge)
        .with(EraseReportEmails)
        .with(NarrateArticle::new(std::sync::Arc::clone(
            &settings.narrator,
        )))
}

type Run<'a> = Pin<Box<dyn Future<Output = Outcome> + Send + 'a>>;

/// A job with its payload type erased, so jobs of every kind sit in one map.
trait Handler: Send + Sync {
    fn run<'a>(&'a self, ctx: &'a JobContext, payload: &'a serde_json::Value) -> Run<'a>;
}

struct Typed<J>(J);

impl<J: Job> Handler for Typed<J> {
    fn run<'a>(&'a self, ctx: &'a JobContext, payload: &'a serde_json::Value) -> Run<'a> {
        Box::pin(async move {
            match J::Payload::deserialize(payload) {
                Ok(payload) => self.0.run(ctx, payload).await,
                // Retrying cannot make the row readable.
                Err(e) => Outcome::Fatal(format!("unreadable {} payload: {e}", J::KIND)),
            }
        })
    }
}

/// Job handlers by kind.
#[derive(Default)]
pub struct Registry {
    handlers: BTreeMap<&'static str, Box<dyn Handler>>,
    /// Kinds registered more than once (a mistake the test of [`registry`] catches).
    duplicates: Vec<&'static str>,
}

impl Registry {
    /// Adds `job` under its kind. A kind registered twice keeps the first handler (and
    /// the test of [`registry`] fails).
    #[must_use]
    pub fn with<J: Job>(mut self, job: J) -> Self {
        if self.handlers.contains_key(J::KIND) {
            self.duplicates.push(J::KIND);
        } else {
            self.handlers.insert(J::KIND, Box::new(Typed(job)));
        }
        self
    }

    /// The kinds this registry runs, for claiming only those.
    pub fn kinds(&self) -> Vec<&'static str> {
        self.handlers.keys().copied().collect()
    }

    /// Runs a job of `kind`; `None` when no job of that kind is registered.
    pub async fn run(
        &self,
        kind: &str,
        ctx: &JobContext,
        payload: &serde_json::Value,
    ) -> Option<Outcome> {
        let handler = self.handlers.get(kind)?;
        Some(handler.run(ctx, payload).await)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_job_is_listed_once_under_its_kind() {
        let registry = registry(&JobSettings::default());
        assert_eq!(registry.duplicates, Vec::<&str>::new());
        let kinds = registry.kinds();
        assert_eq!(
            kinds,
            vec![
                crate::archive_idle_live::ArchiveIdleLive::KIND,
                crate::banner_edge::BannerEdge::KIND,
                crate::erase_report_emails::EraseReportEmails::KIND,
                crate::narrate_article::NarrateArticle::KIND,
                crate::publish_scheduled::PublishScheduled::KIND,
                crate::send_campaign::SendCampaign::KIND,
                crate::send_mail::SendMail::KIND,
            ]
        );
        assert_eq!(
            kinds,
            [
                "archive_idle_live",
                "banner_edge",
                "erase_report_emails",
                "narrate_article",
                "publish_scheduled",
                "send_campaign",
                "send_mail"
            ]
        );
    }
}
