//! The invitation to join the desk, sent when an administrator invites a colleague.

use askama::Template;
use byline_domain::staff::Role;
use byline_i18n::Lang;

use super::{Letter, RenderError};

/// A link to accept an invitation and choose a password.
#[derive(Debug, Clone)]
pub struct Invitation<'a> {
    /// The outlet's name.
    pub site_name: &'a str,
    /// Who invited; `None` for an invitation from the command line.
    pub inviter: Option<&'a str>,
    /// The role the account will have.
    pub role: Role,
    /// The absolute invitation link.
    pub link: &'a str,
    /// How many hours the link works.
    pub hours: i64,
}

struct View<'a> {
    lang: Lang,
    subject: String,
    intro: String,
    link: &'a str,
    hours: i64,
}

#[derive(Template)]
#[template(path = "letters/invitation.html")]
struct Html<'a> {
    v: &'a View<'a>,
}

#[derive(Template)]
#[template(path = "letters/invitation.txt")]
struct Text<'a> {
    v: &'a View<'a>,
}

/// The role as it reads in the invitation's sentence.
fn role_name(lang: Lang, role: Role) -> String {
    lang.t(match role {
        Role::Contributor => "mail-role-contributor",
        Role::Author => "mail-role-author",
        Role::Editor => "mail-role-editor",
        Role::Admin => "mail-role-admin",
    })
}

impl Invitation<'_> {
    /// The mail in `lang` (the site's, since the invited person has no account yet).
    pub fn render(&self, lang: Lang) -> Result<Letter, RenderError> {
        let role = role_name(lang, self.role);
        let intro = match self.inviter {
            Some(inviter) => lang.t_args(
                "mail-invite-intro",
                &[
                    ("inviter", inviter.into()),
                    ("site", self.site_name.into()),
                    ("role", role.into()),
                ],
            ),
            None => lang.t_s2(
                "mail-invite-intro-anonymous",
                "site",
                self.site_name,
                "role",
                &role,
            ),
        };
        let v = View {
            lang,
            subject: lang.t_s("mail-invite-subject", "site", self.site_name),
            intro,
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
