//! What every desk page shares: the signed-in person, their CSRF token, notices, and the
//! language the page speaks (the person's own pick, or the site's before sign-in).

use byline_i18n::{Arg, Lang};
use byline_store::StaffMember;

use crate::auth::DeskStaff;
use crate::{AppError, AppState};

/// The language the desk speaks to `staff`: the one they picked on their account page.
pub fn staff_lang(staff: &StaffMember) -> Lang {
    staff.language
}

/// The site's language (the setting), for desk pages shown before anyone signs in.
pub async fn site_lang(app: &AppState) -> Result<Lang, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    Ok(chrome.site.language.parse().unwrap_or_default())
}

/// The signed-in staff member as the desk layout shows them.
#[derive(Debug, Clone)]
pub struct Me {
    pub name: String,
    pub role: String,
    pub csrf: String,
    pub is_editor: bool,
    pub is_admin: bool,
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
