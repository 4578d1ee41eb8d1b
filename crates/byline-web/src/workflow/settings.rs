//! Site settings (admins): name, tagline, the site language (which catalog the public
//! site and mail use), time zone, the syndication excerpt cap, the support
//! call-to-action and where articles show their corrections. One workflow behind the desk's settings page, `PATCH
//! /api/admin/settings` and `byline settings set`. The store records a `site` change, so
//! every cached page is rendered again with the new settings.

use byline_domain::staff::Action;
use byline_domain::SiteSettings;
use byline_i18n::Lang;
use serde::Deserialize;

use super::error::{FieldError, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// Longest name, tagline or holder, in characters.
pub const MAX_LINE: usize = 250;
/// Longest support text, in characters.
pub const MAX_SUPPORT_TEXT: usize = 1000;
/// Largest excerpt cap, in characters.
pub const MAX_EXCERPT_CAP: usize = 100_000;

/// A change to the settings: absent fields keep their value.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    pub name: Option<String>,
    pub tagline: Option<String>,
    /// A shipped language code (`en`, `uk`).
    pub language: Option<String>,
    pub time_zone: Option<String>,
    pub excerpt_cap: Option<usize>,
    pub support_text: Option<String>,
    pub support_url: Option<String>,
    pub copyright_holder: Option<String>,
    /// Where articles show their corrections: `top` or `bottom` (of the body).
    pub corrections_position: Option<String>,
}

/// The names `byline settings set` and the patch accept.
pub const KEYS: [&str; 9] = [
    "name",
    "tagline",
    "language",
    "time_zone",
    "excerpt_cap",
    "support_text",
    "support_url",
    "copyright_holder",
    "corrections_position",
];

impl SettingsPatch {
    /// A patch of one setting given as text (the command line); None for an unknown key.
    pub fn one(key: &str, value: &str) -> Option<WorkflowResult<Self>> {
        let v = Some(value.to_owned());
        let mut p = Self::default();
        match key {
            "name" => p.name = v,
            "tagline" => p.tagline = v,
            "language" => p.language = v,
            "time_zone" => p.time_zone = v,
            "excerpt_cap" => match value.trim().parse() {
                Ok(n) => p.excerpt_cap = Some(n),
                Err(_) => {
                    return Some(Err(WorkflowError::field(
                        FieldError::new("excerpt_cap", "wf-number-range")
                            .num("max", MAX_EXCERPT_CAP),
                    )))
                }
            },
            "support_text" => p.support_text = v,
            "support_url" => p.support_url = v,
            "copyright_holder" => p.copyright_holder = v,
            "corrections_position" => p.corrections_position = v,
            _ => return None,
        }
        Some(Ok(p))
    }
}

/// A site language code, or a field error naming the shipped ones.
pub fn parse_language(code: &str) -> WorkflowResult<Lang> {
    code.parse::<Lang>().map_err(|_| {
        WorkflowError::field(
            FieldError::new("language", "wf-language-unknown")
                .text("value", code.trim())
                .text("codes", Lang::codes()),
        )
    })
}

fn line(
    errors: &mut Vec<FieldError>,
    field: &'static str,
    value: &str,
    required: bool,
    max: usize,
) {
    if required && value.trim().is_empty() {
        errors.push(FieldError::new(field, "wf-required"));
    } else if value.chars().count() > max {
        errors.push(FieldError::new(field, "wf-too-long").num("max", max));
    } else if value.contains(['\r', '\n']) && max == MAX_LINE {
        errors.push(FieldError::new(field, "wf-single-line"));
    }
}

