//! The plain data the index takes in and gives back.

use chrono::{DateTime, NaiveDate, Utc};

/// One article as the index sees it (built by the caller from the store).
#[derive(Debug, Clone)]
pub struct IndexedArticle {
    pub id: i64,
    pub slug: String,
    /// Edition code = the article's language code ("en", "uk"); the index keeps editions apart.
    pub edition: String,
    /// Language of the text ("en","uk","ru","be", other → folded only) — picks the stemmer.
    pub language: String,
    pub headline: String,
    pub standfirst: String,
    /// Plain text of the body (no Markdown/HTML).
    pub body_text: String,
    /// Section slug.
    pub section: String,
    /// Author slugs.
    pub authors: Vec<String>,
    /// Author display names (searchable).
    pub author_names: Vec<String>,
    /// Tag display names (searchable, used by related).
    pub tags: Vec<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// false for drafts/scheduled (only staff search sees them).
    pub published: bool,
}

/// The order of results.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
}

/// What a reader (or staff) asked for.
#[derive(Debug, Clone)]
pub struct SearchQuery {
    pub text: String,
    pub edition: Option<String>,
    pub language: Option<String>,
    /// Section slug.
    pub section: Option<String>,
    /// Author slug.
    pub author: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
    /// Capped at [`crate::MAX_PER_PAGE`] inside.
    pub per_page: usize,
    pub include_drafts: bool,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            edition: None,
            language: None,
            section: None,
            author: None,
            from: None,
            to: None,
            sort: Sort::Relevance,
            page: 1,
            per_page: 10,
            include_drafts: false,
        }
    }
}

impl SearchQuery {
    /// A query for `text` with default paging and no filters.
    pub fn text(text: &str) -> Self {
        SearchQuery {
            text: text.to_string(),
            ..SearchQuery::default()
        }
    }
}

/// One page of results.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// All matching documents (not only this page).
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// One matching article.
#[derive(Debug, Clone)]
pub struct Hit {
    pub id: i64,
    pub slug: String,
    pub edition: String,
    pub headline: String,
    /// HTML-escaped text with matches in <mark>…</mark>.
    pub headline_html: String,
    pub snippet_html: String,
    pub published_at: Option<DateTime<Utc>>,
    pub published: bool,
    pub score: f32,
}
