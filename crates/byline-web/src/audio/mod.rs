//! Narrated audio on the public site: the player on article pages ([`player`]) and the
//! podcast feeds ([`podcast`]): `/podcast.xml` per edition (`/uk/podcast.xml`) and
//! `/sections/{slug}/podcast.xml`. The audio files are media (`/media/NAME`, with Range
//! requests); the narration itself is the `narrate_article` job, and staff actions are
//! `workflow::audio`.

pub mod player;
mod podcast;

use axum::routing::get;
use axum::Router;

use crate::cache::key::CachedRoute;
use crate::AppState;

/// The podcast feeds are cached like the other feeds; none keys on its query.
pub(crate) const CACHED_ROUTES: &[CachedRoute] = &[
    CachedRoute {
        pattern: "/podcast.xml",
        params: &[],
    },
    CachedRoute {
        pattern: "/sections/{slug}/podcast.xml",
        params: &[],
    },
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/podcast.xml", get(podcast::edition_feed))
        .route("/sections/{slug}/podcast.xml", get(podcast::section_feed))
}
