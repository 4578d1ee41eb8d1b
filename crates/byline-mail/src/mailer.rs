//! The mailer: chosen once from [`MailConfig`], then sends over SMTP or
//! writes `.eml` files into an outbox folder.

use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lettre::message::Mailbox;

use crate::address::mailbox;
use crate::message::{build_message, BuiltMessage};
use crate::smtp_pool::{SendFailure, SmtpPool};
use crate::smtp_url::parse_smtp_url;
use crate::{MailError, OutgoingMail, SentMail};

/// Where mail goes and who sends it.
///
/// With `smtp_url` set, mail is sent over SMTP (forms listed in
/// [`crate::smtp_url`]: `smtp://host:port`, `smtp://user:pass@host?tls=starttls`,
/// `smtp://host?tls=opportunistic`, `smtps://user:pass@host`). Without it,
/// each message is written as an `.eml` file into `outbox_dir`.
#[derive(Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// SMTP server URL; `None` writes mail into `outbox_dir` instead.
    pub smtp_url: Option<String>,
    /// Folder for `.eml` files when there is no SMTP URL (created on demand).
    pub outbox_dir: PathBuf,
    /// Default sender display name, e.g. the publication's name.
    pub from_name: String,
    /// Default sender address, e.g. `newsroom@example.com`.
    pub from_address: String,
}

impl fmt::Debug for MailConfig {
    /// Like a derived `Debug`, but the SMTP URL is shown without its password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let smtp_url = self.smtp_url.as_deref().map(redact_password);
        f.debug_struct("MailConfig")
            .field("smtp_url", &smtp_url)
            .field("outbox_dir", &self.outbox_dir)
            .field("from_name", &self.from_name)
            .field("from_address", &self.from_address)
            .finish()
    }
}

fn redact_password(raw: &str) -> String {
    match url::Url::parse(raw) {
        Ok(mut url) if url.password().is_some() => {
            // Only fails for URLs that cannot carry a password at all.
            let _ = url.set_password(Some("redacted"));
            url.to_string()
        }
        Ok(_) => raw.to_owned(),
        Err(_) => "<unparsable URL>".to_owned(),
    }
}

/// Sends [`OutgoingMail`]; cheap to clone, all clones share one pool of up to
/// 10 SMTP connections (see [`crate::smtp_pool`]). Sending must run inside a
/// Tokio runtime; [`Mailer::new`] need not.
#[derive(Clone)]
pub struct Mailer {
    inner: Arc<Inner>,
}

struct Inner {
    from: Mailbox,
    /// DKIM signing, when configured.
    dkim: Option<lettre::message::dkim::DkimConfig>,
    route: Route,
}

enum Route {
    /// Boxed: the pool's settings are large and this enum lives once per mailer.
    Smtp(Box<SmtpPool>),
    Folder(PathBuf),
}

