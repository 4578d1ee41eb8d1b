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
    for flag in [
        "--addr",
        "--data-dir",
        "--database-url",
        "--no-demo",
        "BYLINE_ADDR",
        "BYLINE_DATA_DIR",
        "BYLINE_DATABASE_URL",
    ] {
        assert!(help.contains(flag), "serve --help lacks {flag}");
    }
}

#[test]
fn a_bad_database_url_fails_at_start_with_one_clear_line() {
    let dir = tempfile::tempdir().expect("dir");
    for url in [
        "postgres://postgres:secret@127.0.0.1:1/nothing",
        "mysql://x/y",
    ] {
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
        assert!(err.starts_with("byline: "), "{err}");
        assert!(
            !err.contains("panicked") && !err.contains("secret"),
            "{err}"
        );
    }
}

async fn article_add_imports_files_and_names_the_bad_field(backend: Backend) {
    let db = byline_store::testing::TestDatabase::create(backend)
        .await
        .expect("db");
    let store = db.store().await.expect("store");
    byline::server::prepare(store.as_ref(), true)
        .await
        .expect("demo");
    let dir = tempfile::tempdir().expect("dir");

    let good = dir.path().join("dispatch.md");
    std::fs::write(
        dir.path().join("ferry.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .expect("image");
    std::fs::write(
        &good,
        "+++\nheadline = \"Ferry service resumes\"\nsection = \"news\"\nauthors = [\"news-desk\"]\ntags = [\"Transport\"]\n\
         hero_image = \"ferry.svg\"\nhero_alt = \"A ferry at the pier\"\n+++\nThe ferry runs again.\n\n[[read-also:winter-aid-convoy-reaches-vesk]]\n",
    )
    .expect("write");
    let article = byline::import::add_article_file(store.as_ref(), &good)
        .await
        .expect("imported");
    assert_eq!(article.slug, "ferry-service-resumes");
    assert!(
        store.media("ferry.svg").await.expect("media").is_some(),
        "the local hero image was uploaded"
    );

    let cases = [
        ("section = \"sport\"", "field `section`"),
        ("authors = \"news-desk\"", "authors"),
        ("colour = \"red\"", "colour"),
    ];
    for (line, expected) in cases {
        let bad = dir.path().join("bad.md");
        let base =
            "+++\nheadline = \"Bad\"\nsection = \"news\"\nauthors = [\"news-desk\"]\n+++\nBody\n";
        let text = if line.starts_with("section") || line.starts_with("authors") {
            base.replace(
                &format!(
                    "{} = {}",
                    line.split(" = ").next().unwrap_or(""),
                    if line.starts_with("section") {
                        "\"news\""
                    } else {
                        "[\"news-desk\"]"
                    }
                ),
                line,
            )
        } else {
            base.replace("+++\nBody", &format!("{line}\n+++\nBody"))
        };
        std::fs::write(&bad, text).expect("write");
        let err = format!(
            "{:#}",
            byline::import::add_article_file(store.as_ref(), &bad)
                .await
                .expect_err("refused")
        );
        assert!(err.contains("bad.md") && err.contains(expected), "{err}");
    }
    let missing = dir.path().join("missing.md");
    std::fs::write(&missing, "+++\nheadline = \"Links\"\nsection = \"news\"\nauthors = [\"news-desk\"]\n+++\n[[read-also:not-there]]\n").expect("write");
    let err = format!(
        "{:#}",
        byline::import::add_article_file(store.as_ref(), &missing)
            .await
            .expect_err("refused")
    );
    assert!(
        err.contains("not-there") && err.contains("field `body`"),
        "{err}"
    );
    assert!(
        store.article("links").await.expect("get").is_none(),
        "nothing half-written"
    );
    db.cleanup().await;
}

byline_store::on_both_backends!(article_add_imports_files_and_names_the_bad_field);

/// Picks a free loopback port.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port")
}

/// Kills the server when the test ends, pass or fail.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn user_and_token_commands_work_while_the_server_runs() {
    let dir = tempfile::tempdir().expect("dir");
    let port = free_port();
    let _server = Server(
        byline()
            .args([
                "serve",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--data-dir",
            ])
            .arg(dir.path())
            .env("BYLINE_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("serve"),
    );
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let mut ready = false;
    for _ in 0..100 {
        if client
            .get(format!("{base}/"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ready, "server answered GET /");

    let out = byline()
        .args([
            "user",
            "add",
            "chief@news.example",
            "--role",
            "admin",
            "--data-dir",
        ])
        .arg(dir.path())
        .env("BYLINE_PASSWORD", "a long enough passphrase")
        .env("BYLINE_LOG", "off")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("user add");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = byline()
        .args([
            "user",
            "add",
            "chief@news.example",
            "--role",
            "admin",
            "--data-dir",
        ])
        .arg(dir.path())
        .env("BYLINE_PASSWORD", "a long enough passphrase")
        .env("BYLINE_LOG", "off")
        .output()
        .expect("again");
    assert!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("already exists")
    );

    let out = byline()
        .args([
            "token",
            "create",
            "chief@news.example",
            "--name",
            "ci",
            "--data-dir",
        ])
        .arg(dir.path())
        .env("BYLINE_LOG", "off")
        .output()
        .expect("token");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let token = stdout.lines().last().expect("last line").trim().to_owned();
    assert_eq!(token.len(), 43, "{stdout}");

    let r = client
        .post(format!("{base}/api/admin/articles"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"headline": "Made by a script", "body": "Hello.", "section": "news"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 201);
    let id = r.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    let r = client
        .post(format!("{base}/api/admin/articles/{id}/publish"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("publish");
    assert_eq!(r.status(), 200);
    let page = client
        .get(format!("{base}/articles/made-by-a-script"))
        .send()
        .await
        .expect("get");
    assert_eq!(page.status(), 200);
    assert_eq!(
        client
            .get(format!("{base}/desk/"))
            .send()
            .await
            .expect("get")
            .url()
            .path(),
        "/desk/login"
    );
}
