//! Every mail Byline sends, as askama templates (HTML and plain text) with every word
//! from the catalogs (`mail.ftl`): one type per mail, each with
//! `render(lang) -> Result<Letter, _>`.
//!
//! - [`Confirmation`]: double opt-in for a newsletter subscription;
//! - [`PasswordReset`] and [`Invitation`]: mails to staff;
//! - [`ReportReply`]: the desk's answer to a reader's error report;
//! - [`Campaign`]: one issue of a newsletter, with its preferences and unsubscribe footer
//!   (`List-Unsubscribe` stays a header, set by the sender).
//!
//! Subscriber and campaign mail is written in the site's language; staff mail in the staff
//! member's language where one is known. Callers pick the [`Lang`]. The templates live in
//! `crates/byline-mail/templates/letters/`.

mod campaign;
mod confirmation;
mod invitation;
mod password_reset;
mod report_reply;

use byline_i18n::Lang;

pub use campaign::Campaign;
pub use confirmation::Confirmation;
pub use invitation::Invitation;
pub use password_reset::PasswordReset;
pub use report_reply::ReportReply;

/// A rendered mail: subject line, plain text and its HTML alternative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Letter {
    /// An [`crate::OutgoingMail`] to `to` carrying this letter (HTML and text).
    pub fn to_mail(&self, to: impl Into<String>) -> crate::OutgoingMail {
        crate::OutgoingMail {
            html: Some(self.html.clone()),
            ..crate::OutgoingMail::new(to, self.subject.clone(), self.text.clone())
        }
    }
}

/// Why a letter could not be rendered (a template bug, never the reader's input).
pub type RenderError = askama::Error;

/// Names joined for a sentence in `lang`: "A", "A and B", "A, B and C".
pub fn names_list(lang: Lang, names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => lang.t_s2("mail-names-and", "first", &rest.join(", "), "last", last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_joined_in_the_language() {
        assert_eq!(names_list(Lang::En, &[]), "");
        assert_eq!(names_list(Lang::En, &["A"]), "A");
        assert_eq!(names_list(Lang::En, &["A", "B"]), "A and B");
        assert_eq!(names_list(Lang::En, &["A", "B", "C"]), "A, B and C");
        assert_eq!(names_list(Lang::Uk, &["А", "Б", "В"]), "А, Б і В");
    }
}
