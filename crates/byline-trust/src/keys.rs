//! Signing keys: the outlet's Ed25519 keys as files in a key directory (PKCS#8 PEM, one
//! file `KEY-ID.pem` each, owner-only permissions), and the public key list that the site
//! publishes at `/.well-known/byline-keys.json`.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::manifest::sha256_hex;
use crate::proof::{multibase_decode, multibase_encode};
use crate::TrustError;

/// The `format` of key lists.
pub const KEYS_FORMAT: &str = "byline-keys/1";
/// Where the key list is published.
pub const KEYS_PATH: &str = "/.well-known/byline-keys.json";
/// Multicodec prefix of an Ed25519 public key in a Multikey (`0xed01`).
const ED25519_MULTICODEC: [u8; 2] = [0xed, 0x01];

/// A key id: the day the key was made and the start of its public key's SHA-256
/// (`20250301-3fa2c4d9`), so ids sort by age and never collide in practice.
pub fn key_id(public: &VerifyingKey, made: DateTime<Utc>) -> String {
    let digest = sha256_hex(public.as_bytes());
    format!("{}-{}", made.format("%Y%m%d"), &digest[..8])
}

/// A public key as a Multikey `publicKeyMultibase` (`z6Mk…`).
pub fn public_multibase(public: &VerifyingKey) -> String {
    let mut bytes = ED25519_MULTICODEC.to_vec();
    bytes.extend_from_slice(public.as_bytes());
    multibase_encode(&bytes)
}

/// The Ed25519 public key in a `publicKeyMultibase`.
pub fn public_from_multibase(text: &str) -> Result<VerifyingKey, TrustError> {
    let bytes = multibase_decode(text)
        .map_err(|_| TrustError::Keys(format!("publicKeyMultibase {text:?} is not base58btc")))?;
    let raw = bytes
        .strip_prefix(&ED25519_MULTICODEC)
        .ok_or_else(|| TrustError::Keys("publicKeyMultibase is not an Ed25519 key".into()))?;
    let raw: [u8; 32] = raw
        .try_into()
        .map_err(|_| TrustError::Keys("an Ed25519 public key is 32 bytes".into()))?;
    VerifyingKey::from_bytes(&raw).map_err(|e| TrustError::Keys(format!("bad public key: {e}")))
}

/// An Ed25519 public key from its lower-case hex (as the database keeps it).
pub fn public_from_hex(text: &str) -> Result<VerifyingKey, TrustError> {
    let bad = || TrustError::Keys(format!("{text:?} is not a 32-byte hex public key"));
    if text.len() != 64 || !text.is_ascii() {
        return Err(bad());
    }
    let mut raw = [0u8; 32];
    for (i, byte) in raw.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[i * 2..i * 2 + 2], 16).map_err(|_| bad())?;
    }
    VerifyingKey::from_bytes(&raw).map_err(|_| bad())
}

/// Lower-case hex of a public key.
pub fn public_hex(public: &VerifyingKey) -> String {
    crate::manifest::hex(public.as_bytes())
}

/// One published public key with its validity period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedKey {
    /// The key id that `verificationMethod` names after `#`.
    pub id: String,
    /// Always `Multikey`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `z` + base58btc of `0xed 0x01` + the 32-byte public key.
    #[serde(rename = "publicKeyMultibase")]
    pub public_key_multibase: String,
    /// The same 32 bytes in lower-case hex, for checking by hand.
    pub public_key_hex: String,
    /// From when the key signs (RFC 3339, UTC).
    pub valid_from: String,
    /// Until when it signed; `null` for the current key.
    pub valid_until: Option<String>,
}

impl PublishedKey {
    pub fn new(
        id: &str,
        public: &VerifyingKey,
        valid_from: DateTime<Utc>,
        valid_until: Option<DateTime<Utc>>,
    ) -> Self {
        Self {
            id: id.into(),
            kind: "Multikey".into(),
            public_key_multibase: public_multibase(public),
            public_key_hex: crate::manifest::hex(public.as_bytes()),
            valid_from: crate::manifest::manifest_time(valid_from),
            valid_until: valid_until.map(crate::manifest::manifest_time),
        }
    }

    pub fn public_key(&self) -> Result<VerifyingKey, TrustError> {
        public_from_multibase(&self.public_key_multibase)
    }

    /// Whether a signature made at `at` falls in the key's validity period.
    pub fn valid_at(&self, at: DateTime<Utc>) -> bool {
        let after_start = parse_time(&self.valid_from).is_some_and(|from| at >= from);
        let before_end = match &self.valid_until {
            None => true,
            Some(until) => parse_time(until).is_some_and(|until| at <= until),
        };
        after_start && before_end
    }
}

/// An RFC 3339 time in UTC.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The outlet's published key list (`/.well-known/byline-keys.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyList {
    /// Always [`KEYS_FORMAT`].
    pub format: String,
    /// Every key the outlet ever signed with, oldest first.
    pub keys: Vec<PublishedKey>,
}

impl KeyList {
    pub fn new(keys: Vec<PublishedKey>) -> Self {
        Self {
            format: KEYS_FORMAT.into(),
            keys,
        }
    }

    pub fn find(&self, id: &str) -> Option<&PublishedKey> {
        self.keys.iter().find(|k| k.id == id)
    }
}

