//! The verifier's comparison: a page's facts against its signed manifest, with an
//! explanation for every difference and a word diff of altered text when the signed text
//! is known. No network and no files here; `byline verify` gathers the evidence.

use std::fmt::Write as _;

use similar::{ChangeTag, TextDiff};

use crate::keys::{parse_time, KeyList};
use crate::manifest::{sha256_hex, sorted_links, Manifest};
use crate::page::PageFacts;
use crate::proof::{receive, Received};

/// What a check came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The page is the signed revision (exit status 0).
    Genuine(Genuine),
    /// The page or its signature was changed, or the signature is forged (exit status 1).
    Altered(Vec<Finding>),
    /// Nothing to check against: unsigned page, unknown key, unreadable file (exit 2).
    CannotCheck(String),
}

impl Verdict {
    /// The exit status `byline verify` ends with.
    pub fn exit_code(&self) -> u8 {
        match self {
            Verdict::Genuine(_) => 0,
            Verdict::Altered(_) => 1,
            Verdict::CannotCheck(_) => 2,
        }
    }

    /// What `byline verify` prints for it.
    pub fn explain(&self) -> String {
        match self {
            Verdict::Genuine(g) => format!(
                "genuine: revision {} of \"{}\" ({}) signed by {} on {}",
                g.revision, g.headline, g.url, g.key_id, g.signed_on
            ),
            Verdict::Altered(findings) => {
                let mut out = String::from("ALTERED: this page does not match its signature");
                for f in findings {
                    let _ = write!(out, "\n  - {}: {}", f.field, f.explanation);
                    if let Some(diff) = &f.diff {
                        for line in diff.lines() {
                            let _ = write!(out, "\n      {line}");
                        }
                    }
                }
                out
            }
            Verdict::CannotCheck(why) => format!("cannot check: {why}"),
        }
    }
}

/// The facts of a genuine page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Genuine {
    pub revision: i64,
    pub headline: String,
    pub url: String,
    pub key_id: String,
    /// The proof's `created`.
    pub signed_on: String,
}

/// One difference between a page and its signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `signature`, `key`, `headline`, `bylines`, `text`, `links`, `dates`, `language`,
    /// `media`.
    pub field: &'static str,
    pub explanation: String,
    /// Word diff, signed text against the page's, when known.
    pub diff: Option<String>,
}

impl Finding {
    pub fn new(field: &'static str, explanation: impl Into<String>) -> Self {
        Self {
            field,
            explanation: explanation.into(),
            diff: None,
        }
    }
}

/// How links in a page map to the absolute URLs the manifest lists.
pub trait LinkMap {
    /// The absolute target of a link `href` (`None`: leave it out, as fragment-only links).
    fn link(&self, href: &str) -> Option<String>;
    /// The absolute URL of an image `src`, when the page still names the original
    /// (`None`: a local copy, e.g. a browser's `Page_files/x.jpg`, checked by hash if at all).
    fn image(&self, src: &str) -> Option<String>;
}

/// Links resolved against the page's address (a live page, or a saved one whose links a
/// browser left as they were or made absolute).
pub struct FromUrl {
    pub base: url::Url,
    /// Whether relative image sources still name the original (a live page) or are a
    /// browser's local copies (a saved page).
    pub relative_images_are_remote: bool,
}

impl LinkMap for FromUrl {
    fn link(&self, href: &str) -> Option<String> {
        resolve(&self.base, href)
    }

    fn image(&self, src: &str) -> Option<String> {
        let absolute = src.starts_with("http://") || src.starts_with("https://");
        if absolute || self.relative_images_are_remote {
            resolve(&self.base, src)
        } else {
            None
        }
    }
}

/// `href` against `base`; fragment-only and empty links are left out.
pub fn resolve(base: &url::Url, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    base.join(href).ok().map(String::from)
}

/// Everything a check of one page uses.
pub struct Evidence<'a> {
    pub page: &'a PageFacts,
    pub keys: &'a KeyList,
    /// The signed canonical text (`signature.json`'s), for a word diff.
    pub signed_text: Option<&'a str>,
    pub links: &'a dyn LinkMap,
}

