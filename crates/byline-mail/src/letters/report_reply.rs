//! The desk's reply to a reader who reported an error in an article and gave an address:
//! the editor's words, the quote the reader sent, a link to the article, and how long the
//! address is kept.

use askama::Template;
use byline_i18n::Lang;

use super::{Letter, RenderError};

/// Answers a reader's error report.
#[derive(Debug, Clone)]
pub struct ReportReply<'a> {
    /// The outlet's name.
    pub site_name: &'a str,
    /// The headline of the article the report is about.
    pub headline: &'a str,
    /// The absolute article link.
    pub link: &'a str,
    /// What the reader quoted (may be empty).
    pub quote: &'a str,
    /// The editor's reply, plain text.
    pub reply: &'a str,
    /// Days the address is kept after the report is closed.
    pub keep_days: i64,
}

struct View<'a> {
    lang: Lang,
    subject: String,
    site_name: &'a str,
    headline: &'a str,
    link: &'a str,
    quote: &'a str,
    /// The reply's paragraphs (blank-line separated).
    paragraphs: Vec<&'a str>,
    reply: &'a str,
    keep_days: i64,
}

#[derive(Template)]
#[template(path = "letters/report_reply.html")]
struct Html<'a> {
    v: &'a View<'a>,
}

#[derive(Template)]
#[template(path = "letters/report_reply.txt")]
struct Text<'a> {
    v: &'a View<'a>,
}

impl ReportReply<'_> {
    /// The mail in `lang`.
    pub fn render(&self, lang: Lang) -> Result<Letter, RenderError> {
        let v = View {
            lang,
            subject: lang.t_s2(
                "mail-report-subject",
                "site",
                self.site_name,
                "headline",
                self.headline,
            ),
            site_name: self.site_name,
            headline: self.headline,
            link: self.link,
            quote: self.quote.trim(),
            paragraphs: self
                .reply
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect(),
            reply: self.reply.trim(),
            keep_days: self.keep_days,
        };
        Ok(Letter {
            html: Html { v: &v }.render()?,
            text: Text { v: &v }.render()?,
            subject: v.subject,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reply_carries_the_words_quote_and_link_escaped() {
        let letter = ReportReply {
            site_name: "Kyiv Ledger",
            headline: "IMF tranche",
            link: "https://news.example/articles/imf-tranche",
            quote: "$2bn",
            reply: "You are right.\n\nWe fixed it <today>.",
            keep_days: 30,
        }
        .render(Lang::En)
        .expect("letter");
        assert!(letter.subject.contains("IMF tranche"), "{}", letter.subject);
        assert!(letter.text.contains("We fixed it <today>."));
        assert!(letter
            .text
            .contains("https://news.example/articles/imf-tranche"));
        assert!(
            letter.html.contains("We fixed it &#60;today&#62;.")
                || letter.html.contains("We fixed it &lt;today&gt;.")
        );
        assert!(letter.html.contains("$2bn"));
        let uk = ReportReply {
            site_name: "Kyiv Ledger",
            headline: "Транш МВФ",
            link: "https://news.example/articles/imf-tranche",
            quote: "",
            reply: "Дякуємо.",
            keep_days: 30,
        }
        .render(Lang::Uk)
        .expect("letter");
        assert!(uk.text.contains("Дякуємо."));
        assert!(!uk.text.contains("mail-report"), "{}", uk.text);
    }
}
