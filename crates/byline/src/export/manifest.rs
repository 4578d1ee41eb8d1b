//! The mirror's manifest, `DIR/.byline-mirror.json`: every file the export wrote (mirror
//! path → SHA-256, size, SHA-256 of the content before the notice, when it was copied) and
//! when the export ran. It is what makes a re-export incremental (a file whose content is
//! unchanged is not written again) and what makes removal safe (only files it lists are
//! ever deleted). Written last, atomically: an interrupted export leaves the previous one.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::paths::{MANIFEST, TEMP_PREFIX};

/// The format name in the manifest, for readers of other versions.
pub const FORMAT: &str = "byline-mirror/1";

/// One mirrored file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    /// Of the file's bytes, hex.
    pub sha256: String,
    pub size: u64,
    /// Of the content without the mirror notice (HTML), hex; equal to `sha256` otherwise.
    pub content_sha256: String,
    /// When this content was copied (the notice's date).
    pub copied: DateTime<Utc>,
}

/// The whole manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// The canonical site the mirror copies.
    pub site: String,
    pub exported_at: DateTime<Utc>,
    pub files: BTreeMap<String, Entry>,
}

impl Manifest {
    pub fn new(site: &str, exported_at: DateTime<Utc>) -> Self {
        Self {
            format: FORMAT.into(),
            site: site.into(),
            exported_at,
            files: BTreeMap::new(),
        }
    }

    /// Reads `DIR/.byline-mirror.json`: `None` when there is none.
    pub fn load(dir: &Path) -> anyhow::Result<Option<Self>> {
        let path = dir.join(MANIFEST);
        let text = match std::fs::read(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        let manifest: Self = serde_json::from_slice(&text).map_err(|e| {
            anyhow::anyhow!("{} is not a Byline mirror manifest: {e}", path.display())
        })?;
        if manifest.format != FORMAT {
            anyhow::bail!(
                "{} is a mirror manifest of format {:?}; this Byline writes {FORMAT:?}",
                path.display(),
                manifest.format
            );
        }
        Ok(Some(manifest))
    }

    /// Writes the manifest atomically (temporary file, sync, rename).
    pub fn save(&self, dir: &Path) -> anyhow::Result<()> {
        let mut text = serde_json::to_vec_pretty(self).context("encoding the manifest")?;
        text.push(b'\n');
        write_atomically(&dir.join(MANIFEST), &text, true)
    }
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// a reader (or a crash) never sees half a file. `sync` flushes it to disk first.
pub fn write_atomically(path: &Path, bytes: &[u8], sync: bool) -> anyhow::Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp: PathBuf = parent.join(format!("{TEMP_PREFIX}{}-{name}", std::process::id()));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        if sync {
            file.sync_all()?;
        }
        std::fs::rename(&temp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_round_trips_and_a_foreign_file_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(Manifest::load(dir.path()).expect("read").is_none());
        let now = Utc::now();
        let mut m = Manifest::new("https://x.example", now);
        m.files.insert(
            "index.html".into(),
            Entry {
                sha256: sha256_hex(b"a"),
                size: 1,
                content_sha256: sha256_hex(b"a"),
                copied: now,
            },
        );
        m.save(dir.path()).expect("saved");
        let back = Manifest::load(dir.path()).expect("read").expect("there");
        assert_eq!(back.files, m.files);
        std::fs::write(dir.path().join(MANIFEST), b"{\"not\": 1}").expect("write");
        let err = Manifest::load(dir.path()).expect_err("refused").to_string();
        assert!(err.contains("not a Byline mirror manifest"), "{err}");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn sha256_is_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
