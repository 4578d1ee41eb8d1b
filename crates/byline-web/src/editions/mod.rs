//! Editions on the public site: one per language, the default one at the root and the
//! others under a URL prefix (`/uk`).
//!
//! * **Routing** ([`routing`]): a request under an edition's prefix for one of the
//!   edition-wide pages (home, tag and author pages, feeds, sitemaps, search) has the prefix taken off before the router sees it, and carries
//!   an [`EditionPath`] instead; the render cache puts the prefix back into the key, so
//!   `/uk/` and `/` are two pages. Content with an edition of its own (articles, sections,
//!   static pages, live pages, feed items) keeps one URL and is shown in its edition.
//! * **Chrome**: each edition has its own chrome (`chrome::Chrome::edition`): language,
//!   time zone, section navigation, the language switcher.
//! * **Alternates** ([`alternates`]): `<link rel="alternate" hreflang>` for each translation
//!   of a page plus `x-default`, and the switcher's links (the translation when there is
//!   one, else the other edition's home).

pub(crate) mod alternates;
pub(crate) mod routing;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use byline_store::LanguageFilter;

pub(crate) use routing::{EditionPath, Prefixes};

/// The edition a request was made under: the code of a non-default edition whose prefix
/// the path had, `None` for the default edition.
#[derive(Debug, Clone, Default)]
pub(crate) struct RequestEdition(pub Option<String>);

impl RequestEdition {
    pub fn code(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestEdition {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .extensions
                .get::<EditionPath>()
                .map(|e| e.code.clone()),
        ))
    }
}

/// The article languages an edition's listings show: a non-default edition its own code;
/// the default edition everything the others do not claim. The default edition always
/// keeps the site's own language (`site_lang`), even when another edition has that code
/// too (a site switched to Ukrainian that also has a `/uk` edition shows Ukrainian
/// articles in both).
pub(crate) fn language_filter(
    editions: &[byline_domain::Edition],
    edition: &byline_domain::Edition,
    site_lang: &str,
) -> LanguageFilter {
    if edition.is_default {
        LanguageFilter::Except(
            editions
                .iter()
                .filter(|e| !e.is_default && e.code != site_lang)
                .map(|e| e.code.clone())
                .collect(),
        )
    } else {
        LanguageFilter::Only(edition.code.clone())
    }
}

/// The edition content in `code` belongs to: the non-default edition with that code, else
/// the default one.
pub(crate) fn edition_of<'a>(
    editions: &'a [byline_domain::Edition],
    code: &str,
) -> Option<&'a byline_domain::Edition> {
    editions
        .iter()
        .find(|e| !e.is_default && e.code == code)
        .or_else(|| editions.iter().find(|e| e.is_default))
}

#[cfg(test)]
mod tests {
    use byline_domain::Edition;
    use byline_store::LanguageFilter;

    fn edition(code: &str, prefix: &str) -> Edition {
        Edition {
            code: code.into(),
            name: code.into(),
            path_prefix: prefix.into(),
            time_zone: "UTC".into(),
            position: 0,
            is_default: prefix.is_empty(),
        }
    }

    #[test]
    fn the_default_edition_keeps_what_no_other_claims() {
        let all = [edition("en", ""), edition("uk", "/uk")];
        assert_eq!(
            super::language_filter(&all, &all[0], "en"),
            LanguageFilter::Except(vec!["uk".into()])
        );
        assert_eq!(
            super::language_filter(&all, &all[1], "en"),
            LanguageFilter::Only("uk".into())
        );
        // A site whose own language is another edition's keeps those articles too.
        assert_eq!(
            super::language_filter(&all, &all[0], "uk"),
            LanguageFilter::Except(Vec::new())
        );
        assert_eq!(
            super::edition_of(&all, "uk").map(|e| e.code.as_str()),
            Some("uk")
        );
        // A language no edition has is shown in the default edition.
        assert_eq!(
            super::edition_of(&all, "de").map(|e| e.code.as_str()),
            Some("en")
        );
        assert_eq!(
            super::edition_of(&all, "en").map(|e| e.code.as_str()),
            Some("en")
        );
    }
}
