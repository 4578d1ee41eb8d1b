//! Corrections and public history: the correction a save publishes (checked here, written
//! by [`Workflows::save_article`] in the same store transaction as the revision) and the
//! exclusion of a revision from public history.
//!
//! Corrections are public record and append-only: there is no workflow to edit or remove
//! one. A wrong correction is followed by another that says what was wrong.

use byline_domain::corrections::{MAX_CORRECTION_TEXT, MAX_EXCLUSION_REASON};
use byline_domain::{Article, ArticleStatus, CorrectionKind, NewCorrection, RevisionExclusion};
use byline_store::NewExclusion;

use super::error::{FieldError, Message, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};
use crate::desk::article_form::ArticleFields;

/// A correction as the Admin API takes it: `{"kind": "correction", "text": "…"}`.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    /// `correction` (default) or `clarification`.
    #[serde(default)]
    pub kind: String,
    pub text: String,
}

impl CorrectionRequest {
    /// Puts the request into the editor fields the save reads.
    pub fn apply(&self, fields: &mut ArticleFields) {
        fields.correction_kind = self.kind.clone();
        fields.correction_text = self.text.clone();
    }
}

/// The correction `fields` ask a save with `status` to publish, checked: None when the
/// text is empty. Only a published save of a published article takes one, and only an
/// editor or admin may add it.
pub fn check_correction(
    actor: Actor<'_>,
    fields: &ArticleFields,
    status: ArticleStatus,
    existing: Option<&Article>,
) -> WorkflowResult<Option<NewCorrection>> {
    let text = fields.correction_text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    policy::check_correction(actor)?;
    let published = existing.is_some_and(|a| a.status == ArticleStatus::Published);
    if !published || status != ArticleStatus::Published {
        return Err(WorkflowError::field(FieldError::new(
            "correction",
            "wf-correction-published-only",
        )));
    }
    let kind_text = fields.correction_kind.trim();
    let kind = if kind_text.is_empty() {
        CorrectionKind::Correction
    } else {
        CorrectionKind::parse(kind_text).ok_or_else(|| {
            WorkflowError::field(
                FieldError::new("correction", "wf-correction-kind").text("value", kind_text),
            )
        })?
    };
    if text.chars().count() > MAX_CORRECTION_TEXT {
        return Err(WorkflowError::field(
            FieldError::new("correction", "wf-too-long").num("max", MAX_CORRECTION_TEXT),
        ));
    }
    Ok(Some(NewCorrection {
        kind,
        text: text.to_owned(),
    }))
}

impl Workflows<'_> {
    /// Excludes published revision `version` of `article` from public history, with the
    /// recorded `reason` (required): admins only; the revision itself is kept.
    pub async fn exclude_revision(
        &self,
        actor: Actor<'_>,
        article: &Article,
        version: i64,
        reason: &str,
    ) -> WorkflowResult<RevisionExclusion> {
        policy::check_exclusion(actor)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(WorkflowError::field(FieldError::new(
                "reason",
                "wf-required",
            )));
        }
        if reason.chars().count() > MAX_EXCLUSION_REASON {
            return Err(WorkflowError::field(
                FieldError::new("reason", "wf-too-long").num("max", MAX_EXCLUSION_REASON),
            ));
        }
        let exclusion = NewExclusion {
            article_id: article.id,
            version,
            reason: reason.to_owned(),
            staff_id: actor.staff_id(),
            staff_name: actor.name(),
        };
        let excluded = match self.store.exclude_revision(&exclusion).await {
            Err(byline_store::StoreError::NotFound) => {
                return Err(WorkflowError::Conflict(
                    Message::new("wf-exclude-not-published").num("version", version),
                ))
            }
            Err(byline_store::StoreError::Conflict(_)) if version == article.version => {
                return Err(WorkflowError::Conflict(Message::new("wf-exclude-current")))
            }
            Err(byline_store::StoreError::Conflict(_)) => {
                return Err(WorkflowError::Conflict(
                    Message::new("wf-exclude-already").num("version", version),
                ))
            }
            other => other?,
        };
        self.audit(
            actor,
            "revision.exclude",
            &article.slug,
            &format!("version {version}: {reason}"),
        )
        .await;
        Ok(excluded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use byline_domain::staff::Role;
    use byline_store::StaffMember;

    fn staff(role: Role) -> StaffMember {
        StaffMember {
            id: 1,
            email: "a@news.example".into(),
            name: "A".into(),
            role,
            active: true,
            totp_secret: None,
            sessions_valid_after: 0,
            created_at: chrono::Utc::now(),
            language: byline_i18n::Lang::En,
        }
    }

    fn fields(kind: &str, text: &str) -> ArticleFields {
        ArticleFields {
            correction_kind: kind.into(),
            correction_text: text.into(),
            ..ArticleFields::default()
        }
    }

    #[test]
    fn an_empty_text_is_no_correction_for_anyone() {
        let c = staff(Role::Contributor);
        let out = check_correction(
            Actor::Staff(&c),
            &fields("correction", "  "),
            ArticleStatus::Draft,
            None,
        );
        assert!(matches!(out, Ok(None)), "{out:?}");
    }

    #[test]
    fn authors_are_refused_and_unpublished_articles_take_none() {
        let author = staff(Role::Author);
        let out = check_correction(
            Actor::Staff(&author),
            &fields("correction", "The mayor's name was misspelt."),
            ArticleStatus::Published,
            None,
        );
        assert!(matches!(out, Err(WorkflowError::Refused(_))), "{out:?}");
        let editor = staff(Role::Editor);
        let out = check_correction(
            Actor::Staff(&editor),
            &fields("correction", "The mayor's name was misspelt."),
            ArticleStatus::Published,
            None,
        );
        let Err(e) = out else { panic!("accepted") };
        assert!(
            e.render(byline_i18n::Lang::En)
                .contains("published article"),
            "{}",
            e.render(byline_i18n::Lang::En)
        );
    }
}
