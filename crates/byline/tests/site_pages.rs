//! The reading site over HTTP, on both backends: pages, meta, render cache, bad input.

mod common;

use byline_domain::{ArticleStatus, Slug};
use byline_store::testing::Backend;
use byline_store::ArticleQuery;
use common::{article_links, TestApp};

async fn home_and_article_pages_carry_what_readers_and_crawlers_need(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (status, home) = app.text("/").await;
    assert_eq!(status, 200);
    for feed in [
        r#"<link rel="alternate" type="application/rss+xml""#,
        r#"<link rel="alternate" type="application/atom+xml""#,
        r#"<link rel="alternate" type="application/feed+json""#,
    ] {
        assert!(home.contains(feed), "home lacks {feed}");
    }
    for part in [
        // Catalog text is escaped like every expression: the apostrophe is an entity.
        "Editors&#39; Picks",
        "Latest",
        "More news",
        "News Feed",
        "Skip to content",
    ] {
        assert!(home.contains(part), "home lacks {part}");
    }
    let links = article_links(&home);
    assert!(links.len() >= 20, "home links {} articles", links.len());

    // An article with a hero image, bylines, tags and a "Read also" card.
    let (status, html) = app
        .text("/articles/grid-repairs-restore-power-to-calder")
        .await;
    assert_eq!(status, 200);
    let first_link = html.find("<a ").expect("a link");
    assert!(html[first_link..]
        .starts_with(r##"<a class="skip-link" href="#main-content">Skip to content</a>"##));
    assert!(html.contains(r#"<main id="main-content""#));
    for part in [
        r#"<link rel="canonical" href="http://news.example/articles/grid-repairs-restore-power-to-calder">"#,
        r#"<meta property="og:type" content="article">"#,
        r#"<meta property="og:image" content="http://news.example/media/"#,
        r#"<meta name="twitter:card" content="summary_large_image">"#,
        "min read</span>",
        "<figcaption>",
        r#"class="credit""#,
        r#"rel="author""#,
        r#"class="read-also""#,
        r#"href="/articles/explainer-how-the-grid-is-rebuilt-after-a-strike""#,
        r#"<h2 id="#,
        r#"class="related""#,
        "https://t.me/share/url?url=http%3A%2F%2Fnews.example%2Farticles%2Fgrid-repairs-restore-power-to-calder",
        "/pages/privacy-policy",
        "/pages/cookie-policy",
        "/pages/copyright",
        "/pages/support-us",
    ] {
        assert!(html.contains(part), "article lacks {part}");
    }
    assert!(
        html.contains("EET") || html.contains("EEST"),
        "times are shown in the outlet's zone"
    );
    assert!(!html.contains("[[read-also"), "markers never reach readers");

    let ld = html
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("JSON-LD");
    let ld: serde_json::Value = serde_json::from_str(ld).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "NewsArticle");
    for key in [
        "headline",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "image",
    ] {
        assert!(!ld[key].is_null(), "JSON-LD lacks {key}");
    }
    assert_eq!(ld["publisher"]["name"], "The Meridian Courier");

    for path in [
        "/sections/news",
        "/tags/energy",
        "/authors/news-desk",
        "/pages/about",
        "/pages/privacy-policy",
        "/robots.txt",
    ] {
        assert_eq!(app.get(path).await.status(), 200, "{path}");
    }
    app.stop().await;
}

async fn listings_paginate_and_reject_bad_page_numbers(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.page_size = 5).await;
    let total = app
        .store
        .count_articles(&ArticleQuery {
            section: Some("news".into()),
            ..ArticleQuery::default()
        })
        .await
        .expect("count");
    let pages = (total + 4) / 5;
    assert!(pages >= 2);
    let (_, first) = app.text("/sections/news").await;
    assert_eq!(article_links(&first).len(), 5);
    assert!(first.contains(r#"href="/sections/news?page=2" rel="next""#));
    let (status, last) = app.text(&format!("/sections/news?page={pages}")).await;
    assert_eq!(status, 200);
    assert!(last.contains(r#"rel="prev""#) && !last.contains(r#"rel="next""#));
    let mut seen = 0;
    for p in 1..=pages {
        seen += article_links(&app.text(&format!("/sections/news?page={p}")).await.1).len() as i64;
    }
    assert_eq!(seen, total, "every article appears on exactly one page");

    let (status, body) = app.text("/sections/news?page=abc").await;
    assert_eq!(status, 400);
    assert!(
        body.contains("`page` must be a whole number"),
        "clear message: {body}"
    );
    assert_eq!(app.get("/sections/news?page=0").await.status(), 400);
    assert_eq!(
        app.get(&format!("/sections/news?page={}", pages + 1))
            .await
            .status(),
        404
    );
    app.stop().await;
}

async fn unknown_withdrawn_and_malformed_requests_get_clear_errors(backend: Backend) {
    let app = TestApp::start(backend).await;
    for path in [
        "/no-such-page",
        "/articles/no-such-article",
        "/sections/sport",
        "/tags/none",
        "/authors/nobody",
        "/pages/none",
        "/media/none.jpg",
        "/sitemaps/articles-99.xml",
        "/assets/style-0.css",
    ] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 404, "{path}");
        assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
        let body = r.text().await.expect("body");
        assert!(
            body.contains("Page not found") && body.contains("The Meridian Courier"),
            "styled 404 for {path}"
        );
    }
    // A path that is not UTF-8 is a malformed request, answered with the same styled page.
    let r = app.get("/articles/%00%ff").await;
    assert_eq!(r.status(), 400);
    assert!(r.text().await.expect("body").contains("Bad request"));

    app.store
        .set_article_status(
            "grain-exports-reach-wartime-monthly-high",
            ArticleStatus::Unpublished,
        )
        .await
        .expect("unpublish");
    let r = app
        .get("/articles/grain-exports-reach-wartime-monthly-high")
        .await;
    assert_eq!(r.status(), 410);
    assert!(r.text().await.expect("body").contains("withdrawn"));

    let r = app
        .client
        .post(app.url("/"))
        .body("x")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 405);
    // Announce a 2 MiB body and send none: the server refuses on the header alone.
    let status = {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(app.server.addr)
            .await
            .expect("connect");
        stream
            .write_all(b"POST /newsletters/subscribe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 2097152\r\n\r\n")
            .await
            .expect("write");
        let mut head = [0u8; 12];
        stream.read_exact(&mut head).await.expect("read");
        String::from_utf8_lossy(&head[9..12]).into_owned()
    };
    assert_eq!(status, "413", "oversized request bodies are refused");
    app.stop().await;
}

async fn hostile_markdown_is_sanitised_on_the_page(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut draft = byline_domain::front_matter::parse_article(
        "+++\nheadline = \"<script>alert('h')</script> Headline\"\nsection = \"news\"\nauthors = [\"news-desk\"]\n+++\n\
         <script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))\n\n<svg onload=alert(4)></svg>\n\n<div><b>unclosed",
        chrono::Utc::now(),
    )
    .expect("draft");
    draft.slug = Slug::parse("hostile").expect("slug");
    app.store.save_article(&draft).await.expect("saved");
    let (status, html) = app.text("/articles/hostile").await;
    assert_eq!(status, 200);
    let h1 = html
        .split(r#"<h1 class="headline" data-byline-headline>"#)
        .nth(1)
        .and_then(|s| s.split("</h1>").next())
        .expect("h1");
    assert!(
        h1.contains("script") && !h1.contains('<') && h1.ends_with("Headline"),
        "headline is escaped: {h1}"
    );
    let body = html
        .split(r#"<div class="article-body" data-byline-body>"#)
        .nth(1)
        .expect("body");
    for bad in ["<script", "onerror", "javascript:", "<svg", "onload"] {
        assert!(!body.contains(bad), "{bad} reached the page");
    }
    assert_eq!(
        html.matches("<script").count(),
        4,
        "only the JSON-LD data, the staff script, the page script and the report dialog's"
    );
    assert!(
        html.contains(r#"<script type="application/ld+json">"#)
            && html.contains(r#"<script src="/assets/staff-"#)
            && html.contains(r#"<script src="/assets/report-"#)
    );
    app.stop().await;
}

async fn render_cache_compresses_validates_and_invalidates_exactly(backend: Backend) {
    let app = TestApp::start(backend).await;
    let path = "/articles/grid-repairs-restore-power-to-calder";
    let r = app
        .client
        .get(app.url(path))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-encoding"], "br");
    assert_eq!(r.headers()["vary"], "Accept-Encoding");
    assert!(r.headers()["cache-control"]
        .to_str()
        .expect("cc")
        .contains("max-age"));
    assert!(r.headers().contains_key("content-security-policy"));
    let etag = r.headers()["etag"].to_str().expect("etag").to_owned();
    assert!(
        etag.starts_with('"') && !etag.starts_with("W/"),
        "strong ETag: {etag}"
    );
    let compressed = r.bytes().await.expect("bytes");
    let mut plain = Vec::new();
    brotli_decompress(&compressed, &mut plain);
    assert!(String::from_utf8(plain)
        .expect("utf8")
        .contains("Grid repairs"));

    let r = app
        .client
        .get(app.url(path))
        .header("accept-encoding", "br")
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 304);
    let r = app
        .client
        .get(app.url(path))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("get");
    assert_eq!(r.headers()["content-encoding"], "gzip");

    // Warm pages of an unrelated section, then change one news article.
    let unrelated = "/pages/about";
    app.get(unrelated).await;
    app.get("/sections/culture").await;
    app.get("/").await;
    let cache = &app.server.state.cache;
    assert!(
        cache.get(path).is_some() && cache.get(unrelated).is_some() && cache.get("/").is_some()
    );

    let mut article = app
        .store
        .article("grid-repairs-restore-power-to-calder")
        .await
        .expect("get")
        .expect("article");
    article.summary.headline = "Power is back across Calder".into();
    let draft = byline_domain::ArticleDraft {
        slug: Slug::parse(&article.slug).expect("slug"),
        headline: article.headline.clone(),
        standfirst: article.standfirst.clone(),
        body_markdown: article.body_markdown.clone(),
        section: article.section.slug.clone(),
        tags: article.tags.iter().map(|t| t.name.clone()).collect(),
        authors: article.authors.iter().map(|a| a.slug.clone()).collect(),
        status: article.status,
        published_at: article.published_at,
        updated_at: None,
        dateline: article.dateline.clone(),
        language: article.language.clone(),
        hero: article.hero.clone(),
        editors_pick: article.editors_pick,
    };
    app.store.save_article(&draft).await.expect("save");
    app.eventually(path, |b| b.contains("Power is back across Calder"))
        .await;
    app.eventually("/", |b| b.contains("Power is back across Calder"))
        .await;
    app.eventually("/feed.xml", |b| b.contains("Power is back across Calder"))
        .await;
    assert!(
        cache.get(unrelated).is_some(),
        "a change to an article leaves static pages cached"
    );
    assert!(
        cache.get("/sections/culture").is_some(),
        "and other sections' pages"
    );
    app.stop().await;
}

async fn writes_by_another_process_reach_the_page_through_the_change_log(backend: Backend) {
    let app = TestApp::start(backend).await;
    let path = "/articles/winter-aid-convoy-reaches-vesk";
    assert_eq!(app.get(path).await.status(), 200);
    assert!(app.server.state.cache.get(path).is_some());
    // A second connection, like `byline article add` or another app node: no in-process broadcast.
    let other = byline_store::connect(&app.db.url)
        .await
        .expect("second connection");
    other
        .set_article_status("winter-aid-convoy-reaches-vesk", ArticleStatus::Unpublished)
        .await
        .expect("unpublish");
    for _ in 0..50 {
        if app.get(path).await.status() == 410 {
            app.stop().await;
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the page was never invalidated");
}

fn brotli_decompress(input: &[u8], out: &mut Vec<u8>) {
    use std::io::Read;
    let mut reader = brotli_reader(input);
    reader.read_to_end(out).expect("brotli");
}

fn brotli_reader(input: &[u8]) -> impl std::io::Read + '_ {
    brotli::Decompressor::new(input, 4096)
}

byline_store::on_both_backends!(
    home_and_article_pages_carry_what_readers_and_crawlers_need,
    listings_paginate_and_reject_bad_page_numbers,
    unknown_withdrawn_and_malformed_requests_get_clear_errors,
    hostile_markdown_is_sanitised_on_the_page,
    render_cache_compresses_validates_and_invalidates_exactly,
    writes_by_another_process_reach_the_page_through_the_change_log,
);
