//! The reprint endpoints as a stranger may call them, on both backends: oEmbed answers as
//! its spec says (404 for unknown, foreign, internal and unpublished addresses, 501 for
//! another format, `maxwidth`/`maxheight` respected), junk gets a JSON 4xx and never a
//! 500, spellings of one address share one answer, and `/api/syndication` pages through
//! every published article newest first and pulls only what changed `since`.

mod common;

use std::collections::BTreeSet;

use byline_domain::ArticleStatus;
use byline_store::testing::Backend;
use byline_store::ArticleQuery;
use common::reprint::{long_content, long_draft, with_query};
use common::TestApp;
use serde_json::Value;

const BASE: &str = "http://news.example";

/// Status, content type and JSON body.
async fn call(app: &TestApp, path: &str) -> (u16, String, Value) {
    let r = app.get(path).await;
    let status = r.status().as_u16();
    let kind = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = r.text().await.expect("body");
    let value = serde_json::from_str(&body).unwrap_or(Value::Null);
    (status, kind, value)
}

fn oembed(url: &str, extra: &[(&str, &str)]) -> String {
    let mut pairs = vec![("url", url)];
    pairs.extend_from_slice(extra);
    with_query("/oembed", &pairs)
}

async fn oembed_answers_as_its_spec_says(backend: Backend) {
    let app = TestApp::start(backend).await;
    long_content(&app).await;
    let article = format!("{BASE}/articles/long-cyrillic");

    let (status, kind, rich) = call(&app, &oembed(&article, &[("format", "json")])).await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("application/json"), "{kind}");
    assert_eq!(rich["type"], "rich");
    assert_eq!(rich["width"], 600);
    assert!(rich["height"].as_u64().expect("height") > 0);
    assert_eq!(rich["title"], "Long story long-cyrillic");

    // Other spellings of the same address: the same answer.
    for spelling in [
        "HTTP://NEWS.EXAMPLE:80/articles/long-cyrillic".to_owned(),
        format!("{article}/"),
        format!("{article}?utm_source=messenger#top"),
        format!("{BASE}/articles/%6Cong-cyrillic"),
    ] {
        let (status, _, same) = call(&app, &oembed(&spelling, &[])).await;
        assert_eq!(status, 200, "{spelling}");
        assert_eq!(same, rich, "{spelling}");
    }

    // maxwidth / maxheight are respected: a narrower block, or a `link` answer.
    let (status, _, narrow) = call(&app, &oembed(&article, &[("maxwidth", "333")])).await;
    assert_eq!(status, 200);
    assert_eq!(narrow["type"], "rich");
    assert!(narrow["width"].as_u64().expect("width") <= 333);
    let (_, _, tiny) = call(&app, &oembed(&article, &[("maxwidth", "120")])).await;
    assert_eq!(tiny["type"], "link", "no room for the block: a link");
    assert!(tiny.get("html").is_none() && tiny.get("width").is_none());
    assert!(tiny["rights"].is_string());
    let (_, _, low) = call(&app, &oembed(&article, &[("maxheight", "100")])).await;
    assert_eq!(low["type"], "link");
    let (_, _, roomy) = call(&app, &oembed(&article, &[("maxheight", "5000")])).await;
    assert_eq!(roomy["type"], "rich");
    assert!(roomy["height"].as_u64().expect("height") <= 5000);

    // 501 for another format, 404 for anything that is not a published page of ours.
    for format in ["xml", "yaml", ""] {
        let (status, kind, answer) = call(&app, &oembed(&article, &[("format", format)])).await;
        assert_eq!(status, 501, "format={format}");
        assert!(kind.starts_with("application/json"));
        assert!(answer["error"].as_str().expect("error").contains("JSON"));
    }
    for url in [
        format!("{BASE}/articles/no-such-story"),
        format!("{BASE}/articles/long-draft"),
        "https://news.example/articles/long-cyrillic".to_owned(),
        "http://evil.example/articles/long-cyrillic".to_owned(),
        "http://news.example.evil.example/articles/long-cyrillic".to_owned(),
        "http://127.0.0.1:5432/articles/long-cyrillic".to_owned(),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
        format!("{BASE}/"),
        format!("{BASE}/desk/articles"),
        format!("{BASE}/articles/x/../../desk"),
        format!("{BASE}/news-feed/007"),
        format!("{BASE}/live/no-such-live"),
    ] {
        let (status, kind, answer) = call(&app, &oembed(&url, &[])).await;
        assert_eq!(status, 404, "{url}: {answer}");
        assert!(kind.starts_with("application/json"), "{url}");
        assert!(answer["error"].is_string());
    }
    app.stop().await;
}

