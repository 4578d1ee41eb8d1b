//! One subscriber's message: sending it with the record at the commit point, and what
//! each way it can end leaves to record (sent, retry, bounced, failed, unconfirmed, pause).

use std::sync::Arc;
use std::time::Duration;

use byline_mail::{MailError, Mailer, OutgoingMail, SendFailure};
use byline_store::{DeliveryResult, Recipient, Store, StoreError};
use chrono::Utc;

use super::DELIVERY_ATTEMPTS;

/// Why the commit point refused to go on.
enum Handover {
    /// Another run holds the lease now; it sends this message.
    LeaseLost,
    Store(StoreError),
}

/// What is left to do once a message's send has ended.
pub(super) enum Sent {
    /// Nothing: the commit point recorded it, or another run owns it.
    Recorded,
    /// Record this outcome.
    Record(DeliveryResult),
    /// The SMTP server refuses our sender or credentials: record this retry,
    /// and stop the run, since every other message would be refused too.
    Pause(DeliveryResult),
}

/// Sends one message, recording it sent at the commit point.
pub(super) async fn deliver(
    store: Arc<dyn Store>,
    mailer: Mailer,
    campaign_id: i64,
    mail: OutgoingMail,
    to: &Recipient,
    retry_base: Duration,
) -> Sent {
    let commit = || async {
        let mark = store.mark_handed_over(campaign_id, to.subscriber_id, to.attempts, Utc::now());
        // The content leaves right after this returns. Waiting on this thread, instead of
        // being woken as a task behind whatever else the runtime is busy with, keeps the gap
        // between the record and the socket write (where a crash would lose the message)
        // at a thread wake-up, not a scheduling round.
        let marked = match tokio::runtime::Handle::current().runtime_flavor() {
            tokio::runtime::RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(|| tokio::runtime::Handle::current().block_on(mark))
            }
            _ => mark.await,
        };
        match marked {
            Ok(true) => Ok(()),
            Ok(false) => Err(Handover::LeaseLost),
            Err(e) => Err(Handover::Store(e)),
        }
    };
    match mailer.send_committed(&mail, commit).await {
        Ok(_) | Err(SendFailure::Commit(Handover::LeaseLost)) => Sent::Recorded,
        Err(SendFailure::Commit(Handover::Store(e))) => Sent::Record(retry(
            format!("cannot record the handover: {e}"),
            to.attempts,
            retry_base,
        )),
        Err(SendFailure::Unconfirmed(e)) => Sent::Record(DeliveryResult::Unconfirmed {
            error: e.to_string(),
        }),
        // Nobody's address is at fault: the delivery waits until the mail configuration is fixed.
        Err(SendFailure::NotSent {
            error: e @ MailError::SenderRefused(_),
            ..
        }) => Sent::Pause(DeliveryResult::Retry {
            error: e.to_string(),
            at: Utc::now(),
        }),
        Err(SendFailure::NotSent { error, .. }) => Sent::Record(match error {
            // Only a refused recipient is the subscriber's fault.
            MailError::Permanent(e) => DeliveryResult::Bounced { error: e },
            e @ (MailError::Temporary(_) | MailError::Io(_)) if to.attempts < DELIVERY_ATTEMPTS => {
                retry(e.to_string(), to.attempts, retry_base)
            }
            e => DeliveryResult::Failed {
                error: e.to_string(),
            },
        }),
    }
}

/// A retry after `base`, doubling with each attempt.
pub(super) fn retry(error: String, attempts: i64, base: Duration) -> DeliveryResult {
    let factor = 2_u32.pow(u32::try_from(attempts.clamp(1, 10) - 1).unwrap_or(0));
    let delay = chrono::Duration::from_std(base.saturating_mul(factor))
        .unwrap_or(chrono::Duration::hours(1));
    DeliveryResult::Retry {
        error,
        at: Utc::now() + delay,
    }
}

/// Records what a send left to record; true if the run should pause.
pub(super) async fn record(
    store: &Arc<dyn Store>,
    campaign_id: i64,
    subscriber_id: i64,
    sent: Sent,
) -> bool {
    let (result, pause) = match sent {
        Sent::Recorded => return false,
        Sent::Record(result) => (result, false),
        Sent::Pause(result) => (result, true),
    };
    if let Err(e) = store
        .finish_delivery(campaign_id, subscriber_id, &result, Utc::now())
        .await
    {
        tracing::error!(campaign_id, subscriber_id, error = %e, "cannot record a delivery; its lease will expire and it may be retried");
    }
    pause
}
