//! The double opt-in mail: a link that confirms a subscription to one or more newsletters.

use askama::Template;
use byline_i18n::Lang;

use super::{names_list, Letter, RenderError};

/// Asks a reader to confirm a subscription.
#[derive(Debug, Clone)]
pub struct Confirmation<'a> {
    /// The outlet's name.
    pub site_name: &'a str,
    /// Names of the newsletters waiting for confirmation.
    pub newsletters: &'a [&'a str],
    /// The absolute confirmation link.
    pub link: &'a str,
    /// How many days the link works.
    pub days: i64,
}

struct View<'a> {
    lang: Lang,
    subject: String,
    site_name: &'a str,
    newsletters: String,
    link: &'a str,
    days: i64,
}

#[derive(Template)]
#[template(path = "letters/confirmation.html")]
struct Html<'a> {
    v: &'a View<'a>,
}

#[derive(Template)]
#[template(path = "letters/confirmation.txt")]
struct Text<'a> {
    v: &'a View<'a>,
}

impl Confirmation<'_> {
    /// The mail in `lang`.
    pub fn render(&self, lang: Lang) -> Result<Letter, RenderError> {
        let v = View {
            lang,
            subject: lang.t_s("mail-confirm-subject", "site", self.site_name),
            site_name: self.site_name,
            newsletters: names_list(lang, self.newsletters),
            link: self.link,
            days: self.days,
        };
        Ok(Letter {
            html: Html { v: &v }.render()?,
            text: Text { v: &v }.render()?,
            subject: v.subject,
        })
    }
}
