//! Message catalogs: every string a reader, a subscriber or a staff member sees comes from
//! the Fluent files under `locales/{lang}/`, one file per capability (`site.ftl`,
//! `desk.ftl`, `mail.ftl` …). [`Lang`] picks a catalog; its methods look a message up,
//! with arguments and the plural rules of the language ("1 хвилина", "2 хвилини",
//! "5 хвилин"), and format dates with the catalog's month names.
//!
//! Adding a language is adding `locales/{code}/` with every file translated and a
//! variant to [`Lang`]; the tests in `tests/catalogs.rs` fail while a key is missing.
#![forbid(unsafe_code)]

mod dates;
mod lang;
#[cfg(feature = "testing")]
pub mod leaks;

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;

pub use dates::DateStyle;
pub use lang::{Lang, UnknownLanguage};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments would end up inside HTML attributes,
        // URLs and mail headers; our arguments are never mixed-direction text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// An argument to a message: a number (which picks the plural form) or text.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Num(i64),
    Text(Cow<'a, str>),
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Num(n)
    }
}

impl From<i32> for Arg<'_> {
    fn from(n: i32) -> Self {
        Arg::Num(i64::from(n))
    }
}

impl From<u32> for Arg<'_> {
    fn from(n: u32) -> Self {
        Arg::Num(i64::from(n))
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s.as_str()))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl Lang {
    /// The message `key`. A key missing from this language falls back to English, and
    /// one missing from English too comes back as the key itself; both are test failures
    /// (`tests/catalogs.rs`), never expected on a page.
    pub fn t(&self, key: &str) -> String {
        lookup(*self, key, None)
    }

    /// The message `key` with a `$count` argument (plural forms).
    pub fn t_n(&self, key: &str, count: impl Into<Arg<'static>>) -> String {
        self.t_args(key, &[("count", count.into())])
    }

    /// The message `key` with one named argument.
    pub fn t_s(&self, key: &str, name: &str, value: &str) -> String {
        self.t_args(key, &[(name, Arg::from(value))])
    }

    /// The message `key` with two named arguments.
    pub fn t_s2(&self, key: &str, name: &str, value: &str, name2: &str, value2: &str) -> String {
        self.t_args(key, &[(name, Arg::from(value)), (name2, Arg::from(value2))])
    }

    /// The message `key` with named arguments.
    pub fn t_args(&self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Num(n) => FluentValue::from(*n),
                    Arg::Text(s) => FluentValue::from(s.to_string()),
                };
                (Cow::Owned((*name).to_owned()), value)
            })
            .collect();
        lookup(*self, key, Some(&map))
    }

    /// Whether this language's catalog has `key` (without falling back).
    pub fn has(&self, key: &str) -> bool {
        match LOCALES.lookup_single_language::<&str>(self.id(), key, None) {
            Ok(_) => true,
            // The message exists but wanted arguments; fluent-templates does not export
            // its error type, so its message tells the cases apart.
            Err(e) => e.to_string().starts_with("Fluent errors"),
        }
    }
}

fn lookup(
    lang: Lang,
    key: &str,
    args: Option<&HashMap<Cow<'static, str>, FluentValue<'_>>>,
) -> String {
    LOCALES
        .lookup_single_language(lang.id(), key, args)
        .or_else(|_| LOCALES.lookup_single_language(Lang::En.id(), key, args))
        .unwrap_or_else(|_| key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ukrainian_plurals_pick_one_few_many() {
        let uk = Lang::Uk;
        assert_eq!(uk.t_n("reading-time", 1), "1 хвилина читання");
        assert_eq!(uk.t_n("reading-time", 2), "2 хвилини читання");
        assert_eq!(uk.t_n("reading-time", 5), "5 хвилин читання");
        assert_eq!(uk.t_n("reading-time", 21), "21 хвилина читання");
        assert_eq!(Lang::En.t_n("reading-time", 1), "1 min read");
        assert_eq!(Lang::En.t_n("reading-time", 7), "7 min read");
    }

    #[test]
    fn arguments_carry_no_isolation_marks() {
        let s = Lang::En.t_n("reading-time", 3);
        assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "{s:?}");
    }

    #[test]
    fn unknown_key_comes_back_as_itself() {
        assert_eq!(Lang::Uk.t("no-such-key-anywhere"), "no-such-key-anywhere");
        assert!(!Lang::Uk.has("no-such-key-anywhere"));
    }
}
