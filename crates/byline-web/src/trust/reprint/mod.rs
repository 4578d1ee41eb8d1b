//! The reprint policy everywhere content leaves the site: "at most an N-character extract
//! with an active link back", N being the `excerpt_cap` setting.
//!
//! [`ReprintPolicy`] is the one place that cuts text to the cap and words the policy (the
//! `reprint-policy` catalog message with the number). The feeds, the newsletters' digest,
//! the article, live and News Feed pages' link-preview tags and the endpoints here use it:
//! `/oembed` ([`oembed`]), `/api/preview` ([`preview`]) and `/api/syndication`
//! ([`syndication`]). The URL-taking endpoints resolve only this site's own pages, from the
//! database ([`target`]); nothing here ever fetches a URL.
//!
//! All three are public cached GETs. Their parameters are normalised before they reach
//! the cache key, and only a 200 answer is stored, so the keys that can be stored are
//! bounded by what is published. A settings change records `site`, which renders every
//! cached page again, so the policy follows a new cap at once.

mod answer;
mod oembed;
mod preview;
mod syndication;
mod target;

use axum::routing::get;
use axum::Router;
use byline_domain::SiteSettings;
use byline_i18n::Lang;

use crate::cache::key::{CachedRoute, KeyParam};
use crate::AppState;

pub use target::normalise_url;

/// The outlet's policy in force: the cap and its wording in the site's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReprintPolicy {
    /// Longest extract, in characters (ellipsis included).
    pub cap: usize,
    /// The `reprint-policy` message for this cap and holder.
    pub text: String,
}

impl ReprintPolicy {
    /// The policy of `site`, worded in `lang`.
    pub fn of(site: &SiteSettings, lang: Lang) -> Self {
        let holder = if site.copyright_holder.trim().is_empty() {
            site.name.as_str()
        } else {
            site.copyright_holder.as_str()
        };
        Self {
            cap: site.excerpt_cap,
            text: lang.t_args(
                "reprint-policy",
                &[("cap", site.excerpt_cap.into()), ("holder", holder.into())],
            ),
        }
    }

    /// `text` cut to the cap (whitespace collapsed, at a word boundary when possible).
    pub fn excerpt(&self, text: &str) -> String {
        byline_domain::excerpt::excerpt(text, self.cap)
    }

    /// The extract of an article: its standfirst, or the opening of its body when it has
    /// none.
    pub fn article_excerpt(&self, standfirst: &str, body_markdown: &str) -> String {
        if standfirst.trim().is_empty() {
            self.excerpt(&byline_domain::markdown::plain_text(body_markdown))
        } else {
            self.excerpt(standfirst)
        }
    }
}

/// A page's meta description, Open Graph and Twitter card text: `text` held within both
/// the page's own `limit` and the outlet's cap.
pub fn preview_text(text: &str, limit: usize, cap: usize) -> String {
    byline_domain::excerpt::excerpt(text, limit.min(cap))
}

/// The `<link rel="alternate" type="application/json+oembed">` address of a page.
pub fn oembed_href(app: &AppState, canonical: &str) -> String {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("url", canonical)
        .append_pair("format", "json")
        .finish();
    app.absolute(&format!("{}?{query}", oembed::PATH))
}

/// The endpoints' cache keys: `url` is normalised ([`normalise_url`]); sizes, pages and
/// times have one spelling each. A value the handler refuses becomes one fixed marker, so
/// the handler answers the error in JSON (a refused key never reaches the cache).
pub(crate) const CACHED_ROUTES: &[CachedRoute] = &[
    CachedRoute {
        pattern: oembed::PATH,
        params: &[
            KeyParam {
                name: "url",
                canonical: target::url_param,
            },
            KeyParam {
                name: "format",
                canonical: oembed::format_param,
            },
            KeyParam {
                name: "maxwidth",
                canonical: oembed::width_param,
            },
            KeyParam {
                name: "maxheight",
                canonical: oembed::height_param,
            },
        ],
    },
    CachedRoute {
        pattern: preview::PATH,
        params: &[KeyParam {
            name: "url",
            canonical: target::url_param,
        }],
    },
    CachedRoute {
        pattern: syndication::PATH,
        params: &[
            KeyParam {
                name: "page",
                canonical: syndication::page_param,
            },
            KeyParam {
                name: "since",
                canonical: syndication::since_param,
            },
        ],
    },
];

/// The routes of the reprint policy's endpoints.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(oembed::PATH, get(oembed::show))
        .route(preview::PATH, get(preview::show))
        .route(syndication::PATH, get(syndication::list))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(cap: usize) -> SiteSettings {
        SiteSettings {
            excerpt_cap: cap,
            copyright_holder: "The Meridian Courier".into(),
            ..SiteSettings::default()
        }
    }

    #[test]
    fn the_policy_names_the_cap_in_both_languages() {
        let en = ReprintPolicy::of(&site(500), Lang::En);
        assert!(en.text.contains("500 characters"), "{}", en.text);
        assert!(en.text.contains("The Meridian Courier"), "{}", en.text);
        let uk = ReprintPolicy::of(&site(500), Lang::Uk);
        assert!(uk.text.contains("500 символів"), "{}", uk.text);
        assert!(ReprintPolicy::of(&site(22), Lang::Uk)
            .text
            .contains("22 символи"));
        assert!(ReprintPolicy::of(&site(21), Lang::Uk)
            .text
            .contains("21 символ "));
        let none = ReprintPolicy::of(&site(0), Lang::En);
        assert!(none.text.contains("may not be reprinted"), "{}", none.text);
    }

    #[test]
    fn excerpts_respect_the_cap_in_cyrillic_too() {
        let policy = ReprintPolicy::of(&site(120), Lang::Uk);
        let long = "Ремонтні бригади працювали всю ніч, щоб відновити світло. ".repeat(50);
        let cut = policy.article_excerpt(&long, "");
        assert!(cut.chars().count() <= 120, "{}", cut.chars().count());
        assert!(cut.chars().count() > 60);
        let from_body = policy.article_excerpt("  ", &format!("## Заголовок\n\n{long}"));
        assert!(from_body.chars().count() <= 120);
        assert!(preview_text(&long, 200, 50).chars().count() <= 50);
        assert!(preview_text(&long, 30, 500).chars().count() <= 30);
    }
}
