//! `byline user add` and `byline token create`: the first admin and API tokens from the
//! command line (they work while the server runs: they only write to the database).
//! Both are thin callers of the staff and token workflows, as the operator.

use anyhow::{anyhow, bail, Context};
use byline_store::Store;
use byline_web::workflow::staff::parse_role;
use byline_web::workflow::{Actor, Channel, Workflows};

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

/// The workflows as the command line runs them: the operator may do everything, and every
/// action is audited as `cli`.
pub fn workflows<'a>(store: &'a dyn Store, base_url: &'a str) -> Workflows<'a> {
    Workflows::new(store, base_url, Channel::Cli)
}

/// Creates a staff account.
pub async fn add_user(
    store: &dyn Store,
    email: &str,
    role: &str,
    name: Option<&str>,
    password_text: &str,
) -> anyhow::Result<byline_store::StaffMember> {
    let role = parse_role(role)
        .map_err(|_| anyhow!("unknown role `{role}`: use contributor, author, editor or admin"))?;
    Ok(workflows(store, "")
        .add_staff(Actor::Operator, email, role, name, password_text)
        .await?)
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
    Ok(workflows(store, "")
        .create_token(Actor::Operator, &staff, name)
        .await?)
}
