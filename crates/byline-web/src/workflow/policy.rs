//! The role policy: who may see and change what. Every workflow asks here before it
//! writes, so a refusal is the same 403 with the same message on the desk, in the Admin
//! API and (for accounts that use it) anywhere else.
//!
//! Editors and admins see and edit every article. Contributors and authors see every
//! published article plus their own drafts, scheduled and unpublished ones; another
//! writer's unpublished work does not exist for them (404, never 403, so its existence
//! does not leak). Editors' Picks and the front-page position are editors' work.
//!
//! Live coverage follows the same table: News Feed items and live entries are drafts for
//! contributors and published by authors (their own) and editors (anyone's); live pages
//! are started, edited, archived and reopened by authors (their own) and editors (any),
//! and anyone on the desk may add entries to any live page; the banner is editors' work.
//!
//! Readers' error reports are triaged (listed, read, accepted, rejected, marked fixed,
//! answered) by editors and admins only (`Action::TriageReports`).
//! Corrections and clarifications are published by editors and admins (authors and
//! contributors write the fix; an editor signs the public notice off). Excluding a
//! revision from public history is for admins only: it takes text off the public record
//! (legal takedowns), so it needs the highest role and a recorded reason.

use byline_domain::staff::{Action, Role};
use byline_domain::{Article, ArticleStatus};
use byline_store::StaffMember;

use super::error::{Message, WorkflowError, WorkflowResult};

/// Who performs a workflow: a signed-in staff member (desk or API token), or the operator
/// at the command line, who has the database in hand and so may do everything.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Staff(&'a StaffMember),
    Operator,
}

impl<'a> From<&'a StaffMember> for Actor<'a> {
    fn from(staff: &'a StaffMember) -> Self {
        Self::Staff(staff)
    }
}

impl Actor<'_> {
    /// The role the policy judges: an operator counts as an admin.
    pub fn role(&self) -> Role {
        match self {
            Self::Staff(s) => s.role,
            Self::Operator => Role::Admin,
        }
    }

    pub fn staff_id(&self) -> Option<i64> {
        match self {
            Self::Staff(s) => Some(s.id),
            Self::Operator => None,
        }
    }

    /// The name kept with revisions.
    pub fn name(&self) -> String {
        match self {
            Self::Staff(s) => s.name.clone(),
            Self::Operator => "command line".into(),
        }
    }

    /// Who the audit log names.
    pub fn audit_name(&self) -> String {
        match self {
            Self::Staff(s) => s.email.clone(),
            Self::Operator => "cli".into(),
        }
    }

    pub fn may(&self, action: Action) -> bool {
        self.role().may(action)
    }
}

/// The catalog key of a role's name.
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Contributor => "wf-role-contributor",
        Role::Author => "wf-role-author",
        Role::Editor => "wf-role-editor",
        Role::Admin => "wf-role-admin",
    }
}

fn refused(key: &'static str, role: Role) -> WorkflowError {
    WorkflowError::Refused(Message::new(key).text("role", role.as_str()))
}

/// 403 unless the actor's role may do `action`.
pub fn require(actor: Actor<'_>, action: Action) -> WorkflowResult<()> {
    if actor.may(action) {
        Ok(())
    } else {
        Err(refused("wf-refused-role", actor.role()))
    }
}

/// May `staff` read `article` (editor, revisions, diff, preview, API)?
pub fn may_view(staff: &StaffMember, article: &byline_domain::ArticleSummary) -> bool {
    sees(Actor::Staff(staff), article)
}

fn sees(actor: Actor<'_>, article: &byline_domain::ArticleSummary) -> bool {
    actor.may(Action::ManageAllArticles)
        || article.status == ArticleStatus::Published
        || (article.owner_id.is_some() && article.owner_id == actor.staff_id())
}

/// [`may_view`] as a result: an article the actor may not see is not found.
pub fn check_view(actor: Actor<'_>, article: &Article) -> WorkflowResult<()> {
    if sees(actor, article) {
        Ok(())
    } else {
        Err(WorkflowError::NotFound)
    }
}

/// The owner whose unpublished articles a list may include besides the published ones:
/// None (everything) for editors and admins, else the staff member themself. Every
/// article list on the desk and in the API filters with it (`DeskQuery::visible_to`).
pub fn list_scope(staff: &StaffMember) -> Option<i64> {
    (!staff.role.may(Action::ManageAllArticles)).then_some(staff.id)
}

