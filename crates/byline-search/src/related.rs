//! Related articles: more-like-this over body, tags and people, within one edition.
//!
//! The source text is analysed by the same pipelines as the index (query-side analysers with
//! a shared word memo), its terms weighed by tf × idf, and the best [`MAX_QUERY_TERMS`] of
//! them become a pure disjunction of term queries, so tantivy can prune it with block-WAND
//! while the top articles are collected. The filters (same edition, published, not the
//! source itself, not deleted) are checked on fast fields for each candidate that would
//! enter the top list, instead of being intersected with the whole disjunction.

use crate::analysis::Pipeline;
use crate::error::SearchError;
use crate::index::SearchIndex;
use crate::schema::slot;
use rustc_hash::FxHashMap;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::tokenizer::{TokenStream, Tokenizer};
use tantivy::{DocAddress, DocId, Score, Searcher, TantivyDocument, Term};

/// Most related articles returned.
const MAX_RELATED: usize = 50;
/// Characters of a free text considered by [`SearchIndex::like_text`].
const MAX_LIKE_CHARS: usize = 20_000;
/// Characters of an article's body considered by [`SearchIndex::related`]: a story's
/// subject is in its opening; analysing a long read to the end costs more than it adds.
const MAX_SOURCE_CHARS: usize = 20_000;
/// Terms of the more-like-this disjunction.
const MAX_QUERY_TERMS: usize = 30;
/// Shortest term (in characters) worth looking for.
const MIN_TERM_CHARS: usize = 3;
/// A term in more than one article in [`COMMON_DIVISOR`] (and in more than
/// [`COMMON_FLOOR`] articles, so a small index keeps its words) says little about what an
/// article is about, and its long posting list is what the disjunction spends its time on:
/// such terms are left out of the query.
const COMMON_DIVISOR: u64 = 5;
const COMMON_FLOOR: u64 = 50;

fn io(e: std::io::Error) -> SearchError {
    SearchError::Io(e.to_string())
}

/// A term of the source text and its weight (tf × idf).
struct Weighed {
    term: Term,
    score: f32,
}

