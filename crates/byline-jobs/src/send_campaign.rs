//! `send_campaign`: mails a newsletter campaign, one message per (campaign, subscriber).
//!
//! Deliveries are leased in batches (status `sending`, fenced by their attempt number) and
//! sent a few at a time over the mailer's SMTP pool. At most once per (campaign, subscriber):
//! a delivery is recorded `sent` at the mailer's commit point, after the server accepted the
//! envelope and before the content leaves ([`byline_mail::Mailer::send_committed`]). So
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
//! On shutdown ([`crate::Shutdown`]) a run stops starting messages, lets those in flight finish and
//! be recorded, and hands the rest back, so a restart resumes exactly where it stopped.
//! Every message for a (campaign, subscriber) still carries one fixed Message-ID.

mod delivery;
mod pacer;

use std::sync::Arc;
use std::time::{Duration, Instant};

use byline_mail::OutgoingMail;
use byline_store::{Campaign, DeliveryResult, Newsletter, Recipient};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tokio::task::JoinSet;

use crate::job::{Job, JobContext, Outcome};
use delivery::{deliver, record, Sent};
use pacer::Pacer;

/// Deliveries leased per batch.
const BATCH: i64 = 50;
/// Messages in flight at once.
const CONCURRENCY: usize = 4;
/// One run's share of work before it hands over to a continuation job.
const RUN_BUDGET: Duration = Duration::from_secs(20);
/// Attempts at one subscriber's message before its delivery fails.
const DELIVERY_ATTEMPTS: i64 = 5;

/// The settings of newsletter sending.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignSettings {
    /// Newsletter messages per second at most, across every campaign this server sends
    /// (0: as fast as the SMTP pool goes).
    pub rate: f64,
    /// First retry delay of a message after a temporary SMTP failure (4xx, no
    /// connection); doubles with each attempt, 5 attempts in all.
    pub retry: Duration,
}

impl Default for CampaignSettings {
    fn default() -> Self {
        Self {
            rate: 0.0,
            retry: Duration::from_secs(30),
        }
    }
}

/// Sends a campaign, a share at a time (a run hands over to a continuation job).
pub struct SendCampaign {
    settings: CampaignSettings,
    pacer: Pacer,
}

impl SendCampaign {
    pub fn new(settings: CampaignSettings) -> Self {
        let pacer = Pacer::new(settings.rate);
        Self { settings, pacer }
    }
}

/// The campaign to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignRun {
    pub campaign_id: i64,
}

impl Job for SendCampaign {
    const KIND: &'static str = "send_campaign";
    const MAX_ATTEMPTS: i64 = 20;
    type Payload = CampaignRun;

    fn idempotency_key(payload: &CampaignRun, run_at: DateTime<Utc>) -> Option<String> {
        Some(format!(
            "campaign:{}:{}",
            payload.campaign_id,
            run_at.timestamp_millis()
        ))
    }

    async fn run(&self, ctx: &JobContext, payload: CampaignRun) -> Outcome {
        self.send(ctx, payload.campaign_id).await
    }
}

// Building the message: what every subscriber's copy shares (`letter`) and one copy
// (`message`). Nothing else in this file knows what a newsletter looks like.

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

/// What every message of the campaign shares.
fn letter(campaign: &Campaign, newsletter: &Newsletter, lang: byline_i18n::Lang) -> Letter {
    let rendered = byline_domain::markdown::render_in(&campaign.body_markdown, lang);
    Letter {
        campaign_id: campaign.id,
        list: newsletter.slug.clone(),
        subject: campaign.subject.clone(),
        text: campaign.body_markdown.clone(),
        html: rendered.html,
        from_name: newsletter.sender_name.clone(),
        from_address: newsletter.sender_address.clone(),
        lang,
    }
}

/// One subscriber's copy: the campaign in its mail template
/// (`byline_mail::letters::Campaign`) with this subscriber's footer links.
fn message(
    letter: &Letter,
    to: &Recipient,
    ctx: &JobContext,
) -> Result<OutgoingMail, byline_mail::letters::RenderError> {
    let unsubscribe = format!(
        "{}/newsletters/unsubscribe?token={}&list={}",
        ctx.base_url, to.unsubscribe_token, letter.list
    );
    let preferences = format!(
        "{}/newsletters/preferences?token={}",
        ctx.base_url, to.unsubscribe_token
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
            letter.campaign_id, to.subscriber_id, ctx.mail_domain
        )),
        ..rendered.to_mail(to.email.clone())
    })
}

impl SendCampaign {
    /// One run: sends what the budget allows, then completes or hands over.
    async fn send(&self, ctx: &JobContext, campaign_id: i64) -> Outcome {
        let store = &ctx.store;
        let campaign = match store.campaign(campaign_id).await {
            Ok(Some(c)) => c,
            Ok(None) => return Outcome::Fatal(format!("no campaign {campaign_id}")),
            Err(e) => return Outcome::Retry(e.to_string()),
        };
        let newsletter = match store.newsletter(&campaign.newsletter).await {
            Ok(Some(n)) => n,
            Ok(None) => return Outcome::Fatal("the campaign's newsletter is gone".into()),
            Err(e) => return Outcome::Retry(e.to_string()),
        };
        let lang = match store.settings().await {
            Ok(site) => site.lang().unwrap_or_default(),
            Err(e) => return Outcome::Retry(e.to_string()),
        };
        let letter = letter(&campaign, &newsletter, lang);
        if campaign.status == "draft" || campaign.status == "scheduled" {
            if let Err(e) = store.start_campaign(campaign.id, Utc::now()).await {
                return Outcome::Retry(e.to_string());
            }
        }
        let started = Instant::now();
        let lease = chrono::Duration::from_std(ctx.lease).unwrap_or(chrono::Duration::seconds(60));
        // Set when the SMTP server refuses our sender: every message would fail the same way.
        let mut paused = false;
        while started.elapsed() < RUN_BUDGET && !ctx.shutdown.is_stopping() && !paused {
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
                // Rate limit: wait for this message's slot (a shutdown cuts the wait short).
                tokio::select! {
                    () = self.pacer.wait() => {}
                    () = ctx.shutdown.stopped() => {}
                }
                if ctx.shutdown.is_stopping() || paused {
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
                let mail = match message(&letter, &to, ctx) {
                    Ok(mail) => mail,
                    Err(e) => {
                        // A template bug, not the subscriber's: retry this one later.
                        let later = delivery::retry(
                            format!("cannot render: {e}"),
                            to.attempts,
                            self.settings.retry,
                        );
                        record(store, campaign.id, to.subscriber_id, Sent::Record(later)).await;
                        continue;
                    }
                };
                let (store, mailer, campaign_id, retry_base) = (
                    Arc::clone(store),
                    ctx.mailer.clone(),
                    campaign.id,
                    self.settings.retry,
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
                let next = CampaignRun {
                    campaign_id: campaign.id,
                };
                match crate::job::enqueue::<SendCampaign>(store.as_ref(), &next, at).await {
                    Ok(_) => Outcome::Done,
                    Err(e) => Outcome::Retry(e.to_string()),
                }
            }
            Err(e) => Outcome::Retry(e.to_string()),
        }
    }
}
