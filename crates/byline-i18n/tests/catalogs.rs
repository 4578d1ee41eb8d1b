//! Every shipped language has every message, every file parses, and every key the code
//! and the templates ask for exists: a raw key never reaches a page.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use byline_i18n::Lang;
use fluent_syntax::ast::{Entry, Resource};

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

fn workspace_crates() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `file: message` and `file: message.attribute` ids of one language, with parse errors.
fn keys_of(lang: Lang) -> BTreeSet<String> {
    let dir = locales_dir().join(lang.code());
    let mut keys = BTreeSet::new();
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    for path in files {
        let text = fs::read_to_string(&path).expect("read ftl");
        let resource: Resource<&str> = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
        let file = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .to_string();
        for entry in resource.body {
            if let Entry::Message(m) = entry {
                let id = m.id.name;
                assert!(
                    keys.insert(format!("{file}: {id}")),
                    "{}: {id} defined twice",
                    path.display()
                );
                for a in m.attributes {
                    keys.insert(format!("{file}: {id}.{}", a.id.name));
                }
            }
        }
    }
    keys
}

#[test]
fn every_language_has_every_key_in_the_same_file() {
    let en = keys_of(Lang::En);
    assert!(en.len() > 30, "English catalog looks empty");
    for lang in Lang::ALL.into_iter().skip(1) {
        let other = keys_of(lang);
        let missing: Vec<_> = en.difference(&other).collect();
        let extra: Vec<_> = other.difference(&en).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}: missing {missing:#?}\nnot in English {extra:#?}"
        );
    }
}

/// Files under `dir` (recursively) whose name ends with one of `exts`.
fn files_under(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if path.is_dir() {
            if name != "target" && name != "node_modules" && !name.starts_with('.') {
                files_under(&path, exts, out);
            }
        } else if exts.iter().any(|x| name.ends_with(x)) {
            out.push(path);
        }
    }
}

/// Literal keys passed to the lookup methods (`.t("key")`, `.t_n("key", …)` …).
fn keys_used_in(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for call in [".t(\"", ".t_n(\"", ".t_s(\"", ".t_s2(\"", ".t_args(\""] {
        let mut rest = text;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            if let Some(end) = rest.find('"') {
                let key = &rest[..end];
                if !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
                {
                    found.push(key.to_owned());
                }
            }
        }
    }
    found
}

#[test]
fn every_key_the_code_asks_for_exists_in_every_language() {
    let mut files = Vec::new();
    files_under(&workspace_crates(), &[".rs", ".html", ".txt"], &mut files);
    assert!(files.len() > 50, "found only {} source files", files.len());
    let mut missing = Vec::new();
    let mut used = 0;
    for path in files {
        // This crate's own tests look up keys that do not exist on purpose.
        if path.components().any(|c| c.as_os_str() == "byline-i18n") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap_or_default();
        for key in keys_used_in(&text) {
            used += 1;
            for lang in Lang::ALL {
                if !lang.has(&key) {
                    missing.push(format!("{}: {key} ({lang})", path.display()));
                }
            }
        }
    }
    // Until the first capability uses the catalogs, finding none is expected.
    let _ = used;
    assert!(
        missing.is_empty(),
        "keys missing from catalogs:\n{}",
        missing.join("\n")
    );
}
