//! Revision snapshots: the JSON copy of an article kept for every saved version.
//!
//! A snapshot is an [`ArticleDraft`] as a JSON object with a format version `v` beside its
//! fields. Snapshots written before versioning have no `v` and are version 1. Reading is
//! tolerant: fields added to `ArticleDraft` later carry `#[serde(default)]`, so an old
//! snapshot without them still reads, and fields this build does not know (written by a
//! newer one) are ignored. A format change that defaults cannot express bumps
//! [`SNAPSHOT_VERSION`] and adds an upgrade step in [`read`] for the older versions.

use byline_domain::ArticleDraft;
use serde_json::{Map, Value};

/// The format version this build writes.
pub const SNAPSHOT_VERSION: u64 = 1;

/// Why a stored snapshot could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SnapshotError {
    #[error("not a JSON object: {0}")]
    NotAnObject(String),
    #[error("format version `{0}` is not a positive number")]
    BadVersion(String),
    #[error("version {version}: {message}")]
    Fields { version: u64, message: String },
}

/// The snapshot to store for `draft`.
pub fn write(draft: &ArticleDraft) -> Result<String, serde_json::Error> {
    let mut object = match serde_json::to_value(draft)? {
        Value::Object(map) => map,
        // A struct always serialises to an object; keep any other shape readable anyway.
        other => Map::from_iter([("draft".to_owned(), other)]),
    };
    object.insert("v".to_owned(), Value::from(SNAPSHOT_VERSION));
    serde_json::to_string(&Value::Object(object))
}

/// Reads a stored snapshot of any version.
pub fn read(json: &str) -> Result<ArticleDraft, SnapshotError> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| SnapshotError::NotAnObject(e.to_string()))?;
    let Value::Object(mut object) = value else {
        return Err(SnapshotError::NotAnObject(short(json)));
    };
    let version = match object.remove("v") {
        None => 1,
        Some(v) => v
            .as_u64()
            .filter(|n| *n >= 1)
            .ok_or_else(|| SnapshotError::BadVersion(v.to_string()))?,
    };
    // Version 1 is today's layout; a later format adds its upgrade from the older ones
    // here, and a newer one than this build knows is read for the fields it shares.
    serde_json::from_value(Value::Object(object)).map_err(|e| SnapshotError::Fields {
        version,
        message: e.to_string(),
    })
}

fn short(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use byline_domain::{ArticleStatus, Slug};

    fn draft() -> ArticleDraft {
        ArticleDraft {
            slug: Slug::parse("port-reopens").expect("slug"),
            headline: "Port reopens".into(),
            standfirst: "After the storm.".into(),
            body_markdown: "Ships are back.".into(),
            section: "news".into(),
            tags: vec!["Ports".into()],
            authors: vec!["news-desk".into()],
            status: ArticleStatus::Draft,
            published_at: None,
            updated_at: None,
            dateline: "RIGA".into(),
            language: "en".into(),
            hero: None,
            editors_pick: true,
        }
    }

    #[test]
    fn writes_the_version_and_reads_it_back() {
        let json = write(&draft()).expect("write");
        let value: Value = serde_json::from_str(&json).expect("json");
        assert_eq!(value["v"], Value::from(SNAPSHOT_VERSION));
        assert_eq!(read(&json), Ok(draft()));
    }

    #[test]
    fn a_snapshot_without_a_version_is_version_one() {
        let old = serde_json::to_string(&draft()).expect("plain draft");
        assert_eq!(read(&old), Ok(draft()));
    }

    #[test]
    fn fields_added_later_default_and_unknown_fields_are_ignored() {
        // As written before `editors_pick`, `hero`, `language` and `dateline` existed, and
        // with a field from a newer build.
        let old = r#"{"slug":"port-reopens","headline":"Port reopens","standfirst":"After the storm.",
            "body_markdown":"Ships are back.","section":"news","tags":["Ports"],
            "authors":["news-desk"],"status":"draft","published_at":null,"updated_at":null,
            "audio_narration":{"voice":"x"},"v":7}"#;
        let read_back = read(old).expect("tolerant read");
        assert_eq!(read_back.headline, "Port reopens");
        assert!(!read_back.editors_pick);
        assert_eq!(read_back.hero, None);
        assert_eq!(read_back.dateline, "");
    }

    #[test]
    fn unreadable_snapshots_say_why() {
        assert!(matches!(
            read("not json"),
            Err(SnapshotError::NotAnObject(_))
        ));
        assert!(matches!(read("[1, 2]"), Err(SnapshotError::NotAnObject(_))));
        assert!(matches!(
            read(r#"{"v":"two","headline":"x"}"#),
            Err(SnapshotError::BadVersion(_))
        ));
        assert!(matches!(
            read(r#"{"v":1,"headline":"no slug"}"#),
            Err(SnapshotError::Fields { version: 1, .. })
        ));
    }
}
