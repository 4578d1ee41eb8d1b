//! Editions: one per language, each a shipped catalog, the default one at the site's root
//! and the others under a URL prefix such as `/uk`. Rules for codes and prefixes live here.

use byline_i18n::Lang;

/// One edition of the outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Language code of a shipped catalog (`en`, `uk`); also the `language` of its articles.
    pub code: String,
    /// Shown in the language switcher and edition lists.
    pub name: String,
    /// `""` for the default edition, `/uk` for the others.
    pub path_prefix: String,
    /// IANA zone the edition's times are shown in.
    pub time_zone: String,
    pub position: i64,
    pub is_default: bool,
}

/// Why an edition cannot be stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditionError {
    #[error(transparent)]
    UnknownLanguage(#[from] byline_i18n::UnknownLanguage),
    #[error("the default edition has no path prefix")]
    DefaultHasPrefix,
    #[error("a path prefix is a slash and lower-case letters, digits or hyphens: {0:?}")]
    BadPrefix(String),
    #[error("unknown time zone {0:?}")]
    UnknownTimeZone(String),
}

impl Edition {
    /// The catalog the edition is shown in.
    pub fn lang(&self) -> Lang {
        self.code.parse().unwrap_or_default()
    }

    /// The configured zone, UTC for an unknown name.
    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::UTC)
    }

    /// Checks the code is a shipped catalog, the prefix is well formed (empty exactly for
    /// the default edition) and the zone is known.
    pub fn validate(&self) -> Result<(), EditionError> {
        self.code.parse::<Lang>()?;
        if self.is_default {
            if !self.path_prefix.is_empty() {
                return Err(EditionError::DefaultHasPrefix);
            }
        } else if !is_prefix(&self.path_prefix) {
            return Err(EditionError::BadPrefix(self.path_prefix.clone()));
        }
        if self.time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(EditionError::UnknownTimeZone(self.time_zone.clone()));
        }
        Ok(())
    }

    /// The path of `path` (which starts with `/`) in this edition: `/uk/articles/x`.
    pub fn path(&self, path: &str) -> String {
        match (self.path_prefix.as_str(), path) {
            ("", _) => path.to_owned(),
            (prefix, "/") => prefix.to_owned(),
            (prefix, _) => format!("{prefix}{path}"),
        }
    }
}

/// `/` followed by 1–16 of `a-z`, `0-9` and `-`.
fn is_prefix(prefix: &str) -> bool {
    prefix.strip_prefix('/').is_some_and(|rest| {
        (1..=16).contains(&rest.len())
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    })
}

/// Splits a request path into the edition it names and the path inside it: `/uk/x` is
/// (`uk` edition, `/x`), `/uk` is (`uk`, `/`); a path no prefix matches belongs to the
/// default edition. `editions` must contain the default one.
pub fn route<'e>(editions: &'e [Edition], path: &str) -> Option<(&'e Edition, String)> {
    for edition in editions.iter().filter(|e| !e.is_default) {
        if let Some(rest) = path.strip_prefix(edition.path_prefix.as_str()) {
            if rest.is_empty() {
                return Some((edition, "/".to_owned()));
            }
            if rest.starts_with('/') {
                return Some((edition, rest.to_owned()));
            }
        }
    }
    editions
        .iter()
        .find(|e| e.is_default)
        .map(|e| (e, path.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(code: &str, prefix: &str, is_default: bool) -> Edition {
        Edition {
            code: code.into(),
            name: code.into(),
            path_prefix: prefix.into(),
            time_zone: "Europe/Kyiv".into(),
            position: 0,
            is_default,
        }
    }

    #[test]
    fn validates_code_prefix_and_zone() {
        assert_eq!(edition("uk", "/uk", false).validate(), Ok(()));
        assert_eq!(edition("en", "", true).validate(), Ok(()));
        assert!(matches!(
            edition("xx", "/xx", false).validate(),
            Err(EditionError::UnknownLanguage(_))
        ));
        assert_eq!(
            edition("en", "/en", true).validate(),
            Err(EditionError::DefaultHasPrefix)
        );
        for bad in ["", "uk", "/", "/UK", "/u/k", "/uk/"] {
            assert_eq!(
                edition("uk", bad, false).validate(),
                Err(EditionError::BadPrefix(bad.into())),
                "{bad:?}"
            );
        }
        let mut zoned = edition("uk", "/uk", false);
        zoned.time_zone = "Mars/Olympus".into();
        assert!(matches!(
            zoned.validate(),
            Err(EditionError::UnknownTimeZone(_))
        ));
    }

    #[test]
    fn routes_prefixed_paths_and_leaves_the_rest_to_the_default() {
        let editions = [edition("en", "", true), edition("uk", "/uk", false)];
        let code = |path: &str| route(&editions, path).map(|(e, p)| (e.code.clone(), p));
        assert_eq!(
            code("/uk/articles/x"),
            Some(("uk".into(), "/articles/x".into()))
        );
        assert_eq!(code("/uk"), Some(("uk".into(), "/".into())));
        assert_eq!(code("/uk/"), Some(("uk".into(), "/".into())));
        assert_eq!(code("/ukraine"), Some(("en".into(), "/ukraine".into())));
        assert_eq!(
            code("/articles/x"),
            Some(("en".into(), "/articles/x".into()))
        );
        assert_eq!(editions[1].path("/"), "/uk");
        assert_eq!(editions[1].path("/feed.xml"), "/uk/feed.xml");
        assert_eq!(editions[0].path("/feed.xml"), "/feed.xml");
    }
}
