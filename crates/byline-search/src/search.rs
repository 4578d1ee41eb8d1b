//! [`SearchIndex::search`]: run a reader's query, page it, and highlight the hits.

use crate::analysis::Pipeline;
use crate::build_query::{build, highlight_terms};
use crate::error::SearchError;
use crate::index::SearchIndex;
use crate::model::{Hit, SearchQuery, SearchResults, Sort};
use crate::query::{parse, ParsedQuery};
use crate::schema::slot;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
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
/// How much of a body is searched for the snippet's passage (a long read's matches further
/// down are found by the query but the snippet shows its opening).
const SNIPPET_SCAN_BYTES: usize = 16 * 1024;
/// An exact query with fewer hits than this is run again with one-typo matching.
pub const FUZZY_BELOW: usize = 10;

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

/// `text` escaped, with the words whose analysed form is one of `terms` in <mark>;
/// `highlighter` emits each word's stemmed and folded forms at the word's offsets.
fn mark_all(
    text: &str,
    terms: &BTreeMap<String, f32>,
    highlighter: &tantivy::tokenizer::TextAnalyzer,
) -> String {
    let mut out = String::new();
    let mut last = 0;
    let mut analyser = highlighter.clone();
    let mut stream = analyser.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        if token.offset_from < last || !terms.contains_key(&token.text) {
            continue;
        }
        out.push_str(&escape_html(&text[last..token.offset_from]));
        out.push_str("<mark>");
        out.push_str(&escape_html(&text[token.offset_from..token.offset_to]));
        out.push_str("</mark>");
        last = token.offset_to;
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

/// Snippet makers for one results page: per language pipeline, the terms to mark and a
/// generator, made on first use and shared by that page's hits.
struct Snippets<'q> {
    parsed: &'q ParsedQuery,
    highlighters: &'q [tantivy::tokenizer::TextAnalyzer; 4],
    made: Vec<(Pipeline, BTreeMap<String, f32>, SnippetGenerator)>,
}

impl<'q> Snippets<'q> {
    fn new(
        parsed: &'q ParsedQuery,
        highlighters: &'q [tantivy::tokenizer::TextAnalyzer; 4],
    ) -> Self {
        Snippets {
            parsed,
            highlighters,
            made: Vec::new(),
        }
    }

    fn made(&mut self, pipeline: Pipeline) -> &(Pipeline, BTreeMap<String, f32>, SnippetGenerator) {
        let at = match self.made.iter().position(|(p, _, _)| *p == pipeline) {
            Some(at) => at,
            None => {
                let terms = highlight_terms(self.parsed, pipeline);
                let field = tantivy::schema::Field::from_field_id(0);
                let highlighter = self.highlighters[slot(pipeline)].clone();
                let mut generator =
                    SnippetGenerator::new(terms.clone(), highlighter, field, SNIPPET_CHARS);
                generator.set_max_num_chars(SNIPPET_CHARS);
                self.made.push((pipeline, terms, generator));
                self.made.len() - 1
            }
        };
        &self.made[at]
    }

    /// `headline` escaped with its matches marked.
    fn headline(&mut self, headline: &str, pipeline: Pipeline) -> String {
        let highlighter = &self.highlighters[slot(pipeline)];
        let (_, terms, _) = self.made(pipeline);
        mark_all(headline, terms, highlighter)
    }

    /// The best passage of `body` with its matches marked, or its opening when none match
    /// in the first [`SNIPPET_SCAN_BYTES`].
    fn snippet(&mut self, body: &str, pipeline: Pipeline) -> String {
        let scanned = &body[..floor_char_boundary(body, SNIPPET_SCAN_BYTES)];
        let mut s = self.made(pipeline).2.snippet(scanned);
        if s.highlighted().is_empty() {
            let start: String = body.trim_start().chars().take(SNIPPET_CHARS).collect();
            return escape_html(start.trim_end());
        }
        s.set_snippet_prefix_postfix("<mark>", "</mark>");
        s.to_html()
    }
}

/// The largest char boundary of `s` at or below `at`.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|i| s.is_char_boundary(*i)).unwrap_or(0)
}

impl SearchIndex {
    /// Runs a reader's (or staff) query; bad input → `SearchError::BadQuery`.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, SearchError> {
        let parsed = parse(&q.text).map_err(SearchError::BadQuery)?;
        let f = &self.inner.fields;
        let searcher = self.inner.reader.searcher();
        let per_page = q.per_page.clamp(1, MAX_PER_PAGE);
        let offset = (q.page.max(1) - 1).saturating_mul(per_page);
        let limit = per_page.min(MAX_DEPTH.saturating_sub(offset)).max(1);
        let offset = offset.min(MAX_DEPTH);
        let run = |fuzzy: bool| -> Result<(usize, Vec<(f32, DocAddress)>), SearchError> {
            let query = build(f, &parsed, q, fuzzy)
                .ok_or(SearchError::BadQuery(crate::error::QueryProblem::NoTerms))?;
            let top = TopDocs::with_limit(limit).and_offset(offset);
            Ok(match q.sort {
                Sort::Relevance => searcher.search(&query, &(Count, top.order_by_score()))?,
                Sort::Newest => {
                    let by_date = top.order_by_fast_field::<i64>("sort_ts", Order::Desc);
                    let (total, found) = searcher.search(&query, &(Count, by_date))?;
                    (total, found.into_iter().map(|(_, a)| (0.0, a)).collect())
                }
            })
        };
        let (mut total, mut found) = run(false)?;
        if total < FUZZY_BELOW && parsed.may_be_fuzzy() {
            (total, found) = run(true)?;
        }
        if offset >= MAX_DEPTH {
            found.clear();
        }
        let mut snippets = Snippets::new(&parsed, &self.inner.highlighters);
        let hits = found
            .into_iter()
            .map(|(score, addr)| self.hit(&searcher, addr, score, &mut snippets))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SearchResults { total, hits })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        score: f32,
        snippets: &mut Snippets<'_>,
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
            headline_html: snippets.headline(&headline, pipeline),
            snippet_html: snippets.snippet(&body, pipeline),
            headline,
            published_at,
            published: doc.get_first(f.published).and_then(|v| v.as_u64()) == Some(1),
            score,
        })
    }
}
