//! The crate's error type: what went wrong, in words a caller can map to a catalog message.

/// Why a reader's query cannot be searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryProblem {
    /// Nothing (or only control characters / spaces) was typed.
    Empty,
    /// More than [`crate::query::MAX_QUERY_CHARS`] characters.
    TooLong,
    /// Only operators or punctuation: nothing to look for.
    NoTerms,
}

/// Everything that can fail in the search crate.
#[derive(thiserror::Error, Debug)]
pub enum SearchError {
    /// The reader's query cannot be searched; the variant says why (for a catalog message).
    #[error("bad query: {0:?}")]
    BadQuery(QueryProblem),
    /// The index directory holds something tantivy cannot read.
    #[error("the index is corrupt or unreadable: {0}")]
    Corrupt(String),
    /// Reading or writing the index failed.
    #[error("index i/o: {0}")]
    Io(String),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(e: tantivy::TantivyError) -> Self {
        match e {
            tantivy::TantivyError::DataCorruption(_)
            | tantivy::TantivyError::IncompatibleIndex(_)
            | tantivy::TantivyError::SchemaError(_) => SearchError::Corrupt(e.to_string()),
            other => SearchError::Io(other.to_string()),
        }
    }
}
