//! The manifest: what a signature of one published revision says about it. It is signed
//! as canonical JSON (RFC 8785), never as HTML bytes, so a page can be re-rendered, saved
//! by a browser or mirrored and still be checked against it.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The `format` of manifests this version writes and reads.
pub const MANIFEST_FORMAT: &str = "byline-article/1";

/// What a signature of one published revision covers. Every field is signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`MANIFEST_FORMAT`]; a verifier refuses formats it does not know.
    pub format: String,
    /// The article's canonical address (absolute URL).
    pub url: String,
    /// The headline as shown (NFC, white space collapsed).
    pub headline: String,
    /// Byline names in the order shown (each NFC, white space collapsed).
    pub bylines: Vec<String>,
    /// First publication, RFC 3339 in UTC with second precision (`2025-03-01T09:30:00Z`).
    pub published: String,
    /// Last change of this revision, same format (never before `published`).
    pub modified: String,
    /// The article version this revision is (1, 2, …): one signature per revision.
    pub revision: i64,
    /// The article's language (a BCP 47 tag such as `en` or `uk`).
    pub language: String,
    /// SHA-256 (lower-case hex) of the canonical text of the body, UTF-8
    /// (see [`crate::canonical`]).
    pub body_sha256: String,
    /// Targets of the links in the body outside unsigned elements: absolute URLs, sorted,
    /// without duplicates; fragment-only links (`#section`) are left out.
    pub links: Vec<String>,
    /// The hero image first, then the body's images in order, with the SHA-256 of the
    /// stored file's bytes (`null` for an image the outlet does not store itself).
    pub media: Vec<MediaRef>,
    /// How many elements in the body are marked unsigned (subheading anchors, "Read also"
    /// cards, at most): a page showing more has had something added.
    pub unsigned_elements: u64,
}

/// One image of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaRef {
    /// The image's absolute URL.
    pub url: String,
    /// SHA-256 (lower-case hex) of the stored file, or `null` when not stored here.
    pub sha256: Option<String>,
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A time as manifests write it: RFC 3339, UTC, whole seconds, `Z`.
pub fn manifest_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The sorted, deduplicated list of links, as [`Manifest::links`] holds them.
pub fn sorted_links(links: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut links: Vec<String> = links.into_iter().collect();
    links.sort();
    links.dedup();
    links
}

/// The canonical JSON (RFC 8785) bytes of any serialisable value.
pub fn jcs<T: Serialize>(value: &T) -> Result<Vec<u8>, crate::TrustError> {
    serde_jcs::to_vec(value).map_err(|e| crate::TrustError::Json(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_utc_seconds_with_z() {
        let at = DateTime::parse_from_rfc3339("2025-03-01T11:30:00.250+02:00")
            .expect("time")
            .with_timezone(&Utc);
        assert_eq!(manifest_time(at), "2025-03-01T09:30:00Z");
    }

    #[test]
    fn canonical_json_sorts_keys_and_drops_white_space() {
        let v = serde_json::json!({"b": 1, "a": [true, null, "é"]});
        assert_eq!(
            jcs(&v).expect("jcs"),
            "{\"a\":[true,null,\"é\"],\"b\":1}".as_bytes()
        );
    }

    #[test]
    fn links_are_sorted_once() {
        let links = sorted_links(["b".to_owned(), "a".to_owned(), "b".to_owned()]);
        assert_eq!(links, vec!["a", "b"]);
    }
}
