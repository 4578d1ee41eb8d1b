//! Newsroom staff roles and what each may do. One table of permissions, checked on every
//! desk page and every Admin API route.

use serde::{Deserialize, Serialize};

/// A staff role, from least to most trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Writes drafts; cannot publish.
    Contributor,
    /// Publishes and unpublishes their own articles.
    Author,
    /// All content, curation (Editors' Picks, home order), sections and bylines.
    Editor,
    /// Everything, plus site settings, staff, invitations and the audit log.
    Admin,
}

/// Something a staff member may try to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open the desk, list articles, upload media.
    UseDesk,
    /// Create a draft.
    CreateArticle,
    /// Edit an article they own (while it is a draft, for contributors).
    EditOwnArticle,
    /// Publish, schedule or unpublish an article they own.
    PublishOwnArticle,
    /// Edit, publish, unpublish, delete or restore anyone's article.
    ManageAllArticles,
    /// Editors' Picks, lead story and home order.
    Curate,
    /// Sections and bylines.
    ManageTaxonomy,
    /// Triage readers' error reports (accept, reject, mark fixed, reply to the reader).
    TriageReports,
    /// Site settings, staff, invitations, other people's API tokens, the audit log.
    Administer,
    /// Publish a correction or clarification with a save of a published article.
    PublishCorrection,
    /// Exclude a published revision from public history (legal takedowns), with a reason.
    ExcludeRevision,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Contributor, Role::Author, Role::Editor, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Contributor => "contributor",
            Self::Author => "author",
            Self::Editor => "editor",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The permission table.
    pub fn may(self, action: Action) -> bool {
        let needed = match action {
            Action::UseDesk | Action::CreateArticle | Action::EditOwnArticle => Role::Contributor,
            Action::PublishOwnArticle => Role::Author,
            Action::ManageAllArticles
            | Action::Curate
            | Action::ManageTaxonomy
            | Action::TriageReports
            | Action::PublishCorrection => Role::Editor,
            Action::Administer | Action::ExcludeRevision => Role::Admin,
        };
        self >= needed
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_table() {
        use Action::*;
        let table = [
            (
                Role::Contributor,
                [
                    true, true, true, false, false, false, false, false, false, false, false,
                ],
            ),
            (
                Role::Author,
                [
                    true, true, true, true, false, false, false, false, false, false, false,
                ],
            ),
            (
                Role::Editor,
                [
                    true, true, true, true, true, true, true, false, true, true, false,
                ],
            ),
            (Role::Admin, [true; 11]),
        ];
        let actions = [
            UseDesk,
            CreateArticle,
            EditOwnArticle,
            PublishOwnArticle,
            ManageAllArticles,
            Curate,
            ManageTaxonomy,
            Administer,
            TriageReports,
            PublishCorrection,
            ExcludeRevision,
        ];
        for (role, expected) in table {
            for (action, allowed) in actions.iter().zip(expected) {
                assert_eq!(role.may(*action), allowed, "{role} {action:?}");
            }
        }
    }

    #[test]
    fn parses_roles() {
        assert_eq!(Role::parse("editor"), Some(Role::Editor));
        assert_eq!(Role::parse("Editor"), None);
        assert_eq!(Role::parse("root"), None);
    }
}
