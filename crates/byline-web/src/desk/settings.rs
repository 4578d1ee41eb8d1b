//! The site settings page (admins): name, tagline, the site language, time zone, the
//! excerpt cap and the support call-to-action, saved through the `update_settings`
//! workflow (the same one `PATCH /api/admin/settings` and `byline settings set` call).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use byline_domain::staff::Action;
use byline_domain::SiteSettings;
use byline_i18n::Lang;
use serde::Deserialize;

use super::errors::app_error;
use super::Layout;
use crate::auth::csrf::CsrfForm;
use crate::auth::DeskStaff;
use crate::workflow::settings::SettingsPatch;
use crate::workflow::{Channel, FieldError, WorkflowError};
use crate::{AppError, AppState};

/// One text setting on the form.
pub(super) struct SettingField {
    name: &'static str,
    label: String,
    value: String,
    hint: String,
    error: String,
    long: bool,
}

#[derive(Template)]
#[template(path = "desk/settings.html")]
struct SettingsTemplate {
    layout: Layout,
    lang: Lang,
    /// Code and name in itself of every shipped language.
    languages: Vec<(&'static str, &'static str)>,
    language: String,
    language_error: String,
    fields: Vec<SettingField>,
    /// `top` or `bottom`.
    corrections_position: String,
}

/// The settings form as submitted (every field as text).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SettingsForm {
    name: String,
    tagline: String,
    language: String,
    time_zone: String,
    excerpt_cap: String,
    support_text: String,
    support_url: String,
    copyright_holder: String,
    corrections_position: String,
}

impl SettingsForm {
    fn from_settings(s: &SiteSettings) -> Self {
        Self {
            name: s.name.clone(),
            tagline: s.tagline.clone(),
            language: s.language.clone(),
            time_zone: s.time_zone.clone(),
            excerpt_cap: s.excerpt_cap.to_string(),
            support_text: s.support_text.clone(),
            support_url: s.support_url.clone(),
            copyright_holder: s.copyright_holder.clone(),
            corrections_position: s.corrections_position.as_str().to_owned(),
        }
    }
}

fn page(
    staff: &DeskStaff,
    form: &SettingsForm,
    errors: &[FieldError],
    notice: &str,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = staff.lang();
    let error_of = |name: &str| {
        errors
            .iter()
            .filter(|e| e.field == name)
            .map(|e| e.render(lang))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let field =
        |name: &'static str, label: &str, value: &str, hint: &str, long: bool| SettingField {
            name,
            label: lang.t(label),
            value: value.to_owned(),
            hint: if hint.is_empty() {
                String::new()
            } else {
                lang.t(hint)
            },
            error: error_of(name),
            long,
        };
    let fields = vec![
        field("name", "settings-name", &form.name, "", false),
        field("tagline", "settings-tagline", &form.tagline, "", false),
        field(
            "time_zone",
            "settings-time-zone",
            &form.time_zone,
            "settings-time-zone-hint",
            false,
        ),
        field(
            "excerpt_cap",
            "settings-excerpt-cap",
            &form.excerpt_cap,
            "settings-excerpt-cap-hint",
            false,
        ),
        field(
            "support_text",
            "settings-support-text",
            &form.support_text,
            "",
            true,
        ),
        field(
            "support_url",
            "settings-support-url",
            &form.support_url,
            "settings-support-url-hint",
            false,
        ),
        field(
            "copyright_holder",
            "settings-copyright-holder",
            &form.copyright_holder,
            "",
            false,
        ),
    ];
    let error = if errors.is_empty() {
        String::new()
    } else {
        lang.t("settings-not-saved")
    };
    let html = SettingsTemplate {
        layout: Layout::new(lang.t("settings-title"), Some(staff))
            .notice(notice)
            .error(error),
        lang,
        languages: Lang::ALL
            .iter()
            .map(|l| (l.code(), l.native_name()))
            .collect(),
        language: form.language.clone(),
        language_error: error_of("language"),
        fields,
        corrections_position: form.corrections_position.clone(),
    }
    .render()?;
    Ok((status, Html(html)).into_response())
}

pub(super) async fn show(
    State(app): State<AppState>,
    staff: DeskStaff,
) -> Result<Response, AppError> {
    staff.require(Action::Administer)?;
    let settings = app
        .workflows(Channel::Desk)
        .show_settings(staff.actor())
        .await
        .map_err(|e| app_error(e, staff.lang()))?;
    page(
        &staff,
        &SettingsForm::from_settings(&settings),
        &[],
        "",
        StatusCode::OK,
    )
}

pub(super) async fn save(
    State(app): State<AppState>,
    form: CsrfForm<SettingsForm>,
) -> Result<Response, AppError> {
    let staff = &form.staff;
    staff.require(Action::Administer)?;
    let f = form.form;
    let excerpt_cap = match f.excerpt_cap.trim().parse() {
        Ok(n) => Some(n),
        Err(_) => {
            let e = FieldError::new("excerpt_cap", "wf-number-range")
                .num("max", crate::workflow::settings::MAX_EXCERPT_CAP);
            return page(staff, &f, &[e], "", StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let patch = SettingsPatch {
        name: Some(f.name.clone()),
        tagline: Some(f.tagline.clone()),
        language: Some(f.language.clone()),
        time_zone: Some(f.time_zone.clone()),
        excerpt_cap,
        support_text: Some(f.support_text.clone()),
        support_url: Some(f.support_url.clone()),
        copyright_holder: Some(f.copyright_holder.clone()),
        // An old form without the field keeps the setting.
        corrections_position: (!f.corrections_position.is_empty())
            .then(|| f.corrections_position.clone()),
    };
    match app
        .workflows(Channel::Desk)
        .update_settings(staff.actor(), patch)
        .await
    {
        Ok(saved) => page(
            staff,
            &SettingsForm::from_settings(&saved),
            &[],
            &staff.lang().t("settings-saved"),
            StatusCode::OK,
        ),
        Err(WorkflowError::Invalid(errors)) => {
            page(staff, &f, &errors, "", StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => Err(app_error(e, staff.lang())),
    }
}
