//! Public revision history: `/articles/{slug}/history` lists the published revisions
//! (number, time, update note, corrections, exclusions) with a GET form comparing any two
//! (`?from=A&to=B`), and `/articles/{slug}/history/{n}` shows revision n against the one
//! before it and its full text. Drafts and unpublished saves never appear; an excluded
//! revision's text appears nowhere (its page answers with the notice, and a comparison
//! that names it compares the nearest revisions around it instead).

use std::sync::Arc;

use askama::Template;
use axum::extract::FromRequestParts;
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::routing::get;
use axum::Router;
use byline_domain::{Article, ArticleStatus, PublishedRevision};

use super::corrections::{history_path, CorrectionView};
use super::history_view::{compare, DiffView, FullText};
use crate::cache::key::{CacheKey, CachedRoute, KeyParam};
use crate::chrome::Chrome;
use crate::view::{paths, Meta, TimeView};
use crate::{AppError, AppState, Rendered};

/// Highest revision number a request may name.
const MAX_REVISION: i64 = 1_000_000_000;

/// A revision number in a query: a whole number from 1.
fn parse_revision(raw: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=MAX_REVISION).contains(n))
        .ok_or_else(|| AppError::bad_input("trust-history-bad-revision", &[("value", raw)]))
}

const FROM: KeyParam = KeyParam {
    name: "from",
    canonical: |raw| parse_revision(raw).map(|n| Some(n.to_string())),
};
const TO: KeyParam = KeyParam {
    name: "to",
    canonical: |raw| parse_revision(raw).map(|n| Some(n.to_string())),
};

/// The history pages, cached; the list keys on the two revisions compared.
pub(crate) const CACHED_ROUTES: &[CachedRoute] = &[
    CachedRoute {
        pattern: "/articles/{slug}/history",
        params: &[FROM, TO],
    },
    CachedRoute {
        pattern: "/articles/{slug}/history/{n}",
        params: &[],
    },
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/articles/{slug}/history", get(list))
        .route("/articles/{slug}/history/{n}", get(revision))
}

/// The two revisions a comparison names, read from the request's cache key (so the page
/// rendered is the page the key names).
struct Compared(Option<(i64, i64)>);

impl<S: Send + Sync> FromRequestParts<S> for Compared {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let key = match parts.extensions.get::<CacheKey>() {
            Some(k) => k.clone(),
            None => match crate::cache::key::for_request(&CACHED_ROUTES[0], &parts.uri) {
                crate::cache::key::Keyed::Key(k) => k,
                crate::cache::key::Keyed::Invalid(e) => return Err(e),
                crate::cache::key::Keyed::Redirect(_) => return Ok(Self(None)),
            },
        };
        let number = |name| key.param(name).map(parse_revision).transpose();
        match (number("from")?, number("to")?) {
            (Some(a), Some(b)) => Ok(Self(Some((a, b)))),
            (None, None) => Ok(Self(None)),
            _ => Err(AppError::bad_input("trust-history-two-revisions", &[])),
        }
    }
}

/// The published article with this slug, as its page would find it.
async fn published(app: &AppState, slug: &str) -> Result<Article, AppError> {
    let article = app.store.article(slug).await?.ok_or(AppError::NotFound)?;
    if article.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    match article.status {
        ArticleStatus::Published => Ok(article),
        ArticleStatus::Unpublished => Err(AppError::Gone),
        ArticleStatus::Draft | ArticleStatus::Scheduled => Err(AppError::NotFound),
    }
}

/// One row of the history table.
struct RevisionRow {
    version: i64,
    url: String,
    published: TimeView,
    update_note: String,
    corrections: Vec<CorrectionView>,
    /// "Excluded on D: reason", when excluded.
    excluded: Option<String>,
}

