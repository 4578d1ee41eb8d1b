//! Splits text into words, keeping byte offsets into the original text.
//!
//! A word is a run of letters, digits and combining marks; an apostrophe (', ’, ʼ)
//! between two letters stays inside the word (м'ясо, O'Neill) and is removed later.

use unicode_normalization::char::is_combining_mark;

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Cyrillic (U+0400–U+052F) is letters and combining marks but for one sign, ҂;
    // answering it here skips the slow Unicode tables for most of our text.
    if ('\u{0400}'..='\u{052F}').contains(&c) {
        return c != '\u{0482}';
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`')
}

/// The (start, end) byte ranges of the words of `text`, one at a time.
pub struct WordSpans<'a> {
    text: &'a str,
    /// Byte offset of the next character to look at.
    at: usize,
}

impl<'a> WordSpans<'a> {
    pub fn new(text: &'a str) -> Self {
        WordSpans { text, at: 0 }
    }

    /// The character at byte `i` (a char boundary) and its length in bytes.
    #[inline]
    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        let b = *self.text.as_bytes().get(i)?;
        if b.is_ascii() {
            return Some((char::from(b), 1));
        }
        self.text[i..].chars().next().map(|c| (c, c.len_utf8()))
    }
}

impl Iterator for WordSpans<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let mut start: Option<usize> = None;
        while let Some((c, len)) = self.char_at(self.at) {
            let i = self.at;
            self.at += len;
            if is_word_char(c) {
                if start.is_none() {
                    start = Some(i);
                }
            } else if is_apostrophe(c)
                && start.is_some()
                && self
                    .char_at(self.at)
                    .is_some_and(|(n, _)| n.is_alphabetic())
            {
                // inside a word: keep going
            } else if let Some(s) = start {
                return Some((s, i));
            }
        }
        start.map(|s| (s, self.text.len()))
    }
}

/// The (start, end) byte ranges of the words of `text`.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    WordSpans::new(text).collect()
}

/// Lowercase, NFC, apostrophes removed.
pub fn normalise_word(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfc()
        .filter(|c| !is_apostrophe(*c))
        .flat_map(char::to_lowercase)
        .collect()
}
