//! Sign-in throttling, after OWASP's authentication cheat sheet. Every attempt is counted
//! *before* the password is checked, by one atomic store call, so concurrent guesses cannot
//! get past a limit: with a limit of N, at most N passwords are checked per key and window.
//!
//! - Per (account, client address) and per client address the limit blocks: 429 with
//!   Retry-After until the window ends; a window used up is followed by one twice as long.
//! - Per account from all addresses it only slows down (a short, bounded delay), so nobody
//!   can lock a colleague out by guessing wrong from elsewhere.
//! - A successful sign-in clears its (account, address) count and gives its attempt back to
//!   the address, so a newsroom behind one address is not throttled by its own sign-ins.

use std::time::Duration;

use byline_store::{AttemptLimit, StaffStore, StoreResult};
use chrono::{DateTime, Utc};

/// Sign-in attempts per account from one client address: 5 a minute at first.
pub const PER_ACCOUNT_AND_ADDRESS: AttemptLimit = AttemptLimit {
    allowed: 5,
    window_secs: 60,
    max_window_secs: 3600,
};
/// Sign-in attempts from one client address, whatever the account: 20 a minute at first.
pub const PER_ADDRESS: AttemptLimit = AttemptLimit {
    allowed: 20,
    window_secs: 60,
    max_window_secs: 3600,
};
/// Sign-in attempts per account from everywhere before each one is delayed.
pub const PER_ACCOUNT: AttemptLimit = AttemptLimit {
    allowed: 10,
    window_secs: 900,
    max_window_secs: 900,
};
/// Longest delay per-account slowing adds.
pub const MAX_DELAY: Duration = Duration::from_secs(2);
/// Password-reset requests from one client address.
pub const RESET_PER_ADDRESS: AttemptLimit = AttemptLimit {
    allowed: 5,
    window_secs: 900,
    max_window_secs: 3600,
};
/// Password-reset mails per account: 3 an hour.
pub const RESET_PER_ACCOUNT: AttemptLimit = AttemptLimit {
    allowed: 3,
    window_secs: 3600,
    max_window_secs: 3600,
};

/// Counts one attempt against `key`: `Ok` when it is within the limit, else `Err` with the
/// seconds until the window ends (for Retry-After).
pub async fn take(
    store: &dyn StaffStore,
    key: &str,
    limit: AttemptLimit,
    now: DateTime<Utc>,
) -> StoreResult<Result<(), i64>> {
    let count = store.count_login_attempt(key, limit, now).await?;
    if count.attempts <= limit.allowed {
        Ok(Ok(()))
    } else {
        Ok(Err((count.window_ends - now).num_seconds().max(1)))
    }
}

/// The delay for the `attempts`-th sign-in attempt on one account within its window:
/// nothing up to the limit, then a quarter second more per attempt, at most [`MAX_DELAY`].
pub fn slow_down(attempts: i64) -> Duration {
    let over = u32::try_from((attempts - PER_ACCOUNT.allowed).clamp(0, 100)).unwrap_or(0);
    (Duration::from_millis(250) * over).min(MAX_DELAY)
}

/// The throttle keys of one sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInKeys {
    pub account_and_address: String,
    pub address: String,
    pub account: String,
}

impl SignInKeys {
    /// `email` is normalised (trimmed, lower case) and bounded in length.
    pub fn new(email: &str, ip: &str) -> Self {
        let email: String = email.trim().to_lowercase().chars().take(320).collect();
        Self {
            account_and_address: format!("account:{email}|ip:{ip}"),
            address: format!("ip:{ip}"),
            account: format!("account:{email}"),
        }
    }
}

/// Counts a sign-in attempt before any password is checked: `Err` with the seconds to wait
/// when the address, or this account from this address, is over its limit; else `Ok` with
/// the delay to apply first (per-account slowing).
pub async fn sign_in_attempt(
    store: &dyn StaffStore,
    keys: &SignInKeys,
    now: DateTime<Utc>,
) -> StoreResult<Result<Duration, i64>> {
    if let Err(wait) = take(store, &keys.address, PER_ADDRESS, now).await? {
        return Ok(Err(wait));
    }
    if let Err(wait) = take(
        store,
        &keys.account_and_address,
        PER_ACCOUNT_AND_ADDRESS,
        now,
    )
    .await?
    {
        return Ok(Err(wait));
    }
    let account = store
        .count_login_attempt(&keys.account, PER_ACCOUNT, now)
        .await?;
    Ok(Ok(slow_down(account.attempts)))
}

/// After a successful sign-in counted at `counted_at`.
pub async fn signed_in(
    store: &dyn StaffStore,
    keys: &SignInKeys,
    counted_at: DateTime<Utc>,
) -> StoreResult<()> {
    store
        .clear_login_attempts(&keys.account_and_address)
        .await?;
    store.refund_login_attempt(&keys.address, counted_at).await
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn per_account_slowing_is_small_and_bounded() {
        assert_eq!(slow_down(1), Duration::ZERO);
        assert_eq!(slow_down(PER_ACCOUNT.allowed), Duration::ZERO);
        assert_eq!(
            slow_down(PER_ACCOUNT.allowed + 1),
            Duration::from_millis(250)
        );
        assert_eq!(slow_down(PER_ACCOUNT.allowed + 4), Duration::from_secs(1));
        assert_eq!(slow_down(1_000_000), MAX_DELAY);
    }

    #[test]
    fn keys_separate_account_address_and_both() {
        let k = SignInKeys::new("  Ada@Example.org ", "203.0.113.7");
        assert_eq!(k.account, "account:ada@example.org");
        assert_eq!(k.address, "ip:203.0.113.7");
        assert_eq!(
            k.account_and_address,
            "account:ada@example.org|ip:203.0.113.7"
        );
        assert!(
            SignInKeys::new(&"x".repeat(100_000), "ip").account.len() < 400,
            "bounded"
        );
    }
}