#[derive(Template)]
#[template(path = "trust/history.html")]
struct HistoryTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    headline: String,
    article_url: String,
    path: String,
    rows: Vec<RevisionRow>,
    /// Revisions that may be compared (not excluded), newest first.
    choices: Vec<i64>,
    from: i64,
    to: i64,
    diff: Option<DiffView>,
    /// Why the comparison differs from the one asked for (an excluded revision).
    notices: Vec<String>,
}

#[derive(Template)]
#[template(path = "trust/revision.html")]
struct RevisionTemplate {
    chrome: Arc<Chrome>,
    meta: Meta,
    headline: String,
    article_url: String,
    history_url: String,
    version: i64,
    published: TimeView,
    update_note: String,
    corrections: Vec<CorrectionView>,
    /// Set for an excluded revision: the notice, and no text.
    excluded: Option<String>,
    diff: Option<DiffView>,
    previous: Option<i64>,
    text: Option<FullText>,
}

/// The notice that a revision was excluded.
fn exclusion_notice(r: &PublishedRevision, chrome: &Chrome) -> Option<String> {
    r.exclusion.as_ref().map(|x| {
        let lang = chrome.lang;
        lang.t_args(
            "trust-history-excluded",
            &[
                ("version", r.version.into()),
                (
                    "date",
                    TimeView::in_lang(x.created_at, chrome.tz, lang)
                        .display
                        .as_str()
                        .into(),
                ),
                ("reason", x.reason.as_str().into()),
            ],
        )
    })
}

fn is_public(revisions: &[PublishedRevision], version: i64) -> bool {
    revisions
        .iter()
        .any(|r| r.version == version && r.exclusion.is_none())
}

/// The nearest comparable revision to `version`: itself, else the closest earlier one
/// (`earlier`) or later one.
fn around(revisions: &[PublishedRevision], version: i64, earlier: bool) -> Option<i64> {
    let public = revisions
        .iter()
        .filter(|r| r.exclusion.is_none())
        .map(|r| r.version);
    if earlier {
        public.filter(|v| *v <= version).max()
    } else {
        public.filter(|v| *v >= version).min()
    }
}

async fn diff_of(
    app: &AppState,
    article: &Article,
    from: i64,
    to: i64,
    lang: byline_i18n::Lang,
) -> Result<Option<DiffView>, AppError> {
    let a = app.store.public_revision_draft(article.id, from).await?;
    let b = app.store.public_revision_draft(article.id, to).await?;
    Ok(match (a, b) {
        (Some(a), Some(b)) => Some(compare((from, &a), (to, &b), lang)),
        _ => None,
    })
}

async fn rows(
    app: &AppState,
    chrome: &Chrome,
    article: &Article,
    revisions: &[PublishedRevision],
) -> Result<Vec<RevisionRow>, AppError> {
    let corrections = app.store.article_corrections(article.id).await?;
    Ok(revisions
        .iter()
        .rev()
        .map(|r| RevisionRow {
            version: r.version,
            url: history_path(&article.slug, r.version),
            published: TimeView::in_lang(r.published_at, chrome.tz, chrome.lang),
            update_note: r.update_note.clone(),
            corrections: corrections
                .iter()
                .filter(|c| c.version == r.version)
                .map(|c| CorrectionView::new(c, &article.slug, chrome.tz, chrome.lang))
                .collect(),
            excluded: exclusion_notice(r, chrome),
        })
        .collect())
}

fn meta(app: &AppState, chrome: &Chrome, title: String, path: &str) -> Meta {
    Meta {
        description: title.clone(),
        title: format!("{title} | {}", chrome.site.name),
        canonical: app.absolute(path),
        og_type: "website",
        ..Meta::default()
    }
}

