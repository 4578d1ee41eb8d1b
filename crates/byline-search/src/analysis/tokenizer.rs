//! The tantivy [`Tokenizer`] that runs a [`Pipeline`] over a text.

use super::{words, Pipeline};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Runs one pipeline; with `with_fold`, also emits each word's fold at the same position.
#[derive(Clone)]
pub struct PipelineTokenizer {
    pipeline: Pipeline,
    with_fold: bool,
}

impl PipelineTokenizer {
    pub fn new(pipeline: Pipeline, with_fold: bool) -> Self {
        PipelineTokenizer {
            pipeline,
            with_fold,
        }
    }
}

/// The tokens of one text, computed up front (texts are bounded by the caller).
pub struct PipelineStream {
    tokens: Vec<Token>,
    next: usize,
    empty: Token,
}

impl Tokenizer for PipelineTokenizer {
    type TokenStream<'a> = PipelineStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PipelineStream {
        let mut tokens = Vec::new();
        for (position, (from, to)) in words::word_spans(text).into_iter().enumerate() {
            let raw = &text[from..to];
            let mut push = |t: String| {
                if !t.is_empty() {
                    tokens.push(Token {
                        offset_from: from,
                        offset_to: to,
                        position,
                        text: t,
                        position_length: 1,
                    });
                }
            };
            push(self.pipeline.analyse_word(raw));
            if self.with_fold {
                push(Pipeline::Fold.analyse_word(raw));
            }
        }
        PipelineStream {
            tokens,
            next: 0,
            empty: Token::default(),
        }
    }
}

impl TokenStream for PipelineStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        match self.next.checked_sub(1).and_then(|i| self.tokens.get(i)) {
            Some(t) => t,
            None => &self.empty,
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match self.next.checked_sub(1) {
            Some(i) if i < self.tokens.len() => &mut self.tokens[i],
            _ => &mut self.empty,
        }
    }
}