/// Checks a page against its embedded signature and the outlet's keys.
pub fn verify(evidence: &Evidence<'_>) -> Verdict {
    let page = evidence.page;
    let Some(blob) = &page.signature else {
        return Verdict::CannotCheck(if page.body.is_some() {
            "the page has no signature: its `application/byline-signature+json` element was removed (or the page was never signed)".into()
        } else {
            "an unsigned page: it carries no Byline signature".into()
        });
    };
    let value: serde_json::Value = match serde_json::from_str(blob) {
        Ok(v) => v,
        Err(e) => {
            return Verdict::Altered(vec![Finding::new(
                "signature",
                format!(
                    "the embedded signature is not valid JSON ({e}): it was tampered with or cut"
                ),
            )])
        }
    };
    let received = match receive(&value) {
        Ok(r) => r,
        Err(e) => return Verdict::Altered(vec![Finding::new("signature", e.to_string())]),
    };
    if let Err(verdict) = check_key(&received, evidence.keys) {
        return verdict;
    }
    let findings = compare(&received.manifest, evidence);
    if findings.is_empty() {
        Verdict::Genuine(Genuine {
            revision: received.manifest.revision,
            headline: received.manifest.headline.clone(),
            url: received.manifest.url.clone(),
            key_id: received.proof.key_id().unwrap_or_default().to_owned(),
            signed_on: received.proof.created.clone(),
        })
    } else {
        Verdict::Altered(findings)
    }
}

/// The proof against the key it names: unknown key (cannot check), another key's
/// signature, a signature outside the key's period, or one that matches no key.
fn check_key(received: &Received, keys: &KeyList) -> Result<(), Verdict> {
    let Some(id) = received.proof.key_id() else {
        return Err(Verdict::Altered(vec![Finding::new(
            "key",
            format!(
                "the proof names no key id (verificationMethod {:?})",
                received.proof.verification_method
            ),
        )]));
    };
    let Some(named) = keys.find(id) else {
        let known: Vec<&str> = keys.keys.iter().map(|k| k.id.as_str()).collect();
        return Err(Verdict::CannotCheck(format!(
            "the signature names key {id:?}, which the outlet's key list does not have (it lists: {})",
            if known.is_empty() { "none".into() } else { known.join(", ") }
        )));
    };
    let verifies = |k: &crate::keys::PublishedKey| {
        k.public_key()
            .is_ok_and(|public| received.verifies_with(&public))
    };
    if !verifies(named) {
        if let Some(other) = keys.keys.iter().find(|k| k.id != id && verifies(k)) {
            return Err(Verdict::Altered(vec![Finding::new(
                "key",
                format!(
                    "the signature was made by key {:?}, not by key {id:?} that it names",
                    other.id
                ),
            )]));
        }
        return Err(Verdict::Altered(vec![Finding::new(
            "signature",
            format!("the signature does not match the manifest it carries under key {id:?}: the manifest or the proof was changed, or the signature is forged"),
        )]));
    }
    match parse_time(&received.proof.created) {
        Some(created) if named.valid_at(created) => Ok(()),
        _ => Err(Verdict::Altered(vec![Finding::new(
            "key",
            format!(
                "signed on {} but key {id:?} is valid from {} until {}",
                received.proof.created,
                named.valid_from,
                named.valid_until.as_deref().unwrap_or("now")
            ),
        )])),
    }
}

/// The page's facts against the (verified) manifest.
fn compare(m: &Manifest, evidence: &Evidence<'_>) -> Vec<Finding> {
    let page = evidence.page;
    let mut out = Vec::new();
    match &page.headline {
        Some(h) if *h == m.headline => {}
        Some(h) => out.push(Finding::new(
            "headline",
            format!(
                "the page says {h:?}; the signed headline is {:?}",
                m.headline
            ),
        )),
        None => out.push(Finding::new("headline", "the page has no marked headline")),
    }
    if page.bylines != m.bylines {
        out.push(Finding::new(
            "bylines",
            format!(
                "the page names {:?}; the signed bylines are {:?}",
                page.bylines, m.bylines
            ),
        ));
    }
    for (name, shown, signed) in [
        ("published", &page.published, &m.published),
        ("modified", &page.modified, &m.modified),
    ] {
        let same = shown
            .as_deref()
            .and_then(parse_time)
            .zip(parse_time(signed))
            .is_some_and(|(a, b)| a.timestamp() == b.timestamp());
        if !same {
            out.push(Finding::new(
                "dates",
                format!(
                    "the page's {name} time is {}; the signed one is {signed}",
                    shown.as_deref().unwrap_or("missing")
                ),
            ));
        }
    }
    if page.language.as_deref() != Some(m.language.as_str()) {
        out.push(Finding::new(
            "language",
            format!(
                "the page is marked {:?}; the signed language is {:?}",
                page.language.as_deref().unwrap_or("(none)"),
                m.language
            ),
        ));
    }
    let Some(body) = &page.body else {
        out.push(Finding::new("text", "the page has no marked article body"));
        return out;
    };
    if sha256_hex(body.text.as_bytes()) != m.body_sha256 {
        let mut finding = Finding::new("text", "the article text differs from the signed text");
        match evidence.signed_text {
            Some(signed) if sha256_hex(signed.as_bytes()) == m.body_sha256 => {
                let diff = word_diff(signed, &body.text);
                finding.explanation = format!(
                    "the article text differs from the signed text ({}; [-signed-] {{+on this page+}}):",
                    changed_words(signed, &body.text)
                );
                finding.diff = Some(diff);
            }
            Some(_) => {
                finding.explanation.push_str(
                    " (the signed text at hand does not match the signature either, so no word diff)",
                );
            }
            None => finding.explanation.push_str(
                " (no signed text at hand for a word diff: give --signed SIGNATURE.json)",
            ),
        }
        out.push(finding);
    }
    if body.unsigned_elements > m.unsigned_elements {
        out.push(Finding::new(
            "text",
            format!(
                "the body has {} elements marked unsigned; the signature allows {} (something was added)",
                body.unsigned_elements, m.unsigned_elements
            ),
        ));
    }
    let links = sorted_links(body.links.iter().filter_map(|h| evidence.links.link(h)));
    if links != m.links {
        let added: Vec<&String> = links.iter().filter(|l| !m.links.contains(l)).collect();
        let removed: Vec<&String> = m.links.iter().filter(|l| !links.contains(l)).collect();
        out.push(Finding::new(
            "links",
            format!("links added: {added:?}; signed links missing: {removed:?}"),
        ));
    }
    let signed_media: Vec<&str> = m.media.iter().map(|r| r.url.as_str()).collect();
    for src in body.images.iter().chain(page.hero.iter()) {
        if let Some(url) = evidence.links.image(src) {
            if !signed_media.contains(&url.as_str()) {
                out.push(Finding::new(
                    "media",
                    format!("the image {url} is not one of the signed images"),
                ));
            }
        }
    }
    out
}

