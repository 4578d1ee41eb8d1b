//! Related articles: more-like-this over body, tags and people, within one edition.

use crate::analysis::Pipeline;
use crate::build_query::published_only;
use crate::error::SearchError;
use crate::index::SearchIndex;
use crate::schema::slot;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, OwnedValue, Value};
use tantivy::{TantivyDocument, Term};

/// Most related articles returned.
const MAX_RELATED: usize = 50;
/// Characters of a free text considered by [`SearchIndex::like_text`].
const MAX_LIKE_CHARS: usize = 20_000;

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
        let text = |field: Field| -> Vec<OwnedValue> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(|s| OwnedValue::Str(s.to_string())))
                .collect()
        };
        let language = doc
            .get_first(f.language)
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let i = slot(Pipeline::for_language(language));
        let edition = doc
            .get_first(f.edition)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let mut fields = vec![(f.body[i], text(f.body[i])), (f.head[i], text(f.head[i]))];
        fields.push((f.tags, text(f.tags)));
        fields.push((f.people, text(f.people)));
        self.more_like(fields, &edition, Some(id), limit)
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
        let fields = Pipeline::LANGUAGES
            .iter()
            .map(|p| (f.body[slot(*p)], vec![OwnedValue::Str(text.clone())]))
            .collect();
        self.more_like(fields, edition, exclude, limit)
    }

    fn more_like(
        &self,
        fields: Vec<(Field, Vec<OwnedValue>)>,
        edition: &str,
        exclude: Option<i64>,
        limit: usize,
    ) -> Result<Vec<i64>, SearchError> {
        let f = &self.inner.fields;
        let limit = limit.clamp(1, MAX_RELATED);
        let mlt = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(30)
            .with_document_fields(fields);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, Box::new(mlt)),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.edition, edition),
                    IndexRecordOption::Basic,
                )),
            ),
            (Occur::Must, published_only(f)),
        ];
        if let Some(id) = exclude {
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_i64(f.id, id),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let searcher = self.inner.reader.searcher();
        let found = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit).order_by_score(),
        )?;
        let mut ids = Vec::with_capacity(found.len());
        for (_, addr) in found {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(id) = doc.get_first(f.id).and_then(|v| v.as_i64()) {
                ids.push(id);
            }
        }
        Ok(ids)
    }
}
