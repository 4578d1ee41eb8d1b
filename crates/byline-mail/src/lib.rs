//! Outgoing mail for Byline.
//!
//! A [`Mailer`] is built once from [`MailConfig`]: with an SMTP URL it sends
//! over a small pool of lettre SMTP connections with a commit point before
//! the message content ([`Mailer::send_committed`]), without one it writes each
//! message as an `.eml` file into an outbox folder (the same bytes that would
//! go over SMTP). [`sink::SmtpSink`] is a real loopback SMTP server that tests
//! in any crate can send to and inspect. [`letters`] renders every mail Byline sends
//! from its templates, in the reader's language.
#![forbid(unsafe_code)]

mod address;
mod error;
pub mod letters;
mod mailer;
mod message;
pub mod sink;
mod smtp_pool;
pub mod smtp_url;

pub use address::validate_address;
pub use error::MailError;
pub use mailer::{MailConfig, Mailer};
pub use message::{OutgoingMail, SentMail};
pub use smtp_pool::SendFailure;
