//! Site-wide settings, sections, authors and static pages as submitted for storage.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The outlet's own settings, editable later from the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    pub name: String,
    pub tagline: String,
    pub language: String,
    /// IANA zone, e.g. `Europe/Riga`; times are stored in UTC and shown here.
    pub time_zone: String,
    /// Longest excerpt (in characters) that feeds may syndicate.
    #[serde(default = "default_excerpt_cap")]
    pub excerpt_cap: usize,
    pub support_text: String,
    pub support_url: String,
    pub copyright_holder: String,
    /// Where corrections and clarifications appear on an article: above or below its body.
    #[serde(default)]
    pub corrections_position: CorrectionsPosition,
}

/// Where an article shows its corrections.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CorrectionsPosition {
    /// Above the body, right after the headline and bylines.
    Top,
    /// Below the body, before the tags and share links.
    #[default]
    Bottom,
}

impl CorrectionsPosition {
    pub const ALL: [CorrectionsPosition; 2] = [Self::Top, Self::Bottom];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Top => "top",
            Self::Bottom => "bottom",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s.trim())
    }
}

fn default_excerpt_cap() -> usize {
    500
}

impl Default for SiteSettings {
    fn default() -> Self {
        Self {
            name: "Byline".into(),
            tagline: "Independent journalism".into(),
            language: "en".into(),
            time_zone: "UTC".into(),
            excerpt_cap: default_excerpt_cap(),
            support_text: "Independent journalism depends on its readers.".into(),
            support_url: "/pages/support-us".into(),
            copyright_holder: "Byline".into(),
            corrections_position: CorrectionsPosition::default(),
        }
    }
}

impl SiteSettings {
    /// The configured zone, falling back to UTC for an unknown name.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// The catalog the public site and reader mail are shown in. An unknown stored code
    /// (written before codes were validated) is an error for the caller to log; the
    /// site then falls back to English.
    pub fn lang(&self) -> Result<byline_i18n::Lang, byline_i18n::UnknownLanguage> {
        self.language.parse()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSection {
    /// Empty or absent: derived from the name by the workflow, in the outlet's language
    /// (see `Slug::from_title_in`); a typed slug wins.
    #[serde(default)]
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub position: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAuthor {
    /// Empty or absent: derived from the name by the workflow, in the outlet's language
    /// (see `Slug::from_title_in`); a typed slug wins.
    #[serde(default)]
    pub slug: String,
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub bio: String,
    #[serde(default)]
    pub photo: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPage {
    /// Empty or absent: derived from the name by the workflow, in the outlet's language
    /// (see `Slug::from_title_in`); a typed slug wins.
    #[serde(default)]
    pub slug: String,
    pub title: String,
    pub body: String,
}

/// A static page: about, privacy policy, cookie policy, copyright, support us.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    pub slug: String,
    pub title: String,
    pub body_markdown: String,
    pub updated_at: DateTime<Utc>,
}

/// An uploaded file served under `/media/{name}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaFile {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}
