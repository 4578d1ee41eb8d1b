//! Curation: Editors' Picks and the front-page order (editors and admins).

use byline_domain::staff::Action;
use byline_domain::Article;

use super::articles::check_position;
use super::error::WorkflowResult;
use super::{policy, Actor, Workflows};

impl Workflows<'_> {
    /// Sets an article's Editors' Pick flag and front-page position (None: not placed).
    pub async fn curate(
        &self,
        actor: Actor<'_>,
        article: &Article,
        editors_pick: bool,
        home_position: Option<i64>,
    ) -> WorkflowResult<Article> {
        policy::require(actor, Action::Curate)?;
        let position = check_position(home_position)?;
        let saved = self
            .store
            .set_curation(&article.slug, editors_pick, position)
            .await?;
        self.audit(
            actor,
            "article.curate",
            &saved.slug,
            &format!("pick={editors_pick} position={position:?}"),
        )
        .await;
        Ok(saved)
    }
}
