//! Editions as the operator and admins manage them: list, add or change one (language code,
//! name, URL prefix, time zone, order), and move a section into an edition. The CLI
//! (`byline edition …`) and the Admin API (`/api/admin/editions`) call these.

use byline_domain::edition::EditionError;
use byline_domain::staff::Action;
use byline_domain::Edition;
use byline_store::EditionedContent;

use super::error::{FieldError, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// The field error for an edition that does not validate.
fn field_error(e: &EditionError) -> FieldError {
    match e {
        EditionError::UnknownLanguage(_) => {
            FieldError::new("code", "wf-edition-language").text("codes", byline_i18n::Lang::codes())
        }
        EditionError::DefaultHasPrefix | EditionError::BadPrefix(_) => {
            FieldError::new("path_prefix", "wf-edition-prefix")
        }
        EditionError::UnknownTimeZone(zone) => {
            FieldError::new("time_zone", "wf-edition-time-zone").text("zone", zone.clone())
        }
    }
}

impl Workflows<'_> {
    /// Every edition, the default one first by position.
    pub async fn editions(&self, actor: Actor<'_>) -> WorkflowResult<Vec<Edition>> {
        policy::require(actor, Action::UseDesk)?;
        Ok(self.store.editions().await?)
    }

    /// Adds an edition, or changes the one with this code (the default edition keeps its
    /// empty prefix). Admins and the operator only: editions shape every page.
    pub async fn save_edition(
        &self,
        actor: Actor<'_>,
        edition: Edition,
    ) -> WorkflowResult<Edition> {
        policy::require(actor, Action::Administer)?;
        let existing = self
            .store
            .editions()
            .await?
            .into_iter()
            .find(|e| e.code == edition.code);
        let edition = Edition {
            is_default: existing.as_ref().is_some_and(|e| e.is_default),
            ..edition
        };
        edition
            .validate()
            .map_err(|e| WorkflowError::field(field_error(&e)))?;
        self.store.save_edition(&edition).await?;
        let action = if existing.is_some() {
            "edition.update"
        } else {
            "edition.create"
        };
        self.audit(actor, action, &edition.code, &edition.path_prefix)
            .await;
        Ok(edition)
    }

    /// Moves the section with `slug` into the edition `code`.
    pub async fn set_section_edition(
        &self,
        actor: Actor<'_>,
        slug: &str,
        code: &str,
    ) -> WorkflowResult<()> {
        policy::require(actor, Action::ManageTaxonomy)?;
        let section = self
            .store
            .section(slug)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        if !self.store.editions().await?.iter().any(|e| e.code == code) {
            return Err(WorkflowError::field(
                FieldError::new("edition", "wf-edition-unknown").text("code", code),
            ));
        }
        self.store
            .set_content_edition(EditionedContent::Section, section.id, code)
            .await?;
        self.audit(actor, "section.edition", slug, code).await;
        Ok(())
    }
}
