//! Trust: reader error reports, corrections and history, signed articles, the reprint
//! policy. Each part is a submodule with its own `routes()`, merged here.
//!
//! - [`reports`]: readers report an error in an article (`/corrections/report`).
//! - [`reprint`]: the reprint policy on every outward path (oEmbed, previews, syndication).

mod report_form;
pub mod reports;
pub mod reprint;

use axum::Router;

use crate::AppState;

/// Every route of the trust capability.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(reports::routes())
        .merge(reprint::routes())
}
