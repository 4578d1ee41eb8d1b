//! The public site against a hostile visitor and a failing database: canonical cache keys
//! that a flood cannot inflate or poison, single flight, media served once per file,
//! slow and greedy connections, health and metrics, and a PostgreSQL outage behind a TCP
//! proxy of the test's own.

mod common;

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use byline_domain::{ArticleStatus, MediaFile};
use byline_store::testing::Backend;
use common::TestApp;
use futures_util::StreamExt;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ARTICLE: &str = "/articles/grid-repairs-restore-power-to-calder";

fn title(html: &str) -> &str {
    html.split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or("")
}

async fn cache_keys_are_canonical_and_cannot_be_inflated_or_poisoned(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.page_size = 2).await;
    let (status, canonical) = app.text(ARTICLE).await;
    assert_eq!(status, 200);
    let entries = app.server.state.cache.len();

    // Every `?page=` value on a page that does not paginate is the same entry.
    for i in 1..=300 {
        let (status, body) = app
            .text(&format!("{ARTICLE}?page={i}&utm_source={i}"))
            .await;
        assert_eq!(status, 200);
        assert_eq!(body, canonical);
    }
    // Another spelling of the path is redirected, not stored.
    let r = app
        .get("/articles/%67rid-repairs-restore-power-to-calder")
        .await;
    assert_eq!(r.status(), 301);
    assert_eq!(r.headers()["location"], ARTICLE);
    assert_eq!(app.get("/articles/%ff").await.status(), 400);
    assert_eq!(
        app.server.state.cache.len(),
        entries,
        "no entry per query value or spelling"
    );

    // After a publish in News, an encoded parameter name cannot store page 2 as page 1.
    let draft = byline_domain::ArticleDraft {
        slug: byline_domain::Slug::parse("ferry-service-resumes").expect("slug"),
        headline: "Ferry service resumes".into(),
        standfirst: "The crossing runs again.".into(),
        body_markdown: "It runs again.".into(),
        section: "news".into(),
        tags: Vec::new(),
        authors: vec!["news-desk".into()],
        status: ArticleStatus::Published,
        published_at: Some(chrono::Utc::now()),
        updated_at: None,
        dateline: String::new(),
        language: "en".into(),
        hero: None,
        editors_pick: false,
    };
    app.store.save_article(&draft).await.expect("publish");
    app.eventually("/sections/news", |html| {
        html.contains("Ferry service resumes")
    })
    .await;
    // A publish in a section does not send every article page of that section cold.
    let in_news = app
        .store
        .list_articles(&byline_store::ArticleQuery {
            section: Some("news".into()),
            ..byline_store::ArticleQuery::latest(3)
        })
        .await
        .expect("list");
    let other = format!(
        "/articles/{}",
        in_news
            .iter()
            .find(|a| a.slug != "ferry-service-resumes")
            .expect("another")
            .slug
    );
    let _ = app.text(&other).await;
    let mut second = draft.clone();
    second.slug = byline_domain::Slug::parse("ferry-timetable-extended").expect("slug");
    second.headline = "Ferry timetable extended".into();
    app.store.save_article(&second).await.expect("publish");
    app.eventually("/sections/news", |html| {
        html.contains("Ferry timetable extended")
    })
    .await;
    assert!(
        app.server.state.cache.get(&other).is_some(),
        "{other} stayed cached through a publish in its section"
    );
    let (status, page2) = app.text("/sections/news?%70age=2").await;
    assert_eq!(status, 200);
    assert!(title(&page2).contains("(page 2)"), "{}", title(&page2));
    let (_, page1) = app.text("/sections/news").await;
    assert!(
        !title(&page1).contains("(page 2)"),
        "page 1 was poisoned: {}",
        title(&page1)
    );
    assert!(page1.contains(r#"<link rel="canonical" href="http://news.example/sections/news">"#));
    // A repeated parameter is refused, and page 1 stays page 1.
    assert_eq!(app.get("/sections/news?page=2&page=1").await.status(), 400);
    assert_eq!(
        app.get("/sections/news?page=99999999999").await.status(),
        400
    );
    let (_, again) = app.text("/sections/news").await;
    assert_eq!(title(&again), title(&page1));

    // Sitemap chunks have one spelling each.
    assert_eq!(app.get("/sitemaps/articles-1.xml").await.status(), 200);
    for bad in [
        "articles-01.xml",
        "articles-+1.xml",
        "articles-9223372036854775807.xml",
        "articles-0.xml",
    ] {
        let r = app.get(&format!("/sitemaps/{bad}")).await;
        let status = match r.status().as_u16() {
            301 => app
                .get(r.headers()["location"].to_str().expect("location"))
                .await
                .status(),
            _ => r.status(),
        };
        assert_eq!(status, 404, "{bad}");
    }
    app.stop().await;
}

async fn concurrent_misses_render_once(backend: Backend) {
    let app = Arc::new(TestApp::start(backend).await);
    let path = "/articles/oldbridge-river-bridge-reopens-to-traffic";
    let before = app.server.state.cache.stats.misses.load(Ordering::Relaxed);
    let bodies: Vec<(u16, String)> = futures_util::stream::iter(0..40)
        .map(|_| {
            let app = Arc::clone(&app);
            async move { app.text(path).await }
        })
        .buffer_unordered(40)
        .collect()
        .await;
    assert!(
        bodies.iter().all(|(s, b)| *s == 200 && *b == bodies[0].1),
        "every reader got the same page"
    );
    let renders = app.server.state.cache.stats.misses.load(Ordering::Relaxed) - before;
    assert_eq!(renders, 1, "40 concurrent misses rendered {renders} times");
    assert!(app.server.state.cache.flights.is_empty());
    if let Ok(app) = Arc::try_unwrap(app) {
        app.stop().await;
    }
}

fn rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

async fn a_flood_of_distinct_urls_keeps_memory_within_the_budget(backend: Backend) {
    const BUDGET: u64 = 8 << 20;
    const MEDIA_BUDGET: u64 = 4 << 20;
    let app = Arc::new(
        TestApp::start_with(backend, |c| {
            c.cache_bytes = BUDGET;
            c.media_cache_bytes = MEDIA_BUDGET;
        })
        .await,
    );
    let media = "/media/parliament.svg";
    let media_body = app.get(media).await.bytes().await.expect("media");
    let (_, canonical) = app.text(ARTICLE).await;
    let hits_before = app.server.state.cache.stats.hits.load(Ordering::Relaxed);
    let rss_before = rss_bytes();
    let statuses: Vec<u16> = futures_util::stream::iter(0..20_000_u32)
        .map(|i| {
            let app = Arc::clone(&app);
            async move {
                let path = match i % 4 {
                    0 => format!("{ARTICLE}?page={i}"),
                    1 => format!("/articles/%67rid-repairs-restore-power-to-calder?v={i}"),
                    2 => format!("{media}?v={i}"),
                    _ => format!("/sections/news?page={}", i + 100),
                };
                app.get(&path).await.status().as_u16()
            }
        })
        .buffer_unordered(32)
        .collect()
        .await;
    let rss_after = rss_bytes();
    assert!(
        statuses.iter().all(|s| [200, 301, 404].contains(s)),
        "only pages, redirects and not-found"
    );
    let state = &app.server.state;
    assert!(
        state.cache.bytes() <= BUDGET,
        "render cache holds {} bytes",
        state.cache.bytes()
    );
    assert!(
        state.media.bytes() <= MEDIA_BUDGET,
        "media cache holds {} bytes",
        state.media.bytes()
    );
    let hits = state.cache.stats.hits.load(Ordering::Relaxed) - hits_before;
    assert!(hits >= 5_000, "hits kept being served: {hits}");
    let grown = rss_after.saturating_sub(rss_before);
    assert!(
        grown < BUDGET + MEDIA_BUDGET + (40 << 20),
        "the process grew by {} MiB",
        grown >> 20
    );
    let (status, after) = app.text(ARTICLE).await;
    assert_eq!(
        (status, after == canonical),
        (200, true),
        "the canonical page is intact"
    );
    assert_eq!(
        app.get(media).await.bytes().await.expect("media"),
        media_body
    );
    eprintln!(
        "flood of 20,000 requests: {hits} hits, RSS grew {} KiB, cache {} KiB",
        grown >> 10,
        state.cache.bytes() >> 10
    );
    if let Ok(app) = Arc::try_unwrap(app) {
        app.stop().await;
    }
}

async fn media_has_strong_etags_ranges_and_one_copy(backend: Backend) {
    let app = TestApp::start(backend).await;
    let bytes: Vec<u8> = (0..=255).cycle().take(4000).collect();
    let name = "ferry.0123456789ab.png";
    app.store
        .put_media(&MediaFile {
            name: name.into(),
            content_type: "image/png".into(),
            bytes: bytes.clone(),
        })
        .await
        .expect("put");
    let url = format!("/media/{name}");
    let full = app.get(&url).await;
    assert_eq!(full.status(), 200);
    assert_eq!(
        full.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(full.headers()["accept-ranges"], "bytes");
    let etag = full.headers()["etag"].to_str().expect("etag").to_owned();
    assert!(etag.starts_with('"'), "a strong ETag: {etag}");
    assert_eq!(full.bytes().await.expect("body").to_vec(), bytes);

    let part = app
        .client
        .get(app.url(&url))
        .header("range", "bytes=10-19")
        .send()
        .await
        .expect("range");
    assert_eq!(part.status(), 206);
    assert_eq!(part.headers()["content-range"], "bytes 10-19/4000");
    assert_eq!(
        part.bytes().await.expect("part").to_vec(),
        bytes[10..20].to_vec()
    );
    let tail = app
        .client
        .get(app.url(&url))
        .header("range", "bytes=-5")
        .send()
        .await
        .expect("range");
    assert_eq!(
        tail.bytes().await.expect("tail").to_vec(),
        bytes[3995..].to_vec()
    );
    let beyond = app
        .client
        .get(app.url(&url))
        .header("range", "bytes=5000-")
        .send()
        .await
        .expect("range");
    assert_eq!(beyond.status(), 416);
    let stale_range = app
        .client
        .get(app.url(&url))
        .header("range", "bytes=0-1")
        .header("if-range", "\"other\"")
        .send()
        .await
        .expect("range");
    assert_eq!(
        stale_range.status(),
        200,
        "If-Range with another ETag gets the whole file"
    );
    let cached = app
        .client
        .get(app.url(&format!("{url}?x=1")))
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("304");
    assert_eq!(cached.status(), 304, "any query is the same file");
    let demo = app.get("/media/parliament.svg").await;
    assert_eq!(
        demo.headers()["cache-control"],
        "public, max-age=86400",
        "a replaceable name is not immutable"
    );
    assert!(
        app.server.state.cache.get(&url).is_none(),
        "media is not copied into the page cache"
    );
    app.stop().await;
}

async fn slow_and_greedy_connections_are_cut_off(backend: Backend) {
    let app = TestApp::start_with(backend, |c| {
        c.header_timeout = Duration::from_secs(1);
        c.max_connections_per_ip = 4;
        c.trusted_proxies = Vec::new();
    })
    .await;
    let addr = app.server.addr;
    // Slowloris: headers that never end are cut off after the header timeout.
    let mut slow = TcpStream::connect(addr).await.expect("connect");
    slow.write_all(b"GET / HTTP/1.1\r\nHost: news.example\r\nX-Slow: 1\r\n")
        .await
        .expect("write");
    let started = Instant::now();
    let mut buf = [0u8; 1024];
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read(&mut buf)).await;
    assert!(
        matches!(read, Ok(Ok(_)) | Ok(Err(_))),
        "the server closed the slow connection"
    );
    assert!(started.elapsed() < Duration::from_secs(4));
    drop(slow);
    tokio::time::sleep(Duration::from_millis(100)).await;

    // A connection that sends nothing at all is closed after the same time.
    let mut silent = TcpStream::connect(addr).await.expect("connect");
    let started = Instant::now();
    let read = tokio::time::timeout(Duration::from_secs(5), silent.read(&mut buf)).await;
    assert!(
        matches!(read, Ok(Ok(0)) | Ok(Err(_))),
        "the silent connection was closed"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "closed after {:?}",
        started.elapsed()
    );
    drop(silent);

    // A fifth idle connection from one address is refused; the others stay usable.
    let mut held = Vec::new();
    for _ in 0..4 {
        held.push(TcpStream::connect(addr).await.expect("connect"));
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut fifth = TcpStream::connect(addr).await.expect("tcp accepts");
    let _ = fifth
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: news.example\r\n\r\n")
        .await;
    let n = tokio::time::timeout(Duration::from_secs(2), fifth.read(&mut buf))
        .await
        .expect("closed promptly")
        .unwrap_or(0);
    assert_eq!(n, 0, "the fifth connection got no answer");
    let first = &mut held[0];
    first
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: news.example\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(2), first.read_to_end(&mut answer)).await;
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 200"),
        "a held connection still works"
    );
    drop(held);
    app.stop().await;
}

