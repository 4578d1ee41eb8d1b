//! A message as the sink received it, with helpers to read its headers and
//! decoded body parts.

use mailparse::{DispositionType, MailHeaderMap, ParsedMail};

/// One message accepted by the sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    /// The `MAIL FROM` address (empty for the null sender `<>`).
    pub mail_from: String,
    /// Every accepted `RCPT TO` address, in order.
    pub rcpt_to: Vec<String>,
    /// The raw message after dot-unstuffing, CRLF line endings as sent
    /// (bytes that are not UTF-8 are replaced with U+FFFD).
    pub data: String,
    /// User name and password the client gave with `AUTH PLAIN`, if it did.
    pub auth: Option<(String, String)>,
}

impl ReceivedMail {
    /// The first header called `name` (case-insensitive), unfolded, with
    /// RFC 2047 encoded words decoded. `None` if absent or unparsable.
    pub fn header(&self, name: &str) -> Option<String> {
        let (headers, _) = mailparse::parse_headers(self.data.as_bytes()).ok()?;
        headers.get_first_value(name)
    }

    /// Every value of header `name`, in order, decoded like [`Self::header`].
    pub fn header_all(&self, name: &str) -> Vec<String> {
        mailparse::parse_headers(self.data.as_bytes())
            .map(|(headers, _)| headers.get_all_values(name))
            .unwrap_or_default()
    }

    /// The first inline `text/plain` part (or the whole body of a plain
    /// message), transfer encoding and charset decoded, line endings as `\n`.
    pub fn text_part(&self) -> Option<String> {
        self.part("text/plain")
    }

    /// The first inline `text/html` part, decoded like [`Self::text_part`].
    pub fn html_part(&self) -> Option<String> {
        self.part("text/html")
    }

    fn part(&self, mimetype: &str) -> Option<String> {
        let parsed = mailparse::parse_mail(self.data.as_bytes()).ok()?;
        let part = parsed
            .parts()
            .find(|p| is_inline(p) && p.ctype.mimetype == mimetype)?;
        let body = part.get_body().ok()?;
        Some(body.replace("\r\n", "\n"))
    }
}

fn is_inline(part: &ParsedMail<'_>) -> bool {
    part.get_content_disposition().disposition != DispositionType::Attachment
}