/// May the actor edit `article`? Editors and admins: any. Others: their own;
/// contributors only while it is not public. An article they may not see is not found.
pub fn check_edit(actor: Actor<'_>, article: &Article) -> WorkflowResult<()> {
    check_view(actor, article)?;
    if actor.may(Action::ManageAllArticles) {
        return Ok(());
    }
    if article.owner_id.is_none() || article.owner_id != actor.staff_id() {
        return Err(WorkflowError::refused("wf-refused-not-own"));
    }
    if !actor.may(Action::PublishOwnArticle)
        && matches!(
            article.status,
            ArticleStatus::Published | ArticleStatus::Scheduled
        )
    {
        return Err(WorkflowError::refused("wf-refused-contributor-public"));
    }
    Ok(())
}

/// May the actor give an article this status?
pub fn check_status(actor: Actor<'_>, status: ArticleStatus) -> WorkflowResult<()> {
    match status {
        ArticleStatus::Draft => Ok(()),
        _ if actor.may(Action::PublishOwnArticle) => Ok(()),
        _ => Err(refused("wf-refused-publish", actor.role())),
    }
}

/// May `staff` set Editors' Picks and front-page positions?
pub fn may_curate(staff: &StaffMember) -> bool {
    staff.role.may(Action::Curate)
}

/// The Editors' Pick flag a save by the actor may store: what they asked for if they may
/// curate, else the article's current flag (off for a new article).
pub fn editors_pick(actor: Actor<'_>, requested: bool, existing: Option<&Article>) -> bool {
    if actor.may(Action::Curate) {
        requested
    } else {
        existing.is_some_and(|a| a.editors_pick)
    }
}

/// Refuses a change of curation (Editors' Pick, front-page position) by a role that may
/// not curate; sending the current value is not a change.
pub fn check_curation(
    actor: Actor<'_>,
    editors_pick: Option<bool>,
    home_position: Option<i64>,
    existing: Option<&Article>,
) -> WorkflowResult<()> {
    if actor.may(Action::Curate) {
        return Ok(());
    }
    let pick_changed = editors_pick.is_some_and(|p| p != existing.is_some_and(|a| a.editors_pick));
    let position_changed =
        home_position.is_some_and(|p| Some(p) != existing.and_then(|a| a.home_position));
    if pick_changed || position_changed {
        return Err(refused("wf-refused-curate", actor.role()));
    }
    Ok(())
}

/// Whose a News Feed item or a live entry is and whether it is public: what the live
/// coverage policy judges. It mirrors articles: editors and admins see and change every
/// item; contributors and authors see published items and their own drafts (another
/// writer's draft is not found), and change only their own, contributors only drafts.
#[derive(Debug, Clone, Copy)]
pub struct LiveItemState {
    pub owner_id: Option<i64>,
    pub published: bool,
}

fn owns(actor: Actor<'_>, owner_id: Option<i64>) -> bool {
    owner_id.is_some() && owner_id == actor.staff_id()
}

/// Whether `published` items may be saved by the actor: contributors write drafts only,
/// and asking to publish is refused with the same message as for articles.
pub fn check_live_publish(actor: Actor<'_>, published: bool) -> WorkflowResult<()> {
    let status = if published {
        ArticleStatus::Published
    } else {
        ArticleStatus::Draft
    };
    check_status(actor, status)
}

/// What "publish if my role may, else draft" means for the actor (the Admin API's answer
/// to a body without `published`).
pub fn publishes_by_default(actor: Actor<'_>) -> bool {
    actor.may(Action::PublishOwnArticle)
}

/// A feed item or entry the actor may see; another writer's draft is not found.
pub fn check_view_live_item(actor: Actor<'_>, item: LiveItemState) -> WorkflowResult<()> {
    if actor.may(Action::ManageAllArticles) || item.published || owns(actor, item.owner_id) {
        Ok(())
    } else {
        Err(WorkflowError::NotFound)
    }
}

/// May the actor edit or delete this item or entry?
pub fn check_edit_live_item(actor: Actor<'_>, item: LiveItemState) -> WorkflowResult<()> {
    check_view_live_item(actor, item)?;
    if actor.may(Action::ManageAllArticles) {
        return Ok(());
    }
    if !owns(actor, item.owner_id) {
        return Err(WorkflowError::refused("wf-live-refused-not-own"));
    }
    if !actor.may(Action::PublishOwnArticle) && item.published {
        return Err(WorkflowError::refused("wf-live-refused-contributor-public"));
    }
    Ok(())
}

