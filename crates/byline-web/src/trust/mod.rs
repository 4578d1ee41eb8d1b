//! Trust: reader error reports, corrections and history, signed articles, the reprint
//! policy. Each part is a submodule with its own routes, merged here.
//!
//! - [`reports`]: readers report an error in an article (`/corrections/report`).

mod report_form;
pub mod reports;

use axum::Router;

use crate::AppState;

/// Every trust route.
pub fn routes() -> Router<AppState> {
    Router::new().merge(reports::routes())
}
