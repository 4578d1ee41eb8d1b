//! Rules of the test harness that a reviewer would otherwise have to remember: no code
//! changes the process environment (`std::env::set_var` leaks into tests running in
//! parallel in the same process; pass a config field to the test app instead).

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn nothing_changes_the_process_environment() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the crates folder")
        .to_owned();
    let mut files = Vec::new();
    rust_files(&crates, &mut files);
    assert!(files.len() > 50, "found the sources: {}", files.len());
    let this_file = Path::new(file!())
        .file_name()
        .expect("this file's name")
        .to_owned();
    let mut offenders = Vec::new();
    for file in files {
        if file.file_name() == Some(this_file.as_os_str()) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("a source file");
        for (number, line) in text.lines().enumerate() {
            if line.contains("env::set_var(") || line.contains("env::remove_var(") {
                offenders.push(format!(
                    "{}:{}: {}",
                    file.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "pass configuration into the test app instead of changing the environment:\n{}",
        offenders.join("\n")
    );
}
