//! What travels over the live streams: one [`LiveEvent`] per change of a News Feed item,
//! a live page or the banner, named by the change-log id that caused it.

use std::sync::Arc;

/// Which stream an event belongs to. A page subscribes to the streams it shows (the
/// News Feed, one live page, the site-wide banner) over one connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StreamKey {
    /// The News Feed: its items, new, edited and deleted.
    Feed,
    /// One live page (by id): its entries, summary and state.
    Live(i64),
    /// Site-wide notices every page may show (the banner).
    Site,
}

/// One Server-Sent Event, rendered once and shared by every connection that receives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveEvent {
    /// The change-log id that caused it: the SSE `id:`, which a reconnecting client sends
    /// back as `Last-Event-ID`. Ids only grow, so a client never sees one twice.
    pub id: i64,
    pub stream: StreamKey,
    /// The SSE `event:` name: `item`, `delete`, `summary`, `state` or `banner`.
    pub name: &'static str,
    /// The SSE `data:` (one line of JSON).
    pub data: Arc<str>,
}
