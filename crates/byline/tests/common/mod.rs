//! A real server on 127.0.0.1:0 over a fresh database with the demo newsroom loaded.
#![allow(
    dead_code,
    reason = "each test binary uses a different part of the helpers"
)]

use std::sync::Arc;
use std::time::Duration;

use byline::server::RunningServer;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::Store;

pub mod api;
pub mod audit;
pub mod desk;
pub mod live_desk;
pub mod reprint;
pub mod sse;

pub struct TestApp {
    pub server: RunningServer,
    pub store: Arc<dyn Store>,
    pub db: TestDatabase,
    pub client: reqwest::Client,
    _outbox: tempfile::TempDir,
}

impl TestApp {
    pub async fn start(backend: Backend) -> Self {
        Self::start_with(backend, |_| {}).await
    }

    pub async fn start_with(
        backend: Backend,
        configure: impl FnOnce(&mut byline_web::WebConfig),
    ) -> Self {
        Self::start_full(backend, configure, None).await
    }

    /// With outgoing mail over SMTP to `smtp_url` (a test sink).
    pub async fn start_full(
        backend: Backend,
        configure: impl FnOnce(&mut byline_web::WebConfig),
        smtp_url: Option<String>,
    ) -> Self {
        Self::start_through(backend, str::to_owned, |c| configure(&mut c.web), smtp_url).await
    }

    /// With the server's database URL rewritten by `route` (e.g. through a TCP proxy) and
    /// any setting of the server changed by `configure`.
    pub async fn start_through(
        backend: Backend,
        route: impl FnOnce(&str) -> String,
        configure: impl FnOnce(&mut byline::config::ServeConfig),
        smtp_url: Option<String>,
    ) -> Self {
        // Server-side errors show up in a failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_env_filter("warn")
            .with_test_writer()
            .try_init();
        let db = TestDatabase::create(backend).await.expect("test database");
        let store = byline_store::connect(&route(&db.url)).await.expect("store");
        store.migrate().await.expect("migrate");
        byline::server::prepare(store.as_ref(), true)
            .await
            .expect("demo");
        let outbox = tempfile::tempdir().expect("outbox");
        let mut config = byline::config::ServeConfig {
            addr: "127.0.0.1:0".into(),
            web: byline_web::WebConfig {
                base_url: "http://news.example".into(),
                change_poll: Duration::from_millis(100),
                ..byline_web::WebConfig::default()
            },
            mail: byline_mail::MailConfig {
                smtp_url: smtp_url.clone(),
                outbox_dir: outbox.path().to_owned(),
                from_name: "The Meridian Courier".into(),
                from_address: "desk@news.example".into(),
            },
            ..byline::config::ServeConfig::default()
        };
        configure(&mut config);
        let mailer = byline::server::mailer(&config).expect("mailer");
        let server = byline::server::start(Arc::clone(&store), config, mailer)
            .await
            .expect("server");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            server,
            store,
            db,
            client,
            _outbox: outbox,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.server.addr)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    pub async fn text(&self, path: &str) -> (u16, String) {
        let r = self.get(path).await;
        let status = r.status().as_u16();
        (status, r.text().await.expect("body"))
    }

    /// Polls `path` until its body satisfies `check` (cache invalidation is asynchronous).
    pub async fn eventually(&self, path: &str, check: impl Fn(&str) -> bool) -> String {
        let mut last = String::new();
        for _ in 0..50 {
            last = self.text(path).await.1;
            if check(&last) {
                return last;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{path} never matched; last body:\n{last}");
    }

    /// Waits until the job queue has nothing due or running, so every mail the app meant
    /// to send has been handed to SMTP (the sink records a message before it answers).
    /// Asserting that no further mail came is then meaningful, with no fixed sleep.
    pub async fn jobs_settled(&self) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        loop {
            let (depth, _) = self
                .store
                .queue_depth(chrono::Utc::now())
                .await
                .expect("queue depth");
            if depth == 0 {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{depth} job(s) still due or running after 15 s"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub async fn stop(self) {
        self.server.task.abort();
        self.db.cleanup().await;
    }
}

/// Every `href="/articles/…"` in a page, in order, without duplicates.
pub fn article_links(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in html.split("href=\"/articles/").skip(1) {
        if let Some(end) = part.find('"') {
            let link = format!("/articles/{}", &part[..end]);
            if !out.contains(&link) {
                out.push(link);
            }
        }
    }
    out
}

/// Text of every `<tag>…</tag>` element.
pub fn elements(xml: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    xml.split(&open)
        .skip(1)
        .filter_map(|p| p.split(&close).next().map(str::to_owned))
        .collect()
}
