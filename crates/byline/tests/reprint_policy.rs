//! The reprint policy on every outward path, on both backends: with articles, a live page
//! and a News Feed item far longer than the cap (Cyrillic included), every extract that
//! leaves the site (feeds, News Feed feeds, link-preview tags, oEmbed, the preview and
//! syndication endpoints, the newsletter digest) is within the cap, links back to the
//! canonical address and carries the policy; the copyright page states it; and a change
//! of `excerpt_cap` or an edit reaches every cached answer at once.

mod common;

use byline_store::testing::Backend;
use common::reprint::{chars, long_content, preview_texts, unescape, with_query, BODY_ONLY};
use common::TestApp;
use serde_json::{json, Value};

const CAP: usize = 120;
const POLICY: &str = "You may reprint an extract of at most 120 characters";
const BASE: &str = "http://news.example";

async fn json_at(app: &TestApp, path: &str) -> Value {
    let (status, body) = app.text(path).await;
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}"))
}

async fn set_cap(app: &TestApp, cap: usize) {
    let mut settings = app.store.settings().await.expect("settings");
    settings.excerpt_cap = cap;
    app.store.save_settings(&settings).await.expect("save");
}

async fn every_outward_path_holds_the_cap(backend: Backend) {
    let app = TestApp::start(backend).await;
    set_cap(&app, CAP).await;
    let item_id = long_content(&app).await;

    // Feeds: summaries within the cap, a link to the canonical page, the policy.
    let rss = app
        .eventually("/feed.xml", |b| b.contains("long-cyrillic"))
        .await;
    let channel = rss::Channel::read_from(rss.as_bytes()).expect("RSS");
    assert!(channel.copyright().expect("<copyright>").contains(POLICY));
    for item in channel.items() {
        assert!(chars(item.description().unwrap_or("")) <= CAP);
        assert!(item.link().expect("link").starts_with(BASE));
    }
    let atom =
        atom_syndication::Feed::read_from(app.text("/atom.xml").await.1.as_bytes()).expect("Atom");
    assert!(atom.rights().expect("<rights>").value.contains(POLICY));
    let feed = json_at(&app, "/feed.json").await;
    assert!(feed["_byline"]["rights"]
        .as_str()
        .expect("rights")
        .contains(POLICY));
    assert_eq!(feed["_byline"]["excerpt_cap"], CAP);
    let long = feed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["url"] == format!("{BASE}/articles/long-cyrillic"))
        .expect("the long article is in the feed");
    let summary = long["summary"].as_str().expect("summary");
    assert!(
        chars(summary) <= CAP && chars(summary) > CAP / 2,
        "{summary}"
    );
    assert!(summary.starts_with("Ремонтні бригади"));

    // The News Feed's feeds.
    for path in ["/news-feed/feed.xml", "/news-feed/atom.xml"] {
        let body = app.text(path).await.1;
        assert!(
            body.contains(&format!("{BASE}/news-feed/{item_id}")),
            "{path}"
        );
        assert!(body.contains(POLICY), "{path}");
    }
    let news = rss::Channel::read_from(app.text("/news-feed/feed.xml").await.1.as_bytes())
        .expect("News Feed RSS");
    for item in news.items() {
        assert!(chars(item.description().unwrap_or("")) <= CAP);
    }
    let news = json_at(&app, "/news-feed/feed.json").await;
    let item = &news["items"][0];
    assert_eq!(item["url"], format!("{BASE}/news-feed/{item_id}"));
    assert!(chars(item["content_text"].as_str().expect("text")) <= CAP);
    assert!(news["_byline"]["rights"]
        .as_str()
        .expect("rights")
        .contains(POLICY));

    // Link previews of articles (with and without a standfirst), live pages, feed items.
    for path in [
        "/articles/long-cyrillic".to_owned(),
        "/articles/long-no-standfirst".to_owned(),
        "/live/long-live".to_owned(),
        format!("/news-feed/{item_id}"),
    ] {
        let (status, html) = app.text(&path).await;
        assert_eq!(status, 200, "{path}");
        for text in preview_texts(&html) {
            assert!(chars(&text) <= CAP, "{path}: {} characters", chars(&text));
            assert!(chars(&text) > 10, "{path}: {text}");
        }
    }
    let article = app.text("/articles/long-cyrillic").await.1;
    let discovery = article
        .split("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(unescape)
        .expect("an oEmbed discovery link");
    let expected = with_query(
        "/oembed",
        &[
            ("url", &format!("{BASE}/articles/long-cyrillic")),
            ("format", "json"),
        ],
    );
    assert_eq!(discovery, format!("{BASE}{expected}"));

    // oEmbed: only the extract, an active link back and the policy.
    let oembed = json_at(
        &app,
        &with_query(
            "/oembed",
            &[
                ("url", &format!("{BASE}/articles/long-cyrillic")),
                ("format", "json"),
            ],
        ),
    )
    .await;
    assert_eq!(oembed["version"], "1.0");
    assert_eq!(oembed["type"], "rich");
    assert_eq!(oembed["provider_name"], "The Meridian Courier");
    assert_eq!(oembed["provider_url"], format!("{BASE}/"));
    assert_eq!(oembed["author_name"], "News desk");
    assert!(oembed["rights"].as_str().expect("rights").contains(POLICY));
    let html = oembed["html"].as_str().expect("html");
    let first = html
        .split("<p>")
        .nth(1)
        .and_then(|p| p.split("</p>").next())
        .expect("extract");
    assert!(chars(&unescape(first)) <= CAP, "{first}");
    assert!(html.contains(&format!("<a href=\"{BASE}/articles/long-cyrillic\">")));
    assert!(html.contains(POLICY));
    assert!(!html.contains(BODY_ONLY) && !html.contains("<script") && !html.contains("<iframe"));

    // The preview endpoint, for an article without a standfirst: the body's opening.
    let preview = json_at(
        &app,
        &with_query(
            "/api/preview",
            &[("url", &format!("{BASE}/articles/long-no-standfirst"))],
        ),
    )
    .await;
    assert_eq!(
        preview["canonical_url"],
        format!("{BASE}/articles/long-no-standfirst")
    );
    assert_eq!(preview["site_name"], "The Meridian Courier");
    assert_eq!(preview["title"], "Long story long-no-standfirst");
    let excerpt = preview["excerpt"].as_str().expect("excerpt");
    assert!(
        chars(excerpt) <= CAP && excerpt.starts_with("Ремонтні"),
        "{excerpt}"
    );
    assert!(preview["rights"].as_str().expect("rights").contains(POLICY));

    // Syndication: extracts only, with the links partners need.
    let list = json_at(&app, "/api/syndication").await;
    let text = list.to_string();
    assert!(!text.contains(BODY_ONLY), "never the full body");
    assert!(!text.contains("long-draft"), "never a draft");
    assert_eq!(list["keys"], format!("{BASE}/.well-known/byline-keys.json"));
    assert!(list["rights"].as_str().expect("rights").contains(POLICY));
    for item in list["items"].as_array().expect("items") {
        assert!(
            chars(item["excerpt"].as_str().expect("excerpt")) <= CAP,
            "{item}"
        );
        let url = item["url"].as_str().expect("url");
        assert_eq!(item["signature"], format!("{url}/signature.json"));
        assert!(item["bylines"][0]["name"].is_string());
    }

    // The newsletter digest: teasers within the cap, each with a link back.
    let digest = app
        .store
        .newsletter("morning-briefing")
        .await
        .expect("list")
        .expect("the demo list");
    let body = byline_web::workflow::Workflows::new(
        app.store.as_ref(),
        BASE,
        byline_web::workflow::Channel::Cli,
    )
    .digest_body(&digest.slug)
    .await
    .expect("digest");
    assert!(!body.contains(BODY_ONLY));
    let teaser = body
        .split("/articles/long-cyrillic)\n\n")
        .nth(1)
        .and_then(|t| t.split("\n\n").next())
        .expect("a teaser after the headline");
    assert!(
        chars(teaser) <= CAP && teaser.starts_with("Ремонтні"),
        "{teaser}"
    );
    assert!(body.contains(&format!(
        "[Read the full article]({BASE}/articles/long-cyrillic)"
    )));

    // The copyright page states the policy from the setting.
    let page = app.text("/pages/copyright").await.1;
    assert!(
        page.contains(POLICY),
        "the copyright page states the policy"
    );
    app.stop().await;
}