/// May the actor start a live page? Authors and up.
pub fn check_create_live_page(actor: Actor<'_>) -> WorkflowResult<()> {
    require(actor, Action::PublishOwnArticle)
}

/// May the actor edit, archive or reopen this live page? Authors their own, editors any.
pub fn check_edit_live_page(actor: Actor<'_>, owner_id: Option<i64>) -> WorkflowResult<()> {
    require(actor, Action::PublishOwnArticle)?;
    if actor.may(Action::ManageAllArticles) || owns(actor, owner_id) {
        Ok(())
    } else {
        Err(WorkflowError::refused("wf-live-refused-not-own-page"))
    }
}

/// May the actor set or clear the site-wide banner? Editors and up (it is curation).
pub fn check_banner(actor: Actor<'_>) -> WorkflowResult<()> {
    require(actor, Action::Curate)
}

/// May the actor publish a correction or clarification? Editors and up.
pub fn check_correction(actor: Actor<'_>) -> WorkflowResult<()> {
    if actor.may(Action::PublishCorrection) {
        Ok(())
    } else {
        Err(refused("wf-refused-correction", actor.role()))
    }
}

/// May the actor exclude a revision from public history? Admins only.
pub fn check_exclusion(actor: Actor<'_>) -> WorkflowResult<()> {
    if actor.may(Action::ExcludeRevision) {
        Ok(())
    } else {
        Err(refused("wf-refused-exclusion", actor.role()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(role: Role, id: i64) -> StaffMember {
        StaffMember {
            id,
            email: format!("{id}@news.example"),
            name: format!("Staff {id}"),
            role,
            active: true,
            totp_secret: None,
            sessions_valid_after: 0,
            created_at: chrono::Utc::now(),
            language: byline_i18n::Lang::En,
        }
    }

    #[test]
    fn refusals_name_the_role_and_the_operator_may_everything() {
        let c = staff(Role::Contributor, 1);
        let err = check_status(Actor::Staff(&c), ArticleStatus::Published).expect_err("refused");
        assert!(matches!(&err, WorkflowError::Refused(m) if m.key == "wf-refused-publish"));
        assert!(check_status(Actor::Operator, ArticleStatus::Published).is_ok());
        assert!(require(Actor::Staff(&c), Action::Administer).is_err());
        assert!(require(Actor::Operator, Action::Administer).is_ok());
    }

    #[test]
    fn live_coverage_follows_the_article_roles() {
        let (c, a, e) = (
            staff(Role::Contributor, 1),
            staff(Role::Author, 2),
            staff(Role::Editor, 3),
        );
        let (c, a, e) = (Actor::Staff(&c), Actor::Staff(&a), Actor::Staff(&e));
        let item = |owner: i64, published: bool| LiveItemState {
            owner_id: Some(owner),
            published,
        };
        let key = |r: WorkflowResult<()>| match r {
            Ok(()) => "ok",
            Err(WorkflowError::Refused(m)) => m.key,
            Err(WorkflowError::NotFound) => "not found",
            Err(_) => "other",
        };
        assert_eq!(key(check_live_publish(c, true)), "wf-refused-publish");
        assert_eq!(key(check_live_publish(c, false)), "ok");
        assert_eq!(key(check_live_publish(a, true)), "ok");
        assert!(!publishes_by_default(c) && publishes_by_default(a));
        assert_eq!(key(check_edit_live_item(c, item(1, false))), "ok");
        assert_eq!(
            key(check_edit_live_item(c, item(1, true))),
            "wf-live-refused-contributor-public"
        );
        assert_eq!(key(check_edit_live_item(a, item(1, false))), "not found");
        assert_eq!(
            key(check_edit_live_item(a, item(1, true))),
            "wf-live-refused-not-own"
        );
        assert_eq!(key(check_edit_live_item(a, item(2, true))), "ok");
        assert_eq!(key(check_edit_live_item(e, item(1, false))), "ok");
        assert_eq!(key(check_create_live_page(c)), "wf-refused-role");
        assert_eq!(key(check_create_live_page(a)), "ok");
        assert_eq!(
            key(check_edit_live_page(a, Some(3))),
            "wf-live-refused-not-own-page"
        );
        assert_eq!(key(check_edit_live_page(e, Some(2))), "ok");
        assert_eq!(key(check_banner(a)), "wf-refused-role");
        assert_eq!(key(check_banner(e)), "ok");
        assert_eq!(key(check_banner(Actor::Operator)), "ok");
    }
}
