//! `send_campaign`: mails a newsletter campaign, one message per (campaign, subscriber).
//!
//! Deliveries are leased in batches (status `sending`, fenced by their attempt number) and
//! sent a few at a time over the mailer's SMTP pool. At most once per (campaign, subscriber):
//! a delivery is recorded `sent` at the mailer's commit point, after the server accepted the
//! envelope and before the content leaves ([`Mailer::send_committed`]). So
//!
//! - a crash before that record leaves the row `sending`; its lease runs out, another run
//!   takes it over, and since no content had left, nobody gets it twice;
//! - a crash after it cannot resend; only a crash in the instant (a thread wake-up) between the record and
//!   the two socket writes that follow could lose a message;
//! - a refusal after the record (the server rejects the content) undoes it: 4xx is retried
//!   with back-off, 5xx fails that delivery;
//! - only a 5xx to the recipient (`RCPT TO`) marks the address bounced, never mailed again;
//!   a 5xx to our sender or credentials pauses the campaign (the job retries with back-off)
//!   and marks nobody, so a misconfigured relay cannot wipe out a subscriber list;
//! - content that left without a reply (a broken connection) counts as sent, "unconfirmed".
//!
//! On shutdown ([`Shutdown`]) a run stops starting messages, lets those in flight finish and
//! be recorded, and hands the rest back, so a restart resumes exactly where it stopped.
//! Every message for a (campaign, subscriber) still carries one fixed Message-ID.

use std::sync::Arc;
use std::time::{Duration, Instant};

use byline_mail::{MailError, Mailer, OutgoingMail, SendFailure};
use byline_store::{DeliveryResult, NewJob, Recipient, Store, StoreError};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use tokio::task::JoinSet;

use crate::runner::{Outcome, RunnerConfig};
use crate::Shutdown;

pub const KIND: &str = "send_campaign";
/// Deliveries leased per batch.
const BATCH: i64 = 50;
/// Messages in flight at once.
const CONCURRENCY: usize = 4;
/// One run's share of work before it hands over to a continuation job.
const RUN_BUDGET: Duration = Duration::from_secs(20);
const MAX_ATTEMPTS: i64 = 5;

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    campaign_id: i64,
}

pub fn job(campaign_id: i64, at: chrono::DateTime<Utc>) -> NewJob {
    NewJob {
        kind: KIND.into(),
        payload: serde_json::json!({ "campaign_id": campaign_id }),
        idempotency_key: Some(format!("campaign:{campaign_id}:{}", at.timestamp_millis())),
        run_at: at,
        max_attempts: 20,
    }
}

/// What every message of the campaign shares.
struct Letter {
    campaign_id: i64,
    list: String,
    subject: String,
    text: String,
    html: String,
    from_name: String,
    from_address: String,
    /// The site's language: the footer's words.
    lang: byline_i18n::Lang,
}

/// The message to one subscriber: the campaign in its mail template
/// (`byline_mail::letters::Campaign`) with this subscriber's footer links.
fn message(
    letter: &Letter,
    to: &Recipient,
    config: &RunnerConfig,
) -> Result<OutgoingMail, byline_mail::letters::RenderError> {
    let unsubscribe = format!(
        "{}/newsletters/unsubscribe?token={}&list={}",
        config.base_url, to.unsubscribe_token, letter.list
    );
    let preferences = format!(
        "{}/newsletters/preferences?token={}",
        config.base_url, to.unsubscribe_token
    );
    let rendered = byline_mail::letters::Campaign {
        subject: &letter.subject,
        body_text: &letter.text,
        body_html: &letter.html,
        preferences_url: &preferences,
        unsubscribe_url: &unsubscribe,
    }
    .render(letter.lang)?;
    Ok(OutgoingMail {
        headers: vec![
            ("List-Unsubscribe".into(), format!("<{unsubscribe}>")),
            (
                "List-Unsubscribe-Post".into(),
                "List-Unsubscribe=One-Click".into(),
            ),
        ],
        from_name: Some(letter.from_name.clone()).filter(|n| !n.is_empty()),
        from_address: Some(letter.from_address.clone()).filter(|a| !a.is_empty()),
        message_id: Some(format!(
            "<campaign-{}.subscriber-{}@{}>",
            letter.campaign_id, to.subscriber_id, config.mail_domain
        )),
        ..rendered.to_mail(to.email.clone())
    })
}

/// Why the commit point refused to go on.
enum Handover {
    /// Another run holds the lease now; it sends this message.
    LeaseLost,
    Store(StoreError),
}

/// What is left to do once a message's send has ended.
enum Sent {
    /// Nothing: the commit point recorded it, or another run owns it.
    Recorded,
    /// Record this outcome.
    Record(DeliveryResult),
    /// The SMTP server refuses our sender or credentials: record this retry,
    /// and stop the run, since every other message would be refused too.
    Pause(DeliveryResult),
}

/// Sends one message, recording it sent at the commit point.
async fn deliver(
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
            e @ (MailError::Temporary(_) | MailError::Io(_)) if to.attempts < MAX_ATTEMPTS => {
                retry(e.to_string(), to.attempts, retry_base)
            }
            e => DeliveryResult::Failed {
                error: e.to_string(),
            },
        }),
    }
}

/// A retry after `base`, doubling with each attempt.
fn retry(error: String, attempts: i64, base: Duration) -> DeliveryResult {
    let factor = 2_u32.pow(u32::try_from(attempts.clamp(1, 10) - 1).unwrap_or(0));
    let delay = chrono::Duration::from_std(base.saturating_mul(factor))
        .unwrap_or(chrono::Duration::hours(1));
    DeliveryResult::Retry {
        error,
        at: Utc::now() + delay,
    }
}

