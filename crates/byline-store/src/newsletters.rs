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
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct NewNewsletter {
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

#[async_trait]
pub trait NewsletterStore: Send + Sync + 'static {
    async fn upsert_newsletter(&self, n: &NewNewsletter) -> StoreResult<Newsletter>;
    async fn newsletters(&self) -> StoreResult<Vec<Newsletter>>;
    async fn newsletter(&self, slug: &str) -> StoreResult<Option<Newsletter>>;
    /// Records a pending subscription of `email` to each list in `slugs`, all with the same
    /// confirmation token hash; lists already confirmed are left alone. Unknown slugs fail
    /// the whole request (nothing written). `unsubscribe_token` is used for a new subscriber.
    async fn subscribe_to_lists(
        &self,
        email: &str,
        slugs: &[String],
        confirm_hash: &str,
        unsubscribe_token: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<(String, SubscribeOutcome)>>;
    /// Confirms every pending subscription carrying this token, if unexpired.
    async fn confirm_subscription(&self, confirm_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<Confirmed>>;
    /// Unsubscribes the holder of this token from one list, or from all when `slug` is None.
    /// Returns the subscriber's email, or None for an unknown token.
    async fn unsubscribe(&self, unsubscribe_token: &str, slug: Option<&str>, now: DateTime<Utc>) -> StoreResult<Option<String>>;
    /// The token in `email`'s unsubscribe links.
    async fn unsubscribe_token(&self, email: &str) -> StoreResult<Option<String>>;
    /// Status of `email` on the list `slug`: "pending", "confirmed", "unsubscribed", or None.
    async fn subscription_status(&self, email: &str, slug: &str) -> StoreResult<Option<String>>;
}