impl Mailer {
    /// Checks the configuration and picks the route. A bad SMTP URL or sender
    /// is a [`MailError::Config`]; without an SMTP URL the outbox folder is
    /// logged at info level. Nothing is connected or created yet.
    pub fn new(config: &MailConfig) -> Result<Self, MailError> {
        let from = mailbox(&config.from_name, &config.from_address)
            .map_err(|e| MailError::Config(format!("sender (from_name/from_address): {e}")))?;
        let route = match config.smtp_url.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => {
                Route::Smtp(Box::new(SmtpPool::new(parse_smtp_url(url)?)))
            }
            _ => {
                tracing::info!(
                    outbox = %config.outbox_dir.display(),
                    "no SMTP URL configured: outgoing mail will be written to the outbox folder"
                );
                Route::Folder(config.outbox_dir.clone())
            }
        };
        Ok(Mailer {
            inner: Arc::new(Inner {
                from,
                route,
                dkim: None,
            }),
        })
    }

    /// Where mail goes, for logs and status pages: `SMTP host:port` (with the
    /// TLS mode, if any) or `folder /path/to/outbox`. Never contains
    /// credentials.
    pub fn describe(&self) -> String {
        match &self.inner.route {
            Route::Smtp(pool) => pool.description().to_owned(),
            Route::Folder(dir) => format!("folder {}", dir.display()),
        }
    }

    /// Signs every message with DKIM (RSA-SHA256, relaxed canonicalisation) for
    /// `domain` under `selector`, with a PKCS#1 PEM RSA private key (`-----BEGIN RSA PRIVATE KEY-----`;
    /// `openssl rsa -in key.pem -traditional` converts a PKCS#8 one).
    /// A key that cannot be read is a [`MailError::Config`].
    pub fn with_dkim(
        self,
        domain: &str,
        selector: &str,
        private_key_pem: &str,
    ) -> Result<Self, MailError> {
        use lettre::message::dkim::{DkimConfig, DkimSigningAlgorithm, DkimSigningKey};
        let key = DkimSigningKey::new(private_key_pem, DkimSigningAlgorithm::Rsa)
            .map_err(|e| MailError::Config(format!("DKIM private key: {e}")))?;
        let config = DkimConfig::default_config(selector.to_owned(), domain.to_owned(), key);
        let Inner { from, route, .. } = Arc::try_unwrap(self.inner).map_err(|_| {
            MailError::Config("DKIM must be set before the mailer is shared".into())
        })?;
        Ok(Self {
            inner: Arc::new(Inner {
                from,
                route,
                dkim: Some(config),
            }),
        })
    }

    /// Validates, builds and delivers one message, returning its Message-ID.
    ///
    /// Invalid input fails with [`MailError::InvalidMessage`] before anything
    /// is sent. SMTP 5xx replies are [`MailError::SenderRefused`] before any
    /// recipient, [`MailError::Permanent`] for a recipient and
    /// [`MailError::MessageRefused`] after DATA; 4xx replies,
    /// timeouts, connection failures and a lost reply to the message are
    /// [`MailError::Temporary`] (so a retry may, rarely, send it twice);
    /// outbox write failures are [`MailError::Io`].
    pub async fn send(&self, mail: &OutgoingMail) -> Result<SentMail, MailError> {
        let no_commit = || async { Ok::<(), Infallible>(()) };
        self.send_committed(mail, no_commit)
            .await
            .map_err(|failure| match failure {
                SendFailure::NotSent { error, .. } => error,
                SendFailure::Unconfirmed(e) => {
                    MailError::Temporary(format!("no reply after the message was sent: {e}"))
                }
                SendFailure::Commit(never) => match never {},
            })
    }

    /// Like [`Mailer::send`], with a commit point for at-most-once delivery:
    /// `commit` runs after the server accepted sender, recipient and DATA and
    /// before the content leaves (in folder mode, before the file is written).
    /// A caller that records the message as sent inside `commit` never sends
    /// it twice across crashes; [`SendFailure`] says when to undo the record.
    pub async fn send_committed<F, Fut, E>(
        &self,
        mail: &OutgoingMail,
        commit: F,
    ) -> Result<SentMail, SendFailure<E>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(), E>>,
    {
        let not_sent = |error| SendFailure::NotSent {
            error,
            committed: false,
        };
        let BuiltMessage {
            mut message,
            message_id,
        } = build_message(mail, &self.inner.from).map_err(not_sent)?;
        if let Some(dkim) = &self.inner.dkim {
            message.sign(dkim);
        }
        let bytes = message.formatted();
        match &self.inner.route {
            Route::Smtp(pool) => {
                // The final CRLF.CRLF's first CRLF ends the last line: without
                // this, every message would gain a blank line and differ from
                // the `.eml` written in folder mode.
                let content = bytes.strip_suffix(b"\r\n").unwrap_or(&bytes);
                if let Err(failure) = pool.send(message.envelope(), content, commit).await {
                    match &failure {
                        SendFailure::NotSent { error, .. } => {
                            tracing::warn!(%message_id, %error, "SMTP delivery failed")
                        }
                        SendFailure::Unconfirmed(error) => {
                            tracing::warn!(%message_id, %error, "no SMTP reply after the message was sent")
                        }
                        SendFailure::Commit(_) => {
                            tracing::warn!(%message_id, "the commit before sending failed; message abandoned")
                        }
                    }
                    return Err(failure);
                }
                tracing::debug!(%message_id, "mail sent over SMTP");
            }
            Route::Folder(dir) => {
                commit().await.map_err(SendFailure::Commit)?;
                let path = write_to_outbox(dir, &message_id, &bytes)
                    .await
                    .map_err(|error| SendFailure::NotSent {
                        error,
                        committed: true,
                    })?;
                tracing::debug!(%message_id, path = %path.display(), "mail written to outbox");
            }
        }
        Ok(SentMail { message_id })
    }
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer")
            .field("route", &self.describe())
            .finish_non_exhaustive()
    }
}

/// Writes `bytes` as `<UTC timestamp>-<sanitised message id>.eml`, via a
/// temporary name so that readers of the folder never see half a message.
async fn write_to_outbox(dir: &Path, message_id: &str, bytes: &[u8]) -> Result<PathBuf, MailError> {
    tokio::fs::create_dir_all(dir).await?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.6fZ");
    let id: String = message_id
        .trim_matches(['<', '>'])
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!("{stamp}-{id}.eml"));
    let partial = dir.join(format!(".{stamp}-{id}.eml.partial"));
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, &path).await?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(smtp_url: Option<&str>, from_address: &str) -> MailConfig {
        MailConfig {
            smtp_url: smtp_url.map(str::to_owned),
            outbox_dir: PathBuf::from("/tmp/byline-outbox"),
            from_name: "The Byline".to_owned(),
            from_address: from_address.to_owned(),
        }
    }

    #[test]
    fn describes_without_secrets() {
        let smtp = Mailer::new(&config(
            Some("smtp://ed:pw-secret@mail.example?tls=starttls"),
            "news@example.com",
        ));
        assert_eq!(smtp.unwrap().describe(), "SMTP mail.example:587 (STARTTLS)");
        let folder = Mailer::new(&config(None, "news@example.com")).unwrap();
        assert_eq!(folder.describe(), "folder /tmp/byline-outbox");
        let blank = Mailer::new(&config(Some("  "), "news@example.com")).unwrap();
        assert!(blank.describe().starts_with("folder "));
        let debug = format!(
            "{:?}",
            config(Some("smtp://ed:pw-secret@mail.example"), "n@example.com")
        );
        assert!(
            !debug.contains("pw-secret") && debug.contains("redacted"),
            "{debug}"
        );
    }

    #[test]
    fn bad_config_is_reported() {
        let bad_url = Mailer::new(&config(Some("imap://mail.example"), "news@example.com"));
        assert!(matches!(bad_url, Err(MailError::Config(m)) if m.contains("scheme")));
        let bad_from = Mailer::new(&config(None, "not an address"));
        assert!(matches!(bad_from, Err(MailError::Config(m)) if m.contains("sender")));
    }
}
