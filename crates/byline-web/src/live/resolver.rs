//! From applied changes to live events: the invalidation loop hands every change it
//! applies (made here, or read from the log that other nodes write) to one task, which
//! turns it into events ([`super::replay::events_for`]) and publishes them in change
//! order. The queue between them is bounded: when it is full the change is not queued
//! and every stream is told to resync once, instead of the queue growing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use byline_store::ContentChange;
use tokio::sync::mpsc;

use crate::AppState;

/// Changes waiting to be turned into events, at most.
pub const QUEUE: usize = 1024;

/// The invalidation loop's end of the queue.
pub struct Resolver {
    queue: mpsc::Sender<ContentChange>,
    state: AppState,
    /// Set when a change was dropped; cleared once the queue has room again, so one
    /// overflow makes one `resync`, not one per dropped change.
    overflowed: Arc<AtomicBool>,
}

impl Resolver {
    /// Starts the task that publishes the events of the changes handed over.
    pub fn spawn(state: AppState) -> Self {
        let (queue, mut changes) = mpsc::channel::<ContentChange>(QUEUE);
        let overflowed = Arc::new(AtomicBool::new(false));
        let task_state = state.clone();
        tokio::spawn(async move {
            while let Some(change) = changes.recv().await {
                publish_events_of(&task_state, &change).await;
            }
        });
        Self {
            queue,
            state,
            overflowed,
        }
    }

    /// Hands one applied change over (never waits).
    pub fn push(&self, change: ContentChange) {
        match self.queue.try_send(change) {
            Ok(()) => {
                self.overflowed.store(false, Ordering::Relaxed);
            }
            Err(mpsc::error::TrySendError::Full(change)) => {
                if !self.overflowed.swap(true, Ordering::Relaxed) {
                    tracing::warn!(
                        id = change.id,
                        "live events are behind; every stream resyncs"
                    );
                    self.state.live.publish_resync();
                }
            }
            Err(mpsc::error::TrySendError::Closed(_)) => {}
        }
    }

    /// Changes were lost before they reached here (the local broadcast lagged).
    pub fn lost_changes(&self) {
        self.state.live.publish_resync();
    }
}

async fn publish_events_of(state: &AppState, change: &ContentChange) {
    match super::replay::events_for(state, change).await {
        Ok(events) => {
            for event in events {
                metrics::counter!("byline_live_events_total", "event" => event.name).increment(1);
                state.live.publish(event);
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, id = change.id, "cannot build the live events of a change; streams resync");
            state.live.publish_resync();
        }
    }
}
