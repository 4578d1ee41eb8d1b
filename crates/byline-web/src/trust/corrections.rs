//! Public corrections: the notices on an article (above or below its body, as the outlet
//! chooses), their JSON-LD, and `/corrections`, every correction newest first, paginated,
//! with its RSS and JSON feeds (`corrections_feed`).

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::routing::get;
use axum::Router;
use byline_domain::{markdown, Article, Correction, CorrectionKind, CorrectionsPosition};
use byline_i18n::Lang;
use byline_store::history::CORRECTIONS;

use crate::cache::key::CachedRoute;
use crate::chrome::Chrome;
use crate::site::PageNumber;
use crate::view::{paths, Meta, Pagination, TimeView};
use crate::{AppError, AppState, Rendered};

/// Path of the corrections page.
pub const CORRECTIONS_PATH: &str = "/corrections";

/// Corrections per page of `/corrections`.
const PER_PAGE: i64 = 25;

/// The corrections page and its feeds, cached; the page keys on `?page=N`.
pub(crate) const CACHED_ROUTES: &[CachedRoute] = &[
    CachedRoute {
        pattern: "/corrections",
        params: &[crate::site::PAGE],
    },
    CachedRoute {
        pattern: "/corrections/feed.xml",
        params: &[],
    },
    CachedRoute {
        pattern: "/corrections/feed.json",
        params: &[],
    },
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/corrections", get(page))
        .route(
            "/corrections/feed.xml",
            get(|s| super::corrections_feed::feed(s, super::corrections_feed::Format::Rss)),
        )
        .route(
            "/corrections/feed.json",
            get(|s| super::corrections_feed::feed(s, super::corrections_feed::Format::Json)),
        )
}

/// The catalog key of a kind's name.
pub fn kind_key(kind: CorrectionKind) -> &'static str {
    match kind {
        CorrectionKind::Correction => "trust-correction-kind-correction",
        CorrectionKind::Clarification => "trust-correction-kind-clarification",
    }
}

/// The path of revision `version` in the article's public history.
pub fn history_path(slug: &str, version: i64) -> String {
    format!("{}/history/{version}", paths::article(slug))
}

/// One correction as a reader sees it.
pub struct CorrectionView {
    /// "Correction" or "Clarification".
    pub kind: String,
    /// `correction` or `clarification`, for styling.
    pub kind_class: &'static str,
    /// Sanitised HTML of the text.
    pub html: String,
    pub at: TimeView,
    /// The history page of the revision it was published with.
    pub history_url: String,
}

impl CorrectionView {
    pub fn new(c: &Correction, slug: &str, tz: chrono_tz::Tz, lang: Lang) -> Self {
        Self {
            kind: lang.t(kind_key(c.kind)),
            kind_class: c.kind.as_str(),
            html: markdown::render_in(&c.text, lang).html,
            at: TimeView::in_lang(c.created_at, tz, lang),
            history_url: history_path(slug, c.version),
        }
    }
}

/// What the article page shows of its corrections and history.
pub struct ArticleTrust {
    pub corrections: Vec<CorrectionView>,
    /// Show the corrections above the body (else below it).
    pub top: bool,
    pub history_url: String,
    /// "History" or "3 revisions".
    pub history_label: String,
    /// For the JSON-LD `correction` list.
    pub json_ld: Vec<serde_json::Value>,
}

impl ArticleTrust {
    /// The corrections and the history link of `article` (its page depends on
    /// `article:{slug}`, which every correction and every save records).
    pub(crate) async fn load(
        app: &AppState,
        chrome: &Chrome,
        article: &Article,
    ) -> Result<Self, AppError> {
        let (tz, lang) = (chrome.tz, chrome.lang);
        let corrections = app.store.article_corrections(article.id).await?;
        let revisions = app.store.published_revisions(article.id).await?.len();
        let json_ld = corrections
            .iter()
            .map(|c| {
                serde_json::json!({
                    "@type": "CorrectionComment",
                    "text": c.text,
                    "datePublished": c.created_at.to_rfc3339(),
                })
            })
            .collect();
        Ok(Self {
            corrections: corrections
                .iter()
                .map(|c| CorrectionView::new(c, &article.slug, tz, lang))
                .collect(),
            top: chrome.site.corrections_position == CorrectionsPosition::Top,
            history_url: format!("{}/history", paths::article(&article.slug)),
            history_label: if revisions > 1 {
                lang.t_n("trust-history-revisions", revisions)
            } else {
                lang.t("trust-history-link")
            },
            json_ld,
        })
    }
}

/// One line of the corrections page.
pub struct ListedView {
    pub headline: String,
    pub article_url: String,
    pub correction: CorrectionView,
}

#[derive(Template)]
#[template(path = "trust/corrections.html")]
struct CorrectionsTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    items: Vec<ListedView>,
    pagination: Pagination,
}

async fn page(
    State(app): State<AppState>,
    PageNumber(page): PageNumber,
) -> Result<Rendered, AppError> {
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let total = app.store.count_corrections().await?;
    let mut pagination = Pagination::new(CORRECTIONS_PATH, page, total, PER_PAGE, lang);
    if page > pagination.pages {
        return Err(AppError::NotFound);
    }
    pagination.heading = lang.t("trust-corrections-list-heading");
    let listed = app
        .store
        .corrections(PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let mut deps = vec![CORRECTIONS.to_owned()];
    deps.extend(listed.iter().map(|l| format!("article:{}", l.slug)));
    let items = listed
        .iter()
        .map(|l| ListedView {
            headline: l.headline.clone(),
            article_url: paths::article(&l.slug),
            correction: CorrectionView::new(&l.correction, &l.slug, chrome.tz, lang),
        })
        .collect();
    let heading = lang.t("trust-corrections-heading");
    let canonical = if page > 1 {
        format!("{CORRECTIONS_PATH}?page={page}")
    } else {
        CORRECTIONS_PATH.to_owned()
    };
    let meta = Meta {
        title: if page > 1 {
            format!(
                "{} | {}",
                lang.t_args(
                    "site-listing-title-page",
                    &[("heading", heading.as_str().into()), ("page", page.into())]
                ),
                chrome.site.name
            )
        } else {
            format!("{heading} | {}", chrome.site.name)
        },
        description: lang.t_s("trust-corrections-description", "site", &chrome.site.name),
        canonical: app.absolute(&canonical),
        og_type: "website",
        feeds: feed_links(lang),
        ..Meta::default()
    };
    let html = CorrectionsTemplate {
        chrome,
        meta,
        items,
        pagination,
    }
    .render()?;
    Ok(Rendered::html(html, deps).language(lang))
}

/// The corrections feeds, for `<link rel="alternate">` in the head.
pub fn feed_links(lang: Lang) -> Vec<crate::view::FeedLink> {
    vec![
        crate::view::FeedLink {
            mime: "application/rss+xml",
            title: lang.t("trust-corrections-feed-rss"),
            href: format!("{CORRECTIONS_PATH}/feed.xml"),
        },
        crate::view::FeedLink {
            mime: "application/feed+json",
            title: lang.t("trust-corrections-feed-json"),
            href: format!("{CORRECTIONS_PATH}/feed.json"),
        },
    ]
}
