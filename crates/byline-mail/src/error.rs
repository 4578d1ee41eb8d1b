//! The one error type of this crate, sorted by what the caller should do next.

/// Why a message could not be configured, built or delivered.
///
/// The variants answer "what now?": fix the configuration, fix the message,
/// retry later, or give up on this recipient.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    /// The mail configuration is unusable (bad SMTP URL, bad sender address).
    #[error("mail configuration: {0}")]
    Config(String),
    /// The message itself is invalid: a malformed address, or CR/LF or another
    /// control character in a subject, display name or header (header injection).
    /// Such input is rejected, never silently sanitised.
    #[error("invalid message: {0}")]
    InvalidMessage(String),
    /// The server answered 4xx, timed out or could not be reached: retry later.
    #[error("temporary mail failure: {0}")]
    Temporary(String),
    /// The server answered 5xx to the recipient (`RCPT TO`): this address is
    /// refused for good.
    #[error("permanent mail failure: {0}")]
    Permanent(String),
    /// The server answered 5xx before any recipient: to the credentials, the
    /// session or the sender (`MAIL FROM`). No recipient is at fault; the mail
    /// configuration (or the relay's) needs fixing, and mail can go once it is.
    #[error("the mail server refused the sender or credentials: {0}")]
    SenderRefused(String),
    /// The server answered 5xx to DATA or to the content (e.g. as spam, too
    /// large): this message is refused, the recipient is not at fault.
    #[error("the mail server refused the message: {0}")]
    MessageRefused(String),
    /// Writing to the outbox folder failed.
    #[error("mail outbox I/O: {0}")]
    Io(String),
}

impl MailError {
    /// True when sending the same message again later may succeed:
    /// [`MailError::Temporary`] and [`MailError::Io`] (a full or unwritable
    /// outbox is an operational problem, not a property of the message).
    pub fn is_temporary(&self) -> bool {
        matches!(self, MailError::Temporary(_) | MailError::Io(_))
    }
}

/// Where in an SMTP transaction a failure happened, which decides who is at
/// fault when the server answers 5xx.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    /// Connecting, EHLO, TLS, AUTH, `MAIL FROM`.
    Sender,
    /// `RCPT TO`.
    Recipient,
    /// `DATA`, the content, the final reply.
    Message,
}

impl MailError {
    /// 5xx replies become [`MailError::SenderRefused`], [`MailError::Permanent`]
    /// or [`MailError::MessageRefused`] by `stage`; 4xx replies, timeouts,
    /// refused or dropped connections and TLS failures are temporary.
    pub(crate) fn from_smtp(err: &lettre::transport::smtp::Error, stage: Stage) -> Self {
        let text = err.to_string();
        match (err.is_permanent(), stage) {
            (false, _) => MailError::Temporary(text),
            (true, Stage::Sender) => MailError::SenderRefused(text),
            (true, Stage::Recipient) => MailError::Permanent(text),
            (true, Stage::Message) => MailError::MessageRefused(text),
        }
    }
}

impl From<std::io::Error> for MailError {
    fn from(err: std::io::Error) -> Self {
        MailError::Io(err.to_string())
    }
}
