//! `byline reindex`: rebuilds the search index of a data directory from the database
//! (run it with the node stopped: a serving node holds the index's write lock, and
//! rebuilds its own index at start when it is missing or unreadable).

use std::path::Path;

use anyhow::Context;
use byline_search::{SearchError, SearchIndex};
use byline_store::Store;

/// Rebuilds the index in `dir` (a corrupt one is replaced); returns the articles indexed.
pub async fn reindex(store: &dyn Store, dir: &Path) -> anyhow::Result<usize> {
    let index = match SearchIndex::open(dir) {
        Err(SearchError::Corrupt(_)) => {
            std::fs::remove_dir_all(dir)
                .with_context(|| format!("cannot remove {}", dir.display()))?;
            SearchIndex::open(dir)
        }
        other => other,
    }
    .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
    byline_web::search::rebuild(store, &index).await
}
