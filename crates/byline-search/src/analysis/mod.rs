//! Text analysis: one pipeline per language, registered as tantivy tokenizers.
//!
//! Every pipeline splits words the same way ([`words`]) and lowercases + NFC-normalises
//! them; then `en`, `uk` and `ru` stem with Snowball (frostem), `plain` (Belarusian and
//! every other language) stops there, and `fold` applies the transliteration-aware fold
//! ([`fold`]). The `highlight_*` pipelines emit both the stemmed and the folded form of each
//! word at the same offsets, so snippets can mark matches found either way.

pub mod fold;
mod tokenizer;
pub mod words;

use frostem::{Algorithm, Stemmer};
pub use tokenizer::PipelineTokenizer;

/// A language pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pipeline {
    En,
    Uk,
    Ru,
    Plain,
    Fold,
}

impl Pipeline {
    /// The stemmed pipelines, one of which each document's text goes to.
    pub const LANGUAGES: [Pipeline; 4] =
        [Pipeline::En, Pipeline::Uk, Pipeline::Ru, Pipeline::Plain];

    /// The pipeline for a language code; unknown languages are folded only.
    pub fn for_language(code: &str) -> Pipeline {
        match code {
            "en" => Pipeline::En,
            "uk" => Pipeline::Uk,
            "ru" => Pipeline::Ru,
            _ => Pipeline::Plain,
        }
    }

    /// Name of the pipeline (suffix of field names and tokenizer names).
    pub fn name(self) -> &'static str {
        match self {
            Pipeline::En => "en",
            Pipeline::Uk => "uk",
            Pipeline::Ru => "ru",
            Pipeline::Plain => "plain",
            Pipeline::Fold => "fold",
        }
    }

    /// The tantivy tokenizer name.
    pub fn tokenizer_name(self) -> String {
        format!("byline_{}", self.name())
    }

    fn stemmer(self) -> Option<Stemmer> {
        match self {
            Pipeline::En => Some(Stemmer::new(Algorithm::English)),
            Pipeline::Uk => Some(Stemmer::new(Algorithm::Ukrainian)),
            Pipeline::Ru => Some(Stemmer::new(Algorithm::Russian)),
            Pipeline::Plain | Pipeline::Fold => None,
        }
    }

    /// The indexed form of one raw word ("" when nothing is left).
    pub fn analyse_word(self, raw: &str) -> String {
        let word = words::normalise_word(raw);
        match self {
            Pipeline::Fold => fold::fold_word(&word),
            other => match other.stemmer() {
                Some(stemmer) => stemmer.stem(&word).into_owned(),
                None => word,
            },
        }
    }

    /// The indexed forms of a text, in order.
    pub fn analyse(self, text: &str) -> Vec<String> {
        words::word_spans(text)
            .into_iter()
            .map(|(s, e)| self.analyse_word(&text[s..e]))
            .filter(|t| !t.is_empty())
            .collect()
    }
}

/// Registers every pipeline (and the highlight pipelines) with an index.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    for p in Pipeline::LANGUAGES.into_iter().chain([Pipeline::Fold]) {
        manager.register(&p.tokenizer_name(), PipelineTokenizer::new(p, false));
    }
}

/// The tokenizer that highlights matches in text of `language`: stemmed and folded forms.
pub fn highlighter(language: Pipeline) -> tantivy::tokenizer::TextAnalyzer {
    tantivy::tokenizer::TextAnalyzer::from(PipelineTokenizer::new(language, true))
}

/// The query-side analyser of `language` (its pipeline alone), whose clones share one memo.
pub fn analyser(language: Pipeline) -> PipelineTokenizer {
    PipelineTokenizer::shared(language)
}
