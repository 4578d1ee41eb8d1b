//! `send_mail`: one message over SMTP (or to the outbox folder). The effect key is checked
//! before sending and recorded after, so a retried or resumed job does not send again; the
//! Message-ID derives from the key, so even the one unavoidable case (a crash between the
//! SMTP handover and the record) gives receivers a duplicate they can recognise.

use byline_mail::{MailError, Mailer, OutgoingMail};
use byline_store::{NewJob, Store};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::runner::Outcome;

pub const KIND: &str = "send_mail";

/// What to send.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct MailJob {
    pub to: String,
    pub subject: String,
    pub text: String,
    #[serde(default)]
    pub html: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    key: String,
    mail: MailJob,
}

pub fn job(key: &str, mail: MailJob) -> NewJob {
    NewJob {
        kind: KIND.into(),
        payload: serde_json::json!(Payload {
            key: key.to_owned(),
            mail
        }),
        idempotency_key: Some(format!("mail:{key}")),
        run_at: Utc::now(),
        max_attempts: 8,
    }
}

/// A Message-ID that is the same for every attempt at the same message.
fn message_id(key: &str, from_domain: &str) -> String {
    let digest: u64 = key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("<{digest:016x}.{}@{from_domain}>", key.len())
}

pub async fn run(
    store: &dyn Store,
    mailer: &Mailer,
    from_domain: &str,
    payload: &serde_json::Value,
) -> Outcome {
    let Ok(p) = serde_json::from_value::<Payload>(payload.clone()) else {
        return Outcome::Fatal("bad payload".into());
    };
    let effect = format!("mail:{}", p.key);
    match store.effect_done(&effect).await {
        Ok(true) => return Outcome::Done,
        Ok(false) => {}
        Err(e) => return Outcome::Retry(e.to_string()),
    }
    let mail = OutgoingMail {
        to: p.mail.to.clone(),
        subject: p.mail.subject.clone(),
        text: p.mail.text.clone(),
        html: p.mail.html.clone(),
        headers: Vec::new(),
        from_name: None,
        from_address: None,
        message_id: Some(message_id(&p.key, from_domain)),
    };
    match mailer.send(&mail).await {
        Ok(_) => match store.record_effect(&effect, Utc::now()).await {
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
