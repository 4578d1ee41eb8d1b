//! Keeps the render cache and the live streams current: applies changes made in this
//! process at once, and follows the database change log for writes from other app nodes
//! and the CLI (read on every tick, and at once when the store signals a change, as
//! PostgreSQL does with NOTIFY). Every change applied is handed to the live
//! [`Resolver`](crate::live::resolver::Resolver), which publishes its events.

use std::collections::BTreeSet;
use std::sync::Arc;

use tokio::sync::broadcast::error::RecvError;
use tokio::sync::Notify;

use crate::live::resolver::Resolver;
use crate::AppState;

/// Starts the background task; it runs for the life of the process.
/// Also starts the cache's background recompression worker, the banner clock and the
/// live resolver, and the search index's own follower (`search::lifecycle`).
pub fn spawn_invalidation(state: AppState) -> tokio::task::JoinHandle<()> {
    crate::cache::recompress::spawn(&state.cache);
    crate::live::banner::spawn_clock(state.clone());
    let resolver = Resolver::spawn(state.clone());
    crate::search::lifecycle::spawn(state.clone());
    tokio::spawn(async move {
        let mut local = state.store.subscribe();
        // Without a known starting point the first read returns old changes: they are
        // applied to the caches (harmless) but not sent to readers as news.
        let (mut last_seen, mut start_known) = match state.store.latest_change_id().await {
            Ok(id) => (id, true),
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the change log; starting from zero");
                (0, false)
            }
        };
        let signal = state
            .store
            .change_signal()
            .unwrap_or_else(|| Arc::new(Notify::new()));
        // Ids already applied from the local broadcast, not yet passed by the poller.
        let mut applied: BTreeSet<i64> = BTreeSet::new();
        let mut tick = tokio::time::interval(state.config.change_poll);
        loop {
            tokio::select! {
                received = local.recv() => match received {
                    Ok(change) => {
                        state.invalidate(&change.tags);
                        state.search.nudge();
                        applied.insert(change.id);
                        resolver.push(change);
                    }
                    Err(RecvError::Lagged(_)) => {
                        state.invalidate(&["site".to_owned()]);
                        resolver.lost_changes();
                    }
                    Err(RecvError::Closed) => return,
                },
                () = signal.notified() => {
                    read_log(&state, &resolver, &mut last_seen, &mut applied, &mut start_known).await;
                }
                _ = tick.tick() => {
                    read_log(&state, &resolver, &mut last_seen, &mut applied, &mut start_known).await;
                }
            }
        }
    })
}

/// Applies the changes of the log after `last_seen` that this process did not make.
async fn read_log(
    state: &AppState,
    resolver: &Resolver,
    last_seen: &mut i64,
    applied: &mut BTreeSet<i64>,
    start_known: &mut bool,
) {
    match state.store.changes_since(*last_seen).await {
        Ok(changes) => {
            // This read doubles as the store's health probe.
            state.health.mark_up();
            // A full page (the log reads 1000 at most) means more old ones follow.
            let caught_up = changes.len() < 1000;
            if !changes.is_empty() {
                state.search.nudge();
            }
            for change in changes {
                *last_seen = (*last_seen).max(change.id);
                if !applied.remove(&change.id) {
                    state.invalidate(&change.tags);
                    if *start_known {
                        resolver.push(change);
                    }
                }
            }
            *start_known |= caught_up;
            *applied = applied.split_off(&(*last_seen + 1));
        }
        Err(e) => {
            if e.is_unavailable() {
                state.health.mark_down();
            }
            tracing::warn!(error = %e, "cannot read the change log");
        }
    }
}
