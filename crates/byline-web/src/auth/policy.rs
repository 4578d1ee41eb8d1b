//! Who may see and change which article: the one place the desk and the Admin API ask.
//!
//! Editors and admins see and edit every article. Contributors and authors see every
//! published article plus their own drafts, scheduled and unpublished ones; another
//! writer's unpublished work does not exist for them (404, never 403, so its existence
//! does not leak). Editors' Picks and the front-page position are editors' work.

use byline_domain::staff::Action;
use byline_domain::{Article, ArticleStatus};
use byline_store::StaffMember;

use crate::AppError;

/// May `staff` read `article` (editor, revisions, diff, preview, API)?
pub fn may_view(staff: &StaffMember, article: &Article) -> bool {
    staff.role.may(Action::ManageAllArticles)
        || article.status == ArticleStatus::Published
        || article.owner_id == Some(staff.id)
}

/// [`may_view`] as a result: an article `staff` may not see is not found.
pub fn check_view(staff: &StaffMember, article: &Article) -> Result<(), AppError> {
    if may_view(staff, article) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The owner whose unpublished articles a list may include besides the published ones:
/// None (everything) for editors and admins, else the staff member themself. Every
/// article list on the desk and in the API filters with it (`DeskQuery::visible_to`).
pub fn list_scope(staff: &StaffMember) -> Option<i64> {
    (!staff.role.may(Action::ManageAllArticles)).then_some(staff.id)
}

/// May `staff` edit `article`? Editors and admins: any. Others: their own; contributors
/// only while it is not public. An article they may not see is not found.
pub fn check_edit(staff: &StaffMember, article: &Article) -> Result<(), AppError> {
    check_view(staff, article)?;
    if staff.role.may(Action::ManageAllArticles) {
        return Ok(());
    }
    if article.owner_id != Some(staff.id) {
        return Err(AppError::Forbidden(
            "You can edit only your own articles.".into(),
        ));
    }
    if !staff.role.may(Action::PublishOwnArticle)
        && matches!(
            article.status,
            ArticleStatus::Published | ArticleStatus::Scheduled
        )
    {
        return Err(AppError::Forbidden(
            "Contributors cannot change an article once it is published or scheduled.".into(),
        ));
    }
    Ok(())
}

/// May `staff` give an article this status?
pub fn check_status(staff: &StaffMember, status: ArticleStatus) -> Result<(), AppError> {
    match status {
        ArticleStatus::Draft => Ok(()),
        _ if staff.role.may(Action::PublishOwnArticle) => Ok(()),
        _ => Err(AppError::Forbidden(format!(
            "Your role ({}) may not publish, schedule or unpublish.",
            staff.role
        ))),
    }
}

/// May `staff` set Editors' Picks and front-page positions?
pub fn may_curate(staff: &StaffMember) -> bool {
    staff.role.may(Action::Curate)
}

/// The Editors' Pick flag a save by `staff` may store: what they asked for if they may
/// curate, else the article's current flag (off for a new article).
pub fn editors_pick(staff: &StaffMember, requested: bool, existing: Option<&Article>) -> bool {
    if may_curate(staff) {
        requested
    } else {
        existing.is_some_and(|a| a.editors_pick)
    }
}

/// Refuses a change of curation (Editors' Pick, front-page position) by a role that may
/// not curate; sending the current value is not a change.
pub fn check_curation(
    staff: &StaffMember,
    editors_pick: Option<bool>,
    home_position: Option<i64>,
    existing: Option<&Article>,
) -> Result<(), AppError> {
    if may_curate(staff) {
        return Ok(());
    }
    let pick_changed = editors_pick.is_some_and(|p| p != existing.is_some_and(|a| a.editors_pick));
    let position_changed =
        home_position.is_some_and(|p| Some(p) != existing.and_then(|a| a.home_position));
    if pick_changed || position_changed {
        return Err(AppError::Forbidden(format!(
            "Your role ({}) may not set Editors' Picks or the front-page position.",
            staff.role
        )));
    }
    Ok(())
}