async fn junk_gets_a_clear_4xx(backend: Backend) {
    let app = TestApp::start(backend).await;
    let long = format!("{BASE}/articles/{}", "a".repeat(5000));
    let cases: Vec<(String, u16)> = vec![
        ("/api/preview".into(), 400),
        ("/api/preview?url=".into(), 400),
        ("/api/preview?url=%ff%fe".into(), 400),
        (
            with_query("/api/preview", &[("url", "javascript:alert(1)")]),
            400,
        ),
        (
            with_query("/api/preview", &[("url", "file:///etc/passwd")]),
            400,
        ),
        (with_query("/api/preview", &[("url", "/articles/x")]), 400),
        (
            with_query("/api/preview", &[("url", "http://u:p@news.example/")]),
            400,
        ),
        (with_query("/api/preview", &[("url", &long)]), 400),
        (with_query("/api/preview", &[("url", "http://[::1")]), 400),
        (
            with_query(
                "/api/preview",
                &[("url", "http://news.example/articles/%ff")],
            ),
            400,
        ),
        (
            with_query("/api/preview", &[("url", "http://news.example/tags/x")]),
            404,
        ),
        ("/oembed".into(), 400),
        (
            oembed(&format!("{BASE}/articles/x"), &[("maxwidth", "wide")]),
            400,
        ),
        (
            oembed(&format!("{BASE}/articles/x"), &[("maxheight", "-1")]),
            400,
        ),
        (
            oembed(&format!("{BASE}/articles/x"), &[("maxwidth", "0")]),
            400,
        ),
        ("/api/syndication?page=0".into(), 400),
        ("/api/syndication?page=abc".into(), 400),
        ("/api/syndication?page=99999".into(), 404),
        ("/api/syndication?since=yesterday".into(), 400),
        ("/api/syndication?since=2999-01-01T00:00:00Z".into(), 400),
    ];
    for (path, expected) in cases {
        let (status, kind, answer) = call(&app, &path).await;
        assert_eq!(status, expected, "{path}: {answer}");
        assert!(kind.starts_with("application/json"), "{path}: {kind}");
        assert!(
            answer["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{path}"
        );
    }
    // A parameter given twice is refused before the handler (as on every cached route).
    let twice = app.get("/api/preview?url=a&url=b").await;
    assert_eq!(twice.status(), 400);
    app.stop().await;
}

async fn syndication_pages_and_pulls_incrementally(backend: Backend) {
    let app = TestApp::start(backend).await;
    for n in 0..30 {
        let mut d = long_draft(
            &format!("wire-{n:02}"),
            "Short standfirst.",
            ArticleStatus::Published,
        );
        d.published_at = Some(chrono::Utc::now() - chrono::Duration::hours(200 + n));
        d.updated_at = d.published_at;
        app.store.save_article(&d).await.expect("article");
    }
    let total = app
        .store
        .count_articles(&ArticleQuery::default())
        .await
        .expect("count");
    let first = call(&app, "/api/syndication").await.2;
    let size = first["page_size"].as_i64().expect("page size");
    assert!(size > 0 && size <= 100, "bounded page size");
    let pages = first["pages"].as_i64().expect("pages");
    assert_eq!(first["total"], total);
    assert_eq!(pages, (total + size - 1) / size);
    assert!(pages >= 2);
    assert!(first["prev"].is_null());

    // Following `next` walks every published article once, newest first.
    let mut seen = BTreeSet::new();
    let mut times = Vec::new();
    let mut next = Some(first);
    let mut walked = 0;
    while let Some(page) = next.take() {
        walked += 1;
        for item in page["items"].as_array().expect("items") {
            assert!(seen.insert(item["url"].as_str().expect("url").to_owned()));
            times.push(item["published"].as_str().expect("time").to_owned());
        }
        if let Some(link) = page["next"].as_str() {
            let path = link.strip_prefix(BASE).expect("own link");
            let (status, _, body) = call(&app, path).await;
            assert_eq!(status, 200, "{path}");
            next = Some(body);
        }
    }
    assert_eq!(walked, pages);
    assert_eq!(seen.len() as i64, total);
    let parsed: Vec<_> = times
        .iter()
        .map(|t| chrono::DateTime::parse_from_rfc3339(t).expect("RFC 3339"))
        .collect();
    assert!(parsed.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let (status, _, _) = call(&app, &format!("/api/syndication?page={}", pages + 1)).await;
    assert_eq!(status, 404);

    // `since`: only what was published or edited at or after it.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let since = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let mut edited = long_draft("wire-17", "Edited standfirst.", ArticleStatus::Published);
    edited.published_at = app
        .store
        .article("wire-17")
        .await
        .expect("read")
        .expect("a")
        .published_at;
    app.store.save_article(&edited).await.expect("edit");
    app.store
        .save_article(&long_draft(
            "wire-new",
            "New standfirst.",
            ArticleStatus::Published,
        ))
        .await
        .expect("new");
    let path = with_query("/api/syndication", &[("since", &since)]);
    let (status, _, pulled) = call(&app, &path).await;
    assert_eq!(status, 200);
    let urls: Vec<&str> = pulled["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["url"].as_str().expect("url"))
        .collect();
    assert_eq!(
        urls,
        [
            format!("{BASE}/articles/wire-new"),
            format!("{BASE}/articles/wire-17")
        ]
    );
    assert_eq!(pulled["since"], since.as_str());
    assert_eq!(pulled["total"], 2);

    // The cached plain list takes the new article at once.
    app.eventually("/api/syndication", |b| b.contains("wire-new"))
        .await;
    app.stop().await;
}

/// A stranger varying the parameters cannot fill the render cache: spellings of one
/// address share one entry, refused and unknown addresses and `since` pulls are never
/// stored, sizes come in a handful of steps. Bounded: about 400 loopback requests.
async fn strangers_cannot_fill_the_cache(backend: Backend) {
    let app = TestApp::start(backend).await;
    long_content(&app).await;
    let article = format!("{BASE}/articles/long-cyrillic");
    let cache = &app.server.state.cache;
    let first = app.get(&oembed(&article, &[])).await;
    assert!(first.headers().contains_key("etag"), "a stored answer");
    let etag = first.headers()["etag"].clone();
    let before = cache.len();

    for n in 0..100 {
        let spelling = match n % 4 {
            0 => format!("{article}?utm_campaign={n}"),
            1 => format!("{article}#p{n}"),
            2 => format!("HTTP://News.Example/articles/long-cyrillic/?n={n}"),
            _ => format!("{article}/?ref={n}"),
        };
        let r = app
            .get(&oembed(&spelling, &[("junk", &n.to_string())]))
            .await;
        assert_eq!(r.status(), 200, "{spelling}");
        assert_eq!(r.headers()["etag"], etag, "one answer for every spelling");
    }
    for n in 0..100 {
        let url = match n % 3 {
            0 => format!("http://evil{n}.example/articles/long-cyrillic"),
            1 => format!("{BASE}/articles/missing-{n}"),
            _ => format!("not a url {n}"),
        };
        for path in [
            oembed(&url, &[]),
            with_query("/api/preview", &[("url", &url)]),
        ] {
            let r = app.get(&path).await;
            assert!(r.status().is_client_error(), "{path}");
            assert!(!r.headers().contains_key("etag"), "{path} is not stored");
            assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
        }
    }
    for minute in 0..50 {
        let since = format!("2020-01-01T00:{minute:02}:00Z");
        let r = app
            .get(&with_query("/api/syndication", &[("since", &since)]))
            .await;
        assert_eq!(r.status(), 200);
        assert!(
            !r.headers().contains_key("etag"),
            "since pulls are not stored"
        );
    }
    // The saves above may still be invalidating entries in the background (it can only
    // shrink the cache), so "nothing new" is an upper bound, not an equality.
    assert!(cache.len() <= before, "nothing new stored");

    for width in (1..=700).step_by(7) {
        let w = width.to_string();
        let r = app.get(&oembed(&article, &[("maxwidth", &w)])).await;
        assert_eq!(r.status(), 200, "maxwidth={w}");
    }
    let added = cache.len().saturating_sub(before);
    assert!(added <= 12, "{added} entries for 100 widths");
    app.stop().await;
}

byline_store::on_both_backends!(
    oembed_answers_as_its_spec_says,
    junk_gets_a_clear_4xx,
    syndication_pages_and_pulls_incrementally,
    strangers_cannot_fill_the_cache,
);
