//! Newsletter campaigns: one message per confirmed subscriber, tracked per delivery so a
//! crash mid-send resumes where it stopped.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Campaign {
    pub id: i64,
    pub newsletter: String,
    pub subject: String,
    pub body_markdown: String,
    /// draft, scheduled, sending or sent.
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// Deliveries of a campaign by state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub pending: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub bounced: i64,
    /// Of `sent`: messages whose content left but whose server reply was lost
    /// (counted as sent, never resent).
    pub unconfirmed: i64,
}

impl Progress {
    pub fn remaining(&self) -> i64 {
        self.pending + self.sending
    }
}

/// A message to send: the subscriber and what their links need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub subscriber_id: i64,
    pub email: String,
    pub unsubscribe_token: String,
    pub attempts: i64,
}

/// How one delivery ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryResult {
    Sent,
    /// The content left but the server's reply was lost: counted as sent (at
    /// most once), with the error kept for the record.
    Unconfirmed {
        error: String,
    },
    /// Temporary failure: try again at this time.
    Retry {
        error: String,
        at: DateTime<Utc>,
    },
    /// Permanent refusal: the address is marked bounced and never mailed again.
    Bounced {
        error: String,
    },
    Failed {
        error: String,
    },
}

#[async_trait]
pub trait CampaignStore: Send + Sync + 'static {
    /// Fails with `Invalid("list")` for an unknown newsletter slug.
    async fn create_campaign(
        &self,
        newsletter: &str,
        subject: &str,
        body_markdown: &str,
        created_by: Option<i64>,
    ) -> StoreResult<Campaign>;
    async fn campaign(&self, id: i64) -> StoreResult<Option<Campaign>>;
    async fn campaigns(&self, limit: i64) -> StoreResult<Vec<Campaign>>;
    /// Creates one pending delivery per confirmed, unbounced subscriber (idempotent) and
    /// marks the campaign sending. Returns how many deliveries it has.
    async fn start_campaign(&self, id: i64, now: DateTime<Utc>) -> StoreResult<i64>;
    /// Leases up to `limit` due deliveries (pending, or sending with an expired lease).
    async fn claim_deliveries(
        &self,
        campaign_id: i64,
        limit: i64,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> StoreResult<Vec<Recipient>>;
    async fn finish_delivery(
        &self,
        campaign_id: i64,
        subscriber_id: i64,
        result: &DeliveryResult,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Records a delivery as sent just before its content goes to the SMTP
    /// server: the commit point of at-most-once sending. Only the holder of the
    /// current lease may do so (`attempts` as [`Recipient::attempts`] from its
    /// claim): false, and nothing changed, if the lease was lost to another run.
    async fn mark_handed_over(
        &self,
        campaign_id: i64,
        subscriber_id: i64,
        attempts: i64,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    async fn campaign_progress(&self, id: i64) -> StoreResult<Progress>;
    /// Marks the campaign sent when nothing is left; true if it is (now) sent.
    async fn finish_campaign_if_done(&self, id: i64, now: DateTime<Utc>) -> StoreResult<bool>;
    /// Marks a draft campaign scheduled (its job is queued for later); false if not a draft.
    async fn schedule_campaign(&self, id: i64) -> StoreResult<bool>;
    /// The earliest time a pending delivery may be retried.
    async fn next_retry(&self, id: i64) -> StoreResult<Option<DateTime<Utc>>>;
}