async fn health_readiness_and_metrics(backend: Backend) {
    let app = TestApp::start_with(backend, |c| {
        c.metrics_token = Some("s3cret-metrics-token".into())
    })
    .await;
    assert_eq!(app.text("/healthz").await, (200, "ok\n".into()));
    assert_eq!(app.text("/readyz").await.0, 200);
    app.text(ARTICLE).await;
    app.text(ARTICLE).await;
    assert_eq!(app.get("/metrics").await.status(), 401);
    let wrong = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("guess")
        .send()
        .await
        .expect("metrics");
    assert_eq!(wrong.status(), 401);
    let right = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("s3cret-metrics-token")
        .send()
        .await
        .expect("metrics");
    assert_eq!(right.status(), 200);
    let text = right.text().await.expect("text");
    for metric in [
        "byline_cache_hits_total",
        "byline_cache_bytes",
        "byline_http_requests_total",
        "byline_cold_render_seconds",
        "byline_jobs_due",
        "byline_db_pool_connections",
    ] {
        assert!(text.contains(metric), "{metric} missing from /metrics");
    }
    app.stop().await;
    let closed = TestApp::start(backend).await;
    assert_eq!(
        closed.get("/metrics").await.status(),
        404,
        "no token, no metrics"
    );
    closed.stop().await;
}

