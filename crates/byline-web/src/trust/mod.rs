//! Trust: reader error reports, corrections and history, signed articles, the reprint policy.
//!
//! Each part lives in its own submodules and registers its routes through its own
//! `routes()`, merged here; every public page among them is cached (their tables are
//! listed in `cache/key.rs`).

pub mod corrections;
pub mod corrections_feed;
pub mod history;
pub mod history_view;

use axum::Router;

use crate::AppState;

/// Every trust route.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(corrections::routes())
        .merge(history::routes())
}
