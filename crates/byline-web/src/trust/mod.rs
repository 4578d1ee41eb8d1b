//! Trust: reader error reports, corrections and history, signed articles, the reprint
//! policy. Each part is a submodule with its own `routes()`, merged here.

pub mod reprint;

use axum::Router;

use crate::AppState;

/// Every route of the trust capability.
pub fn routes() -> Router<AppState> {
    Router::new().merge(reprint::routes())
}
