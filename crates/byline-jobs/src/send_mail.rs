//! `send_mail`: one message over SMTP (or to the outbox folder). The effect key is checked
//! before sending and recorded after, so a retried or resumed job does not send again; the
//! Message-ID derives from the key, so even the one unavoidable case (a crash between the
//! SMTP handover and the record) gives receivers a duplicate they can recognise.

use byline_mail::{MailError, OutgoingMail};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::job::{Job, JobContext, Outcome};

/// Sends one message, once.
pub struct SendMail;

/// What to send.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MailJob {
    pub to: String,
    pub subject: String,
    pub text: String,
    #[serde(default)]
    pub html: Option<String>,
}

/// A message and the key that makes it one message (e.g. `invite:TOKENHASH`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct KeyedMail {
    pub key: String,
    pub mail: MailJob,
}

/// A Message-ID that is the same for every attempt at the same message.
fn message_id(key: &str, from_domain: &str) -> String {
    let digest: u64 = key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("<{digest:016x}.{}@{from_domain}>", key.len())
}

impl Job for SendMail {
    const KIND: &'static str = "send_mail";
    const MAX_ATTEMPTS: i64 = 8;
    type Payload = KeyedMail;

    fn idempotency_key(payload: &KeyedMail, _run_at: DateTime<Utc>) -> Option<String> {
        Some(format!("mail:{}", payload.key))
    }

    async fn run(&self, ctx: &JobContext, p: KeyedMail) -> Outcome {
        let effect = format!("mail:{}", p.key);
        match ctx.store.effect_done(&effect).await {
            Ok(true) => return Outcome::Done,
            Ok(false) => {}
            Err(e) => return Outcome::Retry(e.to_string()),
        }
        let mail = OutgoingMail {
            to: p.mail.to,
            subject: p.mail.subject,
            text: p.mail.text,
            html: p.mail.html,
            headers: Vec::new(),
            from_name: None,
            from_address: None,
            message_id: Some(message_id(&p.key, &ctx.mail_domain)),
        };
        match ctx.mailer.send(&mail).await {
            Ok(_) => match ctx.store.record_effect(&effect, Utc::now()).await {
                Ok(_) => Outcome::Done,
                // Sent but not recorded: a retry would send again, so finish the job instead.
                Err(e) => {
                    tracing::error!(error = %e, "mail sent but its effect could not be recorded");
                    Outcome::Done
                }
            },
            // A refused sender is a configuration problem: the mail goes once it is fixed.
            Err(e @ (MailError::Temporary(_) | MailError::Io(_) | MailError::SenderRefused(_))) => {
                Outcome::Retry(e.to_string())
            }
            Err(e) => Outcome::Fatal(e.to_string()),
        }
    }
}
