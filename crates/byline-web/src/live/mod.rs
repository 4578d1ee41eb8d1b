//! Live coverage: the News Feed of short timestamped items, live pages for breaking
//! events, the site-wide banner, and the Server-Sent Events that update them in place.
//!
//! - [`event`]: what a stream carries;
//! - [`replay`]: the events a change makes, and what a reconnecting client missed.

pub mod banner;
pub mod event;
mod feed_pages;
mod json_ld;
mod live_page;
pub mod pages;
pub mod replay;
pub mod views;
