//! The password-reset mail to a staff member who asked for one on the sign-in page.

use askama::Template;
use byline_i18n::Lang;

use super::{Letter, RenderError};

/// A link to choose a new desk password.
#[derive(Debug, Clone)]
pub struct PasswordReset<'a> {
    /// The outlet's name.
    pub site_name: &'a str,
    /// The absolute reset link.
    pub link: &'a str,
    /// How many hours the link works.
    pub hours: i64,
}

struct View<'a> {
    lang: Lang,
    subject: String,
    site_name: &'a str,
    link: &'a str,
    hours: i64,
}

#[derive(Template)]
#[template(path = "letters/password_reset.html")]
struct Html<'a> {
    v: &'a View<'a>,
}

#[derive(Template)]
#[template(path = "letters/password_reset.txt")]
struct Text<'a> {
    v: &'a View<'a>,
}

impl PasswordReset<'_> {
    /// The mail in `lang` (the staff member's language, else the site's).
    pub fn render(&self, lang: Lang) -> Result<Letter, RenderError> {
        let v = View {
            lang,
            subject: lang.t_s("mail-reset-subject", "site", self.site_name),
            site_name: self.site_name,
            link: self.link,
            hours: self.hours,
        };
        Ok(Letter {
            html: Html { v: &v }.render()?,
            text: Text { v: &v }.render()?,
            subject: v.subject,
        })
    }
}
