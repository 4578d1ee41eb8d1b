//! The body as it is read aloud: one block per heading, paragraph, list item and quote,
//! links read as their text, images, code, raw HTML and "Read also" cards left out, each
//! block ending in punctuation so a speech engine pauses after it.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{options, READ_ALSO_OPEN};

/// What a spoken block is, which decides the pause after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeechKind {
    Heading,
    Paragraph,
    ListItem,
    Quote,
}

/// One block of text to speak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechBlock {
    pub kind: SpeechKind,
    pub text: String,
}

/// The spoken blocks of a Markdown body, in order.
pub fn speech_blocks(markdown: &str) -> Vec<SpeechBlock> {
    let without_cards: String = markdown
        .lines()
        .filter(|line| !line.trim().starts_with(READ_ALSO_OPEN))
        .flat_map(|line| [line, "\n"])
        .collect();
    let mut blocks = Vec::new();
    let mut current = String::new();
    // Depths of the constructs whose text is not read (images' alt, code, footnotes).
    let mut silent = 0usize;
    let mut quote_depth = 0usize;
    let mut kinds: Vec<SpeechKind> = Vec::new();
    let flush = |current: &mut String, kind: SpeechKind, blocks: &mut Vec<SpeechBlock>| {
        let mut text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        current.clear();
        if text.chars().any(char::is_alphanumeric) {
            if !text.ends_with(['.', '!', '?', '…', ':', ';']) {
                text.push('.');
            }
            blocks.push(SpeechBlock { kind, text });
        }
    };
    for event in Parser::new_ext(&without_cards, options()) {
        match event {
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_) | Tag::FootnoteDefinition(_)) => {
                silent += 1;
            }
            Event::End(TagEnd::Image | TagEnd::CodeBlock | TagEnd::FootnoteDefinition) => {
                silent = silent.saturating_sub(1);
            }
            Event::Text(t) | Event::Code(t) if silent == 0 => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::Start(Tag::Heading { .. }) => kinds.push(SpeechKind::Heading),
            Event::Start(Tag::Item) => {
                // Text of an item before its nested list is the item's own.
                if let Some(kind) = kinds.last().copied() {
                    flush(&mut current, kind, &mut blocks);
                }
                kinds.push(SpeechKind::ListItem);
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Paragraph) if kinds.last() != Some(&SpeechKind::ListItem) => {
                kinds.push(if quote_depth > 0 {
                    SpeechKind::Quote
                } else {
                    SpeechKind::Paragraph
                });
            }
            Event::End(TagEnd::Paragraph) if kinds.last() != Some(&SpeechKind::ListItem) => {
                let kind = kinds.pop().unwrap_or(SpeechKind::Paragraph);
                flush(&mut current, kind, &mut blocks);
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Item) => {
                let kind = kinds.pop().unwrap_or(SpeechKind::Paragraph);
                flush(&mut current, kind, &mut blocks);
            }
            Event::End(TagEnd::TableCell) => current.push_str(", "),
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                flush(&mut current, SpeechKind::Paragraph, &mut blocks);
            }
            _ => {}
        }
    }
    flush(&mut current, SpeechKind::Paragraph, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<(SpeechKind, String)> {
        speech_blocks(md)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn headings_lists_quotes_and_links_read_as_a_listener_expects() {
        let md = "## Night at the port\n\nThe ferry [left Odesa](https://x.example) at dawn\n\n\
                  - grain\n- sunflower oil\n  1. nested\n\n> We waited all night\n\n\
                  ![a crane](crane.jpg)\n\n```\ncode();\n```\n\n[[read-also:other-story]]\n\nEnd.";
        assert_eq!(
            texts(md),
            vec![
                (SpeechKind::Heading, "Night at the port.".into()),
                (
                    SpeechKind::Paragraph,
                    "The ferry left Odesa at dawn.".into()
                ),
                (SpeechKind::ListItem, "grain.".into()),
                (SpeechKind::ListItem, "sunflower oil.".into()),
                (SpeechKind::ListItem, "nested.".into()),
                (SpeechKind::Quote, "We waited all night.".into()),
                (SpeechKind::Paragraph, "End.".into()),
            ]
        );
    }

    #[test]
    fn empty_and_markup_only_bodies_have_nothing_to_read() {
        assert!(speech_blocks("").is_empty());
        assert!(speech_blocks("![x](y.jpg)\n\n---\n\n[[read-also:a]]").is_empty());
        assert!(speech_blocks("<div>\n</div>").is_empty());
    }
}
