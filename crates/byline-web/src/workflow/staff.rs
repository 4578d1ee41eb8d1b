//! Staff (admins): accounts, invitations by email, role changes, deactivation. An admin
//! cannot take their own admin role away or deactivate themself (ask another admin).

use byline_domain::staff::{Action, Role};
use byline_jobs::send_mail::MailJob;
use byline_store::{NewStaff, OneTimeToken, StaffMember};
use chrono::{Duration, Utc};

use super::error::{FieldError, Message, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};
use crate::auth::password;
use crate::auth::token::{hash_token, random_token};

/// How long an invitation link works.
pub const INVITE_HOURS: i64 = 72;

/// A role from its name, or a field error listing the roles.
pub fn parse_role(s: &str) -> WorkflowResult<Role> {
    Role::parse(s.trim()).ok_or_else(|| {
        WorkflowError::field(FieldError::new("role", "wf-role-unknown").text("value", s.trim()))
    })
}

fn valid_email(email: &str) -> WorkflowResult<String> {
    byline_mail::validate_address(email.trim()).map_err(|e| {
        WorkflowError::field(
            FieldError::new("email", "wf-email-invalid").text("detail", e.to_string()),
        )
    })
}

/// The invitation mail, in the site's language: the invited person has no account yet.
fn invitation_mail(
    to: &str,
    inviter: Option<&str>,
    site: &byline_domain::SiteSettings,
    role: Role,
    link: &str,
) -> WorkflowResult<MailJob> {
    let letter = byline_mail::letters::Invitation {
        site_name: &site.name,
        inviter,
        role,
        link,
        hours: INVITE_HOURS,
    }
    .render(crate::chrome::site_lang(site))
    .map_err(|e| WorkflowError::Internal(e.to_string()))?;
    Ok(MailJob {
        to: to.to_owned(),
        subject: letter.subject,
        text: letter.text,
        html: Some(letter.html),
    })
}

impl Workflows<'_> {
    /// Creates a staff account with a password (the command line's `byline user add`).
    pub async fn add_staff(
        &self,
        actor: Actor<'_>,
        email: &str,
        role: Role,
        name: Option<&str>,
        password_text: &str,
    ) -> WorkflowResult<StaffMember> {
        policy::require(actor, Action::Administer)?;
        let email = valid_email(email)?;
        password::check_strength(password_text).map_err(|weak| {
            WorkflowError::field(FieldError::new("password", weak.key).num("count", weak.count))
        })?;
        let text = password_text.to_owned();
        let hash = tokio::task::spawn_blocking(move || password::hash(&text))
            .await
            .map_err(|e| WorkflowError::Internal(e.to_string()))?
            .map_err(WorkflowError::Internal)?;
        let name = name.map_or_else(
            || email.split('@').next().unwrap_or("staff").to_owned(),
            str::to_owned,
        );
        let staff = match self
            .store
            .create_staff(&NewStaff {
                email: email.clone(),
                name,
                role,
                password_hash: hash,
            })
            .await
        {
            Err(byline_store::StoreError::Conflict(_)) => {
                return Err(WorkflowError::Conflict(
                    Message::new("wf-staff-exists").text("email", &email),
                ))
            }
            other => other?,
        };
        self.audit(actor, "staff.create", &email, role.as_str())
            .await;
        Ok(staff)
    }

    /// Creates an invitation and mails its link.
    pub async fn invite_staff(
        &self,
        actor: Actor<'_>,
        email: &str,
        role: Role,
    ) -> WorkflowResult<()> {
        policy::require(actor, Action::Administer)?;
        let email = valid_email(email)?;
        if self.store.staff_by_email(&email).await?.is_some() {
            return Err(WorkflowError::Conflict(
                Message::new("wf-staff-exists").text("email", &email),
            ));
        }
        let token = random_token();
        let now = Utc::now();
        let record = OneTimeToken {
            token_hash: hash_token(&token),
            purpose: "invite".into(),
            email: email.clone(),
            role: Some(role),
            staff_id: None,
            created_by: actor.staff_id(),
            created_at: now,
            expires_at: now + Duration::hours(INVITE_HOURS),
        };
        self.store.create_one_time_token(&record).await?;
        let site = self.store.settings().await?;
        let link = self.absolute(&format!("/desk/invite?token={token}"));
        let inviter = match actor {
            Actor::Staff(s) => Some(s.name.as_str()),
            Actor::Operator => None,
        };
        let mail = invitation_mail(&email, inviter, &site, role, &link)?;
        let keyed = byline_jobs::send_mail::KeyedMail {
            key: format!("invite:{}", record.token_hash),
            mail,
        };
        self.enqueue::<byline_jobs::send_mail::SendMail>(&keyed, Utc::now())
            .await?;
        self.audit(actor, "staff.invite", &email, role.as_str())
            .await;
        Ok(())
    }

    /// Gives a staff member another role.
    pub async fn change_role(
        &self,
        actor: Actor<'_>,
        id: i64,
        role: Role,
    ) -> WorkflowResult<StaffMember> {
        policy::require(actor, Action::Administer)?;
        if actor.staff_id() == Some(id) && role != Role::Admin {
            return Err(WorkflowError::refused("wf-refused-own-admin"));
        }
        let target = self
            .store
            .staff_by_id(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        self.store.set_role(id, role).await?;
        self.audit(actor, "staff.role", &target.email, role.as_str())
            .await;
        Ok(StaffMember { role, ..target })
    }

    /// Deactivates (signs out, refuses sign-in) or reactivates a staff account.
    pub async fn set_staff_active(
        &self,
        actor: Actor<'_>,
        id: i64,
        active: bool,
    ) -> WorkflowResult<StaffMember> {
        policy::require(actor, Action::Administer)?;
        if actor.staff_id() == Some(id) {
            return Err(WorkflowError::refused("wf-refused-own-deactivate"));
        }
        let target = self
            .store
            .staff_by_id(id)
            .await?
            .ok_or(WorkflowError::NotFound)?;
        self.store.set_active(id, active).await?;
        let action = if active {
            "staff.reactivate"
        } else {
            "staff.deactivate"
        };
        self.audit(actor, action, &target.email, "").await;
        Ok(StaffMember { active, ..target })
    }
}
