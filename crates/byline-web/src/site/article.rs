//! The article page: headline, standfirst, bylines, dateline, reading time, hero figure,
//! body with anchored subheadings and "Read also" cards, tags, share links, the linked News
//! Feed updates, related posts (more-like-this from the search index), and NewsArticle
//! JSON-LD.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use byline_domain::{markdown, Article, ArticleStatus};

use crate::chrome::Chrome;
use crate::view::{bylines, paths, BylineView, Card, ImageView, Meta, TimeView};
use crate::{AppError, AppState, Rendered};

pub(super) struct TagView {
    pub name: String,
    pub url: String,
}

pub(crate) struct ShareLink {
    pub label: String,
    pub href: String,
}

pub(super) struct ArticleView {
    pub headline: String,
    pub standfirst: String,
    pub section_name: String,
    pub section_url: String,
    pub bylines: Vec<BylineView>,
    /// "by" before the names, in the site's language.
    pub byline_intro: String,
    pub dateline: String,
    pub published: TimeView,
    pub updated: Option<TimeView>,
    pub modified_iso: String,
    /// "4 min read".
    pub reading_time: String,
    pub hero: Option<ImageView>,
    pub tags: Vec<TagView>,
    pub language: String,
    /// Public "what changed" note and its time.
    pub update_note: Option<(String, TimeView)>,
    /// The version shown (error reports refer to it).
    pub version: i64,
}

#[derive(Template)]
#[template(path = "site/article.html")]
struct ArticleTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    article: ArticleView,
    body_html: String,
    json_ld: String,
    share: Vec<ShareLink>,
    related: Vec<Card>,
    preview: bool,
    slug: String,
    /// News Feed items linked to this article, newest first.
    updates: Vec<crate::live::views::FeedItemView>,
    /// The oEmbed discovery address (`trust::reprint`).
    oembed: String,
    /// Its corrections and the link to its history.
    trust: crate::trust::corrections::ArticleTrust,
    /// The revision's signature (`trust::signing`); None on previews.
    signature: Option<crate::trust::signing::PageSignature>,
    /// The narrated audio's player, when the article has audio that plays.
    audio: Option<crate::audio::player::Player>,
}

/// Linked News Feed items shown on an article at most.
const UPDATES: i64 = 20;

/// Related posts under an article (from the search index, see `search::related_articles`).
const RELATED: usize = 4;

