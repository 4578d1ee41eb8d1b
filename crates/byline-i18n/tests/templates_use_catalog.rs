//! No template shows text of its own: every word a reader or a staff member sees in a
//! template comes through a catalog lookup. Text between tags and the visible attributes
//! (`alt`, `title`, `aria-label`, `placeholder`, `value` of buttons, `content` of
//! descriptions) may hold only expressions, punctuation and symbols.

use std::fs;
use std::path::{Path, PathBuf};

fn templates() -> Vec<PathBuf> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for krate in fs::read_dir(&crates).expect("crates dir").flatten() {
        collect(&krate.path().join("templates"), &mut out);
    }
    out.sort();
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "html" || x == "txt" || x == "xml")
        {
            out.push(p);
        }
    }
}

/// Removes `open … close` spans (non-nested), keeping line breaks for line numbers.
fn blank_out(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let after = &rest[at + open.len()..];
        let end = after.find(close).map_or(after.len(), |e| e + close.len());
        let removed = &rest[at..at + open.len() + end];
        out.extend(removed.chars().filter(|c| *c == '\n'));
        out.push(' ');
        rest = &after[end.min(after.len())..];
    }
    out.push_str(rest);
    out
}

/// Words (runs with a letter) in template text outside expressions and markup.
fn stray_words(text: &str) -> Vec<(usize, String)> {
    let mut t = blank_out(text, "{#", "#}");
    t = blank_out(&t, "{{", "}}");
    t = blank_out(&t, "{%", "%}");
    t = blank_out(&t, "<!--", "-->");
    t = blank_out(&t, "<script", "</script>");
    t = blank_out(&t, "<style", "</style>");
    let mut found = Vec::new();
    let mut line = 1;
    let mut chars = t.char_indices().peekable();
    let mut in_tag = false;
    let mut tag = String::new();
    let mut text_run = String::new();
    let flush = |run: &mut String, line: usize, found: &mut Vec<(usize, String)>| {
        if run.chars().any(char::is_alphabetic) {
            found.push((line, run.trim().to_owned()));
        }
        run.clear();
    };
    while let Some((_, c)) = chars.next() {
        if c == '\n' {
            line += 1;
        }
        if in_tag {
            if c == '>' {
                in_tag = false;
                for word in visible_attributes(&tag) {
                    found.push((line, word));
                }
                tag.clear();
            } else {
                tag.push(c);
            }
        } else if c == '<' {
            flush(&mut text_run, line, &mut found);
            in_tag = true;
        } else if c.is_whitespace() {
            flush(&mut text_run, line, &mut found);
        } else if c != '&' || !entity(&mut chars) {
            text_run.push(c);
        }
    }
    flush(&mut text_run, line, &mut found);
    found
}

/// Consumes an HTML entity after `&` ("&amp;", "&#8212;"); true if there was one.
fn entity(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> bool {
    for (n, (_, c)) in chars.clone().enumerate() {
        if c == ';' && n > 0 {
            for _ in 0..=n {
                chars.next();
            }
            return true;
        }
        if !c.is_ascii_alphanumeric() && c != '#' || n > 10 {
            return false;
        }
    }
    false
}

/// Literal words in the attributes of a tag that readers see or hear.
fn visible_attributes(tag: &str) -> Vec<String> {
    let visible = [
        "alt",
        "title",
        "aria-label",
        "placeholder",
        "aria-description",
    ];
    let is_button = tag.starts_with("input") && tag.contains("type=\"submit\"");
    let is_description = tag.starts_with("meta") && tag.contains("name=\"description\"");
    let mut out = Vec::new();
    let mut rest = tag;
    while let Some(eq) = rest.find("=\"") {
        let name = rest[..eq]
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        let after = &rest[eq + 2..];
        let Some(end) = after.find('"') else { break };
        let value = &after[..end];
        let shown = visible.contains(&name)
            || (is_button && name == "value")
            || (is_description && name == "content");
        if shown && value.chars().any(char::is_alphabetic) {
            out.push(format!("{name}=\"{value}\""));
        }
        rest = &after[end + 1..];
    }
    out
}

#[test]
fn templates_hold_no_text_outside_the_catalogs() {
    let files = templates();
    assert!(!files.is_empty(), "no templates found");
    let mut problems = Vec::new();
    for path in files {
        let text = fs::read_to_string(&path).expect("read template");
        for (line, word) in stray_words(&text) {
            problems.push(format!("{}:{line}: {word}", path.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "{} words in templates are not from a catalog:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_scanner_finds_literal_text_and_ignores_expressions() {
    let sample =
        "<p class=\"x\">{{ t.t(\"a\") }} &amp; —</p>\n<img alt=\"A cat\">\n<b>Hello</b>{# note #}";
    let words: Vec<_> = stray_words(sample)
        .into_iter()
        .map(|(l, w)| format!("{l}:{w}"))
        .collect();
    assert_eq!(words, ["2:alt=\"A cat\"", "3:Hello"]);
}
