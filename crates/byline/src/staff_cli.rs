//! `byline user add` and `byline token create`: the first admin and API tokens from the
//! command line (they work while the server runs: they only write to the database).

use anyhow::{anyhow, bail, Context};
use byline_domain::staff::Role;
use byline_store::{AuditEntry, NewStaff, Store};
use byline_web::auth::{password, token};

/// Reads the new password from `BYLINE_PASSWORD`, or asks on the terminal.
pub fn read_password() -> anyhow::Result<String> {
    if let Ok(pw) = std::env::var("BYLINE_PASSWORD") {
        return Ok(pw);
    }
    let first = rpassword::prompt_password("Password: ")
        .context("no BYLINE_PASSWORD and no terminal to ask on")?;
    let again = rpassword::prompt_password("Repeat password: ").context("reading the password")?;
    if first != again {
        bail!("the passwords differ");
    }
    Ok(first)
}

async fn audit(store: &dyn Store, action: &str, target: &str, detail: &str) -> anyhow::Result<()> {
    let entry = AuditEntry {
        staff_id: None,
        actor: "cli".into(),
        action: action.into(),
        target: target.into(),
        detail: detail.into(),
        at: chrono::Utc::now(),
    };
    Ok(store.record_audit(&entry).await?)
}

/// Creates a staff account.
pub async fn add_user(
    store: &dyn Store,
    email: &str,
    role: &str,
    name: Option<&str>,
    password_text: &str,
) -> anyhow::Result<byline_store::StaffMember> {
    let role = Role::parse(role).ok_or_else(|| {
        anyhow!("unknown role `{role}`: use contributor, author, editor or admin")
    })?;
    let email = byline_mail::validate_address(email).map_err(|e| anyhow!("{e}"))?;
    password::check_strength(password_text).map_err(|e| anyhow!("password: {e}"))?;
    let hash =
        password::hash(password_text).map_err(|e| anyhow!("cannot hash the password: {e}"))?;
    let name = name.map_or_else(
        || email.split('@').next().unwrap_or("staff").to_owned(),
        str::to_owned,
    );
    let staff = store
        .create_staff(&NewStaff {
            email: email.clone(),
            name,
            role,
            password_hash: hash,
        })
        .await?;
    audit(store, "staff.create", &email, role.as_str()).await?;
    Ok(staff)
}

/// Creates an API token for an existing account; returns the token (shown once).
pub async fn create_token(store: &dyn Store, email: &str, name: &str) -> anyhow::Result<String> {
    let staff = store
        .staff_by_email(email)
        .await?
        .ok_or_else(|| anyhow!("no staff account for {email}"))?;
    if !staff.active {
        bail!("the account {email} is deactivated");
    }
    if name.trim().is_empty() {
        bail!("give the token a --name");
    }
    let secret = token::random_token();
    store
        .create_api_token(staff.id, name.trim(), &token::hash_token(&secret))
        .await?;
    audit(store, "token.create", email, name).await?;
    Ok(secret)
}
