//! Live coverage workflows: live pages and their entries (News Feed items are in
//! [`super::live_feed`], the banner in [`super::live_banner`]). Each runs the steps of every workflow: the role policy
//! ([`policy`]: contributors write drafts, authors publish and change their own, editors
//! anyone's), validation ([`super::live_input`]), one store write, the auto-archive job,
//! then the audit entry (`feed_item.*`, `live.*`, `live_entry.*`).
//!
//! An archived live page is frozen: adding, changing or deleting its entries and editing
//! its headline or summary answer 409 (`wf-live-archived`) until it is reopened.

use byline_domain::staff::Action;
use byline_domain::{LiveEntry, LivePage, LiveStatus, NewLiveEntry, NewLivePage, Slug};
use byline_jobs::archive_idle_live::{ArchiveIdleLive, IdleSweep};
use byline_store::{LiveWrite, StoreError};
use chrono::{DateTime, Utc};

use super::error::{Message, WorkflowError, WorkflowResult};
use super::policy::{self, LiveItemState};
use super::{Actor, Workflows};

/// The audit target of a live entry.
pub fn live_entry_target(id: i64) -> String {
    format!("live-entry:{id}")
}

fn archived() -> WorkflowError {
    WorkflowError::Conflict(Message::new("wf-live-archived"))
}

pub(super) fn stale() -> WorkflowError {
    WorkflowError::Conflict(Message::new("wf-live-stale-version"))
}

fn state_of_entry(entry: &LiveEntry) -> LiveItemState {
    LiveItemState {
        owner_id: entry.owner_id,
        published: entry.published,
    }
}

/// The audit action of an item or entry save, from what it changed.
pub(super) fn save_action(kind: &'static str, was: bool, now: bool) -> String {
    match (was, now) {
        (false, true) => format!("{kind}.publish"),
        (true, false) => format!("{kind}.unpublish"),
        _ => format!("{kind}.update"),
    }
}

pub(super) fn shown(published: bool) -> &'static str {
    if published {
        "published"
    } else {
        "draft"
    }
}

