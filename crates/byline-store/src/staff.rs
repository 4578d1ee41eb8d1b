//! Staff accounts, sessions, API tokens, one-time tokens (invitations, password resets),
//! login throttling and the audit log.

use async_trait::async_trait;
use byline_domain::staff::Role;
use byline_i18n::Lang;
use chrono::{DateTime, Utc};

use crate::StoreResult;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Base32 TOTP secret when two-factor sign-in is on.
    pub totp_secret: Option<String>,
    /// Sessions created before this moment (Unix seconds) are void: "sign out everywhere".
    pub sessions_valid_after: i64,
    pub created_at: DateTime<Utc>,
    /// The language the desk speaks to this person.
    pub language: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaff {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// An argon2id PHC string; never a plain password.
    pub password_hash: String,
}

/// A signed-in browser. Only a hash of the cookie value is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id_hash: String,
    pub staff_id: i64,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub staff_id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// An invitation or password-reset token; only its hash is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneTimeToken {
    pub token_hash: String,
    /// "invite" or "reset".
    pub purpose: String,
    pub email: String,
    pub role: Option<Role>,
    pub staff_id: Option<i64>,
    pub created_by: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub staff_id: Option<i64>,
    /// Who, as shown to admins (email, or "cli").
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub at: DateTime<Utc>,
}

/// A limit for [`StaffStore::count_login_attempt`]: `allowed` attempts per window. A window
/// that ended with all its attempts used is followed by one twice as long (up to
/// `max_window_secs`); after a quiet spell that long, windows start short again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptLimit {
    pub allowed: i64,
    /// Length of a first window, in seconds.
    pub window_secs: i64,
    pub max_window_secs: i64,
}

/// What [`StaffStore::count_login_attempt`] counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptCount {
    /// Attempts in the current window, the one just counted included.
    pub attempts: i64,
    pub window_ends: DateTime<Utc>,
}

#[async_trait]
pub trait StaffStore: Send + Sync + 'static {
    /// Fails with `Conflict` when the email is taken.
    async fn create_staff(&self, staff: &NewStaff) -> StoreResult<StaffMember>;
    async fn staff_by_id(&self, id: i64) -> StoreResult<Option<StaffMember>>;
    async fn staff_by_email(&self, email: &str) -> StoreResult<Option<StaffMember>>;
    async fn password_hash(&self, staff_id: i64) -> StoreResult<Option<String>>;
    async fn list_staff(&self) -> StoreResult<Vec<StaffMember>>;
    async fn count_staff(&self) -> StoreResult<i64>;
    async fn set_role(&self, staff_id: i64, role: Role) -> StoreResult<()>;
    async fn set_active(&self, staff_id: i64, active: bool) -> StoreResult<()>;
    /// Replaces the password and ends every session of the account.
    async fn set_password(&self, staff_id: i64, password_hash: &str) -> StoreResult<()>;
    /// Turns two-factor sign-in on (`Some`) or off; either way no time step is accepted yet.
    async fn set_totp_secret(&self, staff_id: i64, secret: Option<&str>) -> StoreResult<()>;
    /// Records `step` (a TOTP time step) as the account's last accepted one, in one
    /// statement, if it is later than the one recorded. False when it is not: the code was
    /// used already, or an older one is replayed.
    async fn accept_totp_step(&self, staff_id: i64, step: i64) -> StoreResult<bool>;
    /// The language the desk is shown in for this person.
    async fn set_staff_language(&self, staff_id: i64, language: Lang) -> StoreResult<()>;
    /// Whether a one-time token exists with this purpose, unused and unexpired (it stays so).
    async fn one_time_token_is_live(
        &self,
        token_hash: &str,
        purpose: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Stores a first-run setup token (`purpose = "setup"`), retiring every earlier live
    /// one in the same transaction: only the link printed last works.
    async fn create_setup_token(&self, token: &OneTimeToken) -> StoreResult<()>;
    /// First-run setup: creates the first admin account with a live `purpose = "setup"`
    /// one-time token, in one transaction that retires every setup token. `None` (nothing
    /// written) when the token is not live or a staff account exists already, so of two
    /// submissions at once exactly one creates an account.
    async fn create_first_admin(
        &self,
        setup_token_hash: &str,
        staff: &NewStaff,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<StaffMember>>;
    /// Ends every session of the account ("sign out everywhere").
    async fn end_all_sessions(&self, staff_id: i64) -> StoreResult<()>;

    async fn create_session(&self, session: &Session) -> StoreResult<()>;
    /// A live session and its staff member (active, not expired, not revoked).
    async fn session(
        &self,
        id_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<(Session, StaffMember)>>;
    async fn delete_session(&self, id_hash: &str) -> StoreResult<()>;

    async fn create_api_token(
        &self,
        staff_id: i64,
        name: &str,
        token_hash: &str,
    ) -> StoreResult<ApiToken>;
    /// A token that is not revoked, with its active owner.
    async fn api_token(&self, token_hash: &str) -> StoreResult<Option<(ApiToken, StaffMember)>>;
    async fn list_api_tokens(&self, staff_id: i64) -> StoreResult<Vec<ApiToken>>;
    async fn revoke_api_token(&self, id: i64) -> StoreResult<bool>;
    /// Revokes every live API token of the account; returns how many.
    async fn revoke_all_api_tokens(&self, staff_id: i64) -> StoreResult<u64>;

    async fn create_one_time_token(&self, token: &OneTimeToken) -> StoreResult<()>;
    /// Marks the token used and returns it, if it exists, has this purpose, is unused and
    /// unexpired. At most one caller ever gets it.
    async fn consume_one_time_token(
        &self,
        token_hash: &str,
        purpose: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<OneTimeToken>>;

    /// Counts an attempt against `key` (sign-in, password-reset mail …) in one statement and
    /// returns the attempts in the current window, this one included: concurrent callers each
    /// get a different count, so no more than `limit.allowed` of them see one within it.
    async fn count_login_attempt(
        &self,
        key: &str,
        limit: AttemptLimit,
        now: DateTime<Utc>,
    ) -> StoreResult<AttemptCount>;
    /// Takes back one attempt counted at `counted_at`, if its window is still the current one.
    async fn refund_login_attempt(&self, key: &str, counted_at: DateTime<Utc>) -> StoreResult<()>;
    /// Forgets every attempt counted against `key`.
    async fn clear_login_attempts(&self, key: &str) -> StoreResult<()>;

    async fn record_audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    async fn audit_log(&self, limit: i64, offset: i64) -> StoreResult<Vec<AuditEntry>>;
}
