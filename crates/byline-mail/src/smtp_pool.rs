//! SMTP delivery with a commit point: a small pool of lettre connections that
//! sends one message per transaction and calls the caller's `commit` at the
//! last moment before the message can be delivered.
//!
//! The order is MAIL FROM, RCPT TO, DATA (354), **commit**, message content,
//! final dot, reply. A server delivers nothing until it has the final dot, so:
//!
//! - if the process dies before `commit` finishes, nothing was delivered and
//!   the caller's record still says "not sent": sending again is safe;
//! - once `commit` has returned, the content and the dot are two socket writes
//!   away, with no network round trip in between: the caller may record the
//!   message as sent in `commit`, and a crash can then only lose the message in
//!   that window of a thread wake-up, never send it twice.
//!
//! This is how newsletter campaigns get "at most once per subscriber" with
//! nearly nothing lost, where recording after the server's reply would resend
//! every message in flight at a crash. Failures are reported with enough
//! detail ([`SendFailure`]) for the caller to undo its record when the server
//! refused the message or the content never left.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Mechanism;
use lettre::transport::smtp::client::{AsyncSmtpConnection, Tls};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{Extension, MailBodyParameter, MailParameter};
use lettre::transport::smtp::Error as SmtpError;
use tokio::sync::Semaphore;

use crate::error::Stage;
use crate::smtp_url::{SmtpTarget, SMTP_TIMEOUT};
use crate::MailError;

/// Connections open at once (in use or idle).
const MAX_CONNECTIONS: usize = 10;
/// An idle connection older than this is closed rather than reused: servers
/// drop idle clients after a while, and a fresh connection is cheap.
const MAX_IDLE: Duration = Duration::from_secs(30);

/// Why a message with a commit point was not (or not surely) delivered.
#[derive(Debug)]
pub enum SendFailure<E> {
    /// Nothing was delivered. `committed` says whether `commit` had already
    /// run (the server then refused the content, or the content never left),
    /// so the caller knows to undo what `commit` recorded.
    NotSent { error: MailError, committed: bool },
    /// `commit` failed; the transaction was abandoned before any content left.
    Commit(E),
    /// The content and the final dot left, but no reply came back (the
    /// connection broke or timed out): the server may have delivered it.
    Unconfirmed(MailError),
}

impl<E> SendFailure<E> {
    fn not_sent((error, stage): (SmtpError, Stage), committed: bool) -> Self {
        SendFailure::NotSent {
            error: MailError::from_smtp(&error, stage),
            committed,
        }
    }
}

pub(crate) struct SmtpPool {
    target: SmtpTarget,
    slots: Semaphore,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

impl SmtpPool {
    pub(crate) fn new(target: SmtpTarget) -> Self {
        SmtpPool {
            target,
            slots: Semaphore::new(MAX_CONNECTIONS),
            idle: Mutex::new(Vec::new()),
        }
    }

