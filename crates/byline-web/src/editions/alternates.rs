//! `hreflang` alternates and the language switcher: which other-language versions of a
//! page exist and where they are.

use byline_domain::{Article, ArticleStatus, Edition};
use byline_i18n::Lang;

use crate::view::paths;

/// One `<link rel="alternate" hreflang>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternate {
    /// A language code, or `x-default`.
    pub hreflang: String,
    /// Absolute URL.
    pub href: String,
    /// The edition's code; empty for `x-default`.
    pub edition: String,
}

/// A link in the language switcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwitchLink {
    /// The edition's name ("Українська").
    pub name: String,
    /// Its language code (for `lang` and `hreflang`).
    pub lang: String,
    pub href: String,
}

/// The language code an edition's pages are in: the default edition speaks the site's
/// language setting, the others their own code.
pub(crate) fn hreflang(edition: &Edition, site_lang: Lang) -> String {
    if edition.is_default {
        site_lang.code().to_owned()
    } else {
        edition.code.clone()
    }
}

/// Alternates of an edition-wide page (home, feeds' pages, search): the same `path` in
/// every edition, and `x-default` for the default edition's. Nothing for one edition.
pub(crate) fn of_edition_page(
    editions: &[Edition],
    site_lang: Lang,
    absolute: impl Fn(&str) -> String,
    path: &str,
) -> Vec<Alternate> {
    if editions.len() < 2 {
        return Vec::new();
    }
    let mut links: Vec<Alternate> = editions
        .iter()
        .map(|e| Alternate {
            hreflang: hreflang(e, site_lang),
            href: absolute(&e.path(path)),
            edition: e.code.clone(),
        })
        .collect();
    if let Some(default) = editions.iter().find(|e| e.is_default) {
        links.push(Alternate {
            hreflang: "x-default".into(),
            href: absolute(&default.path(path)),
            edition: String::new(),
        });
    }
    links
}

/// Alternates of an article with published translations: itself and each translation,
/// and `x-default` for the version in the default edition (else the article itself).
/// Nothing when it has no published translation.
pub(crate) fn of_article(
    article: &Article,
    translations: &[byline_store::Translation],
    editions: &[Edition],
    site_lang: Lang,
    absolute: impl Fn(&str) -> String,
) -> Vec<Alternate> {
    let published: Vec<&byline_store::Translation> = translations
        .iter()
        .filter(|t| t.status == ArticleStatus::Published)
        .collect();
    if published.is_empty() {
        return Vec::new();
    }
    let entry = |slug: &str, language: &str| {
        let edition = super::edition_of(editions, language);
        Alternate {
            hreflang: edition.map_or_else(|| language.to_owned(), |e| hreflang(e, site_lang)),
            href: absolute(&paths::article(slug)),
            edition: edition.map_or_else(|| language.to_owned(), |e| e.code.clone()),
        }
    };
    let mut links = vec![entry(&article.slug, &article.language)];
    links.extend(published.iter().map(|t| entry(&t.slug, &t.language)));
    // One link per language: a second article in the same edition is not an alternate.
    let mut seen = std::collections::HashSet::new();
    links.retain(|l| seen.insert(l.hreflang.clone()));
    let default_code = editions
        .iter()
        .find(|e| e.is_default)
        .map(|e| e.code.clone());
    let x_default = links
        .iter()
        .find(|l| Some(&l.edition) == default_code.as_ref())
        .unwrap_or(&links[0])
        .href
        .clone();
    links.push(Alternate {
        hreflang: "x-default".into(),
        href: x_default,
        edition: String::new(),
    });
    links
}

/// The switcher for a page in `current`: every other edition, linked to this page's
/// version in it when `alternates` has one, else to that edition's home.
pub(crate) fn switcher(
    editions: &[Edition],
    current: &Edition,
    alternates: &[Alternate],
) -> Vec<SwitchLink> {
    editions
        .iter()
        .filter(|e| e.code != current.code)
        .map(|e| SwitchLink {
            name: e.name.clone(),
            lang: e.code.clone(),
            href: alternates
                .iter()
                .find(|a| a.edition == e.code)
                .map_or_else(|| e.path("/"), |a| a.href.clone()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use byline_domain::Edition;
    use byline_i18n::Lang;

    fn editions() -> Vec<Edition> {
        let edition = |code: &str, name: &str, prefix: &str| Edition {
            code: code.into(),
            name: name.into(),
            path_prefix: prefix.into(),
            time_zone: "UTC".into(),
            position: 0,
            is_default: prefix.is_empty(),
        };
        vec![
            edition("en", "English", ""),
            edition("uk", "Українська", "/uk"),
        ]
    }

    #[test]
    fn edition_pages_name_every_edition_and_x_default() {
        let all = editions();
        let links = super::of_edition_page(
            &all,
            Lang::En,
            |p| format!("https://x.test{p}"),
            "/feed.xml",
        );
        let pairs: Vec<(&str, &str)> = links
            .iter()
            .map(|l| (l.hreflang.as_str(), l.href.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("en", "https://x.test/feed.xml"),
                ("uk", "https://x.test/uk/feed.xml"),
                ("x-default", "https://x.test/feed.xml"),
            ]
        );
        assert!(super::of_edition_page(&all[..1], Lang::En, |p| p.to_owned(), "/").is_empty());
    }

    #[test]
    fn the_switcher_prefers_the_translation_then_the_home() {
        let all = editions();
        let links = super::switcher(&all, &all[0], &[]);
        assert_eq!(links.len(), 1);
        assert_eq!(
            (links[0].href.as_str(), links[0].lang.as_str()),
            ("/uk", "uk")
        );
        let alternates = [super::Alternate {
            hreflang: "uk".into(),
            href: "https://x.test/articles/pro-miost".into(),
            edition: "uk".into(),
        }];
        assert_eq!(
            super::switcher(&all, &all[0], &alternates)[0].href,
            "https://x.test/articles/pro-miost"
        );
        assert_eq!(super::switcher(&all, &all[1], &alternates)[0].href, "/");
    }
}
