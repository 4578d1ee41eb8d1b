//! Word-level differences between two revisions of a text, for the desk's revision view.

use similar::{ChangeTag, TextDiff};

/// One run of words in a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiffSpan {
    Same(String),
    Added(String),
    Removed(String),
}

/// Compares `old` and `new` word by word (whitespace kept with the words).
pub fn word_diff(old: &str, new: &str) -> Vec<DiffSpan> {
    let diff = TextDiff::from_words(old, new);
    let mut spans: Vec<DiffSpan> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value().to_owned();
        let merged = match (spans.last_mut(), change.tag()) {
            (Some(DiffSpan::Same(s)), ChangeTag::Equal)
            | (Some(DiffSpan::Added(s)), ChangeTag::Insert)
            | (Some(DiffSpan::Removed(s)), ChangeTag::Delete) => {
                s.push_str(&text);
                true
            }
            _ => false,
        };
        if !merged {
            spans.push(match change.tag() {
                ChangeTag::Equal => DiffSpan::Same(text),
                ChangeTag::Insert => DiffSpan::Added(text),
                ChangeTag::Delete => DiffSpan::Removed(text),
            });
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_changed_words_only() {
        let spans = word_diff(
            "Power returned to Calder on Monday",
            "Power returned to most of Calder on Tuesday",
        );
        assert!(
            spans.contains(&DiffSpan::Added("most of ".into())),
            "{spans:?}"
        );
        assert!(
            spans.contains(&DiffSpan::Removed("Monday".into())),
            "{spans:?}"
        );
        assert!(
            spans.contains(&DiffSpan::Added("Tuesday".into())),
            "{spans:?}"
        );
        assert!(matches!(&spans[0], DiffSpan::Same(s) if s.starts_with("Power returned to")));
    }

    #[test]
    fn identical_texts_have_no_changes() {
        assert!(word_diff("same text", "same text")
            .iter()
            .all(|s| matches!(s, DiffSpan::Same(_))));
    }
}
