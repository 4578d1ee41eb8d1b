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
    /// The server answered 5xx: the recipient (or message) is refused for good.
    #[error("permanent mail failure: {0}")]
    Permanent(String),
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

impl From<lettre::transport::smtp::Error> for MailError {
    /// 5xx replies are permanent; 4xx replies, timeouts, refused or dropped
    /// connections and TLS failures are temporary.
    fn from(err: lettre::transport::smtp::Error) -> Self {
        if err.is_permanent() {
            MailError::Permanent(err.to_string())
        } else {
            MailError::Temporary(err.to_string())
        }
    }
}

impl From<std::io::Error> for MailError {
    fn from(err: std::io::Error) -> Self {
        MailError::Io(err.to_string())
    }
}