    pub(crate) fn description(&self) -> &str {
        &self.target.description
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, SmtpError> {
        let t = &self.target;
        let wrapper = match &t.tls {
            Tls::Wrapper(p) => Some(p.clone()),
            _ => None,
        };
        let mut conn = AsyncSmtpConnection::connect_tokio1(
            (t.host.as_str(), t.port),
            Some(SMTP_TIMEOUT),
            &t.hello_name,
            wrapper,
            None,
        )
        .await?;
        match &t.tls {
            Tls::Required(p) => conn.starttls(p.clone(), &t.hello_name).await?,
            Tls::Opportunistic(p) if conn.can_starttls() => {
                conn.starttls(p.clone(), &t.hello_name).await?;
            }
            _ => {}
        }
        if let Some(credentials) = &t.credentials {
            conn.auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .await?;
        }
        Ok(conn)
    }

    /// An idle connection young enough to reuse, if any (`true`), else a new one.
    async fn checkout(&self) -> Result<(AsyncSmtpConnection, bool), SmtpError> {
        loop {
            let popped = self
                .idle
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .pop();
            match popped {
                Some((conn, since)) if since.elapsed() < MAX_IDLE && !conn.has_broken() => {
                    return Ok((conn, true))
                }
                Some((stale, _)) => drop(stale),
                None => return Ok((self.connect().await?, false)),
            }
        }
    }

    fn checkin(&self, conn: AsyncSmtpConnection) {
        if !conn.has_broken() {
            self.idle
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((conn, Instant::now()));
        }
    }

    /// Sends `bytes` (a formatted message, without a final CRLF) to the
    /// envelope's recipients, calling `commit` between DATA and the content.
    pub(crate) async fn send<F, Fut, E>(
        &self,
        envelope: &Envelope,
        bytes: &[u8],
        commit: F,
    ) -> Result<(), SendFailure<E>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(), E>>,
    {
        let _slot = self
            .slots
            .acquire()
            .await
            .expect("the pool's semaphore is never closed");
        let at_sender = |e| SendFailure::not_sent((e, Stage::Sender), false);
        let (mut conn, reused) = self.checkout().await.map_err(at_sender)?;
        // On any failure the connection is dropped, not politely QUIT: its state
        // is unknown, and in the DATA phase a QUIT would only be message text.
        if let Err(first) = open_transaction(&mut conn, envelope, bytes).await {
            drop(conn);
            // A reused connection may have been closed by the server while idle:
            // one more try on a fresh one, unless the server refused outright.
            if !reused || first.0.is_permanent() {
                return Err(SendFailure::not_sent(first, false));
            }
            conn = self.connect().await.map_err(at_sender)?;
            if let Err(again) = open_transaction(&mut conn, envelope, bytes).await {
                drop(conn);
                return Err(SendFailure::not_sent(again, false));
            }
        }
        if let Err(e) = commit().await {
            // Closing without the final dot makes the server discard the transaction.
            drop(conn);
            return Err(SendFailure::Commit(e));
        }
        let content_written = AtomicBool::new(false);
        let parts = ContentThenMark {
            content: Some(bytes),
            written: &content_written,
        };
        match conn.message_iter(parts).await {
            Ok(_) => {
                self.checkin(conn);
                Ok(())
            }
            Err(e) => {
                drop(conn);
                let replied = e.status().is_some();
                if replied || !content_written.load(Ordering::SeqCst) {
                    Err(SendFailure::not_sent((e, Stage::Message), true))
                } else {
                    Err(SendFailure::Unconfirmed(MailError::from_smtp(
                        &e,
                        Stage::Message,
                    )))
                }
            }
        }
    }
}

/// MAIL FROM, RCPT TO for each recipient, DATA: everything up to the 354 reply.
/// A failure comes with the stage it happened at.
async fn open_transaction(
    conn: &mut AsyncSmtpConnection,
    envelope: &Envelope,
    bytes: &[u8],
) -> Result<(), (SmtpError, Stage)> {
    let mut parameters = Vec::new();
    let non_ascii_address = envelope
        .from()
        .into_iter()
        .chain(envelope.to())
        .any(|a: &lettre::Address| !AsRef::<str>::as_ref(a).is_ascii());
    if non_ascii_address {
        parameters.push(MailParameter::SmtpUtfEight);
    }
    if !bytes.is_ascii() && conn.server_info().supports_feature(Extension::EightBitMime) {
        parameters.push(MailParameter::Body(MailBodyParameter::EightBitMime));
    }
    conn.command(Mail::new(envelope.from().cloned(), parameters))
        .await
        .map_err(|e| (e, Stage::Sender))?;
    for to in envelope.to() {
        conn.command(Rcpt::new(to.clone(), vec![]))
            .await
            .map_err(|e| (e, Stage::Recipient))?;
    }
    conn.command(Data).await.map_err(|e| (e, Stage::Message))?;
    Ok(())
}

/// Yields the message content once, then notes that lettre has written it: the
/// next write is the final dot. A failure before the note means the dot never left.
struct ContentThenMark<'a> {
    content: Option<&'a [u8]>,
    written: &'a AtomicBool,
}

impl<'a> Iterator for ContentThenMark<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let next = self.content.take();
        if next.is_none() {
            self.written.store(true, Ordering::SeqCst);
        }
        next
    }
}
