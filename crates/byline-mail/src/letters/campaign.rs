//! One issue of a newsletter to one subscriber: the campaign's body in the site's frame,
//! with the footer that says why it came and links to the preferences and unsubscribe
//! pages. The `List-Unsubscribe` header is the sender's to set.

use askama::Template;
use byline_i18n::Lang;

use super::{Letter, RenderError};

/// A campaign's mail to one subscriber.
#[derive(Debug, Clone)]
pub struct Campaign<'a> {
    /// The campaign's subject line, as the editor wrote it.
    pub subject: &'a str,
    /// The body as Markdown source: the plain-text part.
    pub body_text: &'a str,
    /// The body rendered to sanitised HTML (`byline_domain::markdown::render`).
    pub body_html: &'a str,
    /// This subscriber's preferences page.
    pub preferences_url: &'a str,
    /// This subscriber's unsubscribe link for this newsletter.
    pub unsubscribe_url: &'a str,
}

struct View<'a> {
    lang: Lang,
    subject: &'a str,
    body_text: &'a str,
    body_html: &'a str,
    preferences_url: &'a str,
    unsubscribe_url: &'a str,
}

#[derive(Template)]
#[template(path = "letters/campaign.html")]
struct Html<'a> {
    v: &'a View<'a>,
}

#[derive(Template)]
#[template(path = "letters/campaign.txt")]
struct Text<'a> {
    v: &'a View<'a>,
}

impl Campaign<'_> {
    /// The mail in `lang` (the site's).
    pub fn render(&self, lang: Lang) -> Result<Letter, RenderError> {
        let v = View {
            lang,
            subject: self.subject,
            body_text: self.body_text,
            body_html: self.body_html,
            preferences_url: self.preferences_url,
            unsubscribe_url: self.unsubscribe_url,
        };
        Ok(Letter {
            html: Html { v: &v }.render()?,
            text: Text { v: &v }.render()?,
            subject: self.subject.to_owned(),
        })
    }
}
