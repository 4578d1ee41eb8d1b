//! For tests: which messages of one catalog show up in a text rendered in another.
//! "The Ukrainian site shows no English" is then one assertion over the page's text.

use std::collections::BTreeSet;

use crate::Lang;

/// Message values of `lang` (plain ones, without arguments) that are at least `min_len`
/// characters and differ from every other language's value for the same key.
pub fn distinctive_messages(lang: Lang, min_len: usize) -> Vec<String> {
    let mut out = BTreeSet::new();
    for (key, value) in plain_messages(lang) {
        if value.chars().count() < min_len || !value.chars().any(char::is_alphabetic) {
            continue;
        }
        let same_elsewhere = Lang::ALL
            .into_iter()
            .filter(|l| *l != lang)
            .any(|l| l.t(&key) == value);
        if !same_elsewhere {
            out.insert(value);
        }
    }
    out.into_iter().collect()
}

/// `lang`'s messages (by [`distinctive_messages`], 4 characters or more) that occur in
/// `text` as whole words.
pub fn leaks_of(lang: Lang, text: &str) -> Vec<String> {
    distinctive_messages(lang, 4)
        .into_iter()
        .filter(|m| contains_word(text, m))
        .collect()
}

fn contains_word(text: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(at) = text[from..].find(needle) {
        let start = from + at;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return true;
        }
        from = start + needle.len().max(1);
    }
    false
}

/// (key, value) for every message of `lang` whose value has no placeables.
fn plain_messages(lang: Lang) -> Vec<(String, String)> {
    use fluent_syntax::ast::{Entry, PatternElement};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang.code());
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return out;
    };
    for file in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(file.path()) else {
            continue;
        };
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        for entry in resource.body {
            let Entry::Message(m) = entry else { continue };
            let Some(value) = m.value else { continue };
            let plain = value
                .elements
                .iter()
                .all(|e| matches!(e, PatternElement::TextElement { .. }));
            if plain {
                out.push((m.id.name.to_owned(), lang.t(m.id.name)));
            }
        }
    }
    out
}
