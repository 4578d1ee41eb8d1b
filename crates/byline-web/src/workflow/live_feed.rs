//! News Feed workflows: post, edit and delete short timestamped items. The role policy is
//! the articles' one (contributors post drafts, authors publish and change their own,
//! editors anyone's); the input is checked by [`super::live_input`] (an item linking to an
//! article of this site becomes that article's); audited as `feed_item.create`,
//! `feed_item.update` / `.publish` / `.unpublish` and `feed_item.delete`.

use byline_domain::staff::Action;
use byline_domain::{FeedItem, NewFeedItem};
use byline_store::StoreError;

use super::error::{WorkflowError, WorkflowResult};
use super::live::{save_action, shown, stale};
use super::policy::{self, LiveItemState};
use super::{Actor, Workflows};

/// The audit target of a feed item.
pub fn feed_item_target(id: i64) -> String {
    format!("feed-item:{id}")
}

fn state_of_item(item: &FeedItem) -> LiveItemState {
    LiveItemState {
        owner_id: item.owner_id,
        published: item.published,
    }
}

impl Workflows<'_> {
    /// The feed item with this id, if the actor may see it (another's draft is not found).
    pub async fn feed_item_for(&self, actor: Actor<'_>, id: i64) -> WorkflowResult<FeedItem> {
        let item = self
            .store
            .feed_item(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        policy::check_view_live_item(actor, state_of_item(&item))?;
        Ok(item)
    }

    /// Posts a News Feed item (a draft unless `item.published`; contributors write drafts).
    pub async fn create_feed_item(
        &self,
        actor: Actor<'_>,
        item: NewFeedItem,
    ) -> WorkflowResult<FeedItem> {
        policy::require(actor, Action::CreateArticle)?;
        policy::check_live_publish(actor, item.published)?;
        let mut item = self.checked_feed_item(item).await?;
        item.authors = self.live_bylines(actor, item.authors).await?;
        let saved = self
            .store
            .save_feed_item(None, &item, &self.live_write(actor, None))
            .await?;
        self.audit(
            actor,
            "feed_item.create",
            &feed_item_target(saved.id),
            shown(saved.published),
        )
        .await;
        Ok(saved)
    }

    /// Replaces a feed item (a stale `expected_version` is 409; a deleted item is 404).
    pub async fn update_feed_item(
        &self,
        actor: Actor<'_>,
        id: i64,
        item: NewFeedItem,
        expected_version: Option<i64>,
    ) -> WorkflowResult<FeedItem> {
        let existing = self
            .store
            .feed_item(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        policy::check_edit_live_item(actor, state_of_item(&existing))?;
        policy::check_live_publish(actor, item.published)?;
        let mut item = self.checked_feed_item(item).await?;
        item.authors = self.live_bylines(actor, item.authors).await?;
        let saved = match self
            .store
            .save_feed_item(Some(id), &item, &self.live_write(actor, expected_version))
            .await
        {
            Err(StoreError::Conflict(_)) => return Err(stale()),
            other => other?,
        };
        let action = save_action("feed_item", existing.published, saved.published);
        let detail = format!("version {} {}", saved.version, shown(saved.published));
        self.audit(actor, &action, &feed_item_target(id), &detail)
            .await;
        Ok(saved)
    }

    /// Deletes a feed item for good.
    pub async fn delete_feed_item(&self, actor: Actor<'_>, id: i64) -> WorkflowResult<()> {
        let existing = self
            .store
            .feed_item(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        policy::check_edit_live_item(actor, state_of_item(&existing))?;
        self.store.delete_feed_item(id).await?;
        self.audit(
            actor,
            "feed_item.delete",
            &feed_item_target(id),
            &existing.headline,
        )
        .await;
        Ok(())
    }
}
