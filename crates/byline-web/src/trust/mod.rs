//! Trust: reader error reports, corrections and history, signed articles, the reprint
//! policy. Each part is a submodule with its own routes, merged here.

use axum::Router;

use crate::cache::key::CachedRoute;
use crate::AppState;

pub mod signing;

/// Every trust route.
pub fn routes() -> Router<AppState> {
    Router::new().merge(signing::routes())
}

/// The cached trust routes (each part's table).
pub(crate) const CACHED_ROUTES: &[&[CachedRoute]] = &[signing::CACHED_ROUTES];
