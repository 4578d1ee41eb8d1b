//! The tantivy [`Tokenizer`] that runs a [`Pipeline`] over a text.
//!
//! Analysing a word (NFC, lowercase, Snowball, and for the fold a regex-driven
//! transliteration) costs microseconds, and news text repeats its words: each tokenizer
//! remembers the forms of up to [`MEMO_WORDS`] distinct raw words. An indexing tokenizer's
//! clone starts with an empty memo of its own (tantivy clones one per indexing thread, so
//! the threads never share a lock); a highlighter's clones share one memo, since tantivy
//! clones it for every snippet of a results page, and so do the query-side analysers of
//! [`PipelineTokenizer::shared`] (related articles analyse a whole article per request).

use super::{words, Pipeline};
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Most distinct raw words one memo holds; when full it is emptied and starts again.
pub const MEMO_WORDS: usize = 200_000;

/// Raw word → (pipeline form, fold form when asked for).
type Memo = FxHashMap<Box<str>, (Box<str>, Box<str>)>;

/// Runs one pipeline; with `with_fold`, also emits each word's fold at the same position.
pub struct PipelineTokenizer {
    pipeline: Pipeline,
    with_fold: bool,
    /// Clones share the memo (highlighters and query analysers) instead of starting afresh.
    shared: bool,
    memo: Arc<Mutex<Memo>>,
}

impl Clone for PipelineTokenizer {
    fn clone(&self) -> Self {
        let memo = if self.shared {
            Arc::clone(&self.memo)
        } else {
            Arc::default()
        };
        PipelineTokenizer {
            pipeline: self.pipeline,
            with_fold: self.with_fold,
            shared: self.shared,
            memo,
        }
    }
}

impl PipelineTokenizer {
    /// An indexing tokenizer (`with_fold` false: each clone has a memo of its own) or a
    /// highlighter (`with_fold` true: clones share one memo).
    pub fn new(pipeline: Pipeline, with_fold: bool) -> Self {
        PipelineTokenizer {
            pipeline,
            with_fold,
            shared: with_fold,
            memo: Arc::default(),
        }
    }

    /// A query-side analyser of `pipeline` alone whose clones share one memo.
    pub fn shared(pipeline: Pipeline) -> Self {
        PipelineTokenizer {
            pipeline,
            with_fold: false,
            shared: true,
            memo: Arc::default(),
        }
    }
}

/// The tokens of one text, analysed word by word as the stream advances (each word's
/// forms looked up in the memo, held locked while the stream lives: a thread reads one
/// stream of a shared memo at a time) and copied into one reused [`Token`], so a
/// remembered word costs no allocation.
pub struct PipelineStream<'a> {
    text: &'a str,
    spans: words::WordSpans<'a>,
    memo: MutexGuard<'a, Memo>,
    pipeline: Pipeline,
    with_fold: bool,
    /// Position of the next word.
    position: usize,
    /// The current word's fold, still to be emitted when `fold_pending` (highlighters).
    fold: String,
    fold_pending: bool,
    token: Token,
}

impl Tokenizer for PipelineTokenizer {
    type TokenStream<'a> = PipelineStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PipelineStream<'a> {
        PipelineStream {
            text,
            spans: words::WordSpans::new(text),
            memo: self
                .memo
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
            pipeline: self.pipeline,
            with_fold: self.with_fold,
            position: 0,
            fold: String::new(),
            fold_pending: false,
            token: Token::default(),
        }
    }
}

/// Puts a word's first non-empty form in `text` and its fold (when both are non-empty) in
/// `fold`, marking it pending; false when the word has no form.
fn fill(
    text: &mut String,
    fold: &mut String,
    pending: &mut bool,
    analysed: &str,
    folded: &str,
) -> bool {
    let (first, second) = if analysed.is_empty() {
        (folded, "")
    } else {
        (analysed, folded)
    };
    if first.is_empty() {
        return false;
    }
    text.clear();
    text.push_str(first);
    if !second.is_empty() {
        fold.clear();
        fold.push_str(second);
        *pending = true;
    }
    true
}

impl TokenStream for PipelineStream<'_> {
    fn advance(&mut self) -> bool {
        if self.fold_pending {
            self.fold_pending = false;
            std::mem::swap(&mut self.token.text, &mut self.fold);
            return true;
        }
        for (from, to) in self.spans.by_ref() {
            let raw = &self.text[from..to];
            let position = self.position;
            self.position += 1;
            let emitted = match self.memo.get(raw) {
                Some((analysed, folded)) => fill(
                    &mut self.token.text,
                    &mut self.fold,
                    &mut self.fold_pending,
                    analysed,
                    folded,
                ),
                None => {
                    let analysed = self.pipeline.analyse_word(raw).into_boxed_str();
                    let folded = if self.with_fold {
                        Pipeline::Fold.analyse_word(raw).into_boxed_str()
                    } else {
                        Box::default()
                    };
                    let emitted = fill(
                        &mut self.token.text,
                        &mut self.fold,
                        &mut self.fold_pending,
                        &analysed,
                        &folded,
                    );
                    if self.memo.len() >= MEMO_WORDS {
                        self.memo.clear();
                    }
                    self.memo.insert(raw.into(), (analysed, folded));
                    emitted
                }
            };
            if !emitted {
                continue;
            }
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.position = position;
            self.token.position_length = 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}
