//! Search on two `byline serve` processes over one PostgreSQL database: each node keeps
//! its own index from the change log, so an article published on node A is found by a
//! search on node B within seconds.
#![allow(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use byline_store::testing::{Backend, TestDatabase};

/// One `byline serve` on a free port over `database_url`, killed when dropped.
struct Node {
    child: Child,
    base: String,
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
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let node = Self {
            child,
            base: format!("http://{addr}"),
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

    /// The slugs `/api/search?q=` finds on this node (empty while its index is built).
    async fn search(&self, q: &str) -> Vec<String> {
        let r = reqwest::Client::new()
            .get(format!("{}/api/search", self.base))
            .query(&[("q", q)])
            .send()
            .await
            .unwrap();
        if r.status() != 200 {
            return Vec::new();
        }
        let body: serde_json::Value = r.json().await.unwrap();
        body["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["slug"].as_str().unwrap().to_owned())
            .collect()
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_published_on_one_node_is_found_on_both() {
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
    let r = reqwest::Client::new()
        .post(format!("{}/api/admin/articles", a.base))
        .bearer_auth(&token)
        .json(&serde_json::json!({"headline": "Border crossing reopens", "body": "Лукашенко ordered the crossing at Брест reopened.", "section": "news", "authors": ["news-desk"], "status": "published"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let posted = Instant::now();
    for node in [&a, &b] {
        loop {
            if node
                .search("Lukashenka")
                .await
                .iter()
                .any(|s| s == "border-crossing-reopens")
            {
                break;
            }
            assert!(
                posted.elapsed() < Duration::from_secs(15),
                "{} never found the article",
                node.base
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    drop((a, b));
    db.cleanup().await;
}
