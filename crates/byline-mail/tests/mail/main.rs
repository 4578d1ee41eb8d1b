//! Integration tests: every message goes over real TCP to the SMTP sink
//! (or into a real temporary folder). No mocks.

mod commit_point;
mod concurrency;
mod dkim;
mod errors;
mod folder;
mod sending;

use std::time::Duration;

use byline_mail::sink::SmtpSink;
use byline_mail::{MailConfig, Mailer};

/// Long enough for a loaded 2-core CI machine, short enough to fail fast.
pub const WAIT: Duration = Duration::from_secs(10);

/// A sink and a mailer pointed at it, sending as `The Byline <newsroom@byline.example>`.
pub async fn sink_and_mailer() -> (SmtpSink, Mailer) {
    let sink = SmtpSink::start().await.expect("sink starts");
    let mailer = Mailer::new(&config(Some(sink.url()))).expect("valid config");
    (sink, mailer)
}

pub fn config(smtp_url: Option<String>) -> MailConfig {
    MailConfig {
        smtp_url,
        outbox_dir: std::env::temp_dir().join("byline-mail-unused-outbox"),
        from_name: "The Byline".to_owned(),
        from_address: "newsroom@byline.example".to_owned(),
    }
}
