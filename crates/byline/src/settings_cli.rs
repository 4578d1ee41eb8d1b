//! `byline settings show` and `byline settings set KEY VALUE`: the site settings from the
//! command line, through the same `update_settings` workflow as the desk and the API.

use anyhow::anyhow;
use byline_domain::SiteSettings;
use byline_i18n::Lang;
use byline_store::Store;
use byline_web::workflow::settings::{SettingsPatch, KEYS};
use byline_web::workflow::{Actor, WorkflowError};

/// The settings, one `key = value` line each.
pub fn format_settings(s: &SiteSettings) -> String {
    let rows = [
        ("name", s.name.clone()),
        ("tagline", s.tagline.clone()),
        ("language", s.language.clone()),
        ("time_zone", s.time_zone.clone()),
        ("excerpt_cap", s.excerpt_cap.to_string()),
        ("support_text", s.support_text.clone()),
        ("support_url", s.support_url.clone()),
        ("copyright_holder", s.copyright_holder.clone()),
        (
            "corrections_position",
            s.corrections_position.as_str().to_owned(),
        ),
    ];
    rows.iter().map(|(k, v)| format!("{k} = {v:?}\n")).collect()
}

/// A workflow's refusal as one English line, naming the fields (every CLI command).
pub(crate) fn explain(e: WorkflowError) -> anyhow::Error {
    match e {
        WorkflowError::Invalid(fields) => anyhow!(fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.render(Lang::En)))
            .collect::<Vec<_>>()
            .join("; ")),
        other => anyhow!(other),
    }
}

/// The current settings.
pub async fn show(store: &dyn Store) -> anyhow::Result<SiteSettings> {
    crate::staff_cli::workflows(store, "")
        .show_settings(Actor::Operator)
        .await
        .map_err(explain)
}

/// Changes one setting; returns the settings after the change.
pub async fn set(store: &dyn Store, key: &str, value: &str) -> anyhow::Result<SiteSettings> {
    let patch = SettingsPatch::one(key, value)
        .ok_or_else(|| anyhow!("unknown setting `{key}`: use one of {}", KEYS.join(", ")))?
        .map_err(explain)?;
    crate::staff_cli::workflows(store, "")
        .update_settings(Actor::Operator, patch)
        .await
        .map_err(explain)
}
