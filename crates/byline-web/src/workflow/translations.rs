//! Translations: linking an article to the article it translates (one translation group
//! per story, one article per edition in it) and taking it out again. The desk's article
//! page, the Admin API and `byline article translate` all call these.

use byline_domain::staff::Action;
use byline_domain::Article;

use super::error::{FieldError, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// One translation as the desk lists it: the other article, and whether it is behind the
/// original (the original changed after the translation's last edit).
#[derive(Debug, Clone)]
pub struct TranslationState {
    pub translation: byline_store::Translation,
    /// This other article is a translation edited before the original last changed.
    pub outdated: bool,
}

/// An article's translation group as the desk shows it.
#[derive(Debug, Clone, Default)]
pub struct TranslationStates {
    /// The other articles of the group (the original marked as such).
    pub others: Vec<TranslationState>,
    /// The article itself is a translation edited before its original last changed.
    pub outdated: bool,
}

impl Workflows<'_> {
    /// Links `article` into the translation group of the article with slug `source`.
    /// The actor must be allowed to edit `article`; the source must be another article
    /// visible to them, in another edition than `article`'s.
    pub async fn link_translation(
        &self,
        actor: Actor<'_>,
        article: &Article,
        source: &str,
    ) -> WorkflowResult<()> {
        policy::check_edit(actor, article)?;
        let source = self
            .store
            .article(source.trim())
            .await?
            .filter(|s| s.deleted_at.is_none() && policy::check_view(actor, s).is_ok())
            .ok_or_else(|| {
                WorkflowError::field(FieldError::new("translation_of", "wf-translation-unknown"))
            })?;
        if source.id == article.id || source.language == article.language {
            return Err(WorkflowError::field(FieldError::new(
                "translation_of",
                "wf-translation-same-edition",
            )));
        }
        self.store.link_translation(article.id, source.id).await?;
        self.audit(
            actor,
            "article.translation.link",
            &article.slug,
            &source.slug,
        )
        .await;
        Ok(())
    }

    /// Takes `article` out of its translation group.
    pub async fn unlink_translation(
        &self,
        actor: Actor<'_>,
        article: &Article,
    ) -> WorkflowResult<()> {
        policy::check_edit(actor, article)?;
        self.store.unlink_translation(article.id).await?;
        self.audit(actor, "article.translation.unlink", &article.slug, "")
            .await;
        Ok(())
    }

    /// The article's translation group for the desk: each translation marked outdated
    /// when the original changed after the translation's last edit. The original is the
    /// group's first article; when it has left the group, nothing is outdated.
    pub async fn translation_states(
        &self,
        actor: Actor<'_>,
        article: &Article,
    ) -> WorkflowResult<TranslationStates> {
        policy::require(actor, Action::UseDesk)?;
        let others = self.store.translations(article.id).await?;
        let original_changed = match others.iter().find(|t| t.original) {
            Some(original) => Some(original.updated_at),
            // No other is the original: this article is (or none is).
            None => (!others.is_empty()).then_some(article.updated_at),
        };
        let behind = |t: &byline_store::Translation| {
            !t.original && original_changed.is_some_and(|at| t.updated_at < at)
        };
        Ok(TranslationStates {
            outdated: others.iter().any(|t| t.original)
                && original_changed.is_some_and(|at| article.updated_at < at),
            others: others
                .into_iter()
                .map(|t| TranslationState {
                    outdated: behind(&t),
                    translation: t,
                })
                .collect(),
        })
    }
}
