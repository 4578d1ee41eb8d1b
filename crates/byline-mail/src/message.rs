//! The message a caller wants sent, and how it becomes an RFC 5322 message.

use lettre::message::header::{ContentType, HeaderName, HeaderValue, MIME_VERSION_1_0};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

use crate::address::{check_header_text, mailbox, parse_mailbox};
use crate::MailError;

/// One message to one recipient.
///
/// Every text that ends up in a header (subject, names, extra header values)
/// must be free of CR, LF and other control characters; such input is refused
/// with [`MailError::InvalidMessage`], never cleaned up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutgoingMail {
    /// Recipient: `reader@example.com` or `Jane Reader <reader@example.com>`.
    pub to: String,
    /// Subject line; any Unicode, encoded as RFC 2047 words when needed.
    pub subject: String,
    /// Plain-text body, always sent.
    pub text: String,
    /// HTML alternative; when set the message is `multipart/alternative`.
    pub html: Option<String>,
    /// Extra headers such as `List-Unsubscribe` and `List-Unsubscribe-Post`.
    /// Names must be unique and may not replace the headers this crate sets
    /// (From, To, Cc, Bcc, Sender, Subject, Date, Message-ID, MIME and
    /// content headers, Return-Path).
    pub headers: Vec<(String, String)>,
    /// Sender display name for this message instead of the configured one.
    pub from_name: Option<String>,
    /// Sender address for this message instead of the configured one.
    pub from_address: Option<String>,
    /// Message-ID to use (`<id@domain>`, brackets optional); generated when
    /// absent as `<128 random bits in hex@sender's domain>`.
    pub message_id: Option<String>,
}

impl OutgoingMail {
    /// A plain-text message; set the public fields for HTML, headers and more.
    pub fn new(to: impl Into<String>, subject: impl Into<String>, text: impl Into<String>) -> Self {
        OutgoingMail {
            to: to.into(),
            subject: subject.into(),
            text: text.into(),
            ..Self::default()
        }
    }
}

/// What a successful send reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentMail {
    /// The Message-ID header as sent, angle brackets included.
    pub message_id: String,
}

/// Headers owned by the builder: an extra header of the same name would
/// replace them or, for address headers, silently add envelope recipients.
const RESERVED_HEADERS: &[&str] = &[
    "from",
    "to",
    "cc",
    "bcc",
    "sender",
    "subject",
    "date",
    "message-id",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "return-path",
];

/// A lettre message ready to format or send, with its Message-ID.
pub(crate) struct BuiltMessage {
    pub(crate) message: Message,
    pub(crate) message_id: String,
}

/// Validates `mail` and turns it into a lettre message sent as `default_from`
/// unless the mail overrides the sender.
pub(crate) fn build_message(
    mail: &OutgoingMail,
    default_from: &Mailbox,
) -> Result<BuiltMessage, MailError> {
    let from = sender(mail, default_from)?;
    let to = parse_mailbox(&mail.to)?;
    check_header_text("subject", &mail.subject)?;
    let message_id = match &mail.message_id {
        Some(id) => normalise_message_id(id)?,
        None => generate_message_id(from.email.domain()),
    };
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.as_str())
        .date_now()
        .message_id(Some(message_id.clone()));
    for header in extra_headers(&mail.headers)? {
        builder = builder.raw_header(header);
    }
    let built = match &mail.html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(
            mail.text.clone(),
            html.clone(),
        )),
        // A raw body rather than `singlepart`: lettre appends a CRLF after a
        // single part, which would end up in the decoded text.
        None => builder
            .header(ContentType::TEXT_PLAIN)
            .header(MIME_VERSION_1_0)
            .body(mail.text.clone()),
    };
    let message = built.map_err(|e| MailError::InvalidMessage(e.to_string()))?;
    Ok(BuiltMessage {
        message,
        message_id,
    })
}

/// The sender: the configured mailbox, with either half overridden.
fn sender(mail: &OutgoingMail, default_from: &Mailbox) -> Result<Mailbox, MailError> {
    if mail.from_name.is_none() && mail.from_address.is_none() {
        return Ok(default_from.clone());
    }
    let name = match &mail.from_name {
        Some(name) => name.as_str(),
        None => default_from.name.as_deref().unwrap_or_default(),
    };
    let default_address = default_from.email.to_string();
    mailbox(
        name,
        mail.from_address.as_deref().unwrap_or(&default_address),
    )
}

fn extra_headers(headers: &[(String, String)]) -> Result<Vec<HeaderValue>, MailError> {
    let mut seen: Vec<String> = Vec::with_capacity(headers.len());
    let mut values = Vec::with_capacity(headers.len());
    for (name, value) in headers {
        let bad = |why: &str| MailError::InvalidMessage(format!("header {name:?}: {why}"));
        // RFC 5322 field names: printable ASCII except the colon.
        if name.is_empty() || !name.bytes().all(|b| (33..=126).contains(&b) && b != b':') {
            return Err(bad("name must be printable ASCII without spaces or colons"));
        }
        let lower = name.to_ascii_lowercase();
        if RESERVED_HEADERS.contains(&lower.as_str()) {
            return Err(bad(
                "is set by the mailer and cannot be given as an extra header",
            ));
        }
        if seen.contains(&lower) {
            return Err(bad("given twice"));
        }
        check_header_text(&format!("header {name:?}"), value)?;
        let header_name = HeaderName::new_from_ascii(name.clone())
            .map_err(|_| bad("name longer than 76 characters"))?;
        values.push(HeaderValue::new(header_name, value.clone()));
        seen.push(lower);
    }
    Ok(values)
}

/// Accepts `id@domain` or `<id@domain>` and returns the bracketed form.
fn normalise_message_id(id: &str) -> Result<String, MailError> {
    let trimmed = id.trim();
    let bare = trimmed
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(trimmed);
    let valid_char = |c: char| c.is_ascii_graphic() && !"<>\"\\,;:()[]".contains(c);
    let well_formed = bare
        .split_once('@')
        .is_some_and(|(left, right)| !left.is_empty() && !right.is_empty() && !right.contains('@'));
    if id.chars().any(char::is_control) || !well_formed || !bare.chars().all(valid_char) {
        return Err(MailError::InvalidMessage(format!(
            "message id {id:?} must look like <unique@domain>"
        )));
    }
    Ok(format!("<{bare}>"))
}

/// A fresh `<random@domain>` Message-ID; 128 random bits make clashes moot.
fn generate_message_id(domain: &str) -> String {
    format!("<{:032x}@{domain}>", rand::random::<u128>())
}

#[cfg(test)]
#[path = "message_tests.rs"]
mod tests;
