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

/// The (start, end) byte ranges of the words of `text`.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if is_apostrophe(c)
            && start.is_some()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        {
            // inside a word: keep going
        } else if let Some(s) = start.take() {
            spans.push((s, i));
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Lowercase, NFC, apostrophes removed.
pub fn normalise_word(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    word.nfc()
        .filter(|c| !is_apostrophe(*c))
        .flat_map(char::to_lowercase)
        .collect()
}
