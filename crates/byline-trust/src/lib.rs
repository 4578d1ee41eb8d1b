//! Signed articles, without web or database: the manifest of a published revision
//! ([`manifest`]), the canonical text extracted from HTML ([`canonical`]), canonical JSON
//! (RFC 8785) and Ed25519 proofs in the manner of W3C Data Integrity `eddsa-jcs-2022`
//! ([`proof`]), the outlet's key files and published key list ([`keys`]), reading a page
//! ([`page`]) and the verifier's comparison with its explanations and word diffs
//! ([`verify`]). The signature format is documented in the README (*Signed articles*).
#![forbid(unsafe_code)]

pub mod canonical;
pub mod keys;
pub mod manifest;
pub mod page;
pub mod proof;
pub mod verify;

use chrono::{DateTime, Utc};

pub use canonical::{canonical_text, extract, extract_fragment, BodyContent};
pub use ed25519_dalek::{SigningKey, VerifyingKey};
pub use keys::{KeyDir, KeyList, OutletKey, PublishedKey};
pub use manifest::{Manifest, MediaRef};
pub use proof::{Proof, SignedManifest};
pub use verify::{verify, Evidence, Finding, Genuine, Verdict};

/// What can go wrong building, signing or reading signatures and keys.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    #[error("canonical JSON: {0}")]
    Json(String),
    /// A malformed, stripped or tampered signature blob.
    #[error("{0}")]
    Proof(String),
    /// A key file or key list problem.
    #[error("{0}")]
    Keys(String),
}

/// One published revision as the site shows it, for [`manifest_for`].
#[derive(Debug, Clone)]
pub struct Revision<'a> {
    /// Canonical absolute URL; links and images in the body are resolved against it.
    pub url: &'a str,
    pub headline: &'a str,
    pub bylines: Vec<String>,
    pub published: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    pub revision: i64,
    pub language: &'a str,
    /// The sanitised body HTML as the page renders it inside its body element.
    pub body_html: &'a str,
    /// The hero image's absolute URL.
    pub hero_url: Option<String>,
}

/// The body's content and the manifest of `revision`. `media_sha256` gives the SHA-256 of
/// a stored image by its absolute URL (`None` for one not stored by the outlet).
pub fn manifest_for(
    revision: &Revision<'_>,
    media_sha256: &dyn Fn(&str) -> Option<String>,
) -> Result<(BodyContent, Manifest), TrustError> {
    let base = url::Url::parse(revision.url)
        .map_err(|e| TrustError::Json(format!("canonical URL {:?}: {e}", revision.url)))?;
    let body = extract_fragment(revision.body_html);
    let links = manifest::sorted_links(body.links.iter().filter_map(|h| verify::resolve(&base, h)));
    let media = revision
        .hero_url
        .iter()
        .cloned()
        .chain(body.images.iter().filter_map(|s| verify::resolve(&base, s)))
        .map(|url| MediaRef {
            sha256: media_sha256(&url),
            url,
        })
        .collect();
    let manifest = Manifest {
        format: manifest::MANIFEST_FORMAT.into(),
        url: revision.url.into(),
        headline: canonical::normalise_inline(revision.headline),
        bylines: revision
            .bylines
            .iter()
            .map(|b| canonical::normalise_inline(b))
            .collect(),
        published: manifest::manifest_time(revision.published),
        modified: manifest::manifest_time(revision.modified.max(revision.published)),
        revision: revision.revision,
        language: revision.language.into(),
        body_sha256: manifest::sha256_hex(body.text.as_bytes()),
        links,
        media,
        unsigned_elements: body.unsigned_elements,
    };
    Ok((body, manifest))
}

#[cfg(test)]
mod tests;
