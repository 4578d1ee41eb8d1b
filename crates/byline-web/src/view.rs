//! View models shared by page templates: cards, bylines, times in the outlet's zone, meta.

use byline_domain::{ArticleSummary, HeroImage};
use byline_i18n::{DateStyle, Lang};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// URL paths of public resources, in one place.
pub mod paths {
    pub fn article(slug: &str) -> String {
        format!("/articles/{slug}")
    }
    pub fn section(slug: &str) -> String {
        format!("/sections/{slug}")
    }
    pub fn tag(slug: &str) -> String {
        format!("/tags/{slug}")
    }
    pub fn author(slug: &str) -> String {
        format!("/authors/{slug}")
    }
    pub fn page(slug: &str) -> String {
        format!("/pages/{slug}")
    }
    pub fn media(name: &str) -> String {
        format!("/media/{name}")
    }
}

/// A moment shown to readers in the outlet's time zone.
#[derive(Debug, Clone)]
pub struct TimeView {
    /// RFC 3339 with offset, for `<time datetime>` and metadata.
    pub iso: String,
    /// "24 November 2026, 09:40 EET".
    pub display: String,
    /// "09:40".
    pub clock: String,
    /// "24 Nov".
    pub day: String,
}

impl TimeView {
    /// In English; pages for readers use [`TimeView::in_lang`] with the site's language.
    pub fn new(t: DateTime<Utc>, tz: Tz) -> Self {
        Self::in_lang(t, tz, Lang::En)
    }

    /// With `lang`'s month names ("24 листопада 2026, 09:40 EET").
    pub fn in_lang(t: DateTime<Utc>, tz: Tz, lang: Lang) -> Self {
        let local = t.with_timezone(&tz);
        Self {
            iso: local.to_rfc3339(),
            display: lang.date(&local, DateStyle::LongWithTime),
            clock: lang.date(&local, DateStyle::Clock),
            day: lang.date(&local, DateStyle::Short),
        }
    }
}

#[derive(Debug, Clone)]
pub struct BylineView {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone)]
pub struct ImageView {
    /// Media name of the original.
    pub name: String,
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    /// `srcset` of the JPEG/PNG variants plus the original, or empty.
    pub srcset: String,
    /// `srcset` of the WebP variants, or empty.
    pub srcset_webp: String,
}

impl From<&HeroImage> for ImageView {
    fn from(h: &HeroImage) -> Self {
        Self {
            name: h.src.clone(),
            src: paths::media(&h.src),
            alt: h.alt.clone(),
            caption: h.caption.clone(),
            credit: h.credit.clone(),
            srcset: String::new(),
            srcset_webp: String::new(),
        }
    }
}

/// Fills `srcset`s from the media library's variants, with one query for all images.
pub async fn add_srcsets(
    store: &dyn byline_store::Store,
    images: Vec<&mut ImageView>,
) -> Result<(), crate::AppError> {
    let names: Vec<String> = images.iter().map(|i| i.name.clone()).collect();
    let variants = store.media_variants_for(&names).await?;
    for image in images {
        let of_this = || {
            variants
                .iter()
                .filter(|v| v.variant_of.as_deref() == Some(image.name.as_str()))
        };
        let entry = |v: &byline_store::MediaInfo| {
            format!("{} {}w", paths::media(&v.name), v.width.unwrap_or(0))
        };
        let webp: Vec<String> = of_this()
            .filter(|v| v.content_type == "image/webp")
            .map(entry)
            .collect();
        let fallback: Vec<String> = of_this()
            .filter(|v| v.content_type != "image/webp")
            .map(entry)
            .collect();
        if !fallback.is_empty() {
            image.srcset = fallback.join(", ");
        }
        if !webp.is_empty() {
            image.srcset_webp = webp.join(", ");
        }
    }
    Ok(())
}

/// An article as a teaser card in lists.
#[derive(Debug, Clone)]
pub struct Card {
    pub url: String,
    pub headline: String,
    pub standfirst: String,
    pub section_name: String,
    pub section_url: String,
    pub time: TimeView,
    /// "4 min read", in the site's language.
    pub reading_time: String,
    pub image: Option<ImageView>,
    pub bylines: Vec<BylineView>,
}

