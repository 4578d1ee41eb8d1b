//! The body's text by blocks: what readers compare between revisions.
//!
//! Each block (paragraph, heading, list item, quote, code block, table row) becomes one
//! run of text with its whitespace collapsed; blocks are separated by one blank line.
//! Markup, raw HTML tags and "Read also" cards are left out, so two bodies that read the
//! same give the same text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{options, READ_ALSO_OPEN};

/// The plain text of the body, blocks separated by blank lines.
pub fn block_text(markdown: &str) -> String {
    let without_cards: String = markdown
        .lines()
        .filter(|line| !line.trim().starts_with(READ_ALSO_OPEN))
        .flat_map(|line| [line, "\n"])
        .collect();
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let collapsed = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !collapsed.is_empty() {
            blocks.push(collapsed);
        }
        current.clear();
    };
    for event in Parser::new_ext(&without_cards, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::Start(Tag::Item | Tag::TableCell) => current.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => flush(&mut current),
            _ => {}
        }
    }
    flush(&mut current);
    blocks.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::block_text;

    #[test]
    fn blocks_are_separated_by_blank_lines_and_markup_dropped() {
        let md = "# Port  reopens\n\nShips are **back**,\nat last.\n\n- one\n- two\n\n[[read-also:other]]\n\n> quoted <b>bold</b>\n";
        assert_eq!(
            block_text(md),
            "Port reopens\n\nShips are back, at last.\n\none\n\ntwo\n\nquoted bold"
        );
    }

    #[test]
    fn an_empty_body_has_no_text() {
        assert_eq!(block_text(""), "");
        assert_eq!(block_text("<div></div>\n"), "");
    }
}
