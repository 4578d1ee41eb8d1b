//! Runs a search on this node's index and dresses its hits for a page or the API.

use byline_domain::ArticleSummary;
use byline_search::{SearchError, SearchQuery};

use super::params::Problem;
use crate::view::paths;
use crate::AppState;

/// One result as pages and the API show it.
pub struct ResultView {
    pub id: i64,
    pub slug: String,
    /// Site path of the article.
    pub path: String,
    pub headline: String,
    /// Escaped HTML with the matches in `<mark>`.
    pub headline_html: String,
    pub snippet_html: String,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub published: bool,
    pub section_slug: String,
    pub section_name: String,
    pub language: String,
    pub score: f32,
}

/// A page of results.
pub struct Found {
    pub total: usize,
    pub results: Vec<ResultView>,
}

/// Why a search got no answer.
pub enum Failure {
    /// The reader's request cannot be searched (4xx).
    Problem(Problem),
    /// The index is not ready or not readable (503, try again).
    Unavailable,
    /// The store failed while dressing the hits.
    Store(byline_store::StoreError),
}

/// Runs `query`; hits whose article has gone from the store meanwhile, or that `keep`
/// refuses, are left out.
pub async fn run(
    app: &AppState,
    query: SearchQuery,
    keep: impl Fn(&ArticleSummary) -> bool,
) -> Result<Found, Failure> {
    let Some(index) = app.search.index() else {
        return Err(Failure::Unavailable);
    };
    let answer = tokio::task::spawn_blocking(move || index.search(&query)).await;
    let found = match answer {
        Ok(Ok(found)) => found,
        Ok(Err(SearchError::BadQuery(problem))) => return Err(Failure::Problem((&problem).into())),
        Ok(Err(e)) => {
            tracing::error!(error = %e, "search failed");
            return Err(Failure::Unavailable);
        }
        Err(e) => {
            tracing::error!(error = %e, "search task failed");
            return Err(Failure::Unavailable);
        }
    };
    // One query dresses the whole page of hits (section, language, state for `keep`).
    let ids: Vec<i64> = found.hits.iter().map(|h| h.id).collect();
    let summaries: std::collections::HashMap<i64, ArticleSummary> = app
        .store
        .summaries_by_ids(&ids)
        .await
        .map_err(Failure::Store)?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut results = Vec::with_capacity(found.hits.len());
    for hit in found.hits {
        let Some(article) = summaries.get(&hit.id) else {
            continue;
        };
        if !keep(article) {
            continue;
        }
        results.push(ResultView {
            id: hit.id,
            path: paths::article(&hit.slug),
            slug: hit.slug,
            headline: hit.headline,
            headline_html: hit.headline_html,
            snippet_html: hit.snippet_html,
            published_at: hit.published_at,
            published: hit.published,
            section_slug: article.section.slug.clone(),
            section_name: article.section.name.clone(),
            language: article.language.clone(),
            score: hit.score,
        });
    }
    Ok(Found {
        total: found.total,
        results,
    })
}

/// What the public search may show: published, not in the bin.
pub fn is_public(article: &ArticleSummary) -> bool {
    article.status == byline_domain::ArticleStatus::Published && article.deleted_at.is_none()
}
