//! From the change log to live events: which events one change makes, and what a client
//! that reconnects with `Last-Event-ID` missed.

use byline_store::ContentChange;

use super::event::{LiveEvent, StreamKey};
use crate::{AppError, AppState};

/// What a reconnecting client missed.
#[derive(Debug)]
pub enum Replay {
    /// The events after its last id, oldest first.
    Events(Vec<LiveEvent>),
    /// More than a replay carries: the client reloads the stream (a `resync` event).
    TooFarBehind,
}

/// The events one committed change makes (none for changes that touch no live stream).
pub async fn events_for(
    _app: &AppState,
    _change: &ContentChange,
) -> Result<Vec<LiveEvent>, AppError> {
    // Filled in with the live store (issue 11, in progress).
    Ok(Vec::new())
}

/// The events of `streams` after change `after`, re-read from the database.
pub async fn replay(
    _app: &AppState,
    _streams: &[StreamKey],
    _after: i64,
) -> Result<Replay, AppError> {
    // Filled in with the live store (issue 11, in progress).
    Ok(Replay::Events(Vec::new()))
}
