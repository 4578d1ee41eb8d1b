//! The languages Byline ships catalogs for.

use std::fmt;
use std::str::FromStr;

use fluent_templates::{langid, LanguageIdentifier};
use serde::{Deserialize, Serialize};

static EN: LanguageIdentifier = langid!("en");
static UK: LanguageIdentifier = langid!("uk");

/// A shipped catalog. Stored and exchanged as its code (`"en"`, `"uk"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Lang {
    #[default]
    En,
    Uk,
}

/// A language code Byline has no catalog for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: Byline ships {codes}", codes = Lang::codes())]
pub struct UnknownLanguage(pub String);

impl Lang {
    /// Every shipped language, the default first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Uk];

    /// BCP 47 code, for `<html lang>`, `Content-Language` and storage.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Uk => "uk",
        }
    }

    /// The language's name in itself, for language pickers.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Uk => "Українська",
        }
    }

    /// "en, uk": for error messages.
    pub fn codes() -> String {
        Self::ALL.map(Lang::code).join(", ")
    }

    pub(crate) fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Uk => &UK,
        }
    }
}

impl FromStr for Lang {
    type Err = UnknownLanguage;

    /// Accepts the code in any case, with or without a region (`uk-UA`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or("");
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
            .ok_or_else(|| UnknownLanguage(s.to_owned()))
    }
}

impl TryFrom<String> for Lang {
    type Error = UnknownLanguage;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<Lang> for String {
    fn from(l: Lang) -> Self {
        l.code().to_owned()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_loosely_and_unknown_ones_are_refused() {
        assert_eq!("uk".parse::<Lang>(), Ok(Lang::Uk));
        assert_eq!("uk-UA".parse::<Lang>(), Ok(Lang::Uk));
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        let err = "xx".parse::<Lang>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown language \"xx\": Byline ships en, uk"
        );
        assert!("".parse::<Lang>().is_err());
    }

    #[test]
    fn serde_uses_the_code() {
        assert_eq!(serde_json::to_string(&Lang::Uk).unwrap(), "\"uk\"");
        assert!(serde_json::from_str::<Lang>("\"fr\"").is_err());
    }
}