impl Card {
    pub fn new(a: &ArticleSummary, tz: Tz, lang: Lang) -> Self {
        Self {
            url: paths::article(&a.slug),
            headline: a.headline.clone(),
            standfirst: a.standfirst.clone(),
            section_name: a.section.name.clone(),
            section_url: paths::section(&a.section.slug),
            time: TimeView::in_lang(a.published_at.unwrap_or(a.updated_at), tz, lang),
            reading_time: lang.t_n("reading-time", a.reading_minutes),
            image: a.hero.as_ref().map(ImageView::from),
            bylines: bylines(a),
        }
    }

    pub fn list(articles: &[ArticleSummary], tz: Tz, lang: Lang) -> Vec<Self> {
        articles.iter().map(|a| Self::new(a, tz, lang)).collect()
    }
}

pub fn bylines(a: &ArticleSummary) -> Vec<BylineView> {
    a.authors
        .iter()
        .map(|au| BylineView {
            name: au.name.clone(),
            url: paths::author(&au.slug),
        })
        .collect()
}

/// A `<link rel="alternate">` feed advertisement.
#[derive(Debug, Clone)]
pub struct FeedLink {
    pub mime: &'static str,
    pub title: String,
    pub href: String,
}

/// The three feed formats for a feed base path ("" for site-wide, "/sections/news").
pub fn feed_links(base: &str, title: &str, lang: Lang) -> Vec<FeedLink> {
    vec![
        FeedLink {
            mime: "application/rss+xml",
            title: lang.t_s("feed-title-rss", "title", title),
            href: format!("{base}/feed.xml"),
        },
        FeedLink {
            mime: "application/atom+xml",
            title: lang.t_s("feed-title-atom", "title", title),
            href: format!("{base}/atom.xml"),
        },
        FeedLink {
            mime: "application/feed+json",
            title: lang.t_s("feed-title-json", "title", title),
            href: format!("{base}/feed.json"),
        },
    ]
}

/// The three feed formats plus the podcast of narrated articles, for the bases that have
/// one: an edition ("", "/uk") and a section ("/sections/news").
pub fn feed_links_with_podcast(base: &str, title: &str, lang: Lang) -> Vec<FeedLink> {
    let mut links = feed_links(base, title, lang);
    links.push(FeedLink {
        mime: "application/rss+xml",
        title: lang.t_s("podcast-title", "site", title),
        href: format!("{base}/podcast.xml"),
    });
    links
}

/// Head metadata of a page.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub title: String,
    pub description: String,
    /// Absolute canonical URL.
    pub canonical: String,
    /// "website" or "article".
    pub og_type: &'static str,
    /// Absolute image URL for social cards.
    pub image: Option<String>,
    pub image_alt: String,
    pub feeds: Vec<FeedLink>,
    /// Slug of the section to mark current in the navigation.
    pub section: String,
    /// Pages that should not be indexed (errors).
    pub noindex: bool,
    /// The front page (marks "Home" current in the navigation).
    pub home: bool,
    /// `hreflang` alternates: the page in the other editions, and `x-default`.
    pub alternates: Vec<crate::editions::alternates::Alternate>,
}

/// Numbered pagination for listings.
#[derive(Debug, Clone)]
pub struct Pagination {
    pub pages: i64,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// "Page 2 of 5".
    pub status: String,
    /// The hidden heading over the list ("Articles, page 2").
    pub heading: String,
}

impl Pagination {
    pub fn new(path: &str, page: i64, total: i64, per_page: i64, lang: Lang) -> Self {
        let pages = ((total + per_page - 1) / per_page).max(1);
        let href = |p: i64| {
            if p == 1 {
                path.to_owned()
            } else {
                format!("{path}?page={p}")
            }
        };
        Self {
            pages,
            prev: (page > 1).then(|| href(page - 1)),
            next: (page < pages).then(|| href(page + 1)),
            status: lang.t_args(
                "site-pagination-status",
                &[("page", page.into()), ("pages", pages.into())],
            ),
            heading: if page > 1 {
                lang.t_args("site-listing-articles-page", &[("page", page.into())])
            } else {
                lang.t("site-listing-articles")
            },
        }
    }
}

/// JSON for a `<script type="application/ld+json">` element that cannot end or confuse
/// it: no `<`, `>` or `&` (`</script>` or `<!--` in a headline), which JSON allows to be
/// escaped anywhere in strings.
pub(crate) fn script_safe(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
