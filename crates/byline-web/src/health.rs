//! Whether the store answers. A request that finds it unreachable marks it down; while
//! it is down, pages not in the cache are answered 503 at once instead of each waiting
//! for the pool's timeout. The change-log poller reads the store every `change_poll`,
//! and its first successful read marks it up again: recovery needs no restart.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use byline_store::Store;

/// How long a `/readyz` answer is reused, so probes cannot load the database.
const READY_MEMO: Duration = Duration::from_secs(1);
/// Longest a readiness check waits for the store.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug, Default)]
pub struct StoreHealth {
    down: AtomicBool,
    ready: Mutex<Option<(Instant, bool)>>,
}

impl StoreHealth {
    pub fn is_down(&self) -> bool {
        self.down.load(Ordering::Acquire)
    }

    pub fn mark_down(&self) {
        if !self.down.swap(true, Ordering::AcqRel) {
            tracing::warn!("the database is unreachable: serving cached pages, 503 for the rest");
        }
    }

    pub fn mark_up(&self) {
        if self.down.swap(false, Ordering::AcqRel) {
            tracing::info!("the database is reachable again");
        }
    }

    /// Reachable and migrated, checked at most once a second.
    pub async fn ready(&self, store: &dyn Store) -> bool {
        if let Some((at, ready)) = self.ready.lock().ok().and_then(|m| *m) {
            if at.elapsed() < READY_MEMO {
                return ready;
            }
        }
        let ready = match tokio::time::timeout(READY_TIMEOUT, store.ready()).await {
            Ok(Ok(())) => true,
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "not ready");
                false
            }
            Err(_) => false,
        };
        if let Ok(mut memo) = self.ready.lock() {
            *memo = Some((Instant::now(), ready));
        }
        ready
    }
}
