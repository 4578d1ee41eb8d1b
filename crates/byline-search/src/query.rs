//! Our own small query language, parsed without ever failing on odd input.
//!
//! Words are ANDed (and ranked); `"exact phrase"`; `-word` or `-"phrase"` excludes;
//! `a OR b` makes alternatives; `AND` is accepted and ignored. Unbalanced quotes are closed,
//! control characters dropped, and at most [`MAX_TERMS`] terms are kept.

use crate::error::QueryProblem;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 300;
/// Most terms (words, phrases, exclusions) kept from a query.
pub const MAX_TERMS: usize = 16;

/// One thing to look for: a word or a phrase (raw words, analysed later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Word(String),
    Phrase(Vec<String>),
}

/// A parsed query: every group must match (any item of it); no excluded item may.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub groups: Vec<Vec<Item>>,
    pub excluded: Vec<Item>,
}

impl ParsedQuery {
    /// Whether one-typo matching could add anything: a searched word (not in a phrase) of
    /// [`crate::build_query::FUZZY_MIN_CHARS`]+ letters.
    pub fn may_be_fuzzy(&self) -> bool {
        self.groups.iter().flatten().any(|item| match item {
            Item::Word(w) => w.chars().count() >= crate::build_query::FUZZY_MIN_CHARS,
            Item::Phrase(_) => false,
        })
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Lexeme {
    Item { item: Item, negated: bool },
    Or,
}

fn words_of(s: &str) -> Vec<String> {
    crate::analysis::words::word_spans(s)
        .into_iter()
        .map(|(a, b)| s[a..b].to_string())
        .collect()
}

fn lex(text: &str) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let negated = c == '-';
        if negated {
            i += 1;
            if i >= chars.len() || chars[i].is_whitespace() {
                continue;
            }
        }
        if chars[i] == '"' {
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && chars[end] != '"' {
                end += 1;
            }
            let inner: String = chars[start..end].iter().collect();
            i = end + 1;
            let mut words = words_of(&inner);
            match words.len() {
                0 => {}
                1 => out.push(Lexeme::Item {
                    item: Item::Word(words.remove(0)),
                    negated,
                }),
                _ => out.push(Lexeme::Item {
                    item: Item::Phrase(words),
                    negated,
                }),
            }
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let chunk: String = chars[start..i].iter().collect();
        if !negated && chunk == "OR" {
            out.push(Lexeme::Or);
        } else if !negated && chunk == "AND" {
        } else {
            // "e-mail" or "Ukraine's" become one or more words; each is its own term.
            for w in words_of(&chunk) {
                out.push(Lexeme::Item {
                    item: Item::Word(w),
                    negated,
                });
            }
        }
    }
    out
}

/// Parses a reader's query, or says why it cannot be searched.
pub fn parse(text: &str) -> Result<ParsedQuery, QueryProblem> {
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(QueryProblem::TooLong);
    }
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    if clean.trim().is_empty() {
        return Err(QueryProblem::Empty);
    }
    let mut parsed = ParsedQuery::default();
    let mut terms = 0;
    let mut join_next = false;
    for lexeme in lex(&clean) {
        if terms >= MAX_TERMS {
            break;
        }
        match lexeme {
            Lexeme::Or => join_next = !parsed.groups.is_empty(),
            Lexeme::Item {
                item,
                negated: true,
            } => {
                terms += 1;
                parsed.excluded.push(item);
                join_next = false;
            }
            Lexeme::Item {
                item,
                negated: false,
            } => {
                terms += 1;
                match parsed.groups.last_mut() {
                    Some(group) if join_next => group.push(item),
                    _ => parsed.groups.push(vec![item]),
                }
                join_next = false;
            }
        }
    }
    if parsed.groups.is_empty() {
        return Err(QueryProblem::NoTerms);
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_operators() {
        let p = parse("kyiv \"power grid\" -drill rain OR snow").expect("parses");
        assert_eq!(p.groups.len(), 3);
        assert_eq!(
            p.groups[2],
            vec![Item::Word("rain".into()), Item::Word("snow".into())]
        );
        assert_eq!(p.excluded, vec![Item::Word("drill".into())]);
        assert_eq!(
            parse("\"open quote").expect("closes").groups[0],
            vec![Item::Phrase(vec!["open".into(), "quote".into()])]
        );
    }
}
