//! What travels over the live streams: one [`LiveEvent`] per change of a News Feed item,
//! a live page or the banner, named by the change-log id that caused it. A News Feed
//! item's event is for the readers of its edition ([`EditionScope`]).

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
    /// For a News Feed item: the edition it belongs to. `None`: every edition's readers.
    pub edition: Option<EditionScope>,
}

/// Which edition's readers an event is for, and what the others get instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionScope {
    /// The edition code of the item.
    pub code: Arc<str>,
    /// The `delete` data sent to readers of the other editions (an item moved out of
    /// their edition leaves their page; one never shown there is ignored by the script).
    pub elsewhere: Arc<str>,
}

impl LiveEvent {
    /// Whether a reader of the editions `filter` admits gets this event as it is (else
    /// it gets the `delete` of [`EditionScope::elsewhere`]). `None`: every edition.
    pub fn is_for(&self, filter: Option<&byline_store::LanguageFilter>) -> bool {
        match (&self.edition, filter) {
            (Some(scope), Some(filter)) => filter.admits(&scope.code),
            _ => true,
        }
    }
}
