//! Word-level diffs of two published revisions as reader-facing HTML: `<ins>` and
//! `<del>` with their meaning also spelt out in hidden text for screen readers (and a
//! legend on the page), so colour never carries it alone.

use byline_domain::corrections::{revision_text, RevisionText};
use byline_domain::diff::{word_diff, DiffSpan};
use byline_domain::markdown::escape_html;
use byline_domain::ArticleDraft;
use byline_i18n::Lang;

/// Longest text (in characters) of one field that is compared; longer text is cut there
/// (the article size limit keeps real revisions below it).
pub const MAX_DIFF_CHARS: usize = 200_000;

/// A compared field.
pub struct FieldDiff {
    /// "Headline", "Standfirst", "Text".
    pub label: String,
    /// The diff as HTML (escaped text, `<ins>`/`<del>`).
    pub html: String,
    pub changed: bool,
}

/// Two revisions compared.
pub struct DiffView {
    pub from: i64,
    pub to: i64,
    pub fields: Vec<FieldDiff>,
    /// True when nothing differs.
    pub same: bool,
}

fn capped(text: &str) -> &str {
    match text.char_indices().nth(MAX_DIFF_CHARS) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// The diff of one text as HTML, with the hidden "added"/"removed" words in `lang`.
pub fn diff_html(old: &str, new: &str, lang: Lang) -> (String, bool) {
    let added = escape_html(&lang.t("trust-diff-added-sr"));
    let removed = escape_html(&lang.t("trust-diff-removed-sr"));
    let end = escape_html(&lang.t("trust-diff-end-sr"));
    let mut html = String::new();
    let mut changed = false;
    for span in word_diff(capped(old), capped(new)) {
        match span {
            DiffSpan::Same(t) => html.push_str(&escape_html(&t)),
            DiffSpan::Added(t) => {
                changed = true;
                html.push_str(&format!(
                    "<ins><span class=\"visually-hidden\">{added} </span>{}<span class=\"visually-hidden\"> {end}</span></ins>",
                    escape_html(&t)
                ));
            }
            DiffSpan::Removed(t) => {
                changed = true;
                html.push_str(&format!(
                    "<del><span class=\"visually-hidden\">{removed} </span>{}<span class=\"visually-hidden\"> {end}</span></del>",
                    escape_html(&t)
                ));
            }
        }
    }
    (html, changed)
}

/// Revision `from` compared with revision `to`, field by field.
pub fn compare(from: (i64, &ArticleDraft), to: (i64, &ArticleDraft), lang: Lang) -> DiffView {
    let (a, b): (RevisionText, RevisionText) = (revision_text(from.1), revision_text(to.1));
    let fields: Vec<FieldDiff> = [
        ("trust-diff-headline", &a.headline, &b.headline),
        ("trust-diff-standfirst", &a.standfirst, &b.standfirst),
        ("trust-diff-body", &a.body, &b.body),
    ]
    .into_iter()
    .map(|(key, old, new)| {
        let (html, changed) = diff_html(old, new, lang);
        FieldDiff {
            label: lang.t(key),
            html,
            changed,
        }
    })
    .collect();
    DiffView {
        from: from.0,
        to: to.0,
        same: fields.iter().all(|f| !f.changed),
        fields,
    }
}

/// A revision's full text as paragraphs (one per block of its body text).
pub struct FullText {
    pub headline: String,
    pub standfirst: String,
    pub paragraphs: Vec<String>,
}

impl FullText {
    pub fn new(draft: &ArticleDraft) -> Self {
        let text = revision_text(draft);
        Self {
            headline: text.headline,
            standfirst: text.standfirst,
            paragraphs: text
                .body
                .split("\n\n")
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_marked_in_words_not_only_in_colour() {
        let (html, changed) = diff_html(
            "Power returned on Monday",
            "Power returned on <Tuesday>",
            Lang::En,
        );
        assert!(changed);
        assert!(
            html.contains("<del><span class=\"visually-hidden\">"),
            "{html}"
        );
        assert!(html.contains("Monday"), "{html}");
        assert!(html.contains("&lt;Tuesday&gt;"), "escaped: {html}");
        let (same, changed) = diff_html("Same words", "Same words", Lang::En);
        assert!(!changed);
        assert_eq!(same, "Same words");
    }

    #[test]
    fn long_text_is_cut_before_comparing() {
        let long = "word ".repeat(MAX_DIFF_CHARS);
        assert_eq!(capped(&long).chars().count(), MAX_DIFF_CHARS);
        assert_eq!(capped("short"), "short");
    }
}
