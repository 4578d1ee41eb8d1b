//! Rows of the staff queries (`staff.rs`): accounts, API tokens and one-time tokens.

use super::shared::to_time;
use crate::StoreError;

pub(crate) const STAFF_COLUMNS: &str =
    "id, email, name, role, active, totp_secret, sessions_valid_after, created_at, language";

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct StaffRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub active: bool,
    pub totp_secret: Option<String>,
    pub sessions_valid_after: i64,
    pub created_at: i64,
    pub language: String,
}

impl TryFrom<StaffRow> for crate::StaffMember {
    type Error = StoreError;
    fn try_from(r: StaffRow) -> Result<Self, StoreError> {
        Ok(Self {
            role: byline_domain::staff::Role::parse(&r.role).ok_or_else(|| {
                StoreError::Corrupt(format!("staff {} has role `{}`", r.id, r.role))
            })?,
            id: r.id,
            email: r.email,
            name: r.name,
            active: r.active,
            totp_secret: r.totp_secret.filter(|s| !s.is_empty()),
            sessions_valid_after: r.sessions_valid_after,
            created_at: to_time(r.created_at),
            // A code no longer shipped must not lock the account out of the desk.
            language: r.language.parse().unwrap_or_else(|_| {
                tracing::warn!(staff = r.id, language = %r.language, "unknown desk language");
                byline_i18n::Lang::default()
            }),
        })
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct ApiTokenRow {
    pub id: i64,
    pub staff_id: i64,
    pub name: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

impl From<ApiTokenRow> for crate::ApiToken {
    fn from(r: ApiTokenRow) -> Self {
        Self {
            id: r.id,
            staff_id: r.staff_id,
            name: r.name,
            created_at: to_time(r.created_at),
            revoked_at: r.revoked_at.map(to_time),
        }
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct OneTimeTokenRow {
    pub token_hash: String,
    pub purpose: String,
    pub email: String,
    pub role: Option<String>,
    pub staff_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub expires_at: i64,
}

impl From<OneTimeTokenRow> for crate::OneTimeToken {
    fn from(r: OneTimeTokenRow) -> Self {
        Self {
            token_hash: r.token_hash,
            purpose: r.purpose,
            email: r.email,
            role: r
                .role
                .as_deref()
                .and_then(byline_domain::staff::Role::parse),
            staff_id: r.staff_id,
            created_by: r.created_by,
            created_at: to_time(r.created_at),
            expires_at: to_time(r.expires_at),
        }
    }
}
