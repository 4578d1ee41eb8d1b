//! Search: the full-text index of this node (crate `byline-search`), kept in step with the
//! store from the change log ([`lifecycle`]), the reader's page `/search` ([`page`]), its
//! JSON twin `/api/search` ([`api`]) and the desk's search of drafts ([`desk`]).
//! The index is never the source of truth: it is rebuilt from the store when missing or
//! unreadable, while the search pages answer "temporarily unavailable".

pub mod api;
pub mod desk;
mod documents;
pub mod lifecycle;
pub mod page;
mod params;
mod results;

use std::path::PathBuf;
use std::sync::RwLock;

use axum::routing::get;
use axum::Router;
use byline_i18n::Lang;
use byline_search::SearchIndex;

use crate::cache::key::CachedRoute;
use crate::AppState;

pub use documents::indexed_article;
pub use lifecycle::rebuild;

/// The cache tag every search answer depends on; the index follower invalidates it after
/// each update it applies (not the change itself, which may reach the cache first).
pub const SEARCH_TAG: &str = "search";

/// The public search routes, cached; the key takes exactly the parameters the search uses.
pub(crate) const CACHED_ROUTES: &[CachedRoute] = &[
    CachedRoute {
        pattern: "/search",
        params: params::KEY_PARAMS,
    },
    CachedRoute {
        pattern: "/api/search",
        params: params::KEY_PARAMS,
    },
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/search", get(page::show))
        .route("/api/search", get(api::search))
}

/// The staff search (not cached: personal).
pub fn desk_routes() -> Router<AppState> {
    Router::new().route("/desk/search", get(desk::show))
}

/// The index's edition value for pages in `lang`: an article's edition in the index is its
/// language code (see `documents::indexed_article`).
pub fn edition_of(lang: Lang) -> String {
    lang.code().to_owned()
}

/// This node's index: absent until it is open and up to date with the store.
pub struct SearchService {
    /// Where the index lives on disk (None: in memory, rebuilt at every start).
    pub dir: Option<PathBuf>,
    ready: RwLock<Option<SearchIndex>>,
    /// Woken by the cache invalidation task whenever it sees a change (the store's own
    /// signal wakes one waiter only, and that waiter is the invalidation task).
    changed: tokio::sync::Notify,
}

impl SearchService {
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            ready: RwLock::new(None),
            changed: tokio::sync::Notify::new(),
        }
    }

    /// The index when it answers searches; None while it is opened or rebuilt.
    pub fn index(&self) -> Option<SearchIndex> {
        self.ready.read().ok().and_then(|slot| slot.clone())
    }

    /// Tells the index follower that the change log has news.
    pub(crate) fn nudge(&self) {
        self.changed.notify_one();
    }

    pub(crate) async fn nudged(&self) {
        self.changed.notified().await;
    }

    pub(crate) fn set_ready(&self, index: Option<SearchIndex>) {
        if let Ok(mut slot) = self.ready.write() {
            *slot = index;
        }
    }
}

/// Marks a 503 that says the search index is not ready yet (the store is fine).
#[derive(Debug, Clone, Copy)]
pub(crate) struct IndexNotReady;

/// Articles related to `article_id` for the article page: the editors' pinned ones first,
/// then the index's more-like-this when it is ready, else (or when it finds none) the
/// store's tag overlap; never an excluded one.
pub(crate) async fn related_articles(
    app: &AppState,
    article_id: i64,
    limit: usize,
) -> Result<Vec<byline_domain::ArticleSummary>, byline_store::StoreError> {
    let choices = app.store.related_choices(article_id).await?;
    let mut related = Vec::with_capacity(limit);
    for (id, _, pinned) in &choices {
        if *pinned && related.len() < limit {
            if let Some(article) = app.store.article_by_id(*id).await? {
                if results::is_public(&article) {
                    related.push(article.summary);
                }
            }
        }
    }
    let chosen = |id: i64| choices.iter().any(|(c, _, _)| *c == id);
    // Ask for enough to fill the list after the choices are taken out.
    let wanted = limit + choices.len();
    let mut suggested = Vec::new();
    if let Some(index) = app.search.index() {
        let found = tokio::task::spawn_blocking(move || index.related(article_id, wanted)).await;
        match found {
            Ok(Ok(ids)) => {
                let ids: Vec<i64> = ids.into_iter().filter(|id| !chosen(*id)).collect();
                suggested = public_in_order(app, &ids).await?;
            }
            Ok(Err(e)) => tracing::warn!(error = %e, "related articles from the index failed"),
            Err(e) => tracing::warn!(error = %e, "related articles task failed"),
        }
    }
    if suggested.is_empty() {
        suggested = app
            .store
            .related_articles(article_id, wanted as i64)
            .await?
            .into_iter()
            .filter(|a| !chosen(a.id))
            .collect();
    }
    let room = limit.saturating_sub(related.len());
    related.extend(suggested.into_iter().take(room));
    Ok(related)
}

/// Characters of a draft considered for "Read also" suggestions (the index caps it too).
const SUGGEST_CHARS: usize = 20_000;

/// "Read also" suggestions for a text being written in edition `edition`: published
/// articles like it (more-like-this over the text), never `exclude` (the article itself)
/// nor one the text already carries as a `[[read-also:…]]` card. Empty while the index is
/// not ready or for a text too short to say what it is about.
pub(crate) async fn read_also_suggestions(
    app: &AppState,
    text: &str,
    edition: &str,
    exclude: Option<i64>,
    limit: usize,
) -> Result<Vec<byline_domain::ArticleSummary>, byline_store::StoreError> {
    let plain = byline_domain::markdown::plain_text(text);
    if plain.split_whitespace().count() < 5 {
        return Ok(Vec::new());
    }
    let Some(index) = app.search.index() else {
        return Ok(Vec::new());
    };
    let carried = byline_domain::markdown::read_also_targets(text);
    let plain: String = plain.chars().take(SUGGEST_CHARS).collect();
    let edition = edition.to_owned();
    let wanted = limit + carried.len();
    let found =
        tokio::task::spawn_blocking(move || index.like_text(&plain, &edition, exclude, wanted))
            .await;
    let ids = match found {
        Ok(Ok(ids)) => ids,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "read-also suggestions from the index failed");
            return Ok(Vec::new());
        }
        Err(e) => {
            tracing::warn!(error = %e, "read-also suggestions task failed");
            return Ok(Vec::new());
        }
    };
    let mut out = public_in_order(app, &ids).await?;
    out.retain(|a| !carried.contains(&a.slug));
    out.truncate(limit);
    Ok(out)
}

/// The public articles among `ids`, in the order of `ids`, read in one query.
async fn public_in_order(
    app: &AppState,
    ids: &[i64],
) -> Result<Vec<byline_domain::ArticleSummary>, byline_store::StoreError> {
    let mut by_id: std::collections::HashMap<i64, byline_domain::ArticleSummary> = app
        .store
        .summaries_by_ids(ids)
        .await?
        .into_iter()
        .filter(results::is_public)
        .map(|a| (a.id, a))
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}
