//! Sign-in throttling per account and per IP address, with exponential back-off.

use byline_store::{StaffStore, StoreResult};
use chrono::{DateTime, Duration, Utc};

/// Failures allowed before back-off starts.
const FREE_FAILURES: i64 = 4;
/// Longest lock.
const MAX_LOCK_SECS: i64 = 15 * 60;

/// Lock length after `failures` consecutive failures: 0 for the first few, then 1 s, 2 s,
/// 4 s … up to 15 minutes.
pub fn lock_for(failures: i64) -> Duration {
    if failures <= FREE_FAILURES {
        return Duration::zero();
    }
    let exp = u32::try_from((failures - FREE_FAILURES - 1).min(20)).unwrap_or(20);
    Duration::seconds(2_i64.saturating_pow(exp).min(MAX_LOCK_SECS))
}

/// Seconds to wait if any key is locked.
pub async fn locked(
    store: &dyn StaffStore,
    keys: &[String],
    now: DateTime<Utc>,
) -> StoreResult<Option<i64>> {
    let mut wait = None;
    for key in keys {
        if let Some((_, until)) = store.login_throttle(key).await? {
            if until > now {
                let secs = (until - now).num_seconds().max(1);
                wait = Some(wait.map_or(secs, |w: i64| w.max(secs)));
            }
        }
    }
    Ok(wait)
}

/// Records a failed attempt against every key.
pub async fn failed(
    store: &dyn StaffStore,
    keys: &[String],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    for key in keys {
        let failures = store.login_throttle(key).await?.map_or(0, |(f, _)| f) + 1;
        store
            .record_login_failure(key, now + lock_for(failures), now)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::lock_for;

    #[test]
    fn back_off_grows_and_is_capped() {
        assert_eq!(lock_for(1).num_seconds(), 0);
        assert_eq!(lock_for(4).num_seconds(), 0);
        assert_eq!(lock_for(5).num_seconds(), 1);
        assert_eq!(lock_for(7).num_seconds(), 4);
        assert_eq!(lock_for(100).num_seconds(), 900);
    }
}
