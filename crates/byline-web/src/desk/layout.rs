//! What every desk page shares: the signed-in person, their CSRF token, notices.

use crate::auth::DeskStaff;

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
        }
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
}
