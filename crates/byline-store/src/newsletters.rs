//! Newsletters: lists, subscribers and double opt-in subscriptions.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::StoreResult;

/// A mailing list such as a daily briefing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Newsletter {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub sender_name: String,
    pub sender_address: String,
    pub position: i64,
    pub last_sent_at: Option<DateTime<Utc>>,
    /// Confirmed subscribers.
    pub subscribers: i64,
    /// The code of the edition it belongs to (its pages offer it, its mail is in its
    /// language).
    pub edition: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewNewsletter {
    /// Empty: derived from the name in the outlet's language.
    #[serde(default)]
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sender_name: String,
    #[serde(default)]
    pub sender_address: String,
    #[serde(default)]
    pub position: i64,
    /// The edition's code; empty keeps the stored one (the default edition for a new list).
    #[serde(default)]
    pub edition: String,
}

/// What a subscribe request did for one list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscribeOutcome {
    /// A confirmation is needed (new, or still pending: a new link was issued).
    Pending,
    /// Already confirmed: nothing to do.
    AlreadyConfirmed,
}

/// A subscription confirmed by its link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmed {
    pub email: String,
    pub newsletters: Vec<String>,
}

/// A subscriber as the desk lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubscriberInfo {
    pub email: String,
    pub created_at: DateTime<Utc>,
    pub bounced: bool,
    /// (newsletter slug, status) pairs.
    pub lists: Vec<(String, String)>,
}

#[expect(
    clippy::too_many_arguments,
    reason = "subscribe_to_lists takes the whole consent record"
)]
#[async_trait]
pub trait NewsletterStore: Send + Sync + 'static {
    /// Creates, updates or upserts the list with this slug (see [`crate::WriteMode`]).
    async fn save_newsletter(
        &self,
        n: &NewNewsletter,
        mode: crate::WriteMode,
    ) -> StoreResult<Newsletter>;
    async fn upsert_newsletter(&self, n: &NewNewsletter) -> StoreResult<Newsletter> {
        self.save_newsletter(n, crate::WriteMode::Upsert).await
    }
    async fn newsletters(&self) -> StoreResult<Vec<Newsletter>>;
    async fn newsletter(&self, slug: &str) -> StoreResult<Option<Newsletter>>;
    /// Records a pending subscription of `email` to each list in `slugs`, all with the same
    /// confirmation token hash; lists already confirmed are left alone. Unknown slugs fail
    /// the whole request (nothing written). `unsubscribe_token` is used for a new subscriber.
    async fn subscribe_to_lists(
        &self,
        email: &str,
        slugs: &[String],
        source: &str,
        confirm_hash: &str,
        unsubscribe_token: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<(String, SubscribeOutcome)>>;
    /// Confirms every pending subscription carrying this token, if unexpired.
    async fn confirm_subscription(
        &self,
        confirm_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Confirmed>>;
    /// Unsubscribes the holder of this token from one list, or from all when `slug` is None.
    /// Returns the subscriber's email, or None for an unknown token.
    async fn unsubscribe(
        &self,
        unsubscribe_token: &str,
        slug: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<String>>;
    /// Sets the lists the holder of `unsubscribe_token` receives: the given ones confirmed
    /// (the link proves the mailbox), every other one unsubscribed. None for an unknown token.
    async fn set_preferences(
        &self,
        unsubscribe_token: &str,
        slugs: &[String],
        now: DateTime<Utc>,
    ) -> StoreResult<Option<String>>;
    /// The lists `email` is confirmed on.
    async fn confirmed_lists(
        &self,
        unsubscribe_token: &str,
    ) -> StoreResult<Option<(String, Vec<String>)>>;
    /// The token in `email`'s unsubscribe links.
    async fn unsubscribe_token(&self, email: &str) -> StoreResult<Option<String>>;
    /// Subscribers whose address contains `search`, by address.
    async fn subscribers(
        &self,
        search: &str,
        limit: i64,
        offset: i64,
    ) -> StoreResult<Vec<SubscriberInfo>>;
    /// Deletes a subscriber and all their subscriptions; false if unknown.
    async fn remove_subscriber(&self, email: &str) -> StoreResult<bool>;
    /// Adds `email` as confirmed on `slugs` (imports of lists whose consent exists already).
    async fn add_confirmed(
        &self,
        email: &str,
        slugs: &[String],
        unsubscribe_token: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Adds many confirmed subscribers to `slug` in one transaction: (email, unsubscribe token).
    /// Returns how many were new on the list.
    async fn add_confirmed_many(
        &self,
        slug: &str,
        subscribers: &[(String, String)],
        source: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<u64>;
    /// Status of `email` on the list `slug`: "pending", "confirmed", "unsubscribed", or None.
    async fn subscription_status(&self, email: &str, slug: &str) -> StoreResult<Option<String>>;
}
