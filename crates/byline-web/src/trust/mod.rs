//! Trust: reader error reports, corrections and history, signed articles, the reprint
//! policy. Each part lives in its own submodules and registers its routes through its own
//! `routes()`, merged here; every public page among them is cached (their tables are
//! listed in `cache/key.rs`).
//!
//! - [`reports`]: readers report an error in an article (`/corrections/report`).
//! - [`corrections`], [`corrections_feed`]: public corrections (`/corrections`, its feeds).
//! - [`history`], [`history_view`]: public revision history (`/articles/{slug}/history`).
//! - [`reprint`]: the reprint policy on every outward path (oEmbed, previews, syndication).

pub mod corrections;
pub mod corrections_feed;
pub mod history;
pub mod history_view;
mod report_form;
pub mod reports;
pub mod reprint;

use axum::Router;

use crate::AppState;

/// Every route of the trust capability.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(reports::routes())
        .merge(corrections::routes())
        .merge(history::routes())
        .merge(reprint::routes())
}
