//! Article workflows: save (create, update, schedule, publish, unpublish in one), autosave,
//! the bin (delete, restore) and restoring an old revision. A save runs its steps in
//! order: [`Workflows::check_save`] (role policy, and the correction's, see
//! [`super::corrections`]), [`Workflows::draft`] (validation),
//! [`Workflows::write`] (one store transaction), then curation, jobs and the audit entry.

use byline_domain::staff::Action;
use byline_domain::{Article, ArticleDraft, ArticleStatus, AuthorKind, Slug};
use byline_store::SaveContext;

use super::error::{FieldError, Message, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};
use crate::desk::article_form::{check_tags, ArticleFields};

/// An article as a caller hands it to [`Workflows::save_article`].
#[derive(Debug, Clone)]
pub struct ArticleInput {
    pub fields: ArticleFields,
    /// The status the save gives it (the button pressed, or the API's `status`).
    pub status: ArticleStatus,
    /// A requested Editors' Pick flag; None keeps the current one. A change by a role that
    /// may not curate is refused.
    pub editors_pick: Option<bool>,
    /// A requested front-page position (0 = lead story, up to 99); None keeps it.
    pub home_position: Option<i64>,
    /// With no byline given, use the actor's own or a desk byline (API, CLI).
    pub default_byline: bool,
}

impl ArticleInput {
    pub fn new(fields: ArticleFields, status: ArticleStatus) -> Self {
        Self {
            fields,
            status,
            editors_pick: None,
            home_position: None,
            default_byline: false,
        }
    }
}

/// Highest front-page position.
pub const MAX_HOME_POSITION: i64 = 99;

/// A front-page position from 0 to 99.
pub fn check_position(position: Option<i64>) -> WorkflowResult<Option<i64>> {
    match position {
        Some(p) if !(0..=MAX_HOME_POSITION).contains(&p) => Err(WorkflowError::field(
            FieldError::new("home_position", "wf-home-position-range")
                .num("max", MAX_HOME_POSITION),
        )),
        p => Ok(p),
    }
}

/// The audit action of a save, from what it changed.
fn save_action(existing: Option<&Article>, saved: &Article) -> &'static str {
    match (existing.map(|a| a.status), saved.status) {
        (None, _) => "article.create",
        (Some(before), after) if before == after => "article.save",
        (_, ArticleStatus::Published) => "article.publish",
        (_, ArticleStatus::Scheduled) => "article.schedule",
        (_, ArticleStatus::Unpublished) => "article.unpublish",
        (_, ArticleStatus::Draft) => "article.save",
    }
}

