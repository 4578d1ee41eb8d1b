//! The workflow layer: every staff action, once. The desk handlers, the Admin API handlers
//! and the CLI commands parse their input, call one function here and render its answer;
//! none of them saves, schedules, sends or imports on its own.
//!
//! A workflow is an `async fn` on [`Workflows`] taking the [`Actor`] and the parsed input.
//! It runs the same steps in the same order on every path:
//!
//! 1. **check the role policy** ([`policy`]: a refusal is the same 403 everywhere, and a
//!    refused actor learns nothing about their input),
//! 2. **validate** the input (the same limits everywhere; errors are catalog keys, see
//!    [`error`]),
//! 3. **write through the store** (each write is one store call in one transaction; a
//!    save that also places an article on the front page makes a second one),
//! 4. **enqueue jobs** (scheduled publishing, campaign sends, invitation mail),
//! 5. **append the audit entry** ([`audit`]: actor, action, target, and the channel)
//!    once the write has committed (a failure to audit is logged; the write stands).
//!
//! Nothing here knows HTTP: a workflow needs only the store, the job queue and a few
//! limits, so the CLI runs it without a server. It is a module of `byline-web` rather than
//! a crate of its own because it shares the editor's field parsing and the password and
//! token helpers with the web layer; it imports nothing from axum.
//!
//! Adding a workflow is adding a method in the file of its capability (articles, curation,
//! taxonomy, media, newsletters, subscribers, staff, tokens, settings, live coverage, audio), its
//! messages to `workflow.ftl` (`live-workflow.ftl` for live coverage) in every language,
//! and its action to the audit tests.

pub mod articles;
pub mod audio;
pub mod audit;
pub mod corrections;
pub mod curation;
pub mod editions;
pub mod error;
pub mod live;
pub mod live_banner;
pub mod live_feed;
pub mod live_input;
pub mod media;
pub mod newsletters;
pub mod policy;
pub mod related;
pub mod reports;
pub mod settings;
pub mod staff;
pub mod subscribers;
pub mod taxonomy;
pub mod tokens;
pub mod translations;

use byline_i18n::Lang;
use byline_jobs::Jobs;
use byline_store::{StaffMember, Store};

pub use audit::Channel;
pub use error::{FieldError, Message, WorkflowError, WorkflowResult};
pub use policy::Actor;

/// What workflows work with: the store, the job queue, and the limits from configuration.
#[derive(Clone, Copy)]
pub struct Workflows<'a> {
    pub store: &'a dyn Store,
    /// The server's queue (wakes its worker); without one (the CLI) jobs are written to
    /// the queue table and a running server picks them up.
    pub jobs: Option<&'a Jobs>,
    /// Public origin for links in mail (invitations), without a trailing slash.
    pub base_url: &'a str,
    /// Most tags one article may carry.
    pub max_tags: usize,
    /// Hours without a new entry after which a live page archives itself (0: never).
    pub live_archive_after_hours: u32,
    /// Which door the calls come through (kept in the audit log).
    pub channel: Channel,
    /// Signs revisions as they become public (None: this process holds no key directory;
    /// the first render of the page signs it).
    pub signer: Option<&'a byline_jobs::Signer>,
}

impl<'a> Workflows<'a> {
    pub fn new(store: &'a dyn Store, base_url: &'a str, channel: Channel) -> Self {
        Self {
            store,
            jobs: None,
            base_url,
            max_tags: crate::WebConfig::default().max_tags,
            live_archive_after_hours: crate::WebConfig::default().live_archive_after_hours,
            channel,
            signer: None,
        }
    }

    /// Enqueues a typed job (deduplicated by its key) through the one queue, waking
    /// this node's worker when there is one.
    pub(crate) async fn enqueue<J: byline_jobs::Job>(
        &self,
        payload: &J::Payload,
        run_at: chrono::DateTime<chrono::Utc>,
    ) -> WorkflowResult<()> {
        match self.jobs {
            Some(jobs) => jobs.enqueue::<J>(payload, run_at).await?,
            None => byline_jobs::enqueue::<J>(self.store, payload, run_at).await?,
        };
        Ok(())
    }

    /// An absolute URL for a site path.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

impl crate::AppState {
    /// The workflows, for a handler of `channel`.
    pub fn workflows(&self, channel: Channel) -> Workflows<'_> {
        Workflows {
            store: self.store.as_ref(),
            jobs: Some(&self.jobs),
            base_url: &self.config.base_url,
            max_tags: self.config.max_tags,
            live_archive_after_hours: self.config.live_archive_after_hours,
            channel,
            signer: self.signer.as_deref(),
        }
    }
}

/// The language a staff member reads the desk and the API's messages in.
/// The one they picked on their account page.
pub fn staff_lang(staff: &StaffMember) -> Lang {
    staff.language
}