pub async fn run(
    store: &Arc<dyn Store>,
    mailer: &Mailer,
    config: &RunnerConfig,
    shutdown: &Shutdown,
    payload: &serde_json::Value,
) -> Outcome {
    let Ok(p) = serde_json::from_value::<Payload>(payload.clone()) else {
        return Outcome::Fatal("bad payload".into());
    };
    let campaign = match store.campaign(p.campaign_id).await {
        Ok(Some(c)) => c,
        Ok(None) => return Outcome::Fatal(format!("no campaign {}", p.campaign_id)),
        Err(e) => return Outcome::Retry(e.to_string()),
    };
    let newsletter = match store.newsletter(&campaign.newsletter).await {
        Ok(Some(n)) => n,
        Ok(None) => return Outcome::Fatal("the campaign's newsletter is gone".into()),
        Err(e) => return Outcome::Retry(e.to_string()),
    };
    let lang = match store.settings().await {
        Ok(site) => site.language.parse().unwrap_or_default(),
        Err(e) => return Outcome::Retry(e.to_string()),
    };
    let rendered = byline_domain::markdown::render(&campaign.body_markdown);
    let letter = Letter {
        campaign_id: campaign.id,
        list: newsletter.slug.clone(),
        subject: campaign.subject.clone(),
        text: campaign.body_markdown.clone(),
        html: rendered.html,
        from_name: newsletter.sender_name.clone(),
        from_address: newsletter.sender_address.clone(),
        lang,
    };
    if campaign.status == "draft" || campaign.status == "scheduled" {
        if let Err(e) = store.start_campaign(campaign.id, Utc::now()).await {
            return Outcome::Retry(e.to_string());
        }
    }
    let started = Instant::now();
    let mut sent_this_run: u32 = 0;
    let lease = chrono::Duration::from_std(config.lease).unwrap_or(chrono::Duration::seconds(60));
    // Set when the SMTP server refuses our sender: every message would fail the same way.
    let mut paused = false;
    while started.elapsed() < RUN_BUDGET && !shutdown.is_stopping() && !paused {
        let now = Utc::now();
        let batch = match store
            .claim_deliveries(campaign.id, BATCH, now, now + lease)
            .await
        {
            Ok(b) => b,
            Err(e) => return Outcome::Retry(e.to_string()),
        };
        if batch.is_empty() {
            break;
        }
        let mut in_flight = JoinSet::new();
        let mut batch = batch.into_iter();
        while let Some(to) = batch.next() {
            while in_flight.len() >= CONCURRENCY {
                if let Some(Ok((id, sent))) = in_flight.join_next().await {
                    paused |= record(store, campaign.id, id, sent).await;
                }
            }
            if shutdown.is_stopping() || paused {
                // Hand back what this run has not started; the next run (after a restart,
                // or once the job's retry comes) resumes with it.
                let why = if paused {
                    "handed back: sending paused"
                } else {
                    "handed back at shutdown"
                };
                for left in std::iter::once(to).chain(batch.by_ref()) {
                    let back = DeliveryResult::Retry {
                        error: why.into(),
                        at: Utc::now(),
                    };
                    record(store, campaign.id, left.subscriber_id, Sent::Record(back)).await;
                }
                break;
            }
            // Rate limit: the n-th message of this run waits for its slot.
            if config.mail_rate > 0.0 {
                let slot =
                    started + Duration::from_secs_f64(f64::from(sent_this_run) / config.mail_rate);
                tokio::time::sleep_until(slot.into()).await;
            }
            sent_this_run += 1;
            let mail = match message(&letter, &to, config) {
                Ok(mail) => mail,
                Err(e) => {
                    // A template bug, not the subscriber's: nothing left, so retry later.
                    let later = retry(
                        format!("cannot render: {e}"),
                        to.attempts,
                        config.mail_retry,
                    );
                    record(store, campaign.id, to.subscriber_id, Sent::Record(later)).await;
                    continue;
                }
            };
            let (store, mailer, campaign_id, retry_base) = (
                Arc::clone(store),
                mailer.clone(),
                campaign.id,
                config.mail_retry,
            );
            in_flight.spawn(async move {
                (
                    to.subscriber_id,
                    deliver(store, mailer, campaign_id, mail, &to, retry_base).await,
                )
            });
        }
        while let Some(joined) = in_flight.join_next().await {
            if let Ok((id, sent)) = joined {
                paused |= record(store, campaign.id, id, sent).await;
            }
        }
    }
    if paused {
        // The job's own back-off (30 s, doubling to an hour) paces the retries.
        return Outcome::Retry("the mail server refuses the sender or the credentials; campaign paused, nobody marked bounced".into());
    }
    match store.finish_campaign_if_done(campaign.id, Utc::now()).await {
        Ok(true) => Outcome::Done,
        Ok(false) => {
            // More to do (budget used, retries later, or another worker's lease): continue later.
            let at = store
                .next_retry(campaign.id)
                .await
                .ok()
                .flatten()
                .unwrap_or_else(Utc::now)
                .max(Utc::now());
            match store.enqueue(&job(campaign.id, at)).await {
                Ok(_) => Outcome::Done,
                Err(e) => Outcome::Retry(e.to_string()),
            }
        }
        Err(e) => Outcome::Retry(e.to_string()),
    }
}

/// Records what a send left to record; true if the run should pause.
async fn record(store: &Arc<dyn Store>, campaign_id: i64, subscriber_id: i64, sent: Sent) -> bool {
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
