//! Articles as the index sees them: built from the store, one batch at a time.

use byline_domain::{markdown, Article, ArticleStatus};
use byline_search::IndexedArticle;
use byline_store::{Store, StoreResult};

/// Articles read per batch while rebuilding.
const BATCH: i64 = 200;

/// The index document of `article`, or None when it must not be in the index (in the bin).
/// Drafts, scheduled and unpublished articles are kept, marked unpublished, for the desk.
pub fn indexed_article(article: &Article) -> Option<IndexedArticle> {
    if article.deleted_at.is_some() {
        return None;
    }
    Some(IndexedArticle {
        id: article.id,
        slug: article.slug.clone(),
        edition: article.language.clone(),
        language: article.language.clone(),
        headline: article.headline.clone(),
        standfirst: article.standfirst.clone(),
        body_text: markdown::plain_text(&article.body_markdown),
        section: article.section.slug.clone(),
        authors: article.authors.iter().map(|a| a.slug.clone()).collect(),
        author_names: article.authors.iter().map(|a| a.name.clone()).collect(),
        tags: article.tags.iter().map(|t| t.name.clone()).collect(),
        published_at: article.published_at,
        updated_at: article.updated_at,
        published: article.status == ArticleStatus::Published,
    })
}

/// Every article not in the bin, read by id in batches of [`BATCH`].
pub(crate) async fn all_articles(store: &dyn Store) -> StoreResult<Vec<IndexedArticle>> {
    let mut docs = Vec::new();
    let mut after = 0;
    loop {
        let batch = store.articles_for_index(after, BATCH).await?;
        let Some(last) = batch.last() else {
            return Ok(docs);
        };
        after = last.id;
        docs.extend(batch.iter().filter_map(indexed_article));
    }
}
