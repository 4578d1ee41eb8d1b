//! The desk at `/desk/`: sign-in, the article list and editor (preview, autosave,
//! scheduling, revisions, the bin), curation, the media library, staff and invitations,
//! account security (two-factor, API tokens, sign out everywhere), the audit log, and live
//! coverage (the News Feed, live pages, the site banner), and readers' error reports.
//! Every page requires a session; every form checks its CSRF token. Handlers parse the
//! form, call a workflow (`crate::workflow`: validation, the role policy, the write, the
//! audit entry, jobs) and render its answer in the staff member's language.

mod account;
pub mod article_form;
mod articles;
mod audio;
mod banner;
mod bin;
mod editor;
pub(crate) mod errors;
mod layout;
mod live;
pub(crate) mod live_forms;
pub(crate) mod login;
pub mod media;
mod news_feed;
mod news_feed_view;
mod newsletters;
mod preview;
mod read_also;
mod related;
mod reports;
mod revision_exclusion;
mod revisions;
mod settings;
pub mod setup;
pub mod staff;
mod translations;

use axum::routing::{get, post};
use axum::Router;

use crate::AppState;

pub use layout::{site_lang, staff_lang, Layout};
pub use login::SIGN_IN_FAILED;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/desk",
            get(|| async { axum::response::Redirect::permanent("/desk/") }),
        )
        .route("/desk/", get(articles::list))
        .route("/desk/login", get(login::form).post(login::submit))
        .route("/desk/logout", post(login::logout))
        .route(
            "/desk/password/forgot",
            get(login::forgot_form).post(login::forgot_submit),
        )
        .route(
            "/desk/password/reset",
            get(login::reset_form).post(login::reset_submit),
        )
        .route(
            "/desk/invite",
            get(login::invite_form).post(login::invite_submit),
        )
        .route("/desk/articles/new", get(editor::new_form))
        .route("/desk/articles", post(editor::create))
        .route("/desk/articles/by-slug/{slug}", get(editor::by_slug))
        .route("/desk/articles/{id}/edit", get(editor::edit_form))
        .route("/desk/articles/{id}", post(editor::update))
        .route("/desk/articles/{id}/autosave", post(editor::autosave))
        .route("/desk/read-also", post(read_also::suggest))
        .route("/desk/articles/{id}/delete", post(bin::delete))
        .route("/desk/articles/{id}/restore", post(bin::restore))
        .route("/desk/articles/{id}/curation", post(bin::curate))
        .route("/desk/preview", post(preview::preview))
        .route("/desk/articles/{id}/revisions", get(revisions::list))
        .route(
            "/desk/articles/{id}/translations",
            get(translations::list).post(translations::link),
        )
        .route(
            "/desk/articles/{id}/related",
            get(related::show).post(related::save),
        )
        .route(
            "/desk/articles/{id}/audio",
            get(audio::show).post(audio::act),
        )
        .route(
            "/desk/articles/{id}/translations/unlink",
            post(translations::unlink),
        )
        .route(
            "/desk/articles/{id}/revisions/exclude",
            post(revision_exclusion::exclude),
        )
        .route(
            "/desk/articles/{id}/revisions/{version}",
            get(revisions::show),
        )
        .route(
            "/desk/articles/{id}/revisions/{version}/restore",
            post(revisions::restore),
        )
        .route("/desk/media", get(media::library))
        .route("/desk/staff", get(staff::list))
        .route("/desk/staff/invite", post(staff::invite))
        .route("/desk/staff/{id}/role", post(staff::change_role))
        .route("/desk/staff/{id}/active", post(staff::set_active))
        .route("/desk/audit", get(staff::audit_log))
        .route("/desk/settings", get(settings::show).post(settings::save))
        .route("/desk/newsletters", get(newsletters::show))
        .route("/desk/newsletters/campaigns", post(newsletters::send))
        .route("/desk/newsletters/lists", post(newsletters::save_list))
        .route(
            "/desk/newsletters/subscribers/remove",
            post(newsletters::remove),
        )
        .route("/desk/newsletters/import", post(newsletters::import))
        .route("/desk/newsletters/export.csv", get(newsletters::export))
        .route(
            "/desk/news-feed",
            get(news_feed::list).post(news_feed::create),
        )
        .route(
            "/desk/news-feed/{id}",
            get(news_feed::edit_form).post(news_feed::update),
        )
        .route("/desk/news-feed/{id}/delete", post(news_feed::delete))
        .route("/desk/live", get(live::list).post(live::create))
        .route("/desk/live/{id}", get(live::show).post(live::update))
        .route("/desk/live/{id}/status", post(live::set_status))
        .route("/desk/live/{id}/entries", post(live::add_entry))
        .route(
            "/desk/live/{id}/entries/{entry}",
            get(live::edit_entry).post(live::update_entry),
        )
        .route(
            "/desk/live/{id}/entries/{entry}/delete",
            post(live::delete_entry),
        )
        .route(
            "/desk/live/{id}/entries/{entry}/flags",
            post(live::flag_entry),
        )
        .merge(reports::routes())
        .route("/desk/banner", get(banner::show).post(banner::save))
        .route("/desk/banner/clear", post(banner::clear))
        .route("/desk/setup/{token}", get(setup::form).post(setup::submit))
        .route("/desk/account", get(account::show))
        .route("/desk/account/language", post(account::set_language))
        .route("/desk/account/totp", post(account::enable_totp))
        .route("/desk/account/totp/disable", post(account::disable_totp))
        .route("/desk/account/tokens", post(account::create_token))
        .route(
            "/desk/account/tokens/{id}/revoke",
            post(account::revoke_token),
        )
        .route(
            "/desk/account/sign-out-everywhere",
            post(account::sign_out_everywhere),
        )
}

/// Routes that take large bodies (image uploads), with their own body limit.
pub fn upload_routes() -> Router<AppState> {
    Router::new().route("/desk/media/upload", post(media::upload))
}

/// The recording upload, with the recordings' body limit.
pub fn recording_routes() -> Router<AppState> {
    Router::new().route("/desk/articles/{id}/audio/recording", post(audio::upload))
}

/// Records an account action (sign-in, two-factor, sessions) in the audit log through the
/// workflows' one writer; failures are logged, never shown.
pub(crate) async fn audit(
    app: &AppState,
    staff: &byline_store::StaffMember,
    action: &str,
    target: &str,
    detail: &str,
) {
    app.workflows(crate::workflow::Channel::Desk)
        .audit(crate::workflow::Actor::Staff(staff), action, target, detail)
        .await;
}