/// A TCP proxy to PostgreSQL that the test can cut and restore.
struct Proxy {
    addr: std::net::SocketAddr,
    up: Arc<std::sync::atomic::AtomicBool>,
    connections: Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(target: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let up = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let connections = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (up2, conns2) = (Arc::clone(&up), Arc::clone(&connections));
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if !up2.load(Ordering::SeqCst) {
                    continue; // dropped: refused while the database is "down"
                }
                let target = target.clone();
                let task = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                conns2.lock().expect("lock").push(task);
            }
        });
        Self {
            addr,
            up,
            connections,
        }
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for task in self.connections.lock().expect("lock").drain(..) {
            task.abort();
        }
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

async fn cached_pages_survive_a_database_outage_and_the_site_recovers(backend: Backend) {
    if backend != Backend::Postgres {
        return; // SQLite is a file: it cannot go away under the server.
    }
    let admin = std::env::var("BYLINE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let authority = admin
        .split_once("://")
        .map_or("", |(_, r)| r)
        .split('/')
        .next()
        .unwrap_or("");
    let target = authority
        .rsplit_once('@')
        .map_or(authority, |(_, h)| h)
        .to_owned();
    let proxy = Proxy::start(target.clone()).await;
    let via = proxy.addr.to_string();
    let app = Arc::new(
        TestApp::start_through(backend, |url| url.replacen(&target, &via, 1), |_| {}, None).await,
    );
    let cached = ["/", ARTICLE, "/sections/news", "/feed.xml"];
    for path in cached {
        assert_eq!(app.get(path).await.status(), 200);
    }

    proxy.cut();
    // A bounded load over cached pages: not one failure.
    let statuses: Vec<u16> = futures_util::stream::iter(0..400)
        .map(|i| {
            let app = Arc::clone(&app);
            async move { app.get(cached[i % cached.len()]).await.status().as_u16() }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    assert!(
        statuses.iter().all(|s| *s == 200),
        "cached pages failed: {:?}",
        statuses.iter().filter(|s| **s != 200).count()
    );

    // A page not in the cache: a styled 503 with Retry-After, quickly.
    let started = Instant::now();
    let r = app
        .get("/articles/oldbridge-river-bridge-reopens-to-traffic")
        .await;
    assert_eq!(r.status(), 503);
    assert!(r.headers().contains_key("retry-after"));
    assert!(r
        .text()
        .await
        .expect("body")
        .contains("Temporarily unavailable"));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    let started = Instant::now();
    assert_eq!(
        app.get("/articles/harbourton-united-win-first-home-match-in-two-seasons")
            .await
            .status(),
        503
    );
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "once known down, the answer is immediate: {:?}",
        started.elapsed()
    );
    assert_eq!(app.get("/readyz").await.status(), 503);
    // A change notice for a cached page: its stale copy is still served (stale-if-error).
    app.server
        .state
        .invalidate(&["article:grid-repairs-restore-power-to-calder".to_owned()]);
    assert_eq!(app.get(ARTICLE).await.status(), 200);

    proxy.restore();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let status = app
            .get("/articles/oldbridge-river-bridge-reopens-to-traffic")
            .await
            .status();
        if status == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no recovery without a restart (last status {status})"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    // The readiness answer is memoised for a second: ready again within a few.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let status = app.get("/readyz").await.status();
        if status == 200 {
            break;
        }
        assert!(Instant::now() < deadline, "/readyz still answers {status}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if let Ok(app) = Arc::try_unwrap(app) {
        app.stop().await;
    }
}

byline_store::on_both_backends!(
    cache_keys_are_canonical_and_cannot_be_inflated_or_poisoned,
    concurrent_misses_render_once,
    a_flood_of_distinct_urls_keeps_memory_within_the_budget,
    media_has_strong_etags_ranges_and_one_copy,
    slow_and_greedy_connections_are_cut_off,
    health_readiness_and_metrics,
    cached_pages_survive_a_database_outage_and_the_site_recovers,
);