impl Workflows<'_> {
    /// The article with this id, if the actor may see it (another writer's draft is not found).
    pub async fn article_for(&self, actor: Actor<'_>, id: i64) -> WorkflowResult<Article> {
        let article = self
            .store
            .article_by_id(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        policy::check_view(actor, &article)?;
        Ok(article)
    }

    /// Creates (`existing` None) or saves an article as a new revision, with the status of
    /// `input`: the one workflow behind the editor's buttons, `POST`/`PATCH` and
    /// publish/unpublish in the API, and `byline article add`.
    pub async fn save_article(
        &self,
        actor: Actor<'_>,
        input: ArticleInput,
        existing: Option<&Article>,
    ) -> WorkflowResult<Article> {
        self.check_save(actor, &input, existing)?;
        let position = check_position(input.home_position)?;
        let correction =
            super::corrections::check_correction(actor, &input.fields, input.status, existing)?;
        let draft = self.draft(actor, &input, existing).await?;
        let ctx = SaveContext {
            expected_version: input.fields.version.filter(|v| *v > 0),
            staff_id: actor.staff_id(),
            staff_name: actor.name(),
            update_note: existing
                .filter(|a| a.status == ArticleStatus::Published)
                .map(|_| input.fields.update_note.clone()),
            create: existing.is_none(),
            correction,
        };
        let saved = self.write(&draft, &ctx).await?;
        let saved = self.place(actor, saved, position).await?;
        self.schedule_if_due(&saved).await?;
        self.sign_if_published(&saved).await;
        self.narrate_if_published(&saved).await;
        self.audit(
            actor,
            save_action(existing, &saved),
            &saved.slug,
            &format!("version {} {}", saved.version, saved.status.as_str()),
        )
        .await;
        if let Some(c) = &ctx.correction {
            self.audit(
                actor,
                "article.correct",
                &saved.slug,
                &format!("{} with version {}", c.kind.as_str(), saved.version),
            )
            .await;
        }
        Ok(saved)
    }

    /// Step 1: may the actor make this save?
    fn check_save(
        &self,
        actor: Actor<'_>,
        input: &ArticleInput,
        existing: Option<&Article>,
    ) -> WorkflowResult<()> {
        match existing {
            None => policy::require(actor, Action::CreateArticle)?,
            Some(article) => policy::check_edit(actor, article)?,
        }
        policy::check_status(actor, input.status)?;
        policy::check_curation(actor, input.editors_pick, input.home_position, existing)
    }

    /// Step 2: the validated draft (the same limits on every path).
    async fn draft(
        &self,
        actor: Actor<'_>,
        input: &ArticleInput,
        existing: Option<&Article>,
    ) -> WorkflowResult<ArticleDraft> {
        let mut fields = input.fields.clone();
        if input.default_byline && fields.authors.trim().is_empty() {
            fields.authors = self.default_byline(actor).await?;
        }
        let site = self.store.settings().await?;
        let tz = site.tz();
        // A new article without a language is in the outlet's (its slug is romanised by it).
        if fields.language.trim().is_empty() {
            fields.language = match existing {
                Some(article) => article.language.clone(),
                None => crate::chrome::site_lang(&site).code().to_owned(),
            };
        }
        let mut draft = fields
            .to_draft(input.status, existing, tz)
            .map_err(WorkflowError::field)?;
        check_tags(&draft, self.max_tags).map_err(WorkflowError::field)?;
        draft.editors_pick = match input.editors_pick {
            Some(pick) => policy::editors_pick(actor, pick, existing),
            None => existing.is_some_and(|a| a.editors_pick),
        };
        Ok(draft)
    }

    /// Step 3: one store transaction (checks references and the version, writes the revision).
    async fn write(&self, draft: &ArticleDraft, ctx: &SaveContext) -> WorkflowResult<Article> {
        match self.store.save_article_as(draft, ctx).await {
            Err(byline_store::StoreError::Conflict(_)) if ctx.create => {
                Err(WorkflowError::Conflict(
                    Message::new("wf-slug-taken").text("slug", draft.slug.as_str()),
                ))
            }
            Err(byline_store::StoreError::Conflict(_)) => {
                Err(WorkflowError::Conflict(Message::new("wf-stale-version")))
            }
            other => Ok(other?),
        }
    }

    /// Puts a saved article at a front-page position (the policy was checked already).
    async fn place(
        &self,
        actor: Actor<'_>,
        saved: Article,
        position: Option<i64>,
    ) -> WorkflowResult<Article> {
        match position {
            Some(p) if saved.home_position != Some(p) => {
                let placed = self
                    .store
                    .set_curation(&saved.slug, saved.editors_pick, Some(p))
                    .await?;
                self.audit(
                    actor,
                    "article.curate",
                    &placed.slug,
                    &format!("pick={} position={p}", placed.editors_pick),
                )
                .await;
                Ok(placed)
            }
            _ => Ok(saved),
        }
    }

    /// A revision that is public now is signed (`byline_jobs::signing`). A failure is
    /// logged, not the save's: the first render of the page signs it.
    pub(crate) async fn sign_if_published(&self, saved: &Article) {
        let Some(signer) = self.signer else { return };
        if saved.status != ArticleStatus::Published {
            return;
        }
        if let Err(e) = signer
            .sign_published(self.store, self.base_url, saved)
            .await
        {
            tracing::warn!(slug = %saved.slug, "cannot sign the published revision: {e}");
        }
    }

    /// Step 5: a scheduled article gets its publication job.
    async fn schedule_if_due(&self, saved: &Article) -> WorkflowResult<()> {
        if saved.status == ArticleStatus::Scheduled {
            if let Some(at) = saved.published_at {
                let publication = byline_jobs::publish_scheduled::ScheduledPublication {
                    slug: saved.slug.clone(),
                };
                self.enqueue::<byline_jobs::publish_scheduled::PublishScheduled>(&publication, at)
                    .await?;
            }
        }
        Ok(())
    }

    /// The byline used when none is given: one named like the staff member, else a desk.
    pub(super) async fn default_byline(&self, actor: Actor<'_>) -> WorkflowResult<String> {
        let authors = self.store.authors().await?;
        let own = match actor {
            // Bylines are named in the outlet's language, so romanise the name by it.
            Actor::Staff(s) => {
                let language = self.store.settings().await?.language;
                Slug::from_title_in(&s.name, &language).map(|s| s.to_string())
            }
            Actor::Operator => None,
        };
        authors
            .iter()
            .find(|a| Some(&a.slug) == own.as_ref())
            .or_else(|| authors.iter().find(|a| a.kind == AuthorKind::Desk))
            .map(|a| a.slug.clone())
            .ok_or_else(|| WorkflowError::field(FieldError::new("authors", "wf-byline-required")))
    }

    /// Publishes or unpublishes an article as it stands (API `publish`/`unpublish`), with
    /// an optional correction (a published article published again).
    pub async fn set_article_status(
        &self,
        actor: Actor<'_>,
        article: &Article,
        status: ArticleStatus,
        correction: Option<&super::corrections::CorrectionRequest>,
    ) -> WorkflowResult<Article> {
        let tz = self.store.settings().await?.tz();
        let mut fields = ArticleFields {
            version: None,
            ..ArticleFields::from_article(article, tz)
        };
        if let Some(c) = correction {
            c.apply(&mut fields);
        }
        self.save_article(actor, ArticleInput::new(fields, status), Some(article))
            .await
    }

    /// Autosave of a draft: the same checks as a save; not audited (it is kept as a
    /// revision, every few seconds, and the next save is audited).
    pub async fn autosave_article(
        &self,
        actor: Actor<'_>,
        article: &Article,
        fields: ArticleFields,
    ) -> WorkflowResult<Article> {
        policy::check_edit(actor, article)?;
        if article.status != ArticleStatus::Draft {
            return Err(WorkflowError::Conflict(Message::new(
                "wf-autosave-drafts-only",
            )));
        }
        let input = ArticleInput::new(fields, ArticleStatus::Draft);
        let draft = self.draft(actor, &input, Some(article)).await?;
        let ctx = SaveContext {
            expected_version: input.fields.version.filter(|v| *v > 0),
            staff_id: actor.staff_id(),
            staff_name: actor.name(),
            update_note: None,
            create: false,
            correction: None,
        };
        self.write(&draft, &ctx).await
    }

    /// Moves an article to the bin (`deleted`) or back out of it.
    pub async fn bin_article(
        &self,
        actor: Actor<'_>,
        article: &Article,
        deleted: bool,
    ) -> WorkflowResult<Article> {
        policy::require(actor, Action::ManageAllArticles)?;
        let saved = self
            .store
            .set_article_deleted(&article.slug, deleted)
            .await?;
        let action = if deleted {
            "article.delete"
        } else {
            "article.restore"
        };
        self.audit(actor, action, &saved.slug, "").await;
        Ok(saved)
    }

    /// Restores an old revision's text as a new version; the article keeps its status.
    pub async fn restore_revision(
        &self,
        actor: Actor<'_>,
        article: &Article,
        version: i64,
        expected_version: Option<i64>,
    ) -> WorkflowResult<Article> {
        policy::check_edit(actor, article)?;
        let old = self
            .store
            .revisions(article.id)
            .await?
            .into_iter()
            .find(|r| r.version == version)
            .ok_or(WorkflowError::NotFound)?
            .draft
            // Its stored snapshot is damaged (the store logged why): nothing to restore.
            .ok_or_else(|| WorkflowError::Conflict(Message::new("slug-revision-damaged")))?;
        let mut draft = ArticleDraft {
            status: article.status,
            published_at: article.published_at.or(old.published_at),
            ..old
        };
        // Curation is not part of the text: only editors may bring an old Editors' Pick back.
        draft.editors_pick = policy::editors_pick(actor, draft.editors_pick, Some(article));
        policy::check_status(actor, draft.status)?;
        let ctx = SaveContext {
            expected_version: expected_version.filter(|v| *v > 0),
            staff_id: actor.staff_id(),
            staff_name: actor.name(),
            update_note: None,
            create: false,
            correction: None,
        };
        let saved = self.write(&draft, &ctx).await?;
        self.audit(
            actor,
            "article.restore_revision",
            &saved.slug,
            &format!("version {version} as {}", saved.version),
        )
        .await;
        Ok(saved)
    }
}

impl Workflows<'_> {
    /// Creates or replaces the article a file describes (`byline article add`): the draft
    /// comes whole from the file, so there is no version to check and no editor.
    pub async fn import_article(
        &self,
        actor: Actor<'_>,
        draft: &ArticleDraft,
    ) -> WorkflowResult<Article> {
        policy::require(actor, Action::ManageAllArticles)?;
        crate::desk::article_form::check_draft(draft).map_err(WorkflowError::field)?;
        check_tags(draft, self.max_tags).map_err(WorkflowError::field)?;
        let existed = self.store.article(draft.slug.as_str()).await?.is_some();
        let ctx = SaveContext {
            staff_id: actor.staff_id(),
            staff_name: actor.name(),
            ..SaveContext::default()
        };
        let saved = self.store.save_article_as(draft, &ctx).await?;
        self.schedule_if_due(&saved).await?;
        self.narrate_if_published(&saved).await;
        let action = if existed {
            "article.import_replace"
        } else {
            "article.import"
        };
        self.audit(
            actor,
            action,
            &saved.slug,
            &format!("version {} {}", saved.version, saved.status.as_str()),
        )
        .await;
        Ok(saved)
    }
}
