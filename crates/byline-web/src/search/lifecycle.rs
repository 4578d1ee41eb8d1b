//! The index's life on one node: opened at start (a missing, unreadable or empty index is
//! rebuilt from the store in the background while searches answer 503), then kept in step
//! by following the change log itself. The position in the log is stored with each index
//! commit as its cursor, so a restart resumes where it stopped; applying a change twice
//! is harmless (an upsert by id).

use std::collections::BTreeSet;

use byline_search::{SearchError, SearchIndex};
use byline_store::Store;

use super::documents::{all_articles, indexed_article};
use crate::AppState;

/// Changes read from the log at once (the store's page size).
const LOG_PAGE: usize = 1000;

/// Starts the background task that opens (or rebuilds) the index and then follows the log.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let index = loop {
            match open(&state).await {
                Ok(index) => break index,
                Err(e) => {
                    tracing::error!(error = %e, "search index unavailable; retrying");
                    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
                }
            }
        };
        state.search.set_ready(Some(index.clone()));
        state.invalidate(&[super::SEARCH_TAG.to_owned()]);
        follow(&state, &index).await;
    })
}

/// Opens the index of this node, rebuilding it when it is missing, corrupt or empty.
async fn open(state: &AppState) -> anyhow::Result<SearchIndex> {
    let dir = state.search.dir.clone();
    let index = blocking(move || match &dir {
        None => SearchIndex::in_memory(),
        Some(dir) => match SearchIndex::open(dir) {
            Err(SearchError::Corrupt(why)) => {
                tracing::warn!(%why, dir = %dir.display(), "search index unreadable; rebuilding");
                std::fs::remove_dir_all(dir).map_err(|e| SearchError::Io(e.to_string()))?;
                SearchIndex::open(dir)
            }
            other => other,
        },
    })
    .await?;
    if index.cursor().is_none() || index.doc_count() == 0 {
        let count = rebuild(state.store.as_ref(), &index).await?;
        tracing::info!(count, "search index rebuilt");
    }
    Ok(index)
}

/// Indexes every article of the store afresh and records the log position it is up to
/// date with (read first, so nothing written meanwhile is missed). Returns the count.
pub async fn rebuild(store: &dyn Store, index: &SearchIndex) -> anyhow::Result<usize> {
    let cursor = store.latest_change_id().await?;
    let docs = all_articles(store).await?;
    let index = index.clone();
    blocking(move || {
        let count = index.replace_all(docs)?;
        index.upsert_at(Vec::new(), &[], &cursor.to_string())?;
        Ok(count)
    })
    .await
}

/// Follows the change log for ever: on every poll tick and whenever the invalidation task
/// has seen a change, re-reads the
/// articles the new changes name and updates the index.
async fn follow(state: &AppState, index: &SearchIndex) {
    let mut tick = tokio::time::interval(state.config.change_poll);
    loop {
        tokio::select! {
            () = state.search.nudged() => {}
            _ = tick.tick() => {}
        }
        loop {
            match catch_up(state, index).await {
                Ok(more) if more => continue,
                Ok(_) => break,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot bring the search index up to date");
                    break;
                }
            }
        }
    }
}

/// Applies one page of the log after the index's cursor; true when more pages follow.
async fn catch_up(state: &AppState, index: &SearchIndex) -> anyhow::Result<bool> {
    let after = index
        .cursor()
        .and_then(|c| c.parse::<i64>().ok())
        .unwrap_or(0);
    let changes = state.store.changes_since(after).await?;
    let Some(last) = changes.iter().map(|c| c.id).max() else {
        return Ok(false);
    };
    let slugs: BTreeSet<&str> = changes
        .iter()
        .flat_map(|c| c.tags.iter())
        .filter_map(|t| t.strip_prefix("article:"))
        .collect();
    let mut docs = Vec::new();
    let mut removed = Vec::new();
    for slug in slugs {
        if let Some(article) = state.store.article(slug).await? {
            match indexed_article(&article) {
                Some(doc) => docs.push(doc),
                None => removed.push(article.id),
            }
        }
    }
    let touched = !docs.is_empty() || !removed.is_empty();
    let index_now = index.clone();
    blocking(move || index_now.upsert_at(docs, &removed, &last.to_string())).await?;
    if touched {
        state.invalidate(&[super::SEARCH_TAG.to_owned()]);
    }
    Ok(changes.len() >= LOG_PAGE)
}

/// Runs index work (disk and CPU) off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, SearchError> + Send + 'static,
) -> anyhow::Result<T> {
    Ok(tokio::task::spawn_blocking(work).await??)
}