async fn list(
    State(app): State<AppState>,
    Path(slug): Path<String>,
    Compared(asked): Compared,
) -> Result<Rendered, AppError> {
    let article = published(&app, &slug).await?;
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let revisions = app.store.published_revisions(article.id).await?;
    let latest = around(&revisions, i64::MAX, true);
    let mut notices = Vec::new();
    let (mut from, mut to) = (0, 0);
    let mut diff = None;
    if let Some((a, b)) = asked {
        for v in [a, b] {
            if !revisions.iter().any(|r| r.version == v) {
                return Err(AppError::NotFound);
            }
        }
        let (lo, hi) = (a.min(b), a.max(b));
        let (f, t) = (around(&revisions, lo, true), around(&revisions, hi, false));
        for (v, chosen) in [(lo, f), (hi, t)] {
            if !is_public(&revisions, v) {
                notices.push(match chosen {
                    Some(c) => lang.t_args(
                        "trust-history-compared-around",
                        &[("version", v.into()), ("instead", c.into())],
                    ),
                    None => lang.t_args("trust-history-nothing-around", &[("version", v.into())]),
                });
            }
        }
        if let (Some(f), Some(t)) = (f, t) {
            (from, to) = (f, t);
            diff = diff_of(&app, &article, f, t, lang).await?;
        }
    }
    if from == 0 {
        // The form starts on the last two public revisions.
        to = latest.unwrap_or(0);
        from = around(&revisions, to - 1, true).unwrap_or(to);
    }
    let path = format!("{}/history", paths::article(&slug));
    let title = lang.t_s("trust-history-title", "headline", &article.headline);
    let html = HistoryTemplate {
        meta: meta(&app, &chrome, title, &path),
        headline: article.headline.clone(),
        article_url: paths::article(&slug),
        path,
        rows: rows(&app, &chrome, &article, &revisions).await?,
        choices: revisions
            .iter()
            .rev()
            .filter(|r| r.exclusion.is_none())
            .map(|r| r.version)
            .collect(),
        from,
        to,
        diff,
        notices,
        chrome,
    }
    .render()?;
    Ok(Rendered::html(html, vec![format!("article:{slug}")]).language(lang))
}

async fn revision(
    State(app): State<AppState>,
    Path((slug, n)): Path<(String, String)>,
) -> Result<Rendered, AppError> {
    // Not a revision number: no such page.
    let version = n
        .parse::<i64>()
        .ok()
        .filter(|n| (1..=MAX_REVISION).contains(n))
        .ok_or(AppError::NotFound)?;
    let article = published(&app, &slug).await?;
    let chrome = app.chrome.get(app.store.as_ref()).await?;
    let lang = chrome.lang;
    let revisions = app.store.published_revisions(article.id).await?;
    let this = revisions
        .iter()
        .find(|r| r.version == version)
        .ok_or(AppError::NotFound)?;
    let excluded = exclusion_notice(this, &chrome);
    let corrections = app
        .store
        .article_corrections(article.id)
        .await?
        .iter()
        .filter(|c| c.version == version)
        .map(|c| CorrectionView::new(c, &slug, chrome.tz, lang))
        .collect();
    let (mut diff, mut previous, mut text) = (None, None, None);
    if excluded.is_none() {
        previous = around(&revisions, version - 1, true);
        if let Some(p) = previous {
            diff = diff_of(&app, &article, p, version, lang).await?;
        }
        text = app
            .store
            .public_revision_draft(article.id, version)
            .await?
            .map(|d| FullText::new(&d));
    }
    let path = history_path(&slug, version);
    let title = lang.t_args(
        "trust-revision-title",
        &[
            ("version", version.into()),
            ("headline", article.headline.as_str().into()),
        ],
    );
    let html = RevisionTemplate {
        meta: meta(&app, &chrome, title, &path),
        headline: article.headline.clone(),
        article_url: paths::article(&slug),
        history_url: format!("{}/history", paths::article(&slug)),
        version,
        published: TimeView::in_lang(this.published_at, chrome.tz, lang),
        update_note: this.update_note.clone(),
        corrections,
        excluded,
        diff,
        previous,
        text,
        chrome,
    }
    .render()?;
    Ok(Rendered::html(html, vec![format!("article:{slug}")]).language(lang))
}
