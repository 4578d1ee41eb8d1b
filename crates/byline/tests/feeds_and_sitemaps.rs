//! Feeds and sitemaps over HTTP, on both backends: valid formats, excerpt cap, coverage.

mod common;

use std::collections::BTreeSet;

use byline_store::testing::Backend;
use byline_store::{ArticleQuery, LanguageFilter};
use common::{elements, TestApp};

async fn feeds_parse_link_canonically_and_respect_the_excerpt_cap(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut settings = app.store.settings().await.expect("settings");
    settings.excerpt_cap = 40;
    app.store.save_settings(&settings).await.expect("save");

    let rss_text = app.eventually("/feed.xml", |b| b.contains("<rss")).await;
    let rss = rss::Channel::read_from(rss_text.as_bytes()).expect("RSS parses");
    assert!(!rss.items().is_empty());
    for item in rss.items() {
        let link = item.link().expect("link");
        assert!(link.starts_with("http://news.example/articles/"), "{link}");
        assert_eq!(item.guid().map(|g| g.value()), Some(link));
        let summary = item.description().expect("summary");
        assert!(
            summary.chars().count() <= 40,
            "RSS summary over the cap: {summary}"
        );
    }

    let atom_text = app.text("/atom.xml").await.1;
    let atom = atom_syndication::Feed::read_from(atom_text.as_bytes()).expect("Atom parses");
    assert_eq!(atom.entries().len(), rss.items().len());
    for entry in atom.entries() {
        assert!(entry
            .links()
            .iter()
            .any(|l| l.href().starts_with("http://news.example/articles/")));
        let summary = entry.summary().map(|s| s.value.clone()).unwrap_or_default();
        assert!(summary.chars().count() <= 40);
        assert!(!entry.authors().is_empty());
    }

    let json: serde_json::Value =
        serde_json::from_str(&app.text("/feed.json").await.1).expect("JSON Feed parses");
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], "http://news.example/feed.json");
    let items = json["items"].as_array().expect("items");
    assert_eq!(items.len(), rss.items().len());
    for item in items {
        assert!(item["id"].is_string() && item["url"].is_string() && item["title"].is_string());
        assert!(
            item["content_text"]
                .as_str()
                .expect("content")
                .chars()
                .count()
                <= 40
        );
    }

    let section =
        rss::Channel::read_from(app.text("/sections/culture/feed.xml").await.1.as_bytes())
            .expect("section RSS");
    let culture = app
        .store
        .count_articles(&ArticleQuery {
            section: Some("culture".into()),
            ..ArticleQuery::default()
        })
        .await
        .expect("count");
    assert_eq!(section.items().len() as i64, culture);
    atom_syndication::Feed::read_from(app.text("/sections/culture/atom.xml").await.1.as_bytes())
        .expect("section Atom");
    serde_json::from_str::<serde_json::Value>(&app.text("/sections/culture/feed.json").await.1)
        .expect("section JSON");
    assert_eq!(app.get("/sections/sport/feed.xml").await.status(), 404);
    app.stop().await;
}

async fn sitemaps_list_every_published_article_in_chunks(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.sitemap_chunk = 10).await;
    let total = app
        .store
        .count_articles(&ArticleQuery::default())
        .await
        .expect("count");
    let published: BTreeSet<String> = app
        .store
        .list_articles(&ArticleQuery::latest(1000))
        .await
        .expect("list")
        .into_iter()
        .map(|a| format!("http://news.example/articles/{}", a.slug))
        .collect();
    assert_eq!(published.len() as i64, total);

    // Each edition (the demo's English one at the root, the Ukrainian one under /uk) has
    // its own sitemaps; between them they list every published article once.
    let english = Some(LanguageFilter::Except(vec!["uk".into()]));
    let editions = [
        ("", english.clone()),
        ("/uk", Some(LanguageFilter::Only("uk".into()))),
    ];
    let mut listed = BTreeSet::new();
    let mut listed_count = 0;
    for (prefix, languages) in editions {
        let in_edition = app
            .store
            .count_articles(&ArticleQuery {
                languages,
                ..ArticleQuery::default()
            })
            .await
            .expect("count");
        let (status, index) = app.text(&format!("{prefix}/sitemap.xml")).await;
        assert_eq!(status, 200);
        assert!(index.contains("<sitemapindex"));
        let chunks: Vec<String> = elements(&index, "loc")
            .into_iter()
            .filter(|l| l.contains("/sitemaps/articles-"))
            .collect();
        assert_eq!(chunks.len() as i64, (in_edition + 9) / 10, "chunks of ten");
        for chunk in chunks {
            let path = chunk.trim_start_matches("http://news.example");
            assert!(path.starts_with(&format!("{prefix}/sitemaps/")), "{path}");
            let (status, body) = app.text(path).await;
            assert_eq!(status, 200, "{path}");
            assert!(elements(&body, "loc").len() <= 10);
            listed_count += elements(&body, "loc").len();
            listed.extend(elements(&body, "loc"));
        }
    }
    assert_eq!(listed, published, "every published article");
    assert_eq!(listed_count, published.len(), "once");

    let news = app.text("/sitemaps/news.xml").await.1;
    let recent = app
        .store
        .count_articles(&ArticleQuery {
            published_since: Some(chrono::Utc::now() - chrono::Duration::hours(48)),
            languages: english,
            ..ArticleQuery::default()
        })
        .await
        .expect("count");
    assert!(recent > 0, "the demo has fresh stories");
    assert_eq!(elements(&news, "loc").len() as i64, recent);
    assert!(
        news.contains("<news:publication_date>")
            && news.contains("<news:name>The Meridian Courier</news:name>")
    );
    let pages = app.text("/sitemaps/pages.xml").await.1;
    assert!(
        pages.contains("http://news.example/pages/about")
            && pages.contains("http://news.example/sections/news")
    );
    let robots = app.text("/robots.txt").await.1;
    assert!(robots.contains("Sitemap: http://news.example/sitemap.xml"));
    app.stop().await;
}

byline_store::on_both_backends!(
    feeds_parse_link_canonically_and_respect_the_excerpt_cap,
    sitemaps_list_every_published_article_in_chunks
);