/// BM25's idf, as tantivy and Lucene compute it.
fn idf(doc_freq: u64, doc_count: u64) -> f32 {
    let x = ((doc_count - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// A collected hit and its article id, ordered by score (then by address, so the order is
/// total).
#[derive(PartialEq)]
struct Hit(Score, DocAddress, i64);
impl Eq for Hit {}
impl PartialOrd for Hit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Hit {
    // Reversed, so the binary heap's top is the worst hit kept.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .0
            .total_cmp(&self.0)
            .then_with(|| self.1.cmp(&other.1))
    }
}

impl SearchIndex {
    /// More-like-this over body, tags and people; never returns `id` itself; same edition,
    /// published only. An unknown id → no related articles.
    pub fn related(&self, id: i64, limit: usize) -> Result<Vec<i64>, SearchError> {
        let f = &self.inner.fields;
        let searcher = self.inner.reader.searcher();
        let by_id = TermQuery::new(Term::from_field_i64(f.id, id), IndexRecordOption::Basic);
        let Some((_, addr)) = searcher
            .search(&by_id, &TopDocs::with_limit(1).order_by_score())?
            .into_iter()
            .next()
        else {
            return Ok(Vec::new());
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        let str_of = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
        };
        let pipeline = Pipeline::for_language(str_of(f.language));
        let i = slot(pipeline);
        let edition = str_of(f.edition).to_string();
        let mut tf = FxHashMap::default();
        let body = str_of(f.body[i]);
        let cut = body
            .char_indices()
            .nth(MAX_SOURCE_CHARS)
            .map_or(body.len(), |(at, _)| at);
        self.count_terms(f.body[i], pipeline, &body[..cut], &mut tf);
        self.count_terms(f.head[i], pipeline, str_of(f.head[i]), &mut tf);
        for field in [f.tags, f.people] {
            for value in doc.get_all(field).filter_map(|v| v.as_str()) {
                self.count_terms(field, Pipeline::Plain, value, &mut tf);
            }
        }
        self.more_like(&searcher, tf, &edition, Some(id), limit)
    }

    /// Articles like an unsaved text (desk "Read also" suggestions), in `edition`.
    pub fn like_text(
        &self,
        text: &str,
        edition: &str,
        exclude: Option<i64>,
        limit: usize,
    ) -> Result<Vec<i64>, SearchError> {
        let text: String = text.chars().take(MAX_LIKE_CHARS).collect();
        let f = &self.inner.fields;
        let mut tf = FxHashMap::default();
        for p in Pipeline::LANGUAGES {
            self.count_terms(f.body[slot(p)], p, &text, &mut tf);
        }
        let searcher = self.inner.reader.searcher();
        self.more_like(&searcher, tf, edition, exclude, limit)
    }

    /// Adds the terms of `text` in `field` (analysed by `pipeline`) to `tf`.
    fn count_terms(
        &self,
        field: Field,
        pipeline: Pipeline,
        text: &str,
        tf: &mut FxHashMap<Term, u32>,
    ) {
        let mut analyser = self.inner.analysers[slot(pipeline)].clone();
        let mut stream = analyser.token_stream(text);
        while stream.advance() {
            let token = &stream.token().text;
            if token.chars().count() >= MIN_TERM_CHARS {
                *tf.entry(Term::from_field_text(field, token)).or_insert(0) += 1;
            }
        }
    }

    /// The best [`MAX_QUERY_TERMS`] terms of `tf` by tf × idf, best first, common ones
    /// left out.
    fn weigh(
        &self,
        searcher: &Searcher,
        tf: FxHashMap<Term, u32>,
    ) -> Result<Vec<Weighed>, SearchError> {
        let doc_count = searcher.num_docs();
        let mut doc_freq: FxHashMap<Term, u64> = FxHashMap::default();
        let mut fields: Vec<Field> = tf.keys().map(Term::field).collect();
        fields.sort_unstable();
        fields.dedup();
        for reader in searcher.segment_readers() {
            for field in &fields {
                let inverted = reader.inverted_index(*field)?;
                for term in tf.keys().filter(|t| t.field() == *field) {
                    let n = u64::from(inverted.doc_freq(term).map_err(io)?);
                    *doc_freq.entry(term.clone()).or_insert(0) += n;
                }
            }
        }
        let mut weighed: Vec<Weighed> = tf
            .into_iter()
            .filter_map(|(term, count)| {
                let df = doc_freq.get(&term).copied().unwrap_or(0);
                let common = df > COMMON_FLOOR && df > doc_count / COMMON_DIVISOR;
                (df > 0 && !common).then(|| Weighed {
                    score: count as f32 * idf(df, doc_count.max(df)),
                    term,
                })
            })
            .collect();
        let best_first = |a: &Weighed, b: &Weighed| b.score.total_cmp(&a.score);
        if weighed.len() > MAX_QUERY_TERMS {
            weighed.select_nth_unstable_by(MAX_QUERY_TERMS, best_first);
            weighed.truncate(MAX_QUERY_TERMS);
        }
        weighed.sort_by(best_first);
        Ok(weighed)
    }

    fn more_like(
        &self,
        searcher: &Searcher,
        tf: FxHashMap<Term, u32>,
        edition: &str,
        exclude: Option<i64>,
        limit: usize,
    ) -> Result<Vec<i64>, SearchError> {
        let limit = limit.clamp(1, MAX_RELATED);
        let weighed = self.weigh(searcher, tf)?;
        let Some(best) = weighed.first().map(|w| w.score) else {
            return Ok(Vec::new());
        };
        let query = BooleanQuery::new(
            weighed
                .into_iter()
                .map(|w| {
                    let term: Box<dyn Query> =
                        Box::new(TermQuery::new(w.term, IndexRecordOption::WithFreqs));
                    (
                        Occur::Should,
                        Box::new(BoostQuery::new(term, w.score / best)) as Box<dyn Query>,
                    )
                })
                .collect(),
        );
        let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
        let mut top: BinaryHeap<Hit> = BinaryHeap::with_capacity(limit + 1);
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let fast = reader.fast_fields();
            let Some(editions) = fast.str("edition")? else {
                continue;
            };
            let Some(wanted) = editions.dictionary().term_ord(edition).map_err(io)? else {
                continue;
            };
            let editions = editions.ords();
            let published = fast.u64("published")?;
            let id_of = fast.i64("id")?;
            let alive = reader.alive_bitset();
            let segment = u32::try_from(ord).unwrap_or(u32::MAX);
            let threshold = |top: &BinaryHeap<Hit>| match top.peek() {
                Some(worst) if top.len() >= limit => worst.0,
                _ => Score::MIN,
            };
            let start = threshold(&top);
            weight.for_each_pruning(start, reader, &mut |doc: DocId, score: Score| {
                let id = id_of.first(doc);
                let keep = alive.is_none_or(|a| a.is_alive(doc))
                    && editions.first(doc) == Some(wanted)
                    && published.first(doc) == Some(1)
                    && id != exclude;
                if let (true, Some(id)) = (keep, id) {
                    top.push(Hit(score, DocAddress::new(segment, doc), id));
                    if top.len() > limit {
                        top.pop();
                    }
                }
                threshold(&top)
            })?;
        }
        let mut hits = top.into_vec();
        hits.sort();
        Ok(hits.into_iter().map(|Hit(_, _, id)| id).collect())
    }
}
