//! [`SearchIndex`]: opening the index, and writing articles to it.

use crate::analysis::{self, Pipeline};
use crate::error::SearchError;
use crate::model::IndexedArticle;
use crate::schema::{slot, Fields};
use std::path::Path;
use std::sync::{Arc, Mutex};
use tantivy::{doc, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Memory the single writer may use before it flushes a segment.
const WRITER_HEAP: usize = 256 * 1024 * 1024;

pub(crate) struct Inner {
    pub index: Index,
    pub reader: IndexReader,
    pub writer: Mutex<IndexWriter>,
    pub fields: Fields,
    /// One highlighter per language pipeline (in [`Pipeline::LANGUAGES`] order), whose
    /// clones share one word memo across every search.
    pub highlighters: [tantivy::tokenizer::TextAnalyzer; 4],
    /// One query-side analyser per language pipeline (related articles), sharing a memo.
    pub analysers: [analysis::PipelineTokenizer; 4],
}

/// The article index. Cheap to clone (an `Arc` inside); `Send + Sync`.
#[derive(Clone)]
pub struct SearchIndex {
    pub(crate) inner: Arc<Inner>,
}

fn io(e: impl std::fmt::Display) -> SearchError {
    SearchError::Io(e.to_string())
}

impl SearchIndex {
    /// Opens or creates the index in `dir`. A corrupt/unreadable index → Err(SearchError::Corrupt).
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        std::fs::create_dir_all(dir).map_err(io)?;
        let (schema, fields) = Fields::build();
        let index = if dir.join("meta.json").exists() {
            let index = Index::open_in_dir(dir).map_err(|e| SearchError::Corrupt(e.to_string()))?;
            if index.schema() != schema {
                return Err(SearchError::Corrupt(
                    "the index was built with another schema; rebuild it".into(),
                ));
            }
            index
        } else {
            Index::create_in_dir(dir, schema).map_err(io)?
        };
        Self::from_index(index, fields)
    }

    /// In RAM, for tests.
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, fields) = Fields::build();
        Self::from_index(Index::create_in_ram(schema), fields)
    }

    fn from_index(index: Index, fields: Fields) -> Result<Self, SearchError> {
        analysis::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(|e: tantivy::TantivyError| SearchError::Corrupt(e.to_string()))?;
        let writer = index.writer(WRITER_HEAP).map_err(io)?;
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                index,
                reader,
                writer: Mutex::new(writer),
                fields,
                highlighters: Pipeline::LANGUAGES.map(analysis::highlighter),
                analysers: Pipeline::LANGUAGES.map(analysis::analyser),
            }),
        })
    }

    /// Adds or replaces (by id) and commits; searchable when this returns.
    pub fn upsert(&self, docs: Vec<IndexedArticle>) -> Result<(), SearchError> {
        self.write(docs, &[], None, false)
    }

    /// Removes articles by id and commits.
    pub fn remove(&self, ids: &[i64]) -> Result<(), SearchError> {
        self.write(Vec::new(), ids, None, false)
    }

    /// Deletes everything and indexes `docs` in one commit (rebuild). Returns the count.
    pub fn replace_all(
        &self,
        docs: impl IntoIterator<Item = IndexedArticle>,
    ) -> Result<usize, SearchError> {
        let mut writer = self.lock()?;
        writer.delete_all_documents().map_err(io)?;
        let mut count = 0;
        for article in docs {
            writer.add_document(self.document(&article)).map_err(io)?;
            count += 1;
        }
        let cursor = self.cursor();
        let mut prepared = writer.prepare_commit().map_err(io)?;
        if let Some(c) = cursor {
            prepared.set_payload(&c);
        }
        prepared.commit().map_err(io)?;
        drop(writer);
        self.inner.reader.reload().map_err(io)?;
        Ok(count)
    }

    /// The opaque cursor stored with the last commit, if any.
    pub fn cursor(&self) -> Option<String> {
        self.inner.index.load_metas().ok().and_then(|m| m.payload)
    }

    /// Upserts `docs`, removes `removed`, and stores `cursor` with the commit.
    pub fn upsert_at(
        &self,
        docs: Vec<IndexedArticle>,
        removed: &[i64],
        cursor: &str,
    ) -> Result<(), SearchError> {
        self.write(docs, removed, Some(cursor), true)
    }

    /// Number of segments readers search now (fewer after background merges).
    pub fn segment_count(&self) -> usize {
        self.inner.reader.searcher().segment_readers().len()
    }

    /// Number of (live) documents searchable now.
    pub fn doc_count(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, IndexWriter>, SearchError> {
        self.inner
            .writer
            .lock()
            .map_err(|_| SearchError::Io("the index writer was poisoned by a panic".into()))
    }

    fn write(
        &self,
        docs: Vec<IndexedArticle>,
        removed: &[i64],
        cursor: Option<&str>,
        set_cursor: bool,
    ) -> Result<(), SearchError> {
        let f = &self.inner.fields;
        let keep = if set_cursor { None } else { self.cursor() };
        let mut writer = self.lock()?;
        for id in removed.iter().chain(docs.iter().map(|d| &d.id)) {
            writer.delete_term(Term::from_field_i64(f.id, *id));
        }
        for article in &docs {
            writer.add_document(self.document(article)).map_err(io)?;
        }
        let mut prepared = writer.prepare_commit().map_err(io)?;
        if let Some(c) = cursor.map(str::to_string).or(keep) {
            prepared.set_payload(&c);
        }
        prepared.commit().map_err(io)?;
        drop(writer);
        self.inner.reader.reload().map_err(io)?;
        Ok(())
    }

    fn document(&self, a: &IndexedArticle) -> TantivyDocument {
        let f = &self.inner.fields;
        let pipeline = Pipeline::for_language(&a.language);
        let i = slot(pipeline);
        let sort_ts = a.published_at.unwrap_or(a.updated_at).timestamp();
        let body = format!("{}\n\n{}", a.standfirst, a.body_text);
        let mut d = doc!(
            f.id => a.id,
            f.slug => a.slug.as_str(),
            f.edition => a.edition.as_str(),
            f.language => a.language.as_str(),
            f.section => a.section.as_str(),
            f.published => u64::from(a.published),
            f.sort_ts => sort_ts,
            f.headline => a.headline.as_str(),
            f.head[i] => a.headline.as_str(),
            f.body[i] => body.as_str(),
            f.fold => a.headline.as_str(),
            f.fold => body.as_str(),
        );
        if let Some(p) = a.published_at {
            d.add_i64(f.published_at, p.timestamp());
        }
        for slug in &a.authors {
            d.add_text(f.author, slug);
        }
        for name in &a.author_names {
            d.add_text(f.people, name);
            d.add_text(f.fold, name);
        }
        for tag in &a.tags {
            d.add_text(f.tags, tag);
            d.add_text(f.fold, tag);
        }
        d
    }
}
