//! [`SearchIndex::search`]: run a reader's query, page it, and highlight the hits.

use crate::analysis::{self, Pipeline};
use crate::build_query::{build, highlight_terms};
use crate::error::SearchError;
use crate::index::SearchIndex;
use crate::model::{Hit, SearchQuery, SearchResults, Sort};
use crate::query::{parse, ParsedQuery};
use crate::schema::slot;
use chrono::{DateTime, Utc};
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

/// Most hits on one page.
pub const MAX_PER_PAGE: usize = 50;
/// Deepest result reachable by paging (page × per_page).
pub const MAX_DEPTH: usize = 1000;
/// Length of a body snippet, in characters.
const SNIPPET_CHARS: usize = 220;

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// `text` escaped, with the words whose analysed form is a query term in <mark>.
fn mark_all(text: &str, parsed: &ParsedQuery, pipeline: Pipeline) -> String {
    let terms = highlight_terms(parsed, pipeline);
    let mut out = String::new();
    let mut last = 0;
    for (from, to) in analysis::words::word_spans(text) {
        let word = &text[from..to];
        let hit = [pipeline, Pipeline::Fold]
            .iter()
            .any(|p| terms.contains_key(&p.analyse_word(word)));
        if hit {
            out.push_str(&escape_html(&text[last..from]));
            out.push_str("<mark>");
            out.push_str(&escape_html(word));
            out.push_str("</mark>");
            last = to;
        }
    }
    out.push_str(&escape_html(&text[last..]));
    out
}

fn text_of(doc: &TantivyDocument, field: tantivy::schema::Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

fn snippet(body: &str, parsed: &ParsedQuery, pipeline: Pipeline) -> String {
    let terms = highlight_terms(parsed, pipeline);
    let field = tantivy::schema::Field::from_field_id(0);
    let mut generator =
        SnippetGenerator::new(terms, analysis::highlighter(pipeline), field, SNIPPET_CHARS);
    generator.set_max_num_chars(SNIPPET_CHARS);
    let mut s = generator.snippet(body);
    if s.highlighted().is_empty() {
        let start: String = body.trim_start().chars().take(SNIPPET_CHARS).collect();
        return escape_html(start.trim_end());
    }
    s.set_snippet_prefix_postfix("<mark>", "</mark>");
    s.to_html()
}

impl SearchIndex {
    /// Runs a reader's (or staff) query; bad input → `SearchError::BadQuery`.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let parsed = parse(&q.text).map_err(SearchError::BadQuery)?;
        let f = &self.inner.fields;
        let query = build(f, &parsed, q)
            .ok_or(SearchError::BadQuery(crate::error::QueryProblem::NoTerms))?;
        let per_page = q.per_page.clamp(1, MAX_PER_PAGE);
        let page = q.page.max(1);
        let offset = (page - 1).saturating_mul(per_page);
        let searcher = self.inner.reader.searcher();
        let total = searcher.search(&query, &Count)?;
        if offset >= MAX_DEPTH {
            return Ok(SearchResults {
                total,
                hits: Vec::new(),
            });
        }
        let limit = per_page.min(MAX_DEPTH - offset);
        let top = TopDocs::with_limit(limit).and_offset(offset);
        let found: Vec<(f32, DocAddress)> = match q.sort {
            Sort::Relevance => searcher.search(&query, &top.order_by_score())?,
            Sort::Newest => searcher
                .search(
                    &query,
                    &top.order_by_fast_field::<i64>("sort_ts", Order::Desc),
                )?
                .into_iter()
                .map(|(_, a)| (0.0, a))
                .collect(),
        };
        let hits = found
            .into_iter()
            .map(|(score, addr)| self.hit(&searcher, addr, score, &parsed))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SearchResults { total, hits })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: f32,
        parsed: &ParsedQuery,
    ) -> Result<Hit, SearchError> {
        let f = &self.inner.fields;
        let doc: TantivyDocument = searcher.doc(addr)?;
        let pipeline = Pipeline::for_language(&text_of(&doc, f.language));
        let headline = text_of(&doc, f.headline);
        let body = text_of(&doc, f.body[slot(pipeline)]);
        let published_at = doc
            .get_first(f.published_at)
            .and_then(|v| v.as_i64())
            .and_then(|t| DateTime::<Utc>::from_timestamp(t, 0));
        Ok(Hit {
            id: doc
                .get_first(f.id)
                .and_then(|v| v.as_i64())
                .unwrap_or_default(),
            slug: text_of(&doc, f.slug),
            edition: text_of(&doc, f.edition),
            headline_html: mark_all(&headline, parsed, pipeline),
            snippet_html: snippet(&body, parsed, pipeline),
            headline,
            published_at,
            published: doc.get_first(f.published).and_then(|v| v.as_u64()) == Some(1),
            score,
        })
    }
}
