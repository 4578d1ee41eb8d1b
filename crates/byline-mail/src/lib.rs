//! Outgoing mail for Byline.
//!
//! A [`Mailer`] is built once from [`MailConfig`]: with an SMTP URL it sends
//! through lettre's pooled async SMTP transport, without one it writes each
//! message as an `.eml` file into an outbox folder (the same bytes that would
//! go over SMTP). [`sink::SmtpSink`] is a real loopback SMTP server that tests
//! in any crate can send to and inspect.
#![forbid(unsafe_code)]

mod address;
mod error;
mod mailer;
mod message;
pub mod sink;
pub mod smtp_url;

pub use address::validate_address;
pub use error::MailError;
pub use mailer::{MailConfig, Mailer};
pub use message::{OutgoingMail, SentMail};
