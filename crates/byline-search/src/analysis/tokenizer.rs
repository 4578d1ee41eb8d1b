//! The tantivy [`Tokenizer`] that runs a [`Pipeline`] over a text.
//!
//! Analysing a word (NFC, lowercase, Snowball, and for the fold a regex-driven
//! transliteration) costs microseconds, and news text repeats its words: each tokenizer
//! remembers the forms of up to [`MEMO_WORDS`] distinct raw words. An indexing tokenizer's
//! clone starts with an empty memo of its own (tantivy clones one per indexing thread, so
//! the threads never share a lock); a highlighter's clones share one memo, since tantivy
//! clones it for every snippet of a results page.

use super::{words, Pipeline};
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Most distinct raw words one memo holds; when full it is emptied and starts again.
pub const MEMO_WORDS: usize = 200_000;

/// Raw word → (pipeline form, fold form when asked for).
type Memo = FxHashMap<Box<str>, (Arc<str>, Arc<str>)>;

/// Runs one pipeline; with `with_fold`, also emits each word's fold at the same position.
pub struct PipelineTokenizer {
    pipeline: Pipeline,
    with_fold: bool,
    memo: Arc<Mutex<Memo>>,
}

impl Clone for PipelineTokenizer {
    fn clone(&self) -> Self {
        let memo = if self.with_fold {
            Arc::clone(&self.memo)
        } else {
            Arc::default()
        };
        PipelineTokenizer {
            pipeline: self.pipeline,
            with_fold: self.with_fold,
            memo,
        }
    }
}

impl PipelineTokenizer {
    pub fn new(pipeline: Pipeline, with_fold: bool) -> Self {
        PipelineTokenizer {
            pipeline,
            with_fold,
            memo: Arc::default(),
        }
    }

    fn forms(&self, memo: &mut Memo, raw: &str) -> (Arc<str>, Arc<str>) {
        if let Some(found) = memo.get(raw) {
            return found.clone();
        }
        let analysed: Arc<str> = self.pipeline.analyse_word(raw).into();
        let folded: Arc<str> = if self.with_fold {
            Pipeline::Fold.analyse_word(raw).into()
        } else {
            "".into()
        };
        if memo.len() >= MEMO_WORDS {
            memo.clear();
        }
        memo.insert(raw.into(), (analysed.clone(), folded.clone()));
        (analysed, folded)
    }
}

/// The tokens of one text, analysed up front (texts are bounded by the caller); each is
/// copied into one reused [`Token`] as the stream advances, so no token allocates.
pub struct PipelineStream {
    /// (offset_from, offset_to, position, text)
    forms: Vec<(usize, usize, usize, Arc<str>)>,
    next: usize,
    token: Token,
}

impl Tokenizer for PipelineTokenizer {
    type TokenStream<'a> = PipelineStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PipelineStream {
        let spans = words::word_spans(text);
        let mut forms = Vec::with_capacity(spans.len() * (1 + usize::from(self.with_fold)));
        let memo = Arc::clone(&self.memo);
        let mut memo = memo.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (position, (from, to)) in spans.into_iter().enumerate() {
            let (analysed, folded) = self.forms(&mut memo, &text[from..to]);
            for t in [analysed, folded] {
                if !t.is_empty() {
                    forms.push((from, to, position, t));
                }
            }
        }
        PipelineStream {
            forms,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for PipelineStream {
    fn advance(&mut self) -> bool {
        let Some((from, to, position, text)) = self.forms.get(self.next) else {
            return false;
        };
        self.next += 1;
        self.token.offset_from = *from;
        self.token.offset_to = *to;
        self.token.position = *position;
        self.token.position_length = 1;
        self.token.text.clear();
        self.token.text.push_str(text);
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}
