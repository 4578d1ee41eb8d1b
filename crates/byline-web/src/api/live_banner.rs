//! The site-wide banner over the Admin API: `GET`, `PUT` and `DELETE /api/admin/banner`.
//! Setting and clearing it is editors' and admins' work; anyone on the desk may read it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use byline_domain::{Banner, BannerStyle, NewBanner};
use chrono::Utc;
use serde::{Deserialize, Serialize};

use super::articles::JsonBody;
use super::live::parse_time;
use super::ApiError;
use crate::auth::ApiStaff;
use crate::workflow::{policy, Channel, FieldError};
use crate::AppState;

/// The banner as sent to `PUT /api/admin/banner`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BannerJson {
    text: String,
    #[serde(default)]
    link: String,
    /// `breaking` or `notice` (default).
    #[serde(default)]
    style: Option<String>,
    /// RFC 3339; absent: now.
    #[serde(default)]
    starts_at: Option<String>,
    /// RFC 3339; absent: until cleared.
    #[serde(default)]
    ends_at: Option<String>,
}

#[derive(Serialize)]
pub(super) struct BannerOut {
    id: i64,
    text: String,
    link: String,
    style: &'static str,
    starts_at: String,
    ends_at: Option<String>,
    /// Whether readers see it now.
    showing: bool,
}

fn banner_out(b: &Banner) -> BannerOut {
    BannerOut {
        id: b.id,
        text: b.text.clone(),
        link: b.link.clone(),
        style: b.style.as_str(),
        starts_at: b.starts_at.to_rfc3339(),
        ends_at: b.ends_at.map(|t| t.to_rfc3339()),
        showing: b.showing_at(Utc::now()),
    }
}

/// `GET /api/admin/banner`: the banner set now, or `null`.
pub(super) async fn banner(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<Json<Option<BannerOut>>, ApiError> {
    let banner = app
        .workflows(Channel::Api)
        .banner(staff.actor())
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(Json(banner.as_ref().map(banner_out)))
}

/// `PUT /api/admin/banner` (editors and admins).
pub(super) async fn set_banner(
    State(app): State<AppState>,
    staff: ApiStaff,
    JsonBody(body): JsonBody<BannerJson>,
) -> Result<Json<Option<BannerOut>>, ApiError> {
    let lang = staff.lang();
    // The role first: a refused caller learns nothing about their input.
    policy::check_banner(staff.actor()).map_err(|e| ApiError::workflow(e, lang))?;
    let style = match body.style.as_deref().map(str::trim) {
        None | Some("") => BannerStyle::Notice,
        Some(s) => BannerStyle::parse(s).ok_or_else(|| {
            ApiError::invalid(
                FieldError::new("style", "wf-live-style-unknown").text("value", s),
                lang,
            )
        })?,
    };
    let banner = NewBanner {
        text: body.text,
        link: body.link,
        style,
        starts_at: parse_time(&staff, "starts_at", body.starts_at.as_deref())?,
        ends_at: parse_time(&staff, "ends_at", body.ends_at.as_deref())?,
    };
    let saved = app
        .workflows(Channel::Api)
        .set_banner(staff.actor(), Some(banner))
        .await
        .map_err(|e| ApiError::workflow(e, lang))?;
    Ok(Json(saved.as_ref().map(banner_out)))
}

/// `DELETE /api/admin/banner` → 204 (editors and admins).
pub(super) async fn clear_banner(
    State(app): State<AppState>,
    staff: ApiStaff,
) -> Result<StatusCode, ApiError> {
    app.workflows(Channel::Api)
        .set_banner(staff.actor(), None)
        .await
        .map_err(|e| ApiError::workflow(e, staff.lang()))?;
    Ok(StatusCode::NO_CONTENT)
}
