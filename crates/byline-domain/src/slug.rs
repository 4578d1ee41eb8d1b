//! URL slugs: lowercase ASCII letters, digits and single hyphens.

use std::fmt;

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
            && s.len() <= 120
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

    /// Derives a slug from free text ("Energy & Grid" → `energy-grid`).
    /// Returns `None` when the text has no letters or digits at all.
    pub fn from_title(title: &str) -> Option<Self> {
        let mut out = String::with_capacity(title.len());
        for ch in title.chars().flat_map(char::to_lowercase) {
            if ch.is_ascii_alphanumeric() {
                out.push(ch);
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        let trimmed: String = out.trim_end_matches('-').chars().take(120).collect();
        let trimmed = trimmed.trim_end_matches('-').to_owned();
        (!trimmed.is_empty()).then_some(Self(trimmed))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_and_rejects_invalid() {
        assert!(Slug::parse("grid-repairs-2026").is_ok());
        for bad in ["", "Upper", "a--b", "-a", "a-", "a b", "a/b", "ä"] {
            assert!(Slug::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn derives_from_titles() {
        assert_eq!(
            Slug::from_title("Energy & Grid").map(|s| s.0),
            Some("energy-grid".into())
        );
        assert_eq!(
            Slug::from_title("  Élan 2026! ").map(|s| s.0),
            Some("lan-2026".into())
        );
        assert_eq!(Slug::from_title("!!!"), None);
    }
}