/// Applies `patch` to `s`, collecting every problem.
fn apply(mut s: SiteSettings, patch: SettingsPatch) -> Result<SiteSettings, Vec<FieldError>> {
    let mut errors = Vec::new();
    if let Some(v) = patch.name {
        line(&mut errors, "name", &v, true, MAX_LINE);
        s.name = v.trim().to_owned();
    }
    if let Some(v) = patch.tagline {
        line(&mut errors, "tagline", &v, false, MAX_LINE);
        s.tagline = v.trim().to_owned();
    }
    if let Some(v) = patch.copyright_holder {
        line(&mut errors, "copyright_holder", &v, false, MAX_LINE);
        s.copyright_holder = v.trim().to_owned();
    }
    if let Some(v) = patch.support_text {
        line(&mut errors, "support_text", &v, false, MAX_SUPPORT_TEXT);
        s.support_text = v.trim().to_owned();
    }
    if let Some(v) = patch.language {
        match parse_language(&v) {
            Ok(lang) => s.language = lang.code().to_owned(),
            Err(WorkflowError::Invalid(mut e)) => errors.append(&mut e),
            Err(_) => {}
        }
    }
    if let Some(v) = patch.time_zone {
        let v = v.trim().to_owned();
        if v.parse::<chrono_tz::Tz>().is_err() {
            errors.push(FieldError::new("time_zone", "wf-time-zone-unknown").text("value", &v));
        }
        s.time_zone = v;
    }
    if let Some(n) = patch.excerpt_cap {
        if n > MAX_EXCERPT_CAP {
            errors.push(
                FieldError::new("excerpt_cap", "wf-number-range").num("max", MAX_EXCERPT_CAP),
            );
        }
        s.excerpt_cap = n;
    }
    if let Some(v) = patch.support_url {
        let v = v.trim().to_owned();
        let ok = v.is_empty()
            || (v.starts_with('/') && !v.starts_with("//"))
            || v.starts_with("https://")
            || v.starts_with("http://");
        if !ok || v.chars().count() > MAX_LINE || v.contains(char::is_whitespace) {
            errors.push(FieldError::new("support_url", "wf-url-invalid"));
        }
        s.support_url = v;
    }
    if let Some(v) = patch.corrections_position {
        match byline_domain::CorrectionsPosition::parse(&v) {
            Some(p) => s.corrections_position = p,
            None => errors.push(
                FieldError::new("corrections_position", "wf-corrections-position")
                    .text("value", v.trim()),
            ),
        }
    }
    if errors.is_empty() {
        Ok(s)
    } else {
        Err(errors)
    }
}

impl Workflows<'_> {
    /// The settings as they are (admins).
    pub async fn show_settings(&self, actor: Actor<'_>) -> WorkflowResult<SiteSettings> {
        policy::require(actor, Action::Administer)?;
        Ok(self.store.settings().await?)
    }

    /// Changes the settings; every problem in the patch is reported at once.
    pub async fn update_settings(
        &self,
        actor: Actor<'_>,
        patch: SettingsPatch,
    ) -> WorkflowResult<SiteSettings> {
        policy::require(actor, Action::Administer)?;
        let before = self.store.settings().await?;
        let after = apply(before.clone(), patch).map_err(WorkflowError::Invalid)?;
        self.store.save_settings(&after).await?;
        let changed = changed_keys(&before, &after);
        self.audit(actor, "settings.update", "site", &changed.join(", "))
            .await;
        Ok(after)
    }
}

/// Which settings differ, with their new values for the short ones.
fn changed_keys(a: &SiteSettings, b: &SiteSettings) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |key: &str, x: &str, y: &str| {
        if x != y {
            out.push(if y.chars().count() <= 40 {
                format!("{key}={y}")
            } else {
                key.to_owned()
            });
        }
    };
    check("name", &a.name, &b.name);
    check("tagline", &a.tagline, &b.tagline);
    check("language", &a.language, &b.language);
    check("time_zone", &a.time_zone, &b.time_zone);
    check(
        "excerpt_cap",
        &a.excerpt_cap.to_string(),
        &b.excerpt_cap.to_string(),
    );
    check("support_text", &a.support_text, &b.support_text);
    check("support_url", &a.support_url, &b.support_url);
    check("copyright_holder", &a.copyright_holder, &b.copyright_holder);
    check(
        "corrections_position",
        a.corrections_position.as_str(),
        b.corrections_position.as_str(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_language_names_the_shipped_codes() {
        let patch = SettingsPatch {
            language: Some("xx".into()),
            ..SettingsPatch::default()
        };
        let errors = apply(SiteSettings::default(), patch).expect_err("refused");
        let text = errors[0].render(Lang::En);
        assert!(text.contains("xx") && text.contains("en, uk"), "{text}");
        let ok = SettingsPatch {
            language: Some("UK".into()),
            ..SettingsPatch::default()
        };
        assert_eq!(
            apply(SiteSettings::default(), ok).expect("ok").language,
            "uk"
        );
    }
}
