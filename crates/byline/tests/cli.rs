//! The `byline` binary itself: help, clear start-up errors, article import.

mod common;

use std::process::Command;

use byline_store::testing::Backend;

fn byline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_byline"))
}

#[test]
fn help_documents_every_command() {
    let out = byline().arg("--help").output().expect("run");
    let help = String::from_utf8_lossy(&out.stdout);
    for command in ["serve", "migrate", "demo", "article"] {
        assert!(help.contains(command), "--help lacks {command}");
    }
    let out = byline().args(["serve", "--help"]).output().expect("run");
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in ["--addr", "--data-dir", "--database-url", "--no-demo", "BYLINE_ADDR", "BYLINE_DATA_DIR", "BYLINE_DATABASE_URL"] {
        assert!(help.contains(flag), "serve --help lacks {flag}");
    }
}

#[test]
fn a_bad_database_url_fails_at_start_with_one_clear_line() {
    let dir = tempfile::tempdir().expect("dir");
    for url in ["postgres://postgres:secret@127.0.0.1:1/nothing", "mysql://x/y"] {
        let out = byline()
            .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(dir.path())
            .args(["--database-url", url])
            .env("BYLINE_LOG", "off")
            .output()
            .expect("run");
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(err.starts_with("error: "), "{err}");
        assert!(!err.contains("panicked") && !err.contains("secret"), "{err}");
    }
}

async fn article_add_imports_files_and_names_the_bad_field(backend: Backend) {
    let db = byline_store::testing::TestDatabase::create(backend).await.expect("db");
    let store = db.store().await.expect("store");
    byline::server::prepare(store.as_ref(), true).await.expect("demo");
    let dir = tempfile::tempdir().expect("dir");

    let good = dir.path().join("dispatch.md");
    std::fs::write(dir.path().join("ferry.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").expect("image");
    std::fs::write(
        &good,
        "+++\nheadline = \"Ferry service resumes\"\nsection = \"news\"\nauthors = [\"news-desk\"]\ntags = [\"Transport\"]\n\
         hero_image = \"ferry.svg\"\nhero_alt = \"A ferry at the pier\"\n+++\nThe ferry runs again.\n\n[[read-also:winter-aid-convoy-reaches-vesk]]\n",
    )
    .expect("write");
    let article = byline::import::add_article_file(store.as_ref(), &good).await.expect("imported");
    assert_eq!(article.slug, "ferry-service-resumes");
    assert!(store.media("ferry.svg").await.expect("media").is_some(), "the local hero image was uploaded");

    let cases = [
        ("section = \"sport\"", "field `section`"),
        ("authors = \"news-desk\"", "authors"),
        ("colour = \"red\"", "colour"),
    ];
    for (line, expected) in cases {
        let bad = dir.path().join("bad.md");
        let base = "+++\nheadline = \"Bad\"\nsection = \"news\"\nauthors = [\"news-desk\"]\n+++\nBody\n";
        let text = if line.starts_with("section") || line.starts_with("authors") {
            base.replace(&format!("{} = {}", line.split(" = ").next().unwrap_or(""), if line.starts_with("section") { "\"news\"" } else { "[\"news-desk\"]" }), line)
        } else {
            base.replace("+++\nBody", &format!("{line}\n+++\nBody"))
        };
        std::fs::write(&bad, text).expect("write");
        let err = format!("{:#}", byline::import::add_article_file(store.as_ref(), &bad).await.expect_err("refused"));
        assert!(err.contains("bad.md") && err.contains(expected), "{err}");
    }
    let missing = dir.path().join("missing.md");
    std::fs::write(&missing, "+++\nheadline = \"Links\"\nsection = \"news\"\nauthors = [\"news-desk\"]\n+++\n[[read-also:not-there]]\n").expect("write");
    let err = format!("{:#}", byline::import::add_article_file(store.as_ref(), &missing).await.expect_err("refused"));
    assert!(err.contains("not-there") && err.contains("field `body`"), "{err}");
    assert!(store.article("links").await.expect("get").is_none(), "nothing half-written");
    db.cleanup().await;
}

on_both_backends!(article_add_imports_files_and_names_the_bad_field);
