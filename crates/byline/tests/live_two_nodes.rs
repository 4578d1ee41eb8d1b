//! Two `byline serve` processes over one PostgreSQL database, as a newsroom runs them
//! behind a load balancer: an entry posted on one node reaches a reader connected to the
//! other within a second, over SSE and on a reload of the cached page. Both nodes poll
//! the change log only every 30 s here, so what carries the entry across is PostgreSQL's
//! NOTIFY, not the poll.
#![allow(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use byline_store::testing::{Backend, TestDatabase};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// One `byline serve` on a free port over `database_url`, killed when dropped.
struct Node {
    child: Child,
    base: String,
    addr: String,
    _data: tempfile::TempDir,
}

impl Node {
    async fn start(database_url: &str) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let addr = format!("127.0.0.1:{port}");
        let data = tempfile::tempdir().unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_byline"))
            .args(["serve", "--no-demo", "--addr", &addr])
            .arg("--data-dir")
            .arg(data.path())
            .args(["--database-url", database_url])
            .args(["--base-url", "http://news.example"])
            .env("BYLINE_CHANGE_POLL_MS", "30000")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let node = Self {
            child,
            base: format!("http://{addr}"),
            addr,
            _data: data,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while reqwest::get(format!("{}/readyz", node.base))
            .await
            .map(|r| r.status() != 200)
            .unwrap_or(true)
        {
            assert!(
                Instant::now() < deadline,
                "node {} never got ready",
                node.base
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        node
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Opens `path` as an event stream on `addr`; returns the lines as they come.
async fn event_lines(addr: &str, path: &str) -> tokio::sync::mpsc::Receiver<String> {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            format!(
                "GET {path} HTTP/1.1\r\nHost: news.example\r\nAccept: text/event-stream\r\n\r\n"
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let (send, lines) = tokio::sync::mpsc::channel(1024);
    tokio::spawn(async move {
        let mut reader = BufReader::new(stream).lines();
        while let Ok(Some(line)) = reader.next_line().await {
            if send.send(line).await.is_err() {
                break;
            }
        }
    });
    lines
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_posted_on_one_node_reaches_readers_of_the_other_within_a_second() {
    let db = TestDatabase::create(Backend::Postgres).await.unwrap();
    let store = db.store().await.unwrap();
    byline::server::prepare(store.as_ref(), true).await.unwrap();
    byline::staff_cli::add_user(
        store.as_ref(),
        "editor@news.example",
        "editor",
        Some("Editor"),
        "a long enough password",
    )
    .await
    .unwrap();
    let token = byline::staff_cli::create_token(store.as_ref(), "editor@news.example", "nodes")
        .await
        .unwrap();
    let (a, b) = (Node::start(&db.url).await, Node::start(&db.url).await);
    let api = reqwest::Client::new();

    let created: serde_json::Value = api
        .post(format!("{}/api/admin/live", a.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"headline": "Missile attack on Kyiv — live", "summary": "- Air defence active"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_i64().unwrap();
    let path = created["url"]
        .as_str()
        .unwrap()
        .trim_start_matches("http://news.example")
        .to_owned();
    // Node B has the page in its cache before the entry is posted.
    let page = reqwest::get(format!("{}{path}", b.base)).await.unwrap();
    assert_eq!(page.status(), 200);
    let mut lines = event_lines(&b.addr, &format!("{path}/events")).await;
    // The stream is open once its headers have come.
    while let Some(line) = tokio::time::timeout(Duration::from_secs(5), lines.recv())
        .await
        .unwrap()
    {
        if line.is_empty() {
            break;
        }
    }

    let posted = Instant::now();
    let r = api
        .post(format!("{}/api/admin/live/{id}/entries", a.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"body": "Explosions heard on the left bank", "key_event": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    loop {
        let line = tokio::time::timeout(Duration::from_secs(1), lines.recv())
            .await
            .expect("the entry reached node B's stream within a second")
            .unwrap();
        if line.starts_with("data:") && line.contains("Explosions heard on the left bank") {
            break;
        }
    }
    let over_sse = posted.elapsed();
    eprintln!("node A to a reader of node B over SSE: {over_sse:?}");
    assert!(over_sse < Duration::from_secs(1), "{over_sse:?}");
    // A reader without JS reloads node B's page: the cached copy was dropped.
    loop {
        let body = reqwest::get(format!("{}{path}", b.base))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if body.contains("Explosions heard on the left bank") {
            break;
        }
        assert!(
            posted.elapsed() < Duration::from_secs(1),
            "node B still serves the page without the entry"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop((a, b));
    db.cleanup().await;
}
