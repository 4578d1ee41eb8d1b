//! Keeps the render cache current: applies changes made in this process at once, and
//! follows the database change log for writes from other app nodes and the CLI.

use std::collections::BTreeSet;

use tokio::sync::broadcast::error::RecvError;

use crate::AppState;

/// Starts the background task; it runs for the life of the process.
/// Also starts the cache's background recompression worker and the banner clock.
pub fn spawn_invalidation(state: AppState) -> tokio::task::JoinHandle<()> {
    crate::cache::recompress::spawn(&state.cache);
    crate::live::banner::spawn_clock(state.clone());
    tokio::spawn(async move {
        let mut local = state.store.subscribe();
        let mut last_seen = match state.store.latest_change_id().await {
            Ok(id) => id,
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the change log; starting from zero");
                0
            }
        };
        // Ids already applied from the local broadcast, not yet passed by the poller.
        let mut applied: BTreeSet<i64> = BTreeSet::new();
        let mut tick = tokio::time::interval(state.config.change_poll);
        loop {
            tokio::select! {
                received = local.recv() => match received {
                    Ok(change) => {
                        state.invalidate(&change.tags);
                        applied.insert(change.id);
                    }
                    Err(RecvError::Lagged(_)) => state.invalidate(&["site".to_owned()]),
                    Err(RecvError::Closed) => return,
                },
                _ = tick.tick() => match state.store.changes_since(last_seen).await {
                    Ok(changes) => {
                        // This read doubles as the store's health probe.
                        state.health.mark_up();
                        for change in changes {
                            if !applied.remove(&change.id) {
                                state.invalidate(&change.tags);
                            }
                            last_seen = last_seen.max(change.id);
                        }
                        applied = applied.split_off(&(last_seen + 1));
                    }
                    Err(e) => {
                        if e.is_unavailable() {
                            state.health.mark_down();
                        }
                        tracing::warn!(error = %e, "cannot read the change log");
                    }
                },
            }
        }
    })
}
