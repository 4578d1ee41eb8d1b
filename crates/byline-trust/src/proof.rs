//! Proofs in the manner of W3C Data Integrity `eddsa-jcs-2022`: the proof configuration
//! (the proof without `proofValue`) and the document (the manifest without `proof`) are
//! each canonicalised with JCS and hashed with SHA-256; the Ed25519 signature covers the
//! 64 bytes `sha256(config) || sha256(document)` and is written as multibase base58btc
//! (`z…`).
//!
//! Where this deviates from the specification: the manifest has no `@context` (it is
//! not JSON-LD), so none is copied into the proof configuration; `verificationMethod`
//! names a key in the outlet's key list (`…/.well-known/byline-keys.json#KEY-ID`) rather
//! than a controller document; and the key list adds validity periods, which a verifier
//! checks against `created`.

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::manifest::{jcs, manifest_time, Manifest};
use crate::TrustError;

pub const PROOF_TYPE: &str = "DataIntegrityProof";
pub const CRYPTOSUITE: &str = "eddsa-jcs-2022";
pub const PROOF_PURPOSE: &str = "assertionMethod";

/// The proof attached to a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proof {
    /// Always `DataIntegrityProof`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Always `eddsa-jcs-2022`.
    pub cryptosuite: String,
    /// When the revision was signed (RFC 3339, UTC, seconds).
    pub created: String,
    /// The signing key: the key list's URL, `#`, the key id.
    #[serde(rename = "verificationMethod")]
    pub verification_method: String,
    /// Always `assertionMethod`.
    #[serde(rename = "proofPurpose")]
    pub proof_purpose: String,
    /// `z` + base58btc of the 64-byte Ed25519 signature; absent in the proof configuration.
    #[serde(
        rename = "proofValue",
        skip_serializing_if = "Option::is_none",
        default
    )]
    pub proof_value: Option<String>,
}

impl Proof {
    /// The key id named by `verificationMethod` (after its `#`).
    pub fn key_id(&self) -> Option<&str> {
        self.verification_method
            .rsplit_once('#')
            .map(|(_, id)| id)
            .filter(|id| !id.is_empty())
    }
}

/// A manifest with its proof: what the page embeds and `signature.json` carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedManifest {
    #[serde(flatten)]
    pub manifest: Manifest,
    pub proof: Proof,
}

/// The bytes an Ed25519 signature covers: SHA-256 of the JCS proof configuration, then
/// SHA-256 of the JCS document.
pub fn hash_data(
    proof_config: &serde_json::Value,
    document: &serde_json::Value,
) -> Result<[u8; 64], TrustError> {
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&Sha256::digest(jcs(proof_config)?));
    out[32..].copy_from_slice(&Sha256::digest(jcs(document)?));
    Ok(out)
}

/// Signs `manifest` with `key`, naming it `verification_method`, at `created`.
pub fn sign(
    manifest: &Manifest,
    key: &SigningKey,
    verification_method: &str,
    created: DateTime<Utc>,
) -> Result<SignedManifest, TrustError> {
    let mut proof = Proof {
        kind: PROOF_TYPE.into(),
        cryptosuite: CRYPTOSUITE.into(),
        created: manifest_time(created),
        verification_method: verification_method.into(),
        proof_purpose: PROOF_PURPOSE.into(),
        proof_value: None,
    };
    let config = to_value(&proof)?;
    let document = to_value(manifest)?;
    let signature = key.sign(&hash_data(&config, &document)?);
    proof.proof_value = Some(multibase_encode(&signature.to_bytes()));
    Ok(SignedManifest {
        manifest: manifest.clone(),
        proof,
    })
}

fn to_value<T: Serialize>(v: &T) -> Result<serde_json::Value, TrustError> {
    serde_json::to_value(v).map_err(|e| TrustError::Json(e.to_string()))
}

/// `z` + base58btc.
pub fn multibase_encode(bytes: &[u8]) -> String {
    format!("z{}", bs58::encode(bytes).into_string())
}

/// Bytes of a `z…` (base58btc) multibase string.
pub fn multibase_decode(text: &str) -> Result<Vec<u8>, TrustError> {
    let rest = text.strip_prefix('z').ok_or_else(|| {
        TrustError::Proof(
            "the proof value is not multibase base58btc (it must start with `z`)".into(),
        )
    })?;
    bs58::decode(rest)
        .into_vec()
        .map_err(|e| TrustError::Proof(format!("the proof value is not valid base58: {e}")))
}

/// A secured manifest as received, split for checking.
#[derive(Debug, Clone)]
pub struct Received {
    /// The document without its proof, exactly as received (unknown fields included: they
    /// are covered by the signature too).
    pub document: serde_json::Value,
    pub manifest: Manifest,
    pub proof: Proof,
    /// The proof as received without `proofValue` (unknown fields included).
    pub proof_config: serde_json::Value,
    pub signature: Signature,
}

/// Reads a secured manifest (the page's embedded JSON or `signature.json`'s `signed`).
/// Every failure is a tampered or stripped blob, explained.
pub fn receive(value: &serde_json::Value) -> Result<Received, TrustError> {
    let mut document = value.clone();
    let object = document
        .as_object_mut()
        .ok_or_else(|| TrustError::Proof("the signature is not a JSON object".into()))?;
    let proof_value = object
        .remove("proof")
        .ok_or_else(|| TrustError::Proof("the signature has no `proof`".into()))?;
    let mut proof_config = proof_value.clone();
    if let Some(config) = proof_config.as_object_mut() {
        config.remove("proofValue");
    }
    let proof: Proof = serde_json::from_value(proof_value)
        .map_err(|e| TrustError::Proof(format!("the proof is malformed: {e}")))?;
    if proof.kind != PROOF_TYPE || proof.cryptosuite != CRYPTOSUITE {
        return Err(TrustError::Proof(format!(
            "unknown proof type {:?} / cryptosuite {:?} (expected {PROOF_TYPE} / {CRYPTOSUITE})",
            proof.kind, proof.cryptosuite
        )));
    }
    let manifest: Manifest = serde_json::from_value(document.clone())
        .map_err(|e| TrustError::Proof(format!("the manifest is malformed: {e}")))?;
    if manifest.format != crate::manifest::MANIFEST_FORMAT {
        return Err(TrustError::Proof(format!(
            "unknown manifest format {:?} (this verifier reads {})",
            manifest.format,
            crate::manifest::MANIFEST_FORMAT
        )));
    }
    let value_text = proof
        .proof_value
        .as_deref()
        .ok_or_else(|| TrustError::Proof("the proof has no `proofValue`".into()))?;
    let bytes = multibase_decode(value_text)?;
    let bytes: [u8; 64] = bytes.as_slice().try_into().map_err(|_| {
        TrustError::Proof(format!(
            "the proof value is {} bytes long; an Ed25519 signature is 64",
            bytes.len()
        ))
    })?;
    Ok(Received {
        document,
        manifest,
        proof,
        proof_config,
        signature: Signature::from_bytes(&bytes),
    })
}

impl Received {
    /// Whether `key` made this signature over this document and proof configuration.
    pub fn verifies_with(&self, key: &VerifyingKey) -> bool {
        match hash_data(&self.proof_config, &self.document) {
            Ok(data) => key.verify(&data, &self.signature).is_ok(),
            Err(_) => false,
        }
    }
}
