//! The live coverage commands of the real `byline` binary on both backends: `feed add`,
//! `live create|add|archive|reopen`, `banner set|clear` write through the workflows (as
//! `cli` in the audit log), print the public URLs, and refuse bad input on one line that
//! names the field. Text that starts with a hyphen (a Markdown list) is taken as text.

mod common;

use std::process::{Command, Output};

use byline_domain::LiveStatus;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{FeedQuery, Store};
use common::audit::assert_audited;

struct Cli<'a> {
    db: &'a TestDatabase,
}

impl Cli<'_> {
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_byline"))
            .args(args)
            .args(["--database-url", &self.db.url])
            .env("BYLINE_BASE_URL", "https://courier.example")
            .env("BYLINE_LOG", "off")
            .env_remove("BYLINE_CONFIG")
            .output()
            .expect("run byline")
    }

    /// Runs a command that must succeed; its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?} failed: {stderr}{stdout}");
        stdout
    }

    /// Runs a command that must fail; its one line of standard error.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        let err = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(
            err.starts_with("byline: ") && !err.contains("panicked"),
            "{err}"
        );
        err
    }
}

/// The number after `word ` in `text` ("live page 3 started" → 3).
fn id_after(text: &str, word: &str) -> i64 {
    let rest = text
        .split(word)
        .nth(1)
        .unwrap_or_else(|| panic!("no `{word}` in {text}"));
    rest.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no id after `{word}` in {text}"))
}

async fn live_coverage_from_the_command_line(backend: Backend) {
    let db = TestDatabase::create(backend).await.expect("db");
    let store = db.store().await.expect("store");
    byline::server::prepare(store.as_ref(), true)
        .await
        .expect("demo");
    let cli = Cli { db: &db };
    let store: &dyn Store = store.as_ref();

    let out = cli.ok(&[
        "feed",
        "add",
        "--headline",
        "Power back in Vesk",
        "--breaking",
    ]);
    let id = id_after(&out, "feed item ");
    assert!(
        out.contains(&format!("https://courier.example/news-feed/{id}")),
        "{out}"
    );
    let item = store.feed_item(id).await.expect("item").expect("stored");
    assert!(item.published && item.breaking);
    assert_audited(
        store,
        "cli",
        "feed_item.create",
        &format!("feed-item:{id}"),
        "cli",
    )
    .await;
    let out = cli.ok(&["feed", "add", "--headline", "Held back", "--draft"]);
    assert!(out.contains("(draft)"), "{out}");
    let err = cli.fails(&["feed", "add", "--headline", "Bad link", "--link", "ftp://x"]);
    assert!(err.contains("link: "), "{err}");
    let err = cli.fails(&["feed", "add", "--headline", ""]);
    assert!(err.contains("headline: is required"), "{err}");
    let public = FeedQuery {
        published_only: true,
        limit: 10,
        ..FeedQuery::default()
    };
    let headlines: Vec<String> = store
        .feed_items(&public)
        .await
        .expect("items")
        .into_iter()
        .map(|i| i.headline)
        .collect();
    assert_eq!(headlines, vec!["Power back in Vesk".to_owned()]);

    let out = cli.ok(&[
        "live",
        "create",
        "--headline",
        "Storm over the coast",
        "--summary",
        "- Ferries stopped",
    ]);
    let live = id_after(&out, "live page ");
    assert!(
        out.contains("https://courier.example/live/storm-over-the-coast"),
        "{out}"
    );
    let live_arg = live.to_string();
    let out = cli.ok(&[
        "live",
        "add",
        &live_arg,
        "--body",
        "Winds of 120 km/h.",
        "--key-event",
    ]);
    let entry = id_after(&out, "entry ");
    assert!(
        out.contains(&format!("/live/storm-over-the-coast#entry-{entry}")),
        "{out}"
    );
    let stored = store
        .live_entry(entry)
        .await
        .expect("entry")
        .expect("stored");
    assert!(stored.key_event && stored.published);
    assert_audited(
        store,
        "cli",
        "live_entry.add",
        &format!("live-entry:{entry}"),
        "cli",
    )
    .await;

    let out = cli.ok(&["live", "archive", &live_arg]);
    assert!(out.contains("is archived"), "{out}");
    let page = store
        .live_page_by_id(live)
        .await
        .expect("page")
        .expect("stored");
    assert_eq!(page.status, LiveStatus::Archived);
    assert_audited(store, "cli", "live.archive", "storm-over-the-coast", "cli").await;
    let err = cli.fails(&["live", "add", &live_arg, "--body", "Too late"]);
    assert!(err.contains("has ended"), "{err}");
    cli.ok(&["live", "reopen", &live_arg]);
    cli.ok(&["live", "add", &live_arg, "--body", "Back."]);
    let err = cli.fails(&["live", "add", "999999", "--body", "Nowhere"]);
    assert!(err.contains("Not found"), "{err}");

    let err = cli.fails(&["banner", "set", "--text", "Hi", "--style", "loud"]);
    assert!(err.contains("style: "), "{err}");
    let err = cli.fails(&["banner", "set", "--text", "Hi", "--until", "soon"]);
    assert!(err.contains("ends_at: "), "{err}");
    let until = (chrono::Utc::now() + chrono::Duration::hours(3)).to_rfc3339();
    let out = cli.ok(&[
        "banner",
        "set",
        "--text",
        "Storm warning",
        "--style",
        "breaking",
        "--until",
        &until,
    ]);
    assert!(out.contains("breaking"), "{out}");
    let banner = store.banner().await.expect("banner").expect("set");
    assert_eq!(banner.text, "Storm warning");
    assert_audited(store, "cli", "banner.set", "banner", "cli").await;
    cli.ok(&["banner", "clear"]);
    assert_eq!(store.banner().await.expect("banner"), None);
    assert_audited(store, "cli", "banner.clear", "banner", "cli").await;
    db.cleanup().await;
}

#[test]
fn help_lists_the_live_coverage_commands() {
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_byline"))
            .args(args)
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let help = run(&["--help"]);
    for command in ["feed", "live", "banner"] {
        assert!(help.contains(command), "--help lacks {command}: {help}");
    }
    let help = run(&["live", "--help"]);
    for sub in ["create", "add", "archive", "reopen"] {
        assert!(help.contains(sub), "live --help lacks {sub}");
    }
    let help = run(&["banner", "set", "--help"]);
    for flag in ["--text", "--link", "--style", "--until"] {
        assert!(help.contains(flag), "banner set --help lacks {flag}");
    }
}

byline_store::on_both_backends!(live_coverage_from_the_command_line);