async fn the_policy_follows_the_setting_and_edits_at_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    set_cap(&app, CAP).await;
    long_content(&app).await;
    let oembed = with_query(
        "/oembed",
        &[("url", &format!("{BASE}/articles/long-cyrillic"))],
    );
    let preview = with_query(
        "/api/preview",
        &[("url", &format!("{BASE}/articles/long-cyrillic"))],
    );
    let paths = [
        "/pages/copyright",
        "/feed.xml",
        "/feed.json",
        "/news-feed/feed.xml",
        "/api/syndication",
        oembed.as_str(),
        preview.as_str(),
    ];
    // Render and cache every answer under the first cap.
    for path in paths {
        app.eventually(path, |b| b.contains(POLICY)).await;
    }

    // An admin lowers the cap through the one settings workflow (the Admin API).
    let admin = app.api_as("admin").await;
    let (status, _) = admin
        .patch("/api/admin/settings", json!({"excerpt_cap": 60}))
        .await;
    assert_eq!(status, 200);
    let lower = "You may reprint an extract of at most 60 characters";
    for path in paths {
        app.eventually(path, |b| b.contains(lower) && !b.contains(POLICY))
            .await;
    }
    let answer: Value = serde_json::from_str(&app.text(&preview).await.1).expect("JSON");
    assert!(chars(answer["excerpt"].as_str().expect("excerpt")) <= 60);
    let page = app.text("/articles/long-cyrillic").await.1;
    for text in preview_texts(&page) {
        assert!(chars(&text) <= 60, "{text}");
    }

    // In Ukrainian, with the number.
    let (status, _) = admin
        .patch("/api/admin/settings", json!({"language": "uk"}))
        .await;
    assert_eq!(status, 200);
    app.eventually("/pages/copyright", |b| {
        b.contains("не більше ніж 60 символів") && b.contains("Коротко про умови передруку")
    })
    .await;
    app.eventually(&oembed, |b| b.contains("не більше ніж 60 символів"))
        .await;

    // An edit of the standfirst reaches the cached oEmbed, preview and syndication answers.
    let mut draft = common::reprint::long_draft(
        "long-cyrillic",
        "Нова врізка після правки.",
        byline_domain::ArticleStatus::Published,
    );
    draft.published_at = app
        .store
        .article("long-cyrillic")
        .await
        .expect("read")
        .expect("article")
        .published_at;
    app.store.save_article(&draft).await.expect("edit");
    for path in [oembed.as_str(), preview.as_str(), "/api/syndication"] {
        app.eventually(path, |b| b.contains("Нова врізка після правки."))
            .await;
    }

    // Unpublished: gone from every endpoint.
    app.store
        .set_article_status("long-cyrillic", byline_domain::ArticleStatus::Unpublished)
        .await
        .expect("unpublish");
    for path in [oembed.as_str(), preview.as_str()] {
        let mut status = 0;
        for _ in 0..50 {
            status = app.get(path).await.status().as_u16();
            if status == 404 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(status, 404, "{path} after unpublishing");
    }
    app.eventually("/api/syndication", |b| !b.contains("long-cyrillic"))
        .await;
    app.stop().await;
}

byline_store::on_both_backends!(
    every_outward_path_holds_the_cap,
    the_policy_follows_the_setting_and_edits_at_once,
);
