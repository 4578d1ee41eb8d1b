//! What every desk page shares: the signed-in person, their CSRF token, notices, and the
//! language the page speaks (the person's own pick, or the site's before sign-in).

use byline_i18n::{Arg, Lang};
use byline_store::StaffMember;

use crate::auth::DeskStaff;
use crate::{AppError, AppState};

/// The language the desk speaks to `staff`: the one they picked on their account page.
pub fn staff_lang(staff: &StaffMember) -> Lang {
    crate::workflow::staff_lang(staff)
}

/// The site's language (the setting), for desk pages shown before anyone signs in.
pub async fn site_lang(app: &AppState) -> Result<Lang, AppError> {
    crate::chrome::language(app).await
}

/// The signed-in staff member as the desk layout shows them.
#[derive(Debug, Clone)]
pub struct Me {
    pub name: String,
    pub role: String,
    pub csrf: String,
    pub is_editor: bool,
    pub is_admin: bool,
    /// Open readers' error reports (editors and admins).
    pub open_reports: Option<i64>,
}

/// Desk page frame.
#[derive(Debug, Clone)]
pub struct Layout {
    pub title: String,
    pub me: Option<Me>,
    pub notice: String,
    pub error: String,
    pub css: &'static str,
    pub js: &'static str,
    /// The catalog every word of the page comes from.
    pub lang: Lang,
}

impl Layout {
    pub fn new(title: impl Into<String>, staff: Option<&DeskStaff>) -> Self {
        use byline_domain::staff::Action;
        Self {
            title: title.into(),
            me: staff.map(|s| Me {
                name: s.staff.name.clone(),
                role: s.staff.role.to_string(),
                csrf: s.csrf().to_owned(),
                is_editor: s.staff.role.may(Action::ManageAllArticles),
                is_admin: s.staff.role.may(Action::Administer),
                open_reports: s.open_reports,
            }),
            notice: String::new(),
            error: String::new(),
            css: crate::site::assets::stylesheet_href(),
            js: crate::site::assets::desk_script_href(),
            lang: staff.map(|s| staff_lang(&s.staff)).unwrap_or_default(),
        }
    }

    /// A page before sign-in, in `lang` (the site's language).
    pub fn signed_out(title: impl Into<String>, lang: Lang) -> Self {
        Self::new(title, None).with_lang(lang)
    }

    pub fn with_lang(mut self, lang: Lang) -> Self {
        self.lang = lang;
        self
    }

    pub fn notice(mut self, notice: impl Into<String>) -> Self {
        self.notice = notice.into();
        self
    }

    pub fn error(mut self, error: impl Into<String>) -> Self {
        self.error = error.into();
        self
    }

    pub fn csrf(&self) -> &str {
        self.me.as_ref().map_or("", |m| m.csrf.as_str())
    }

    /// The message `key` with `$count` (plural forms); templates hand numbers by reference.
    pub fn t_n<N: Copy + Into<Arg<'static>>>(&self, key: &str, count: &N) -> String {
        self.lang.t_n(key, *count)
    }

    /// "version 3" in the editor's header (0 for an unsaved article).
    pub fn edit_version(&self, version: &Option<i64>) -> String {
        self.lang.t_n("desk-edit-version", version.unwrap_or(0))
    }

    /// "Page 2 of 5".
    pub fn page_position(&self, page: &i64, pages: &i64) -> String {
        self.lang.t_args(
            "desk-pages-position",
            &[("page", (*page).into()), ("pages", (*pages).into())],
        )
    }

    /// "Version 3 compared with the current version 5".
    pub fn diff_heading(&self, version: &i64, current: &i64) -> String {
        self.lang.t_args(
            "desk-diff-heading",
            &[
                ("version", (*version).into()),
                ("current", (*current).into()),
            ],
        )
    }

    /// An article status ("draft" …) in the page's language; an unknown one as it is.
    pub fn article_status(&self, status: &str) -> String {
        let key = match status {
            "draft" => "desk-status-draft",
            "scheduled" => "desk-status-scheduled",
            "published" => "desk-status-published",
            "unpublished" => "desk-status-unpublished",
            // A revision whose stored snapshot cannot be read (see byline_store::snapshot).
            "unreadable" => "slug-revision-unreadable",
            other => return other.to_owned(),
        };
        self.lang.t(key)
    }

    /// A role ("editor" …) in the page's language.
    pub fn role_name(&self, role: &str) -> String {
        let key = match role {
            "contributor" => "desk-role-contributor",
            "author" => "desk-role-author",
            "editor" => "desk-role-editor",
            "admin" => "desk-role-admin",
            other => return other.to_owned(),
        };
        self.lang.t(key)
    }

    /// A campaign's status ("sending" …) in the page's language.
    pub fn campaign_status(&self, status: &str) -> String {
        let key = match status {
            "draft" => "desk-campaign-status-draft",
            "scheduled" => "desk-campaign-status-scheduled",
            "sending" => "desk-campaign-status-sending",
            "sent" => "desk-campaign-status-sent",
            "cancelled" => "desk-campaign-status-cancelled",
            other => return other.to_owned(),
        };
        self.lang.t(key)
    }

    /// A subscription's status ("pending" …) in the page's language.
    pub fn subscription_status(&self, status: &str) -> String {
        let key = match status {
            "pending" => "desk-subscription-pending",
            "confirmed" => "desk-subscription-confirmed",
            "unsubscribed" => "desk-subscription-unsubscribed",
            other => return other.to_owned(),
        };
        self.lang.t(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_lang(lang: Lang) -> Layout {
        Layout::signed_out("", lang)
    }

    #[test]
    fn every_status_and_role_has_a_name_in_every_language() {
        for lang in Lang::ALL {
            let l = in_lang(lang);
            let words = ["draft", "scheduled", "published", "unpublished"]
                .map(|s| l.article_status(s))
                .into_iter()
                .chain(byline_domain::staff::Role::ALL.map(|r| l.role_name(r.as_str())))
                .chain(
                    ["draft", "scheduled", "sending", "sent", "cancelled"]
                        .map(|s| l.campaign_status(s)),
                )
                .chain(["pending", "confirmed", "unsubscribed"].map(|s| l.subscription_status(s)));
            for word in words {
                assert!(!word.starts_with("desk-"), "{lang}: raw key {word}");
            }
        }
        assert_eq!(in_lang(Lang::Uk).article_status("draft"), "чернетка");
        assert_eq!(in_lang(Lang::Uk).role_name("admin"), "адміністратор");
        assert_eq!(in_lang(Lang::Uk).article_status("mystery"), "mystery");
    }

    #[test]
    fn numbers_pick_ukrainian_plural_forms() {
        let uk = in_lang(Lang::Uk);
        assert_eq!(uk.t_n("desk-articles-count", &1_i64), "1 стаття.");
        assert_eq!(uk.t_n("desk-articles-count", &3_i64), "3 статті.");
        assert_eq!(uk.t_n("desk-articles-count", &11_i64), "11 статей.");
        assert_eq!(uk.page_position(&2, &5), "Сторінка 2 з 5");
        assert_eq!(
            in_lang(Lang::En).t_n("desk-articles-count", &1_i64),
            "1 article."
        );
    }
}
