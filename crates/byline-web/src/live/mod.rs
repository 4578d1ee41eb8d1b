//! Live coverage: the News Feed of short timestamped items, live pages for breaking
//! events, the site-wide banner, and the Server-Sent Events that update them in place.
//!
//! - [`event`]: what a stream carries;
//! - [`replay`]: the events a change makes, and what a reconnecting client missed;
//! - [`hub`]: the node's one broadcast, its shutdown and its bounds on open streams;
//! - [`resolver`]: applied changes turned into published events, in order;
//! - `stream` and `routes`: one reader's SSE response and the endpoints that open it.

pub mod banner;
pub mod event;
mod feed_pages;
pub mod hub;
mod json_ld;
mod live_page;
pub mod pages;
pub mod replay;
pub mod resolver;
mod routes;
mod stream;
pub mod views;

pub(crate) use routes::event_routes;