/// A directory of private key files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyDir {
    path: PathBuf,
}

/// A private key read from its file.
pub struct OutletKey {
    pub id: String,
    pub key: SigningKey,
}

impl std::fmt::Debug for OutletKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the private key, even in a debug log.
        f.debug_struct("OutletKey").field("id", &self.id).finish()
    }
}

impl KeyDir {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn file(&self, id: &str) -> PathBuf {
        self.path.join(format!("{id}.pem"))
    }

    /// Creates the directory (mode 0700) if missing, and refuses one that others may read.
    pub fn ensure(&self) -> Result<(), TrustError> {
        if !self.path.exists() {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder
                .create(&self.path)
                .map_err(|e| self.io(&self.path, &e))?;
        }
        owner_only(&self.path, "chmod 700")
    }

    /// Whether a key file for `id` is present.
    pub fn has(&self, id: &str) -> bool {
        self.file(id).is_file()
    }

    /// Ids of the key files present, sorted (oldest first by their date prefix).
    pub fn ids(&self) -> Result<Vec<String>, TrustError> {
        let mut ids = Vec::new();
        let entries = match std::fs::read_dir(&self.path) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ids),
            Err(e) => return Err(self.io(&self.path, &e)),
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".pem") {
                ids.push(id.to_owned());
            }
        }
        ids.sort();
        Ok(ids)
    }

    /// Reads key `id`, refusing a file that others may read.
    pub fn load(&self, id: &str) -> Result<OutletKey, TrustError> {
        let file = self.file(id);
        owner_only(&file, "chmod 600")?;
        let pem = std::fs::read_to_string(&file).map_err(|e| self.io(&file, &e))?;
        let key = SigningKey::from_pkcs8_pem(&pem).map_err(|e| {
            TrustError::Keys(format!(
                "{} is not an Ed25519 PKCS#8 PEM key: {e}",
                file.display()
            ))
        })?;
        Ok(OutletKey { id: id.into(), key })
    }

    /// Makes a new key and writes its file (mode 0600, never replacing one).
    pub fn create(&self, now: DateTime<Utc>) -> Result<OutletKey, TrustError> {
        self.ensure()?;
        let key = SigningKey::from_bytes(&rand::random::<[u8; 32]>());
        let id = key_id(&key.verifying_key(), now);
        let pem = key
            .to_pkcs8_pem(Default::default())
            .map_err(|e| TrustError::Keys(format!("cannot encode the key: {e}")))?;
        let file = self.file(&id);
        let tmp = self.path.join(format!(".{id}.pem.tmp"));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut out = options.open(&tmp).map_err(|e| self.io(&tmp, &e))?;
        out.write_all(pem.as_bytes())
            .and_then(|()| out.sync_all())
            .map_err(|e| self.io(&tmp, &e))?;
        if file.exists() {
            let _ = std::fs::remove_file(&tmp);
            return Err(TrustError::Keys(format!(
                "{} exists already",
                file.display()
            )));
        }
        std::fs::rename(&tmp, &file).map_err(|e| self.io(&file, &e))?;
        Ok(OutletKey { id, key })
    }

    /// Removes the file of a key that never became the outlet's (another node's won).
    pub fn discard(&self, id: &str) -> Result<(), TrustError> {
        let file = self.file(id);
        std::fs::remove_file(&file).map_err(|e| self.io(&file, &e))
    }

    fn io(&self, path: &Path, e: &std::io::Error) -> TrustError {
        TrustError::Keys(format!("{}: {e}", path.display()))
    }
}

/// Refuses a file or directory whose mode lets the group or others in.
fn owner_only(path: &Path, fix: &str) -> Result<(), TrustError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path)
            .map_err(|e| TrustError::Keys(format!("{}: {e}", path.display())))?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(TrustError::Keys(format!(
                "refusing {}: its permissions are {mode:o}, others may read it ({fix} {})",
                path.display(),
                path.display()
            )));
        }
    }
    #[cfg(not(unix))]
    let _ = (path, fix);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_key_loads_back_with_owner_only_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = KeyDir::new(dir.path().join("keys"));
        let made = keys.create(Utc::now()).expect("create");
        let loaded = keys.load(&made.id).expect("load");
        assert_eq!(loaded.key.to_bytes(), made.key.to_bytes());
        assert_eq!(keys.ids().expect("ids"), vec![made.id.clone()]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(keys.path()), 0o700);
            assert_eq!(mode(&keys.file(&made.id)), 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_key_file_others_may_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let keys = KeyDir::new(dir.path().join("keys"));
        let made = keys.create(Utc::now()).expect("create");
        std::fs::set_permissions(keys.file(&made.id), std::fs::Permissions::from_mode(0o644))
            .expect("chmod");
        let err = keys.load(&made.id).expect_err("readable by others");
        assert!(err.to_string().contains("others may read it"), "{err}");
        assert!(err.to_string().contains("chmod 600"), "{err}");
    }

    #[test]
    fn public_keys_round_trip_through_multikey() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let text = public_multibase(&key.verifying_key());
        assert!(text.starts_with("z6Mk"), "{text}");
        assert_eq!(
            public_from_multibase(&text).expect("decode"),
            key.verifying_key()
        );
    }
}