/// Words removed and added, counted.
fn changed_words(old: &str, new: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    let (mut removed, mut added) = (0, 0);
    for c in diff.iter_all_changes() {
        if c.value().trim().is_empty() {
            continue;
        }
        match c.tag() {
            ChangeTag::Delete => removed += 1,
            ChangeTag::Insert => added += 1,
            ChangeTag::Equal => {}
        }
    }
    format!("{removed} word(s) removed, {added} added")
}

/// Words of context kept on each side of a change.
const CONTEXT: usize = 6;

/// A word diff of `signed` against `shown`: `[-removed-]` and `{+added+}`, with a few words
/// of context around each change and `…` for what is left out; one line per change.
pub fn word_diff(signed: &str, shown: &str) -> String {
    let diff = TextDiff::from_words(signed, shown);
    let changes: Vec<(ChangeTag, String)> = diff
        .iter_all_changes()
        .map(|c| (c.tag(), c.value().replace("\n\n", " ¶ ")))
        .collect();
    let changed: Vec<usize> = changes
        .iter()
        .enumerate()
        .filter(|(_, (tag, v))| *tag != ChangeTag::Equal && !v.trim().is_empty())
        .map(|(i, _)| i)
        .collect();
    let near = |i: usize| changed.iter().any(|&c| i.abs_diff(c) <= CONTEXT * 2);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut gap = false;
    for (i, (tag, value)) in changes.iter().enumerate() {
        if !near(i) {
            gap = true;
            continue;
        }
        if gap && !line.is_empty() {
            line.push_str(" …");
            lines.push(std::mem::take(&mut line));
        }
        if gap || line.is_empty() {
            line.push_str("… ");
            gap = false;
        }
        match tag {
            ChangeTag::Equal => line.push_str(value),
            ChangeTag::Delete if value.trim().is_empty() => {}
            ChangeTag::Insert if value.trim().is_empty() => line.push_str(value),
            ChangeTag::Delete => {
                let _ = write!(line, "[-{value}-]");
            }
            ChangeTag::Insert => {
                let _ = write!(line, "{{+{value}+}}");
            }
        }
    }
    if !line.is_empty() {
        if gap {
            line.push_str(" …");
        }
        lines.push(line);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_names_the_changed_word_with_context() {
        let signed = "The council approved the budget on Monday after a long debate about roads and schools in the north.";
        let shown = "The council rejected the budget on Monday after a long debate about roads and schools in the north.";
        let diff = word_diff(signed, shown);
        assert!(diff.contains("[-approved-]{+rejected+}"), "{diff}");
        assert!(diff.contains("council"), "{diff}");
        assert_eq!(changed_words(signed, shown), "1 word(s) removed, 1 added");
    }

    #[test]
    fn far_apart_changes_get_lines_of_their_own() {
        let words: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let signed = words.join(" ");
        let shown = signed.replace("w3 ", "x3 ").replace("w55", "x55");
        let diff = word_diff(&signed, &shown);
        assert_eq!(diff.lines().count(), 2, "{diff}");
        assert!(
            diff.contains("[-w3-]{+x3+}") && diff.contains("[-w55-]{+x55+}"),
            "{diff}"
        );
    }
}
