//! Turns the configured SMTP URL into connection settings for
//! [`crate::smtp_pool`] and a password-free description of where mail goes.
//!
//! Supported forms:
//!
//! | URL | connection |
//! |---|---|
//! | `smtp://host[:port]` | plain SMTP, port 25 by default (the test sink, a local relay) |
//! | `smtp://[user:pass@]host[:port]?tls=starttls` | STARTTLS required, port 587 by default (`tls=required` is the same) |
//! | `smtp://[user:pass@]host[:port]?tls=opportunistic` | STARTTLS when offered, else plain; port 587 by default |
//! | `smtps://[user:pass@]host[:port]` | implicit TLS, port 465 by default |
//!
//! User and password are percent-decoded. A path (`smtp://host/client.example`)
//! sets the name sent with EHLO. TLS uses rustls with the webpki root
//! certificates. Every network operation times out after [`SMTP_TIMEOUT`].

use std::borrow::Cow;
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use url::Url;

use crate::MailError;

/// Timeout for connecting and for each SMTP command.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(10);

/// A parsed SMTP URL: how to connect, and a summary for logs.
pub(crate) struct SmtpTarget {
    pub(crate) host: String,
    pub(crate) port: u16,
    pub(crate) tls: Tls,
    pub(crate) hello_name: ClientId,
    pub(crate) credentials: Option<Credentials>,
    /// `SMTP host:port`, plus the TLS mode when there is one; no credentials.
    pub(crate) description: String,
}

/// Parses and checks `raw`; errors are [`MailError::Config`] and never echo the
/// password.
pub(crate) fn parse_smtp_url(raw: &str) -> Result<SmtpTarget, MailError> {
    let url = Url::parse(raw.trim()).map_err(|e| config(&format!("not a URL ({e})")))?;
    let mut tls: Option<String> = None;
    for (key, value) in url.query_pairs() {
        match (key.as_ref(), &tls) {
            ("tls", None) => tls = Some(value.into_owned()),
            _ => return Err(config(&format!("unsupported query parameter {key:?}"))),
        }
    }
    let host = match url.host_str() {
        Some(host) if !host.is_empty() => host.to_owned(),
        _ => return Err(config("no host")),
    };
    // TLS certificates are checked against the name without IPv6 brackets.
    let tls_name = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let tls_parameters =
        || TlsParameters::new(tls_name.clone()).map_err(|e| config(&format!("TLS: {e}")));
    let (tls, default_port, mode) = match (url.scheme(), tls.as_deref()) {
        ("smtp", None) => (Tls::None, 25, ""),
        ("smtp", Some("starttls" | "required")) => (Tls::Required(tls_parameters()?), 587, " (STARTTLS)"),
        ("smtp", Some("opportunistic")) => (Tls::Opportunistic(tls_parameters()?), 587, " (STARTTLS if offered)"),
        ("smtps", None) => (Tls::Wrapper(tls_parameters()?), 465, " (TLS)"),
        ("smtp" | "smtps", Some(other)) => {
            return Err(config(&format!(
                "tls={other:?} is not supported (use starttls or opportunistic with smtp://, nothing with smtps://)"
            )))
        }
        (scheme, _) => {
            return Err(config(&format!("scheme {scheme:?} is not supported (use smtp or smtps)")))
        }
    };
    if url.password().is_some() && url.username().is_empty() {
        return Err(config("a password needs a user name"));
    }
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .map(Cow::into_owned)
            .map_err(|_| config("the user name or password is not valid percent-encoded UTF-8"))
    };
    let credentials = match url.password() {
        Some(password) => Some(Credentials::new(decode(url.username())?, decode(password)?)),
        None => None,
    };
    // The path, if any, is the name sent with EHLO.
    let path = url.path().trim_matches('/');
    let hello_name = if path.is_empty() {
        ClientId::default()
    } else {
        ClientId::Domain(path.to_owned())
    };
    let port = url.port().unwrap_or(default_port);
    Ok(SmtpTarget {
        description: format!("SMTP {host}:{port}{mode}"),
        host: tls_name,
        port,
        tls,
        hello_name,
        credentials,
    })
}

fn config(why: &str) -> MailError {
    MailError::Config(format!("smtp_url: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn describe(raw: &str) -> Result<String, MailError> {
        parse_smtp_url(raw).map(|t| t.description)
    }

    #[test]
    fn supported_forms() {
        assert_eq!(
            describe("smtp://127.0.0.1:2525").unwrap(),
            "SMTP 127.0.0.1:2525"
        );
        assert_eq!(
            describe("smtp://relay.example").unwrap(),
            "SMTP relay.example:25"
        );
        assert_eq!(
            describe("smtp://user:s3cret@mail.example?tls=starttls").unwrap(),
            "SMTP mail.example:587 (STARTTLS)"
        );
        assert_eq!(
            describe("smtp://u:p@mail.example:2587?tls=required").unwrap(),
            "SMTP mail.example:2587 (STARTTLS)"
        );
        assert_eq!(
            describe("smtp://mail.example?tls=opportunistic").unwrap(),
            "SMTP mail.example:587 (STARTTLS if offered)"
        );
        assert_eq!(
            describe("smtps://u:p%40ss@mail.example").unwrap(),
            "SMTP mail.example:465 (TLS)"
        );
        assert_eq!(describe("smtp://[::1]:2525").unwrap(), "SMTP [::1]:2525");
    }

    #[test]
    fn unsupported_forms_are_config_errors_without_the_password() {
        for raw in [
            "",
            "localhost:25",
            "http://mail.example",
            "smtp://",
            "smtp://mail.example?tls=maybe",
            "smtps://mail.example?tls=starttls",
            "smtp://mail.example?tls=starttls&tls=starttls",
            "smtp://mail.example?timeout=5",
            "smtp://:hunter2@mail.example",
        ] {
            match describe(raw) {
                Err(MailError::Config(msg)) => assert!(!msg.contains("hunter2"), "{msg}"),
                other => panic!("{raw:?} gave {other:?}"),
            }
        }
    }
}
