//! Sections, bylines (authors) and static pages: editors' work. A POST creates (a taken
//! slug is a conflict, never an overwrite); a PUT updates an existing one (404 if unknown).

use byline_domain::staff::Action;
use byline_domain::{Author, NewAuthor, NewPage, NewSection, Page, Section, Slug};
use byline_store::WriteMode;

use super::error::{FieldError, Message, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// Longest section, byline or page name, in characters.
pub const MAX_NAME: usize = 250;

/// A slug as given, or derived from `name` (Cyrillic by the outlet's `language`) when
/// none is given.
fn slug_for(given: &str, name: &str, language: &str) -> WorkflowResult<String> {
    let given = given.trim();
    let slug = if given.is_empty() {
        Slug::from_title_in(name, language)
            .ok_or_else(|| WorkflowError::field(FieldError::new("name", "wf-name-no-letters")))?
    } else {
        Slug::parse(given).map_err(|_| {
            WorkflowError::field(FieldError::new("slug", "wf-slug-invalid").text("value", given))
        })?
    };
    Ok(slug.to_string())
}

fn check_name(field: &'static str, name: &str) -> WorkflowResult<()> {
    if name.trim().is_empty() {
        return Err(WorkflowError::field(FieldError::new(field, "wf-required")));
    }
    if name.chars().count() > MAX_NAME {
        return Err(WorkflowError::field(
            FieldError::new(field, "wf-too-long").num("max", MAX_NAME),
        ));
    }
    if name.contains(['\r', '\n']) {
        return Err(WorkflowError::field(FieldError::new(
            field,
            "wf-single-line",
        )));
    }
    Ok(())
}

/// A create whose slug is taken is a conflict naming the slug.
fn taken(e: byline_store::StoreError, slug: &str, mode: WriteMode) -> WorkflowError {
    match e {
        byline_store::StoreError::Conflict(_) if mode == WriteMode::Create => {
            WorkflowError::Conflict(Message::new("wf-slug-taken").text("slug", slug))
        }
        other => other.into(),
    }
}

fn verb(mode: WriteMode) -> &'static str {
    match mode {
        WriteMode::Create => "create",
        WriteMode::Update => "update",
        WriteMode::Upsert => "save",
    }
}

impl Workflows<'_> {
    /// The outlet's language, by which names without a typed slug are romanised.
    async fn site_language(&self) -> WorkflowResult<String> {
        Ok(self.store.settings().await?.language)
    }

    /// Creates or updates a section.
    pub async fn save_section(
        &self,
        actor: Actor<'_>,
        section: NewSection,
        mode: WriteMode,
    ) -> WorkflowResult<Section> {
        policy::require(actor, Action::ManageTaxonomy)?;
        check_name("name", &section.name)?;
        let section = NewSection {
            slug: slug_for(&section.slug, &section.name, &self.site_language().await?)?,
            ..section
        };
        let saved = self
            .store
            .save_section(&section, mode)
            .await
            .map_err(|e| taken(e, &section.slug, mode))?;
        let action = format!("section.{}", verb(mode));
        self.audit(actor, &action, &saved.slug, &saved.name).await;
        Ok(saved)
    }

    /// Creates or updates a byline.
    pub async fn save_author(
        &self,
        actor: Actor<'_>,
        author: NewAuthor,
        mode: WriteMode,
    ) -> WorkflowResult<Author> {
        policy::require(actor, Action::ManageTaxonomy)?;
        check_name("name", &author.name)?;
        if !matches!(author.kind.as_str(), "person" | "desk") {
            return Err(WorkflowError::field(
                FieldError::new("kind", "wf-author-kind").text("value", &author.kind),
            ));
        }
        let author = NewAuthor {
            slug: slug_for(&author.slug, &author.name, &self.site_language().await?)?,
            ..author
        };
        let saved = self
            .store
            .save_author(&author, mode)
            .await
            .map_err(|e| taken(e, &author.slug, mode))?;
        let action = format!("author.{}", verb(mode));
        self.audit(actor, &action, &saved.slug, &saved.name).await;
        Ok(saved)
    }

    /// Creates or updates a static page (about, privacy, support …).
    pub async fn save_page(
        &self,
        actor: Actor<'_>,
        page: NewPage,
        mode: WriteMode,
    ) -> WorkflowResult<Page> {
        policy::require(actor, Action::ManageTaxonomy)?;
        check_name("title", &page.title)?;
        if page.body.len() > crate::desk::article_form::MAX_ARTICLE_BODY {
            return Err(WorkflowError::field(
                FieldError::new("body", "wf-too-large")
                    .num("kb", crate::desk::article_form::MAX_ARTICLE_BODY / 1000),
            ));
        }
        let page = NewPage {
            slug: slug_for(&page.slug, &page.title, &self.site_language().await?)?,
            ..page
        };
        let saved = self
            .store
            .save_page(&page, mode)
            .await
            .map_err(|e| taken(e, &page.slug, mode))?;
        let action = format!("page.{}", verb(mode));
        self.audit(actor, &action, &saved.slug, &saved.title).await;
        Ok(saved)
    }
}