impl Workflows<'_> {
    pub(super) fn live_write(&self, actor: Actor<'_>, expected_version: Option<i64>) -> LiveWrite {
        LiveWrite {
            staff_id: actor.staff_id(),
            expected_version: expected_version.filter(|v| *v > 0),
            now: Utc::now(),
        }
    }

    /// The live entry with this id, if the actor may see it.
    pub async fn live_entry_for(&self, actor: Actor<'_>, id: i64) -> WorkflowResult<LiveEntry> {
        let entry = self
            .store
            .live_entry(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        policy::check_view_live_item(actor, state_of_entry(&entry))?;
        Ok(entry)
    }

    /// The live page with this id (live pages have no drafts: every staff member sees them).
    pub async fn live_page_for(&self, id: i64) -> WorkflowResult<LivePage> {
        self.store
            .live_page_by_id(id)
            .await?
            .ok_or(WorkflowError::NotFound)
    }

    /// Starts a live page (authors and up); it archives itself after the configured idle time.
    pub async fn create_live_page(
        &self,
        actor: Actor<'_>,
        page: NewLivePage,
    ) -> WorkflowResult<LivePage> {
        policy::check_create_live_page(actor)?;
        let page = self.checked_live_page(page).await?;
        let saved = match self
            .store
            .save_live_page(None, &page, &self.live_write(actor, None))
            .await
        {
            Err(StoreError::Conflict(_)) => return Err(self.slug_taken(&page).await),
            other => other?,
        };
        self.schedule_archive(&saved, saved.started_at).await?;
        self.audit(actor, "live.create", &saved.slug, "").await;
        Ok(saved)
    }

    async fn slug_taken(&self, page: &NewLivePage) -> WorkflowError {
        let slug = if page.slug.is_empty() {
            let language = match self.store.settings().await {
                Ok(s) => s.language,
                Err(e) => return e.into(),
            };
            Slug::from_title_in(&page.headline, &language)
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default()
        } else {
            page.slug.clone()
        };
        WorkflowError::Conflict(Message::new("wf-slug-taken").text("slug", slug))
    }

    /// Edits a live page's headline, summary or slug (its own writer or an editor).
    pub async fn update_live_page(
        &self,
        actor: Actor<'_>,
        id: i64,
        page: NewLivePage,
        expected_version: Option<i64>,
    ) -> WorkflowResult<LivePage> {
        let existing = self.live_page_for(id).await?;
        policy::check_edit_live_page(actor, existing.owner_id)?;
        if existing.status == LiveStatus::Archived {
            return Err(archived());
        }
        if expected_version.is_some_and(|v| v > 0 && v != existing.version) {
            return Err(stale());
        }
        let page = self.checked_live_page(page).await?;
        let saved = match self
            .store
            .save_live_page(Some(id), &page, &self.live_write(actor, expected_version))
            .await
        {
            Err(StoreError::Conflict(_)) => {
                let now = self.live_page_for(id).await?;
                return Err(if now.version != existing.version {
                    stale()
                } else {
                    self.slug_taken(&page).await
                });
            }
            other => other?,
        };
        self.audit(
            actor,
            "live.update",
            &saved.slug,
            &format!("version {}", saved.version),
        )
        .await;
        Ok(saved)
    }

    /// Archives (frozen, "this live coverage has ended") or reopens a live page.
    pub async fn set_live_status(
        &self,
        actor: Actor<'_>,
        id: i64,
        status: LiveStatus,
    ) -> WorkflowResult<LivePage> {
        let existing = self.live_page_for(id).await?;
        policy::check_edit_live_page(actor, existing.owner_id)?;
        if existing.status == status {
            return Ok(existing);
        }
        let now = Utc::now();
        let saved = self.store.set_live_status(id, status, now).await?;
        let action = match status {
            LiveStatus::Archived => "live.archive",
            LiveStatus::Live => {
                self.schedule_archive(&saved, now).await?;
                "live.reopen"
            }
        };
        self.audit(actor, action, &saved.slug, "").await;
        Ok(saved)
    }

    /// The live page of an entry write, refusing an archived one.
    async fn open_live_page(&self, live_id: i64) -> WorkflowResult<LivePage> {
        let page = self.live_page_for(live_id).await?;
        if page.status == LiveStatus::Archived {
            return Err(archived());
        }
        Ok(page)
    }

    /// A store conflict on an entry write: the page was archived meanwhile, or the entry
    /// was changed by someone else.
    async fn entry_conflict(&self, live_id: i64) -> WorkflowError {
        match self.store.live_page_by_id(live_id).await {
            Ok(Some(page)) if page.status == LiveStatus::Archived => archived(),
            Ok(_) => stale(),
            Err(e) => e.into(),
        }
    }

    /// Adds an entry to a live page (anyone on the desk; contributors write drafts). An
    /// archived page refuses it (409).
    pub async fn add_live_entry(
        &self,
        actor: Actor<'_>,
        live_id: i64,
        entry: NewLiveEntry,
    ) -> WorkflowResult<LiveEntry> {
        policy::require(actor, Action::CreateArticle)?;
        policy::check_live_publish(actor, entry.published)?;
        let page = self.open_live_page(live_id).await?;
        let mut entry = Self::checked_live_entry(entry)?;
        entry.authors = self.live_bylines(actor, entry.authors).await?;
        let saved = match self
            .store
            .save_live_entry(live_id, None, &entry, &self.live_write(actor, None))
            .await
        {
            Err(StoreError::Conflict(_)) => return Err(self.entry_conflict(live_id).await),
            other => other?,
        };
        if saved.published {
            self.schedule_archive(&page, saved.published_at).await?;
        }
        let detail = format!("live {} {}", page.slug, shown(saved.published));
        self.audit(
            actor,
            "live_entry.add",
            &live_entry_target(saved.id),
            &detail,
        )
        .await;
        Ok(saved)
    }

    /// Replaces a live entry (its writer or an editor; not on an archived page).
    pub async fn update_live_entry(
        &self,
        actor: Actor<'_>,
        entry_id: i64,
        entry: NewLiveEntry,
        expected_version: Option<i64>,
    ) -> WorkflowResult<LiveEntry> {
        let existing = self
            .store
            .live_entry(entry_id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        policy::check_edit_live_item(actor, state_of_entry(&existing))?;
        policy::check_live_publish(actor, entry.published)?;
        let page = self.open_live_page(existing.live_id).await?;
        let mut entry = Self::checked_live_entry(entry)?;
        entry.authors = self.live_bylines(actor, entry.authors).await?;
        let write = self.live_write(actor, expected_version);
        let saved = match self
            .store
            .save_live_entry(page.id, Some(entry_id), &entry, &write)
            .await
        {
            Err(StoreError::Conflict(_)) => return Err(self.entry_conflict(page.id).await),
            other => other?,
        };
        if saved.published && !existing.published {
            self.schedule_archive(&page, saved.published_at).await?;
        }
        let action = save_action("live_entry", existing.published, saved.published);
        let detail = format!("live {} version {}", page.slug, saved.version);
        self.audit(actor, &action, &live_entry_target(entry_id), &detail)
            .await;
        Ok(saved)
    }

    /// Deletes a live entry for good (its writer or an editor; not on an archived page).
    pub async fn delete_live_entry(&self, actor: Actor<'_>, entry_id: i64) -> WorkflowResult<()> {
        let existing = self
            .store
            .live_entry(entry_id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        policy::check_edit_live_item(actor, state_of_entry(&existing))?;
        let page = self.open_live_page(existing.live_id).await?;
        match self.store.delete_live_entry(entry_id).await {
            Err(StoreError::Conflict(_)) => return Err(self.entry_conflict(page.id).await),
            other => other?,
        }
        let detail = format!("live {}", page.slug);
        self.audit(
            actor,
            "live_entry.delete",
            &live_entry_target(entry_id),
            &detail,
        )
        .await;
        Ok(())
    }

    /// Enqueues the idle sweep for when `page` will have been quiet for the configured
    /// hours since `last` (none when the setting is 0). Times are rounded up to the
    /// minute, so a busy page queues one sweep per minute, not one per entry.
    async fn schedule_archive(&self, page: &LivePage, last: DateTime<Utc>) -> WorkflowResult<()> {
        let hours = self.live_archive_after_hours;
        if hours == 0 {
            return Ok(());
        }
        let due = last + chrono::Duration::hours(i64::from(hours)) + chrono::Duration::seconds(1);
        let rounded = due
            .timestamp()
            .div_euclid(60)
            .saturating_add(1)
            .saturating_mul(60);
        let run_at = DateTime::from_timestamp(rounded, 0).unwrap_or(due);
        // No hours in the payload: the job applies the setting of the day it runs.
        let sweep = IdleSweep {
            live_id: Some(page.id),
            after_hours: None,
        };
        self.enqueue::<ArchiveIdleLive>(&sweep, run_at).await
    }
}
