//! The index schema: which field holds what, and how it is analysed.
//!
//! Text goes to the fields of the document's language pipeline (`head_<p>` = headline,
//! `body_<p>` = standfirst + body), both stored for snippets; `fold` holds every searchable
//! text (headline, standfirst, body, people, tags) through the transliteration fold;
//! `people` and `tags` (plain pipeline, stored) feed related articles.

use crate::analysis::Pipeline;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};

/// Handles to every field.
#[derive(Clone)]
pub struct Fields {
    pub id: Field,
    pub slug: Field,
    pub edition: Field,
    pub language: Field,
    pub section: Field,
    pub author: Field,
    pub published: Field,
    /// Seconds since the epoch: published_at, or updated_at for drafts (filters and sort).
    pub sort_ts: Field,
    /// published_at in seconds, absent for drafts.
    pub published_at: Field,
    pub headline: Field,
    /// head_<pipeline>, in [`Pipeline::LANGUAGES`] order.
    pub head: [Field; 4],
    /// body_<pipeline>, in [`Pipeline::LANGUAGES`] order.
    pub body: [Field; 4],
    pub people: Field,
    pub tags: Field,
    pub fold: Field,
}

fn text(pipeline: Pipeline, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(&pipeline.tokenizer_name())
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let options = TextOptions::default().set_indexing_options(indexing);
    if stored {
        options.set_stored()
    } else {
        options
    }
}

/// Index of a pipeline in [`Pipeline::LANGUAGES`].
pub fn slot(p: Pipeline) -> usize {
    Pipeline::LANGUAGES
        .iter()
        .position(|x| *x == p)
        .unwrap_or(3)
}

impl Fields {
    /// Builds the schema and its field handles.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let id = b.add_i64_field("id", INDEXED | STORED | FAST);
        let slug = b.add_text_field("slug", STRING | STORED);
        let edition = b.add_text_field("edition", STRING | STORED | FAST);
        let language = b.add_text_field("language", STRING | STORED);
        let section = b.add_text_field("section", STRING);
        let author = b.add_text_field("author", STRING);
        let published = b.add_u64_field("published", INDEXED | STORED | FAST);
        let sort_ts = b.add_i64_field("sort_ts", INDEXED | FAST);
        let published_at = b.add_i64_field("published_at", STORED);
        let headline = b.add_text_field("headline", STORED);
        let head = Pipeline::LANGUAGES
            .map(|p| b.add_text_field(&format!("head_{}", p.name()), text(p, true)));
        let body = Pipeline::LANGUAGES
            .map(|p| b.add_text_field(&format!("body_{}", p.name()), text(p, true)));
        let people = b.add_text_field("people", text(Pipeline::Plain, true));
        let tags = b.add_text_field("tags", text(Pipeline::Plain, true));
        let fold = b.add_text_field("fold", text(Pipeline::Fold, false));
        let fields = Fields {
            id,
            slug,
            edition,
            language,
            section,
            author,
            published,
            sort_ts,
            published_at,
            headline,
            head,
            body,
            people,
            tags,
            fold,
        };
        (b.build(), fields)
    }
}
