//! Translations: linking an article to the article it translates (one translation group
//! per story, one article per edition in it) and taking it out again. The desk's article
//! page, the Admin API and `byline article translate` all call these.

use byline_domain::staff::Action;
use byline_domain::Article;

use super::error::{FieldError, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// One translation as the desk lists it: the other article, and whether it is behind its
/// source (the source changed after the translation's last edit).
#[derive(Debug, Clone)]
pub struct TranslationState {
    pub translation: byline_store::Translation,
    /// True when this other article was edited before the article it is listed for
    /// (meaningful when the listed article is the original).
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
        self.audit(actor, "article.translation.link", &article.slug, &source.slug)
            .await;
        Ok(())
    }

    /// Takes `article` out of its translation group.
    pub async fn unlink_translation(&self, actor: Actor<'_>, article: &Article) -> WorkflowResult<()> {
        policy::check_edit(actor, article)?;
        self.store.unlink_translation(article.id).await?;
        self.audit(actor, "article.translation.unlink", &article.slug, "")
            .await;
        Ok(())
    }

    /// The article's translations for the desk, each marked outdated when `article`
    /// changed after the translation's last edit.
    pub async fn translation_states(
        &self,
        actor: Actor<'_>,
        article: &Article,
    ) -> WorkflowResult<Vec<TranslationState>> {
        policy::require(actor, Action::UseDesk)?;
        Ok(self
            .store
            .translations(article.id)
            .await?
            .into_iter()
            .map(|t| TranslationState {
                outdated: t.updated_at < article.updated_at,
                translation: t,
            })
            .collect())
    }
}
