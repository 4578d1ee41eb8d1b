//! Admin API tokens: created for one's own account (or, at the command line, for any
//! account), shown once, stored only as a hash; revoked by their owner.

use byline_domain::staff::Action;
use byline_store::StaffMember;

use super::error::{FieldError, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};
use crate::auth::token::{hash_token, random_token};

/// Longest token name, in characters.
pub const MAX_TOKEN_NAME: usize = 80;

impl Workflows<'_> {
    /// Creates a token for `owner`; returns the secret (shown once). Staff create tokens
    /// for themselves; another account's token needs an admin.
    pub async fn create_token(
        &self,
        actor: Actor<'_>,
        owner: &StaffMember,
        name: &str,
    ) -> WorkflowResult<String> {
        if actor.staff_id() != Some(owner.id) {
            policy::require(actor, Action::Administer)?;
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_TOKEN_NAME {
            return Err(WorkflowError::field(
                FieldError::new("name", "wf-token-name").num("max", MAX_TOKEN_NAME),
            ));
        }
        if !owner.active {
            return Err(WorkflowError::refused("wf-refused-inactive"));
        }
        let secret = random_token();
        self.store
            .create_api_token(owner.id, name, &hash_token(&secret))
            .await?;
        self.audit(actor, "token.create", &owner.email, name).await;
        Ok(secret)
    }

    /// Revokes one of `owner`'s tokens (another account's token is not found).
    pub async fn revoke_token(
        &self,
        actor: Actor<'_>,
        owner: &StaffMember,
        token_id: i64,
    ) -> WorkflowResult<()> {
        if actor.staff_id() != Some(owner.id) {
            policy::require(actor, Action::Administer)?;
        }
        let tokens = self.store.list_api_tokens(owner.id).await?;
        if !tokens.iter().any(|t| t.id == token_id) {
            return Err(WorkflowError::NotFound);
        }
        self.store.revoke_api_token(token_id).await?;
        self.audit(actor, "token.revoke", &owner.email, &token_id.to_string())
            .await;
        Ok(())
    }
}