pub(super) async fn show(
    State(app): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Rendered, AppError> {
    let article = app.store.article(&slug).await?.ok_or(AppError::NotFound)?;
    if article.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    match article.status {
        ArticleStatus::Published => {}
        ArticleStatus::Unpublished => return Err(AppError::Gone),
        ArticleStatus::Draft | ArticleStatus::Scheduled => return Err(AppError::NotFound),
    }
    let (html, deps) = render(&app, &article, false).await?;
    let lang = app
        .chrome
        .edition(app.store.as_ref(), Some(&article.language))
        .await?
        .lang;
    Ok(Rendered::html(html, deps).language(lang))
}

/// The article page's HTML and the cache tags it depends on. `preview` marks the page as
/// a desk preview (not indexed, with a banner) for drafts that are not saved yet.
pub(crate) async fn render(
    app: &AppState,
    article: &Article,
    preview: bool,
) -> Result<(String, Vec<String>), AppError> {
    // The article is shown in its edition: its language, zone and navigation.
    let chrome = app
        .chrome
        .edition(app.store.as_ref(), Some(&article.language))
        .await?;
    let (tz, lang) = (chrome.tz, chrome.lang);
    let translations = app.store.translations(article.id).await?;
    let related = crate::search::related_articles(app, article.id, RELATED).await?;

    let targets = markdown::read_also_targets(&article.body_markdown);
    let headlines: HashMap<String, String> =
        app.store.headlines(&targets).await?.into_iter().collect();
    let rendered = markdown::render_in(&article.body_markdown, lang);
    let body_html = markdown::fill_read_also_in(&rendered.html, &headlines, paths::article, lang);

    // Not `section:`, `tag:` or `author:`: every publish names those, and an article page
    // depending on them would go cold whenever anything in its section was published (a
    // storm of renders exactly when news breaks). Renaming a section or a byline is a
    // site-wide change anyway. The cost: the related list picks up newer articles only
    // when the page is rendered again for another reason.
    let mut deps = vec![format!("article:{}", article.slug)];
    deps.extend(targets.iter().map(|t| format!("article:{t}")));
    deps.extend(related.iter().map(|r| format!("article:{}", r.slug)));
    // A translation published, edited or withdrawn changes this page's alternates.
    deps.extend(translations.iter().map(|t| format!("article:{}", t.slug)));

    let canonical = app.absolute(&paths::article(&article.slug));
    let image = article
        .hero
        .as_ref()
        .map(|h| app.absolute(&paths::media(&h.src)));
    // Link previews (meta description, Open Graph, Twitter card, JSON-LD) stay within the
    // reprint policy's cap.
    let cap = chrome.site.excerpt_cap;
    let description = if article.standfirst.is_empty() {
        crate::trust::reprint::preview_text(&markdown::plain_text(&article.body_markdown), 200, cap)
    } else {
        crate::trust::reprint::preview_text(&article.standfirst, cap, cap)
    };
    let trust = crate::trust::corrections::ArticleTrust::load(app, &chrome, article).await?;
    let json_ld = json_ld(
        app,
        &chrome,
        article,
        &canonical,
        image.as_deref(),
        &description,
        &trust.json_ld,
    );
    let meta = Meta {
        title: format!("{} | {}", article.headline, chrome.site.name),
        description,
        canonical: canonical.clone(),
        og_type: "article",
        image,
        image_alt: article
            .hero
            .as_ref()
            .map(|h| h.alt.clone())
            .unwrap_or_default(),
        section: article.section.slug.clone(),
        noindex: preview,
        alternates: crate::editions::alternates::of_article(
            article,
            &translations,
            &chrome.editions,
            chrome.site_lang,
            |p| app.absolute(p),
        ),
        ..Meta::default()
    };
    let published_at = article.published_at.unwrap_or(article.updated_at);
    let view = ArticleView {
        headline: article.headline.clone(),
        standfirst: article.standfirst.clone(),
        section_name: article.section.name.clone(),
        section_url: paths::section(&article.section.slug),
        bylines: bylines(article),
        byline_intro: lang.t_n("site-byline-by", article.authors.len()),
        dateline: article.dateline.clone(),
        published: TimeView::in_lang(published_at, tz, lang),
        // Show "Updated" only for a real later change, not the same minute.
        updated: (article.updated_at.timestamp() - published_at.timestamp() >= 60)
            .then(|| TimeView::in_lang(article.updated_at, tz, lang)),
        modified_iso: TimeView::new(article.updated_at.max(published_at), tz).iso,
        reading_time: lang.t_n("reading-time", article.reading_minutes),
        hero: article.hero.as_ref().map(ImageView::from),
        tags: article
            .tags
            .iter()
            .map(|t| TagView {
                name: t.name.clone(),
                url: paths::tag(&t.slug),
            })
            .collect(),
        language: article.language.clone(),
        update_note: article
            .update_note
            .as_ref()
            .map(|n| (n.text.clone(), TimeView::in_lang(n.at, tz, lang))),
        version: article.version,
    };
    // Items linked to the article record `article:{slug}`, which this page depends on.
    let updates = app
        .store
        .feed_items(&byline_store::FeedQuery {
            published_only: true,
            article_id: Some(article.id),
            limit: UPDATES,
            ..byline_store::FeedQuery::default()
        })
        .await?
        .iter()
        .map(|i| crate::live::views::FeedItemView::new(i, tz, lang))
        .collect();
    let mut related = Card::list(&related, tz, lang);
    let mut view = view;
    let images = view
        .hero
        .iter_mut()
        .chain(related.iter_mut().filter_map(|c| c.image.as_mut()))
        .collect();
    crate::view::add_srcsets(app.store.as_ref(), images).await?;
    let signature = match preview {
        true => None,
        false => crate::trust::signing::for_page(app, article).await?,
    };
    let audio = match preview {
        true => None,
        false => crate::audio::player::for_article(app, article, lang).await?,
    };
    let html = ArticleTemplate {
        audio,
        oembed: crate::trust::reprint::oembed_href(app, &canonical),
        signature,
        share: share_links(&canonical, &article.headline, lang),
        related,
        chrome,
        meta,
        article: view,
        body_html,
        json_ld,
        preview,
        slug: article.slug.clone(),
        updates,
        trust,
    }
    .render()?;
    Ok((html, deps))
}

/// Plain links to share services: no third-party script runs on our pages.
pub(crate) fn share_links(url: &str, headline: &str, lang: byline_i18n::Lang) -> Vec<ShareLink> {
    let u = encode(url);
    let t = encode(headline);
    vec![
        ShareLink {
            label: lang.t("site-share-email"),
            href: format!("mailto:?subject={t}&body={u}"),
        },
        ShareLink {
            label: "X".into(),
            href: format!("https://x.com/intent/post?url={u}&text={t}"),
        },
        ShareLink {
            label: "Facebook".into(),
            href: format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        },
        ShareLink {
            label: "Telegram".into(),
            href: format!("https://t.me/share/url?url={u}&text={t}"),
        },
        ShareLink {
            label: "WhatsApp".into(),
            href: format!("https://wa.me/?text={t}%20{u}"),
        },
    ]
}

/// Percent-encodes everything but unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn json_ld(
    app: &AppState,
    chrome: &Chrome,
    a: &Article,
    url: &str,
    image: Option<&str>,
    description: &str,
    corrections: &[serde_json::Value],
) -> String {
    let published = a.published_at.unwrap_or(a.updated_at);
    let authors: Vec<serde_json::Value> = a
        .authors
        .iter()
        .map(|au| {
            serde_json::json!({
                "@type": if au.kind == byline_domain::AuthorKind::Desk { "Organization" } else { "Person" },
                "name": au.name,
                "url": app.absolute(&paths::author(&au.slug)),
            })
        })
        .collect();
    let mut value = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": url,
        "url": url,
        "headline": a.headline,
        "description": description,
        "datePublished": published.to_rfc3339(),
        "dateModified": a.updated_at.max(published).to_rfc3339(),
        "author": authors,
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": chrome.site.name,
            "url": app.absolute("/"),
            "logo": {"@type": "ImageObject", "url": app.absolute("/favicon.svg")},
        },
        "image": image.map(|i| vec![i]).unwrap_or_default(),
        "articleSection": a.section.name,
        "keywords": a.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        "inLanguage": a.language,
        "dateline": a.dateline,
    });
    if let (false, Some(object)) = (corrections.is_empty(), value.as_object_mut()) {
        object.insert("correction".into(), corrections.into());
    }
    crate::view::script_safe(&value)
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_share_parameters() {
        assert_eq!(super::encode("a b&c/é"), "a%20b%26c%2F%C3%A9");
    }
}
