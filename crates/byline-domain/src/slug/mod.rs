//! URL slugs: lowercase ASCII letters, digits and single hyphens, at most 120 long.
//!
//! Slugs are derived from headlines and names in any script: Cyrillic by the rules of its
//! language (Ukrainian by the national KMU 55:2010 transliteration, Russian and Belarusian
//! by BGN/PCGN without diacritics; see [`romanise`]), every other script by `deunicode`'s
//! general transliteration. A slug a writer typed by hand is used as it is.

mod romanise;
#[cfg(test)]
mod tests;

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use crate::article::FieldError;
pub use romanise::Romanisation;
use romanise::{is_apostrophe, is_cyrillic};

/// Longest slug, in bytes (slugs are ASCII).
pub const MAX_LEN: usize = 120;

/// The message for a headline or name that gives no slug (all symbols or emoji).
pub const NO_LETTERS: &str = "must contain letters or digits";

/// Catalog key of [`NO_LETTERS`] (`slugs.ftl`), for callers answering in the staff
/// member's language.
pub const NO_LETTERS_KEY: &str = "slug-no-letters";

/// Catalog key of [`InvalidSlug`]'s message, with the typed text as `$slug`.
pub const INVALID_KEY: &str = "slug-invalid";

/// A validated URL slug such as `grid-repairs-restore-power`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "String")]
pub struct Slug(String);

impl TryFrom<String> for Slug {
    type Error = InvalidSlug;
    fn try_from(s: String) -> Result<Self, InvalidSlug> {
        Self::parse(&s)
    }
}

/// Why a string is not a valid slug.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("`{0}` is not a valid slug (use 1-120 lowercase letters, digits and hyphens)")]
pub struct InvalidSlug(pub String);

impl Slug {
    /// Accepts an already-formed slug, rejecting anything else.
    pub fn parse(s: &str) -> Result<Self, InvalidSlug> {
        let ok = !s.is_empty()
            && s.len() <= MAX_LEN
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--")
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(InvalidSlug(s.to_owned()))
        }
    }

    /// Derives a slug from free text ("Energy & Grid" → `energy-grid`), reading Cyrillic
    /// by the letters it uses (see [`Romanisation::detect`]). Returns `None` when the text
    /// has no letters or digits at all.
    pub fn from_title(title: &str) -> Option<Self> {
        Self::from_title_in(title, "")
    }

    /// Derives a slug from text written in `language` (a code such as `uk`, `ru`, `be`,
    /// `en`; empty when unknown): "Заява про спільне угруповання військ" →
    /// `zaiava-pro-spilne-uhrupovannia-viisk`. Returns `None` when nothing in the text is a
    /// letter or a digit ("!!!", "🔥").
    pub fn from_title_in(title: &str, language: &str) -> Option<Self> {
        let text: String = title
            .nfc()
            .flat_map(char::to_lowercase)
            .map(|c| if is_apostrophe(c) { '\'' } else { c })
            .collect();
        let latin = if text.chars().any(is_cyrillic) {
            Romanisation::choose(&text, language).apply(&text)
        } else {
            text
        };
        let mut out = String::with_capacity(latin.len());
        let push = |c: char, out: &mut String| {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        };
        for ch in latin.chars() {
            if ch.is_ascii() {
                push(ch, &mut out);
            } else if is_combining_mark(ch) {
                // An accent left over after composition (a stress mark): part of its letter.
            } else if ch.is_alphanumeric() {
                // Any other script: deunicode's general transliteration ("北京" → "Bei Jing").
                // Its apostrophes mark aspiration or softness inside a word (Georgian
                // "თ" → "t'"), not a break.
                let ascii = deunicode::deunicode_char(ch).unwrap_or("-");
                ascii
                    .chars()
                    .filter(|c| !matches!(c, '\'' | '`'))
                    .for_each(|c| push(c, &mut out));
            } else {
                push('-', &mut out);
            }
        }
        let slug = bounded(out.trim_end_matches('-'));
        (!slug.is_empty()).then(|| Self(slug.to_owned()))
    }

    /// A hand-typed slug when one was given (it must already be valid), else one derived
    /// from `source` in `language`. Errors name `slug`, or `source_field` when the source
    /// has no letters or digits.
    pub fn given_or_derived(
        given: &str,
        source: &str,
        language: &str,
        source_field: &'static str,
    ) -> Result<Self, FieldError> {
        match given.trim() {
            "" => Self::from_title_in(source, language)
                .ok_or_else(|| FieldError::new(source_field, NO_LETTERS)),
            typed => Self::parse(typed).map_err(|e| FieldError::new("slug", e.to_string())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Cuts a long slug at a word boundary when one is near the limit, else at the limit.
fn bounded(slug: &str) -> &str {
    if slug.len() <= MAX_LEN {
        return slug;
    }
    let head = &slug[..MAX_LEN];
    match head.rfind('-') {
        Some(cut) if cut >= MAX_LEN / 2 => &head[..cut],
        _ => head.trim_end_matches('-'),
    }
}

/// Combining accents (stress marks, diacritics that did not compose with their letter).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}
