//! The Admin API (JSON) at `/api/admin/`: articles, media, sections, bylines, pages,
//! newsletters, campaigns, subscribers, site settings, News Feed items, live pages and
//! their entries, and the banner, for scripts. Each handler parses
//! its JSON, calls a workflow (`crate::workflow`) and answers with its result. Bearer tokens carry their owner's role. 401 without credentials, 403 for a role
//! that may not, 404 unknown, 409 stale revision, 422 with field errors for invalid input.

mod articles;
mod audio;
mod editions;
mod error;
mod live;
mod live_banner;
mod live_entries;
mod live_pages;
mod media;
mod newsletters;
mod related;
mod settings;
mod taxonomy;
mod translations;

use axum::routing::{get, post, put};
use axum::Router;

use crate::AppState;

pub use error::ApiError;

const OPENAPI: &str = include_str!("openapi.json");

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/admin/openapi.json",
            get(|| async {
                (
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    OPENAPI,
                )
            }),
        )
        .route(
            "/api/admin/articles",
            get(articles::list).post(articles::create),
        )
        .route(
            "/api/admin/articles/{id}",
            get(articles::show)
                .patch(articles::update)
                .delete(articles::delete),
        )
        .route("/api/admin/articles/{id}/publish", post(articles::publish))
        .route(
            "/api/admin/articles/{id}/unpublish",
            post(articles::unpublish),
        )
        .route("/api/admin/articles/{id}/restore", post(articles::restore))
        .route(
            "/api/admin/articles/{id}/related",
            get(related::show).put(related::put),
        )
        .route(
            "/api/admin/articles/{id}/audio",
            get(audio::show).put(audio::set_enabled),
        )
        .route(
            "/api/admin/articles/{id}/audio/regenerate",
            post(audio::regenerate),
        )
        .route(
            "/api/admin/sections/{slug}/narration",
            put(audio::section_narration),
        )
        .route(
            "/api/admin/articles/{id}/translation",
            get(translations::list)
                .put(translations::link)
                .delete(translations::unlink),
        )
        .route("/api/admin/feed-items", get(live::list).post(live::create))
        .route(
            "/api/admin/feed-items/{id}",
            get(live::show)
                .patch(live::update)
                .put(live::update)
                .delete(live::delete),
        )
        .route(
            "/api/admin/banner",
            get(live_banner::banner)
                .put(live_banner::set_banner)
                .delete(live_banner::clear_banner),
        )
        .route(
            "/api/admin/live",
            get(live_pages::list).post(live_pages::create),
        )
        .route(
            "/api/admin/live/{id}",
            get(live_pages::show).patch(live_pages::update),
        )
        .route("/api/admin/live/{id}/archive", post(live_pages::archive))
        .route("/api/admin/live/{id}/reopen", post(live_pages::reopen))
        .route(
            "/api/admin/live/{id}/entries",
            get(live_entries::entries).post(live_entries::add_entry),
        )
        .route(
            "/api/admin/live/{id}/entries/{entry}",
            axum::routing::patch(live_entries::update_entry).delete(live_entries::delete_entry),
        )
        .route(
            "/api/admin/settings",
            get(settings::show).patch(settings::update),
        )
        .route(
            "/api/admin/pages",
            get(taxonomy::pages).post(taxonomy::create_page),
        )
        .route("/api/admin/pages/{slug}", put(taxonomy::update_page))
        .route(
            "/api/admin/sections",
            get(taxonomy::sections).post(taxonomy::create_section),
        )
        .route("/api/admin/sections/{slug}", put(taxonomy::update_section))
        .route("/api/admin/sections/{slug}/edition", put(editions::section))
        .route("/api/admin/editions", get(editions::list))
        .route("/api/admin/editions/{code}", put(editions::put))
        .route(
            "/api/admin/authors",
            get(taxonomy::authors).post(taxonomy::create_author),
        )
        .route("/api/admin/authors/{slug}", put(taxonomy::update_author))
        .route(
            "/api/admin/newsletters",
            get(newsletters::list).post(newsletters::create),
        )
        .route("/api/admin/newsletters/{slug}", put(newsletters::update))
        .route("/api/admin/subscribers", get(newsletters::subscribers))
        .route(
            "/api/admin/subscribers/export.csv",
            get(newsletters::export),
        )
        .route("/api/admin/subscribers/import", post(newsletters::import))
        .route(
            "/api/admin/subscribers/{email}",
            axum::routing::delete(newsletters::remove),
        )
        .route("/api/admin/campaigns", post(newsletters::create_campaign))
        .route("/api/admin/campaigns/{id}", get(newsletters::show_campaign))
        .route(
            "/api/admin/campaigns/{id}/send",
            post(newsletters::send_campaign),
        )
}

/// Large bodies: media uploads.
pub fn upload_routes() -> Router<AppState> {
    Router::new().route("/api/admin/media", get(media::list).post(media::upload))
}

/// Largest bodies: recordings (`workflow::audio::MAX_RECORDING_BYTES`).
pub fn recording_routes() -> Router<AppState> {
    Router::new().route(
        "/api/admin/articles/{id}/audio/recording",
        put(audio::put_recording).delete(audio::delete_recording),
    )
}
