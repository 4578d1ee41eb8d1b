//! Editors' choices for an article's related posts: articles pinned first (in order) and
//! articles never shown, on top of the search index's more-like-this. The desk, the Admin
//! API (`/api/admin/articles/{id}/related`) and the article page use these.

use byline_domain::{Article, ArticleStatus};

use super::error::{FieldError, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// Pinned related posts at most (the article page shows four).
pub const MAX_PINNED: usize = 4;
/// Excluded related posts at most.
pub const MAX_EXCLUDED: usize = 50;

/// An article's choices, by slug.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelatedChoices {
    pub pinned: Vec<String>,
    pub excluded: Vec<String>,
}

impl Workflows<'_> {
    /// The article's choices (an editor of the article may read them).
    pub async fn related_choices(
        &self,
        actor: Actor<'_>,
        article: &Article,
    ) -> WorkflowResult<RelatedChoices> {
        policy::check_view(actor, article)?;
        let mut choices = RelatedChoices::default();
        for (_, slug, pinned) in self.store.related_choices(article.id).await? {
            if pinned {
                choices.pinned.push(slug);
            } else {
                choices.excluded.push(slug);
            }
        }
        Ok(choices)
    }

    /// Replaces the article's choices. Each slug must name another published article;
    /// at most [`MAX_PINNED`] pinned and [`MAX_EXCLUDED`] excluded, none in both lists.
    pub async fn set_related_choices(
        &self,
        actor: Actor<'_>,
        article: &Article,
        choices: RelatedChoices,
    ) -> WorkflowResult<RelatedChoices> {
        policy::check_edit(actor, article)?;
        let pinned = self
            .related_ids(article, "pinned", &choices.pinned, MAX_PINNED)
            .await?;
        let excluded = self
            .related_ids(article, "excluded", &choices.excluded, MAX_EXCLUDED)
            .await?;
        if let Some((_, slug)) = pinned.iter().find(|p| excluded.contains(p)) {
            return Err(WorkflowError::field(
                FieldError::new("excluded", "wf-related-both").text("slug", slug.clone()),
            ));
        }
        let ids = |list: &[(i64, String)]| list.iter().map(|(id, _)| *id).collect::<Vec<_>>();
        self.store
            .set_related_choices(article.id, &ids(&pinned), &ids(&excluded))
            .await?;
        let detail = format!("pinned {}, excluded {}", pinned.len(), excluded.len());
        self.audit(actor, "article.related", &article.slug, &detail)
            .await;
        let slugs = |list: Vec<(i64, String)>| list.into_iter().map(|(_, s)| s).collect();
        Ok(RelatedChoices {
            pinned: slugs(pinned),
            excluded: slugs(excluded),
        })
    }

    /// The ids of `slugs` (duplicates dropped, order kept), or the field's error.
    async fn related_ids(
        &self,
        article: &Article,
        field: &'static str,
        slugs: &[String],
        max: usize,
    ) -> WorkflowResult<Vec<(i64, String)>> {
        let mut out: Vec<(i64, String)> = Vec::new();
        for slug in slugs.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            if out.iter().any(|(_, s)| s == slug) {
                continue;
            }
            if out.len() == max {
                return Err(WorkflowError::field(
                    FieldError::new(field, "wf-related-too-many").num("max", max),
                ));
            }
            let found = self
                .store
                .article(slug)
                .await?
                .filter(|a| {
                    a.id != article.id
                        && a.deleted_at.is_none()
                        && a.status == ArticleStatus::Published
                })
                .ok_or_else(|| {
                    WorkflowError::field(
                        FieldError::new(field, "wf-related-unknown").text("slug", slug),
                    )
                })?;
            out.push((found.id, found.slug.clone()));
        }
        Ok(out)
    }
}
