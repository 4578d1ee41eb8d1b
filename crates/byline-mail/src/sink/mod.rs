//! A real SMTP server on loopback for tests: mail sent to it is kept in
//! memory for inspection, and chosen recipients can be refused.
//!
//! It speaks plain SMTP (no STARTTLS): greeting, EHLO/HELO, AUTH PLAIN (any
//! password is accepted and kept with each message), MAIL, RCPT, DATA with
//! dot-unstuffing, RSET, NOOP, QUIT; anything else gets 502.
//! Connections are served concurrently and may carry several messages.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use byline_mail::sink::SmtpSink;
//! let sink = SmtpSink::start().await?;
//! // configure the app with `smtp_url: Some(sink.url())`, send something, then:
//! let mails = sink.wait_for(1, std::time::Duration::from_secs(5)).await;
//! assert_eq!(mails[0].header("Subject").as_deref(), Some("Hello"));
//! # Ok(()) }
//! ```

mod received;
mod session;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

pub use received::ReceivedMail;

/// What the server task and the test share.
#[derive(Debug)]
pub(crate) struct SinkState {
    /// Every accepted message, in arrival order; `watch` wakes `wait_for`.
    pub(crate) mails: watch::Sender<Vec<ReceivedMail>>,
    /// Lowercased address → SMTP reply code for its RCPT TO.
    pub(crate) rejections: Mutex<HashMap<String, u16>>,
    /// Lowercased address → what happens after the content of a message to it.
    pub(crate) after_content: Mutex<HashMap<String, AfterContent>>,
    /// Lowercased sender address → SMTP reply code for its MAIL FROM.
    pub(crate) sender_rejections: Mutex<HashMap<String, u16>>,
    /// How many commands got a refusal the test asked for.
    pub(crate) refusals: std::sync::atomic::AtomicUsize,
}

/// What the sink does once it has a whole message for a chosen recipient
/// (see [`SmtpSink::after_content`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterContent {
    /// Refuse the message with this reply code (4xx or 5xx); nothing is kept.
    Refuse(u16),
    /// Keep the message, then close the connection without replying, as a
    /// server that crashed or a network that broke right after the dot.
    KeepAndHangUp,
}

impl SinkState {
    /// The rejection table; a panic elsewhere must not hide the data.
    pub(crate) fn rejections(&self) -> MutexGuard<'_, HashMap<String, u16>> {
        self.rejections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn after_content(&self) -> MutexGuard<'_, HashMap<String, AfterContent>> {
        self.after_content
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn sender_rejections(&self) -> MutexGuard<'_, HashMap<String, u16>> {
        self.sender_rejections
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts one refusal the test asked for.
    pub(crate) fn refused(&self) {
        self.refusals
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
}

/// A running SMTP sink; the server (and every open connection) stops when
/// this value is dropped.
#[derive(Debug)]
pub struct SmtpSink {
    addr: SocketAddr,
    state: Arc<SinkState>,
    server: JoinHandle<()>,
}

impl SmtpSink {
    /// Binds `127.0.0.1` on a free port and serves SMTP on a spawned Tokio task.
    pub async fn start() -> std::io::Result<SmtpSink> {
        Self::start_at(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Like [`SmtpSink::start`] on a chosen address, e.g. to come back on the
    /// port of a sink that was stopped (a server restart, seen by clients).
    pub async fn start_at(addr: SocketAddr) -> std::io::Result<SmtpSink> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(SinkState {
            mails: watch::Sender::new(Vec::new()),
            rejections: Mutex::new(HashMap::new()),
            after_content: Mutex::new(HashMap::new()),
            sender_rejections: Mutex::new(HashMap::new()),
            refusals: std::sync::atomic::AtomicUsize::new(0),
        });
        let server = tokio::spawn(serve(listener, Arc::clone(&state)));
        Ok(SmtpSink {
            addr,
            state,
            server,
        })
    }

    /// The address the sink listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `smtp://127.0.0.1:PORT`, ready for `MailConfig::smtp_url`.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// A snapshot of every message received so far, in arrival order.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.state.mails.borrow().clone()
    }

    /// Waits until at least `count` messages have arrived and returns them
    /// all; at `timeout` returns whatever has arrived (possibly fewer).
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let mut updates = self.state.mails.subscribe();
        // Either outcome ends in the same snapshot; the caller checks the count.
        let _ = tokio::time::timeout(timeout, updates.wait_for(|mails| mails.len() >= count)).await;
        self.messages()
    }

    /// Makes `RCPT TO` for `address` (case-insensitive) fail with `code`,
    /// e.g. 550 (permanent: unknown user) or 451 (temporary: try later).
    /// Codes outside 400–599 are clamped to 550.
    pub fn reject_recipient(&self, address: &str, code: u16) {
        let code = if (400..=599).contains(&code) {
            code
        } else {
            550
        };
        self.state
            .rejections()
            .insert(address.trim().to_ascii_lowercase(), code);
    }

    /// Makes `MAIL FROM` with `address` (case-insensitive) fail with `code`, as
    /// a relay that does not let this sender send (e.g. 550 or 553).
    pub fn reject_sender(&self, address: &str, code: u16) {
        let code = if (400..=599).contains(&code) {
            code
        } else {
            550
        };
        self.state
            .sender_rejections()
            .insert(address.trim().to_ascii_lowercase(), code);
    }

    /// How many commands have been refused as the test asked
    /// ([`SmtpSink::reject_recipient`], [`SmtpSink::reject_sender`],
    /// [`SmtpSink::after_content`] with a refusal).
    pub fn refusals(&self) -> usize {
        self.state
            .refusals
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Chooses what happens after the content of a message to `address`
    /// (case-insensitive): refused after the final dot, or kept with no reply.
    pub fn after_content(&self, address: &str, outcome: AfterContent) {
        self.state
            .after_content()
            .insert(address.trim().to_ascii_lowercase(), outcome);
    }

    /// Forgets all received messages and every refusal chosen (the count of
    /// refusals made stays).
    pub fn clear(&self) {
        self.state.mails.send_modify(Vec::clear);
        self.state.rejections().clear();
        self.state.after_content().clear();
        self.state.sender_rejections().clear();
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        // Dropping the accept loop drops its JoinSet, which aborts every session.
        self.server.abort();
    }
}

async fn serve(listener: TcpListener, state: Arc<SinkState>) {
    let mut sessions = JoinSet::new();
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => {
                // Replies are small writes: without this, Nagle's algorithm and delayed ACKs
                // stall some replies ~40 ms each.
                let _ = stream.set_nodelay(true);
                sessions.spawn(session::run(stream, Arc::clone(&state)));
            }
            Err(err) => {
                // Usually EMFILE under load: back off instead of spinning.
                tracing::warn!(error = %err, "SMTP sink accept failed");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        // Reap finished sessions so the set does not grow without bound.
        while sessions.try_join_next().is_some() {}
    }
}

#[cfg(test)]
mod tests;
