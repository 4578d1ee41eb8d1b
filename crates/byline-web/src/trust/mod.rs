//! Trust: reader error reports, corrections and history, signed articles, the reprint
//! policy. Each part lives in its own submodules and registers its routes through its own
//! `routes()`, merged here; its cached public routes are in its own table, all chained
//! into [`CACHED_ROUTES`] for `cache/key.rs`.
//!
//! - [`reports`]: readers report an error in an article (`/corrections/report`).
//! - [`corrections`], [`corrections_feed`]: public corrections (`/corrections`, its feeds).
//! - [`history`], [`history_view`]: public revision history (`/articles/{slug}/history`).
//! - [`signing`]: signed articles (`/articles/{slug}/signature.json`, the public keys).
//! - [`reprint`]: the reprint policy on every outward path (oEmbed, previews, syndication).

pub mod corrections;
pub mod corrections_feed;
pub mod history;
pub mod history_view;
mod report_form;
pub mod reports;
pub mod reprint;
pub mod signing;

use axum::Router;

use crate::cache::key::CachedRoute;
use crate::AppState;

/// Every route of the trust capability.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(reports::routes())
        .merge(corrections::routes())
        .merge(history::routes())
        .merge(signing::routes())
        .merge(reprint::routes())
}

/// The cached trust routes (each part's table).
pub(crate) const CACHED_ROUTES: &[&[CachedRoute]] = &[
    corrections::CACHED_ROUTES,
    history::CACHED_ROUTES,
    signing::CACHED_ROUTES,
    reprint::CACHED_ROUTES,
];
