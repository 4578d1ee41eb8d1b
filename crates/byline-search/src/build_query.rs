//! Turns a [`ParsedQuery`] and filters into a tantivy query.
//!
//! Each word or phrase is looked for in every language's fields (analysed by that field's
//! pipeline), in people and tags, and in the fold; headline matches weigh most, the fold a
//! little less than an exact stemmed match, and a one-edit fuzzy match on the fold (for words
//! of [`FUZZY_MIN_CHARS`]+ letters) far less, so exact matches rank first. The fuzzy part is
//! only added when the exact query finds too little (see `search::FUZZY_BELOW`): expanding
//! a word to its one-edit neighbours costs more than all the rest of a query.

use crate::analysis::Pipeline;
use crate::model::SearchQuery;
use crate::query::{Item, ParsedQuery};
use crate::schema::{slot, Fields};
use std::collections::BTreeMap;
use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Shortest query word (in letters) that may match with one typo.
pub const FUZZY_MIN_CHARS: usize = 5;

const HEAD_BOOST: f32 = 3.0;
const PEOPLE_BOOST: f32 = 2.0;
const FOLD_BOOST: f32 = 0.8;
const FUZZY_BOOST: f32 = 0.2;

fn words(item: &Item) -> Vec<&str> {
    match item {
        Item::Word(w) => vec![w.as_str()],
        Item::Phrase(ws) => ws.iter().map(String::as_str).collect(),
    }
}

/// The query for `words` in one field analysed by `pipeline`, if anything is left.
fn field_query(field: Field, pipeline: Pipeline, words: &[&str]) -> Option<Box<dyn Query>> {
    let terms: Vec<Term> = words
        .iter()
        .map(|w| pipeline.analyse_word(w))
        .filter(|t| !t.is_empty())
        .map(|t| Term::from_field_text(field, &t))
        .collect();
    match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms[0].clone(),
            IndexRecordOption::WithFreqs,
        ))),
        _ => Some(Box::new(PhraseQuery::new(terms))),
    }
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    Box::new(BoostQuery::new(q, boost))
}

/// The query for one item across every field; `None` when it analyses to nothing.
fn item_query(f: &Fields, item: &Item, fuzzy: bool) -> Option<Box<dyn Query>> {
    let ws = words(item);
    let mut alts: Vec<Box<dyn Query>> = Vec::new();
    for p in Pipeline::LANGUAGES {
        let i = slot(p);
        if let Some(q) = field_query(f.head[i], p, &ws) {
            alts.push(boosted(q, HEAD_BOOST));
        }
        if let Some(q) = field_query(f.body[i], p, &ws) {
            alts.push(q);
        }
    }
    for field in [f.people, f.tags] {
        if let Some(q) = field_query(field, Pipeline::Plain, &ws) {
            alts.push(boosted(q, PEOPLE_BOOST));
        }
    }
    if let Some(q) = field_query(f.fold, Pipeline::Fold, &ws) {
        alts.push(boosted(q, FOLD_BOOST));
    }
    if let (true, Item::Word(w)) = (fuzzy, item) {
        let key = Pipeline::Fold.analyse_word(w);
        if w.chars().count() >= FUZZY_MIN_CHARS && !key.is_empty() {
            let term = Term::from_field_text(f.fold, &key);
            alts.push(boosted(
                Box::new(FuzzyTermQuery::new(term, 1, true)),
                FUZZY_BOOST,
            ));
        }
    }
    if alts.is_empty() {
        return None;
    }
    Some(Box::new(BooleanQuery::new(
        alts.into_iter().map(|q| (Occur::Should, q)).collect(),
    )))
}

fn exact(field: Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// The filters of a query (edition, language, section, author, dates, drafts).
pub fn filters(f: &Fields, q: &SearchQuery) -> Vec<(Occur, Box<dyn Query>)> {
    let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (field, value) in [
        (f.edition, &q.edition),
        (f.language, &q.language),
        (f.section, &q.section),
        (f.author, &q.author),
    ] {
        if let Some(v) = value {
            out.push((Occur::Must, exact(field, v)));
        }
    }
    if !q.include_drafts {
        out.push((Occur::Must, published_only(f)));
    }
    if q.from.is_some() || q.to.is_some() {
        let ts = |d: chrono::NaiveDate| {
            d.and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().timestamp())
                .unwrap_or(0)
        };
        let lower = q
            .from
            .map(|d| Bound::Included(Term::from_field_i64(f.sort_ts, ts(d))))
            .unwrap_or(Bound::Unbounded);
        let upper =
            q.to.and_then(|d| d.succ_opt())
                .map(|d| Bound::Excluded(Term::from_field_i64(f.sort_ts, ts(d))))
                .unwrap_or(Bound::Unbounded);
        out.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
    }
    out
}

/// Matches published articles only.
pub fn published_only(f: &Fields) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_u64(f.published, 1),
        IndexRecordOption::Basic,
    ))
}

/// The full query: every group must match, no exclusion may, filters apply; with `fuzzy`,
/// words of [`FUZZY_MIN_CHARS`]+ letters also match with one typo.
/// `None` when no group analyses to anything.
pub fn build(
    f: &Fields,
    parsed: &ParsedQuery,
    q: &SearchQuery,
    fuzzy: bool,
) -> Option<Box<dyn Query>> {
    let mut clauses = Vec::new();
    for group in &parsed.groups {
        let alts: Vec<(Occur, Box<dyn Query>)> = group
            .iter()
            .filter_map(|item| item_query(f, item, fuzzy))
            .map(|q| (Occur::Should, q))
            .collect();
        if !alts.is_empty() {
            clauses.push((
                Occur::Must,
                Box::new(BooleanQuery::new(alts)) as Box<dyn Query>,
            ));
        }
    }
    if clauses.is_empty() {
        return None;
    }
    for item in &parsed.excluded {
        if let Some(q) = item_query(f, item, false) {
            clauses.push((Occur::MustNot, q));
        }
    }
    clauses.extend(filters(f, q));
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Every form a doc of `pipeline` could contain that matches the query: for highlighting.
pub fn highlight_terms(parsed: &ParsedQuery, pipeline: Pipeline) -> BTreeMap<String, f32> {
    let mut terms = BTreeMap::new();
    for item in parsed.groups.iter().flatten() {
        for w in words(item) {
            for p in [pipeline, Pipeline::Fold] {
                let t = p.analyse_word(w);
                if !t.is_empty() {
                    terms.insert(t, 1.0);
                }
            }
        }
    }
    terms
}
