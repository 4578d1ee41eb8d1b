//! Canonical text: the words of an article body as a reader sees them, extracted the same
//! way at signing time (from the rendered body HTML) and at verify time (from the page's
//! body element), so the two cannot drift.
//!
//! The rules (format 1), applied to the parsed HTML5 tree:
//! - text of `script`, `style`, `template` and `noscript` elements is not text;
//! - an element marked `data-byline-unsigned` (the "#" anchors of subheadings, "Read also"
//!   cards showing another article's headline) is left out whole, text and links, and
//!   counted (the manifest signs the count, so none can be added);
//! - every block element (paragraphs, headings, list items, quotes, table cells, …) starts
//!   and ends a block; blocks are separated by one blank line (`"\n\n"`);
//! - within a block, every run of Unicode white space becomes one space, the block is
//!   trimmed, and empty blocks are dropped;
//! - the result is in Unicode NFC.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};
use unicode_normalization::UnicodeNormalization;

/// Marks the element holding the signed article body.
pub const BODY_ATTR: &str = "data-byline-body";
/// Marks an element inside the body that is not signed (left out of text and links).
pub const UNSIGNED_ATTR: &str = "data-byline-unsigned";
/// Marks the headline element.
pub const HEADLINE_ATTR: &str = "data-byline-headline";
/// Marks each byline name, in order.
pub const AUTHOR_ATTR: &str = "data-byline-author";
/// Marks the hero image (outside the body, but signed among the media).
pub const HERO_ATTR: &str = "data-byline-hero";

/// Elements whose start and end separate blocks of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content is never text.
const NOT_TEXT: &[&str] = &["script", "style", "template", "noscript"];

/// What the body holds, before links and images are made absolute.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyContent {
    /// The canonical text (see the module doc).
    pub text: String,
    /// `href` of every link outside unsigned elements, in document order, as written.
    pub links: Vec<String>,
    /// `src` of every image outside unsigned elements, in document order, as written.
    pub images: Vec<String>,
    /// Elements marked [`UNSIGNED_ATTR`] (outermost ones only).
    pub unsigned_elements: u64,
}

/// The canonical text of a body HTML fragment (the sanitised body as the page renders it).
/// The one extractor; the history of revisions may reuse it.
pub fn canonical_text(body_html: &str) -> String {
    extract_fragment(body_html).text
}

/// Everything [`extract`] finds in a body HTML fragment.
pub fn extract_fragment(body_html: &str) -> BodyContent {
    let fragment = Html::parse_fragment(body_html);
    extract(fragment.root_element())
}

/// Text, links and images of the element `body` (its own tag is not part of the text).
/// Walks the tree without recursion, so a deeply nested hostile page cannot exhaust the
/// stack.
pub fn extract(body: ElementRef<'_>) -> BodyContent {
    let mut out = BodyContent::default();
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in body.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() || node.id() == body.id() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => current.push_str(t),
                    Node::Element(el) => {
                        let name = el.name();
                        if el.attr(UNSIGNED_ATTR).is_some() {
                            out.unsigned_elements += 1;
                            skipping = Some(node.id());
                            flush_if_block(name, &mut current, &mut blocks);
                        } else if NOT_TEXT.contains(&name) {
                            skipping = Some(node.id());
                        } else {
                            flush_if_block(name, &mut current, &mut blocks);
                            if name == "br" {
                                current.push(' ');
                            }
                            if name == "a" {
                                if let Some(href) = el.attr("href") {
                                    out.links.push(href.to_owned());
                                }
                            }
                            if name == "img" {
                                if let Some(src) = el.attr("src") {
                                    out.images.push(src.to_owned());
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    if let Node::Element(el) = node.value() {
                        flush_if_block(el.name(), &mut current, &mut blocks);
                    }
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(el) = node.value() {
                    flush_if_block(el.name(), &mut current, &mut blocks);
                }
            }
        }
    }
    flush(&mut current, &mut blocks);
    out.text = blocks.join("\n\n");
    out
}

fn flush_if_block(name: &str, current: &mut String, blocks: &mut Vec<String>) {
    if BLOCKS.contains(&name) {
        flush(current, blocks);
    }
}

fn flush(current: &mut String, blocks: &mut Vec<String>) {
    let block = normalise_inline(current);
    current.clear();
    if !block.is_empty() {
        blocks.push(block);
    }
}

/// NFC, every run of white space one space, trimmed: how a headline, a byline name or a
/// block of the body is compared.
pub fn normalise_inline(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_separated_by_one_blank_line() {
        let html = "<h2>Title <a class=\"anchor\" data-byline-unsigned href=\"#t\">#</a></h2>\
                    <p>One  two\n three</p><ul><li>a</li><li><p>b</p></li></ul><p></p>";
        let body = extract_fragment(html);
        assert_eq!(body.text, "Title\n\nOne two three\n\na\n\nb");
        assert_eq!(body.unsigned_elements, 1);
        assert!(
            body.links.is_empty(),
            "links inside unsigned elements are left out"
        );
    }

    #[test]
    fn text_is_nfc() {
        // "é" as e + combining acute, and "й" as и + combining breve.
        let decomposed = "<p>caf\u{65}\u{301} \u{438}\u{306}</p>";
        assert_eq!(canonical_text(decomposed), "caf\u{e9} \u{439}");
        assert_eq!(canonical_text(decomposed), canonical_text("<p>café й</p>"));
    }

    #[test]
    fn white_space_collapses_and_inline_markup_does_not_split_words() {
        let html = "<p>\u{a0} A <strong>bold</strong>ly\twritten<br>line\u{2003} </p>";
        assert_eq!(canonical_text(html), "A boldly written line");
    }

    #[test]
    fn scripts_styles_and_unsigned_cards_are_not_text() {
        let html = "<p>Before</p><aside class=\"read-also\" data-byline-unsigned><a href=\"/articles/x\">Other headline</a></aside>\
                    <script>var x = 1;</script><style>p{}</style><p>After <a href=\"https://example.org/a\">link</a></p>";
        let body = extract_fragment(html);
        assert_eq!(body.text, "Before\n\nAfter link");
        assert_eq!(body.links, vec!["https://example.org/a"]);
        assert_eq!(body.unsigned_elements, 1);
    }

    #[test]
    fn a_page_body_and_its_fragment_extract_alike() {
        let fragment = "<p>One</p><table><tr><td>a</td><td>b</td></tr></table><p><img src=\"/media/x.jpg\" alt=\"\">Two</p>";
        let page = format!(
            "<!DOCTYPE html><html><body><header>Site</header><div data-byline-body>\n{fragment}\n</div><footer>Share</footer></body></html>"
        );
        let doc = Html::parse_document(&page);
        let selector = scraper::Selector::parse("[data-byline-body]").expect("selector");
        let body = doc.select(&selector).next().expect("body element");
        assert_eq!(extract(body), extract_fragment(fragment));
        assert_eq!(extract(body).text, "One\n\na\n\nb\n\nTwo");
        assert_eq!(extract(body).images, vec!["/media/x.jpg"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}deep{}",
            "<span>".repeat(50_000),
            "</span>".repeat(50_000)
        );
        assert_eq!(canonical_text(&html), "deep");
    }
}
