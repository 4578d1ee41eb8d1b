//! The site-wide banner on the desk, `/desk/banner` (editors and up): text, link, style
//! (breaking or notice), start and expiry as local times in the outlet's zone, and
//! clear. Both buttons call the `set_banner` workflow, which refuses other roles.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use byline_domain::staff::Action;
use byline_domain::{Banner, BannerStyle, NewBanner};
use chrono::Utc;
use serde::Deserialize;

use super::live_forms::{self, FormErrors};
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::view::TimeView;
use crate::workflow::Channel;
use crate::{AppError, AppState};

/// The inputs of the banner form, by name.
const FIELDS: &[&str] = &["text", "link", "style", "starts_at", "ends_at"];

/// The banner form as submitted.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(super) struct BannerForm {
    text: String,
    link: String,
    /// `breaking` or `notice`.
    style: String,
    /// Local times in the outlet's zone; an empty start is now, an empty end never.
    starts_at: String,
    ends_at: String,
}

impl BannerForm {
    fn from_banner(b: &Banner, tz: chrono_tz::Tz) -> Self {
        Self {
            text: b.text.clone(),
            link: b.link.clone(),
            style: b.style.as_str().to_owned(),
            starts_at: live_forms::local_input(b.starts_at, tz),
            ends_at: b
                .ends_at
                .map(|t| live_forms::local_input(t, tz))
                .unwrap_or_default(),
        }
    }

    fn to_new(&self, tz: chrono_tz::Tz, lang: byline_i18n::Lang) -> Result<NewBanner, FormErrors> {
        let style = BannerStyle::parse(&self.style).ok_or_else(|| {
            let mut e = FormErrors::default();
            e.add("style", lang.t("desk-live-banner-style-choose"));
            e.summary = lang.t_s(
                "desk-live-not-saved",
                "problem",
                &lang.t("desk-live-banner-style-choose"),
            );
            e
        })?;
        Ok(NewBanner {
            text: self.text.trim().to_owned(),
            link: self.link.trim().to_owned(),
            style,
            starts_at: live_forms::parse_local(&self.starts_at, tz, "starts_at", lang)?,
            ends_at: live_forms::parse_local(&self.ends_at, tz, "ends_at", lang)?,
        })
    }
}

#[derive(Template)]
#[template(path = "desk/banner.html")]
struct BannerTemplate {
    layout: Layout,
    f: BannerForm,
    errors: FormErrors,
    /// What the site shows now, in words ("Showing since …", "No banner").
    state: String,
    has_banner: bool,
    tz: String,
}

async fn page(
    app: &AppState,
    staff: &DeskStaff,
    form: Option<BannerForm>,
    errors: FormErrors,
    notice: &str,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = staff.lang();
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let tz = chrome.tz;
    let current = app.store.banner().await?;
    let now = Utc::now();
    let when = |t| TimeView::in_lang(t, tz, lang).display;
    let state = match &current {
        None => lang.t("desk-live-banner-none"),
        Some(b) if b.showing_at(now) => match b.ends_at {
            Some(end) => lang.t_s("desk-live-banner-showing-until", "time", &when(end)),
            None => lang.t("desk-live-banner-showing"),
        },
        Some(b) if b.starts_at > now => {
            lang.t_s("desk-live-banner-scheduled", "time", &when(b.starts_at))
        }
        Some(b) => lang.t_s(
            "desk-live-banner-expired",
            "time",
            &when(b.ends_at.unwrap_or(b.starts_at)),
        ),
    };
    let f = form.unwrap_or_else(|| match &current {
        Some(b) => BannerForm::from_banner(b, tz),
        None => BannerForm {
            style: "breaking".into(),
            ..BannerForm::default()
        },
    });
    let html = BannerTemplate {
        layout: Layout::new(lang.t("desk-live-banner-title"), Some(staff))
            .notice(notice)
            .error(errors.summary.clone()),
        f,
        errors,
        state,
        has_banner: current.is_some(),
        tz: chrome.site.time_zone.clone(),
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct BannerQuery {
    saved: String,
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: DeskStaff,
    Query(q): Query<BannerQuery>,
) -> Result<Response, AppError> {
    // The same refusal as the workflow's for those who may not set it.
    staff.require(Action::Curate)?;
    page(
        &app,
        &staff,
        None,
        FormErrors::default(),
        &q.saved,
        StatusCode::OK,
    )
    .await
}

pub(super) async fn save(
    State(app): State<AppState>,
    form: CsrfForm<BannerForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    let tz = app.chrome.get(app.store.as_ref()).await?.tz;
    let f = form.form;
    let new = match f.to_new(tz, lang) {
        Ok(new) => new,
        Err(errors) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return page(&app, staff, Some(f), errors, "", status).await;
        }
    };
    match app
        .workflows(Channel::Desk)
        .set_banner(staff.actor(), Some(new))
        .await
    {
        Ok(_) => {
            let notice = lang.t("desk-live-banner-notice-set");
            Ok(live_forms::redirect_with_notice("/desk/banner", &notice))
        }
        Err(e) => {
            let status = FormErrors::status(&e);
            let errors = FormErrors::from_workflow(e, lang, FIELDS)?;
            if status == StatusCode::FORBIDDEN {
                // Those who may not set it may not see the page either.
                return Err(AppError::Forbidden(errors.summary));
            }
            page(&app, staff, Some(f), errors, "", status).await
        }
    }
}

/// A form that carries only its CSRF token.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ClearForm {}

pub(super) async fn clear(
    State(app): State<AppState>,
    form: CsrfForm<ClearForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    let lang = staff.lang();
    app.workflows(Channel::Desk)
        .set_banner(staff.actor(), None)
        .await
        .map_err(|e| super::errors::app_error(e, lang))?;
    let notice = lang.t("desk-live-banner-notice-cleared");
    Ok(live_forms::redirect_with_notice("/desk/banner", &notice))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_become_utc_and_a_bad_style_is_named() {
        let tz: chrono_tz::Tz = "Europe/Kyiv".parse().expect("tz");
        let form = BannerForm {
            text: " Pre-order the magazine ".into(),
            style: "notice".into(),
            starts_at: "2026-12-01T10:00".into(),
            ..BannerForm::default()
        };
        let b = form.to_new(tz, byline_i18n::Lang::En).expect("banner");
        assert_eq!(b.text, "Pre-order the magazine");
        assert_eq!(b.style, BannerStyle::Notice);
        assert_eq!(
            b.starts_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-12-01T08:00:00+00:00")
        );
        assert_eq!(b.ends_at, None);
        let bad = BannerForm {
            style: "loud".into(),
            ..form.clone()
        };
        assert!(bad
            .to_new(tz, byline_i18n::Lang::En)
            .expect_err("style")
            .has("style"));
        let bad_time = BannerForm {
            ends_at: "tomorrow".into(),
            ..form
        };
        assert!(bad_time
            .to_new(tz, byline_i18n::Lang::Uk)
            .expect_err("time")
            .has("ends_at"));
    }
}
