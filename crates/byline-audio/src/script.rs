//! What a narration says: the headline, the standfirst, a byline line, then the body by
//! blocks ([`byline_domain::markdown::speech_blocks`]), grouped into chunks of at most
//! an engine's chunk size with a pause after each, and the hash of all of it.
//!
//! The hash covers the words, the pauses, the language and the voice's identity, and
//! nothing else: a change of tags, section or hero image leaves it alone, so only a
//! change of what is heard makes new audio.

use byline_domain::markdown::{speech_blocks, SpeechKind};
use sha2::{Digest, Sha256};

/// Bumped when the script's shape changes, so every article is narrated again.
const SCRIPT_VERSION: &str = "script-v1";

/// What is read for one article (the byline line already in the article's language).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScriptInput {
    pub headline: String,
    pub standfirst: String,
    /// E.g. "By Ilse Varn and Adela Strand", from the catalog; empty for none.
    pub byline_line: String,
    pub body_markdown: String,
    /// The article's language code.
    pub language: String,
}

/// A piece of text spoken at once, and the silence after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub text: String,
    pub pause_after_ms: u32,
}

/// The whole narration, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub language: String,
    pub chunks: Vec<Chunk>,
}

fn pause(kind: SpeechKind) -> u32 {
    match kind {
        SpeechKind::Heading => 700,
        SpeechKind::Paragraph | SpeechKind::Quote => 450,
        SpeechKind::ListItem => 250,
    }
}

impl Script {
    /// The script of `input`, chunks no longer than `max_chars` (a longer sentence is cut
    /// at a space).
    pub fn build(input: &ScriptInput, max_chars: usize) -> Self {
        let max_chars = max_chars.max(80);
        let mut blocks: Vec<(SpeechKind, String, u32)> = Vec::new();
        let mut lead = |text: &str, ms: u32| {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.chars().any(char::is_alphanumeric) {
                let text = if text.ends_with(['.', '!', '?', '…', ':']) {
                    text
                } else {
                    format!("{text}.")
                };
                blocks.push((SpeechKind::Heading, text, ms));
            }
        };
        lead(&input.headline, 900);
        lead(&input.standfirst, 600);
        lead(&input.byline_line, 900);
        for b in speech_blocks(&input.body_markdown) {
            let ms = pause(b.kind);
            blocks.push((b.kind, b.text, ms));
        }
        let mut chunks: Vec<Chunk> = Vec::new();
        let mut open: Option<(Chunk, SpeechKind)> = None;
        for (kind, text, ms) in blocks {
            for piece in split_long(&text, max_chars) {
                let joins = matches!(&open, Some((c, last))
                    if *last != SpeechKind::Heading
                        && kind != SpeechKind::Heading
                        && c.text.chars().count() + 1 + piece.chars().count() <= max_chars);
                match (&mut open, joins) {
                    (Some((chunk, last)), true) => {
                        chunk.text.push('\n');
                        chunk.text.push_str(&piece);
                        chunk.pause_after_ms = ms;
                        *last = kind;
                    }
                    _ => {
                        if let Some((done, _)) = open.take() {
                            chunks.push(done);
                        }
                        open = Some((
                            Chunk {
                                text: piece,
                                pause_after_ms: ms,
                            },
                            kind,
                        ));
                    }
                }
            }
        }
        chunks.extend(open.map(|(c, _)| c));
        Self {
            language: input.language.trim().to_owned(),
            chunks,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// Words in the script (for plausibility checks and the benchmark).
    pub fn words(&self) -> usize {
        self.chunks
            .iter()
            .map(|c| c.text.split_whitespace().count())
            .sum()
    }

    /// Hex SHA-256 of the script as heard with `voice_identity`.
    pub fn hash(&self, voice_identity: &str) -> String {
        let mut h = Sha256::new();
        for part in [SCRIPT_VERSION, voice_identity, &self.language] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        for c in &self.chunks {
            h.update(c.text.as_bytes());
            h.update([0]);
            h.update(c.pause_after_ms.to_le_bytes());
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// `text` in pieces of at most `max` characters, cut after a sentence where it can and at
/// a space where it must.
fn split_long(text: &str, max: usize) -> Vec<String> {
    if text.chars().count() <= max {
        return vec![text.to_owned()];
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let len = current.chars().count();
        let sentence_end = current.ends_with(['.', '!', '?', '…']);
        if len > 0 && (len + 1 + word.chars().count() > max || (sentence_end && len > max * 3 / 4))
        {
            pieces.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        // A single "word" longer than a chunk (a pasted URL) is cut by characters.
        if word.chars().count() > max {
            current.extend(word.chars().take(max));
        } else {
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(body: &str) -> ScriptInput {
        ScriptInput {
            headline: "Ferry leaves Odesa".into(),
            standfirst: "Grain moves again".into(),
            byline_line: "By Ilse Varn".into(),
            body_markdown: body.into(),
            language: "en".into(),
        }
    }

    #[test]
    fn headline_standfirst_and_byline_lead_then_the_body_in_chunks() {
        let script = Script::build(
            &input("## Dawn\n\nFirst paragraph.\n\nSecond one.\n\n- a\n- b"),
            1500,
        );
        let texts: Vec<&str> = script.chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Ferry leaves Odesa.",
                "Grain moves again.",
                "By Ilse Varn.",
                "Dawn.",
                "First paragraph.\nSecond one.\na.\nb."
            ]
        );
        assert_eq!(script.chunks[3].pause_after_ms, 700);
        assert_eq!(script.chunks[4].pause_after_ms, 250);
        assert_eq!(script.words(), 16);
    }

    #[test]
    fn the_hash_follows_what_is_heard_only() {
        let a = Script::build(&input("Text."), 1500);
        let same = Script::build(&input("Text."), 1500);
        assert_eq!(a.hash("espeak-ng:en"), same.hash("espeak-ng:en"));
        assert_ne!(a.hash("espeak-ng:en"), a.hash("espeak-ng:en-us"), "voice");
        let edited = Script::build(&input("Text, corrected."), 1500);
        assert_ne!(a.hash("v"), edited.hash("v"), "words");
        // Markup that is not read does not change it.
        let with_image = Script::build(&input("Text.\n\n![crane](c.jpg)"), 1500);
        assert_eq!(a.hash("v"), with_image.hash("v"));
    }

    #[test]
    fn long_paragraphs_are_cut_within_the_chunk_size() {
        let sentence = "The convoy waited at the border crossing for hours. ";
        let body = sentence.repeat(80);
        let script = Script::build(&input(&body), 500);
        assert!(script.chunks.len() > 8);
        assert!(script.chunks.iter().all(|c| c.text.chars().count() <= 500));
        let words: usize = script.chunks[3..]
            .iter()
            .map(|c| c.text.split_whitespace().count())
            .sum();
        assert_eq!(words, 9 * 80, "no word lost");
        let url = "x".repeat(2000);
        assert!(Script::build(&input(&url), 500)
            .chunks
            .iter()
            .all(|c| c.text.chars().count() <= 500));
    }
}
