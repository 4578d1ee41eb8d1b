//! Corrections and clarifications, and the public history of an article's published
//! revisions: the types the store, the workflows and the public pages share, and the one
//! function that turns a revision into the text a reader compares ([`revision_text`]).
//!
//! A correction is public record: it is append-only. A wrong correction is never edited
//! or removed; it is followed by another one that says what was wrong.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ArticleDraft;

/// Longest correction text, in characters.
pub const MAX_CORRECTION_TEXT: usize = 2000;
/// Longest reason recorded for excluding a revision from public history, in characters.
pub const MAX_EXCLUSION_REASON: usize = 1000;

/// What kind of notice a correction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CorrectionKind {
    /// Something published was wrong and has been put right.
    Correction,
    /// Something published was unclear or incomplete and has been made clearer.
    Clarification,
}

impl CorrectionKind {
    pub const ALL: [CorrectionKind; 2] = [Self::Correction, Self::Clarification];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Correction => "correction",
            Self::Clarification => "clarification",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }
}

/// A correction as a save hands it to the store (validated by the workflow).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCorrection {
    pub kind: CorrectionKind,
    /// Plain text or small Markdown; rendered through the sanitiser.
    pub text: String,
}

/// A published correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    pub id: i64,
    pub article_id: i64,
    /// The revision the correction was published with.
    pub version: i64,
    pub kind: CorrectionKind,
    pub text: String,
    pub staff_name: String,
    pub created_at: DateTime<Utc>,
}

/// A correction with the article it belongs to, for the corrections page and feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedCorrection {
    pub correction: Correction,
    pub slug: String,
    pub headline: String,
}

/// A revision that was excluded from public history, with the recorded reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevisionExclusion {
    pub version: i64,
    pub reason: String,
    pub staff_name: String,
    pub created_at: DateTime<Utc>,
}

/// One published revision of an article, as public history lists it (its text is read
/// one revision at a time, so a long history is never loaded whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedRevision {
    pub version: i64,
    /// When this revision became public.
    pub published_at: DateTime<Utc>,
    /// The update note it was published with (empty for none).
    pub update_note: String,
    /// Set when the revision is excluded: its text must not be shown anywhere public.
    pub exclusion: Option<RevisionExclusion>,
}

/// The comparable text of one revision: headline, standfirst and body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RevisionText {
    pub headline: String,
    pub standfirst: String,
    /// The plain text of the sanitised body, blocks separated by blank lines.
    pub body: String,
}

/// The text readers compare between revisions (and the signing part signs).
pub fn revision_text(draft: &ArticleDraft) -> RevisionText {
    RevisionText {
        headline: draft.headline.trim().to_owned(),
        standfirst: draft.standfirst.trim().to_owned(),
        body: crate::markdown::block_text(&draft.body_markdown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_their_own_names_only() {
        for kind in CorrectionKind::ALL {
            assert_eq!(CorrectionKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(
            CorrectionKind::parse(" clarification "),
            Some(CorrectionKind::Clarification)
        );
        assert_eq!(CorrectionKind::parse("Correction"), None);
        assert_eq!(CorrectionKind::parse("retraction"), None);
    }
}
