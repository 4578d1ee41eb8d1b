//! The search's query parameters: how each enters the cache key (normalised and bounded,
//! never refused there, so the HTML page and the JSON answer each word their own error),
//! and how the handlers read them back from the key into a [`SearchQuery`].

use byline_search::{QueryProblem, SearchQuery, Sort};
use chrono::NaiveDate;

use crate::cache::key::{CacheKey, KeyParam};

/// Results per page.
pub(crate) const PER_PAGE: usize = 10;
/// Longest query the index accepts, in characters.
const MAX_QUERY: usize = 300;

/// The parameters of `/search` and `/api/search`, in key order.
pub(crate) const KEY_PARAMS: &[KeyParam] = &[
    KeyParam {
        name: "q",
        canonical: |raw| Ok(normalise_query(raw)),
    },
    KeyParam {
        name: "section",
        canonical: |raw| Ok(bounded(raw, 100)),
    },
    KeyParam {
        name: "author",
        canonical: |raw| Ok(bounded(raw, 100)),
    },
    KeyParam {
        name: "from",
        canonical: |raw| Ok(bounded(raw, 20)),
    },
    KeyParam {
        name: "to",
        canonical: |raw| Ok(bounded(raw, 20)),
    },
    KeyParam {
        name: "lang",
        canonical: |raw| Ok(bounded(raw, 12)),
    },
    KeyParam {
        name: "sort",
        canonical: |raw| Ok(bounded(raw, 20).filter(|s| s != "relevance")),
    },
    KeyParam {
        name: "page",
        canonical: |raw| Ok(bounded(raw, 12).filter(|p| p != "1")),
    },
];

/// A filter: trimmed, lower-case, cut one character past `max` (the handler validates it).
fn bounded(raw: &str, max: usize) -> Option<String> {
    let value: String = raw.trim().to_lowercase().chars().take(max + 1).collect();
    (!value.is_empty()).then_some(value)
}

/// Trimmed, control characters dropped, runs of white space made one space, cut one
/// character past the limit (so a longer query is still reported as too long).
pub(crate) fn normalise_query(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let joined: String = words
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_QUERY + 1)
        .collect();
    (!joined.is_empty()).then_some(joined)
}

/// Why a request cannot be searched: a stable code for the API and a catalog key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Empty,
    TooLong,
    NoTerms,
    BadDate,
    BadSort,
    BadPage,
    BadLanguage,
}

impl Problem {
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "empty_query",
            Self::TooLong => "query_too_long",
            Self::NoTerms => "no_search_terms",
            Self::BadDate => "bad_date",
            Self::BadSort => "bad_sort",
            Self::BadPage => "bad_page",
            Self::BadLanguage => "bad_language",
        }
    }

    /// The catalog key of the sentence explaining it.
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Empty => "search-problem-empty",
            Self::TooLong => "search-problem-too-long",
            Self::NoTerms => "search-problem-no-terms",
            Self::BadDate => "search-problem-bad-date",
            Self::BadSort => "search-problem-bad-sort",
            Self::BadPage => "search-problem-bad-page",
            Self::BadLanguage => "search-problem-bad-language",
        }
    }
}

impl From<&QueryProblem> for Problem {
    fn from(p: &QueryProblem) -> Self {
        match p {
            QueryProblem::Empty => Self::Empty,
            QueryProblem::TooLong => Self::TooLong,
            _ => Self::NoTerms,
        }
    }
}

/// The filters a request asked for, as given (for the form and the page links).
#[derive(Debug, Clone, Default)]
pub struct Asked {
    pub q: String,
    pub section: String,
    pub author: String,
    pub from: String,
    pub to: String,
    pub lang: String,
    pub newest: bool,
    pub page: usize,
}

impl Asked {
    pub fn from_key(key: &CacheKey) -> Self {
        let get = |name| key.param(name).unwrap_or_default().to_owned();
        Self {
            q: get("q"),
            section: get("section"),
            author: get("author"),
            from: get("from"),
            to: get("to"),
            lang: get("lang"),
            newest: key.param("sort") == Some("newest"),
            page: key.param("page").and_then(|p| p.parse().ok()).unwrap_or(1),
        }
    }

    /// The query string of these filters at `page` (for pagination links).
    pub fn query_string(&self, page: usize) -> String {
        let mut pairs = form_urlencoded::Serializer::new(String::new());
        pairs.append_pair("q", &self.q);
        for (name, value) in [
            ("section", &self.section),
            ("author", &self.author),
            ("from", &self.from),
            ("to", &self.to),
            ("lang", &self.lang),
        ] {
            if !value.is_empty() {
                pairs.append_pair(name, value);
            }
        }
        if self.newest {
            pairs.append_pair("sort", "newest");
        }
        if page > 1 {
            pairs.append_pair("page", &page.to_string());
        }
        pairs.finish()
    }
}

/// The search a request's key asks for in `edition` (`None`: every edition, as the desk
/// searches), or why it cannot be run.
pub fn query_of(
    key: &CacheKey,
    edition: Option<String>,
    drafts: bool,
) -> Result<SearchQuery, Problem> {
    let q = key.param("q").unwrap_or_default();
    if q.is_empty() {
        return Err(Problem::Empty);
    }
    if q.chars().count() > MAX_QUERY {
        return Err(Problem::TooLong);
    }
    let date = |name| {
        key.param(name)
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| Problem::BadDate))
            .transpose()
    };
    let sort = match key.param("sort") {
        None => Sort::Relevance,
        Some("newest") => Sort::Newest,
        Some(_) => return Err(Problem::BadSort),
    };
    let page = match key.param("page") {
        None => 1,
        Some(p) => p
            .parse::<usize>()
            .ok()
            .filter(|p| (1..=1000).contains(p))
            .ok_or(Problem::BadPage)?,
    };
    let language = key.param("lang").map(str::to_owned);
    if language
        .as_deref()
        .is_some_and(|l| l.len() > 8 || !l.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
    {
        return Err(Problem::BadLanguage);
    }
    Ok(SearchQuery {
        text: q.to_owned(),
        edition,
        language,
        section: key.param("section").map(str::to_owned),
        author: key.param("author").map(str::to_owned),
        from: date("from")?,
        to: date("to")?,
        sort,
        page,
        per_page: PER_PAGE,
        include_drafts: drafts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_trimmed_and_bounded_in_the_key() {
        assert_eq!(normalise_query("  a \t b\u{7}  ").as_deref(), Some("a b"));
        assert_eq!(normalise_query(" \n "), None);
        let long = "я".repeat(5000);
        assert_eq!(normalise_query(&long).map(|q| q.chars().count()), Some(301));
    }

    #[test]
    fn odd_filters_are_refused_by_the_handler_not_the_key() {
        assert_eq!(bounded(" News ", 100).as_deref(), Some("news"));
        assert_eq!(bounded(&"x".repeat(500), 20).map(|s| s.len()), Some(21));
    }
}
