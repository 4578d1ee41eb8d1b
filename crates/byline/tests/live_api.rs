//! News Feed items and the banner through the Admin API on both backends: the roles
//! (contributors draft, authors publish and change their own, editors anyone's), field
//! errors that name the field, 404 after a delete, 409 on a stale version, the audit log,
//! and the banner's edge jobs. Live pages and entries are in `live_api_pages.rs`.

mod common;

use byline_store::testing::Backend;
use byline_store::FeedQuery;
use common::api::field_error;
use common::audit::assert_audited;
use common::TestApp;
use serde_json::json;

const DEMO_ARTICLE: &str = "winter-aid-convoy-reaches-vesk";

async fn published_headlines(app: &TestApp) -> Vec<String> {
    let query = FeedQuery {
        published_only: true,
        limit: 100,
        ..FeedQuery::default()
    };
    let items = app.store.feed_items(&query).await.expect("feed items");
    items.into_iter().map(|i| i.headline).collect()
}

async fn feed_items_follow_the_roles(backend: Backend) {
    let app = TestApp::start(backend).await;
    let contributor = app.api_as("contributor").await;
    let author = app.api_as("author").await;
    let other_author = app.api_as("author").await;
    let editor = app.api_as("editor").await;

    // Only a headline, from an author: published at once (the acceptance check's call).
    let started = std::time::Instant::now();
    let (status, item) = author
        .post(
            "/api/admin/feed-items",
            json!({"headline": "IMF tranche arrives"}),
        )
        .await;
    assert_eq!(status, 201, "{item}");
    let id = item["id"].as_i64().expect("id");
    assert_eq!(item["published"], true);
    assert_eq!(item["url"], format!("http://news.example/news-feed/{id}"));
    assert_eq!(item["version"], 1);
    assert!(published_headlines(&app)
        .await
        .contains(&"IMF tranche arrives".to_owned()));
    app.eventually("/news-feed", |b| b.contains("IMF tranche arrives"))
        .await;
    app.eventually("/", |b| b.contains("IMF tranche arrives"))
        .await;
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "public on /news-feed and the home page within a second: {:?}",
        started.elapsed()
    );
    assert_audited(
        app.store(),
        &author.email,
        "feed_item.create",
        &format!("feed-item:{id}"),
        "api",
    )
    .await;

    // A contributor's item is a draft; asking to publish is refused like for articles.
    let (status, draft) = contributor
        .post(
            "/api/admin/feed-items",
            json!({"headline": "Sirens in the east"}),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(draft["published"], false);
    let draft_id = draft["id"].as_i64().expect("id");
    let (status, refusal) = contributor
        .post(
            "/api/admin/feed-items",
            json!({"headline": "Now", "published": true}),
        )
        .await;
    assert_eq!(status, 403);
    assert!(
        refusal["error"]
            .as_str()
            .expect("message")
            .contains("may not publish"),
        "{refusal}"
    );
    assert!(!published_headlines(&app)
        .await
        .contains(&"Sirens in the east".to_owned()));
    assert_eq!(
        app.get(&format!("/news-feed/{draft_id}")).await.status(),
        404
    );
    // A draft is never pinned: pinning unpins the others, which would change the public feed.
    let (_, pinned) = author
        .post(
            "/api/admin/feed-items",
            json!({"headline": "Pinned", "pinned": true}),
        )
        .await;
    assert_eq!(pinned["pinned"], true);
    let (_, pinned_draft) = contributor
        .post(
            "/api/admin/feed-items",
            json!({"headline": "Pin me", "pinned": true}),
        )
        .await;
    assert_eq!(pinned_draft["pinned"], false);
    let (_, still) = author
        .get(&format!("/api/admin/feed-items/{}", pinned["id"]))
        .await;
    assert_eq!(still["pinned"], true, "the public pin stays");

    // Another writer's draft does not exist for an author; a published item is read-only.
    let draft_path = format!("/api/admin/feed-items/{draft_id}");
    assert_eq!(author.get(&draft_path).await.0, 404);
    assert_eq!(
        author
            .patch(&draft_path, json!({"headline": "Mine now"}))
            .await
            .0,
        404
    );
    let path = format!("/api/admin/feed-items/{id}");
    assert_eq!(other_author.get(&path).await.0, 200);
    let (status, refusal) = other_author
        .patch(&path, json!({"headline": "Changed"}))
        .await;
    assert_eq!(status, 403, "{refusal}");
    assert_eq!(other_author.delete(&path).await, 403);
    let (_, listed) = other_author.get("/api/admin/feed-items").await;
    let ids: Vec<i64> = listed
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|i| i["id"].as_i64())
        .collect();
    assert!(ids.contains(&id) && !ids.contains(&draft_id), "{ids:?}");
    let (_, listed) = contributor.get("/api/admin/feed-items").await;
    assert!(
        listed
            .as_array()
            .expect("list")
            .iter()
            .any(|i| i["id"] == draft_id),
        "own draft listed"
    );

    // The contributor edits the draft; an editor edits anyone's and publishes it.
    let (status, edited) = contributor
        .patch(&draft_path, json!({"body": "Air raid alert."}))
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["published"], false);
    let (status, published) = editor
        .patch(
            &draft_path,
            json!({"published": true, "version": edited["version"]}),
        )
        .await;
    assert_eq!(status, 200, "{published}");
    assert_eq!(published["published"], true);
    assert_audited(
        app.store(),
        &editor.email,
        "feed_item.publish",
        &format!("feed-item:{draft_id}"),
        "api",
    )
    .await;
    let (status, _) = contributor
        .patch(&draft_path, json!({"body": "Later."}))
        .await;
    assert_eq!(status, 403, "a contributor cannot change a published item");

    // Stale versions conflict; the owner edits and then deletes; a deleted item is 404.
    let (status, edited) = author
        .patch(&path, json!({"breaking": true, "version": 1}))
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["breaking"], true);
    assert_eq!(edited["version"], 2);
    let (status, conflict) = author
        .put(&path, json!({"headline": "Old", "version": 1}))
        .await;
    assert_eq!(status, 409, "{conflict}");
    assert!(conflict["error"]
        .as_str()
        .expect("message")
        .contains("someone else"));
    assert_eq!(author.delete(&path).await, 204);
    assert_eq!(
        author.patch(&path, json!({"headline": "Back"})).await.0,
        404
    );
    assert_eq!(editor.get(&path).await.0, 404);
    assert_eq!(author.delete(&path).await, 404);
    let item_page = format!("/news-feed/{id}");
    app.eventually(&item_page, |b| !b.contains("IMF tranche arrives"))
        .await;
    assert_eq!(
        app.get(&item_page).await.status(),
        404,
        "a deleted item's page is gone"
    );
    assert_audited(
        app.store(),
        &author.email,
        "feed_item.delete",
        &format!("feed-item:{id}"),
        "api",
    )
    .await;
    app.stop().await;
}

async fn feed_item_errors_name_the_field(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.api_as("editor").await;
    let post = |body| editor.post("/api/admin/feed-items", body);

    let (status, answer) = post(json!({"headline": "  "})).await;
    assert_eq!(status, 422);
    assert!(field_error(&answer, "headline").contains("required"));
    let (status, answer) = post(json!({"body": "no headline"})).await;
    assert_eq!(status, 422);
    field_error(&answer, "headline");
    let (_, answer) = post(json!({"headline": "x".repeat(201)})).await;
    assert!(field_error(&answer, "headline").contains("200"), "{answer}");
    let (_, answer) = post(json!({"headline": "Two\nlines"})).await;
    assert!(field_error(&answer, "headline").contains("single line"));
    let (_, answer) = post(json!({"headline": "Long", "body": "y".repeat(2001)})).await;
    assert!(field_error(&answer, "body").contains("2000"));
    for bad in [
        "ftp://files.example/x",
        "javascript:alert(1)",
        "/pages/about",
        "news.example",
    ] {
        let (status, answer) = post(json!({"headline": "Link", "link": bad})).await;
        assert_eq!(status, 422, "{bad}");
        assert!(
            field_error(&answer, "link").contains("http"),
            "{bad}: {answer}"
        );
    }
    let (_, answer) = post(json!({"headline": "Link", "link": "/articles/no-such-story"})).await;
    assert!(
        field_error(&answer, "link").contains("no-such-story"),
        "{answer}"
    );
    for absurd in ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z"] {
        let (status, answer) = post(json!({"headline": "When", "published_at": absurd})).await;
        assert_eq!(status, 422, "{absurd}: {answer}");
        assert!(
            field_error(&answer, "published_at").contains("1990"),
            "{absurd}: {answer}"
        );
    }
    let (status, answer) = post(json!({"headline": "Typo", "heldline": "?"})).await;
    assert_eq!(status, 422, "unknown fields are refused: {answer}");
    let (_, answer) =
        post(json!({"headline": "Img", "image": "no-such.jpg", "image_alt": "x"})).await;
    assert!(field_error(&answer, "image").contains("no-such.jpg"));
    let (_, answer) = post(json!({"headline": "Who", "authors": ["nobody-at-all"]})).await;
    assert!(field_error(&answer, "authors").contains("nobody-at-all"));

    // Links to this site's articles (relative or absolute) make the item the article's.
    for link in [
        format!("/articles/{DEMO_ARTICLE}"),
        format!("http://news.example/articles/{DEMO_ARTICLE}/"),
    ] {
        let (status, item) = post(json!({"headline": "Convoy update", "link": link})).await;
        assert_eq!(status, 201, "{item}");
        assert_eq!(item["article"], DEMO_ARTICLE);
        assert_eq!(
            item["link"],
            format!("http://news.example/articles/{DEMO_ARTICLE}")
        );
    }
    let (status, item) =
        post(json!({"headline": "IMF statement", "link": "https://imf.org/en/News"})).await;
    assert_eq!(status, 201);
    assert_eq!(item["link"], "https://imf.org/en/News");
    assert_eq!(item["article"], serde_json::Value::Null);

    // An image from the media library needs alt text.
    let photo = "author-ilse-varn.svg";
    assert!(
        app.store.media_info(photo).await.expect("media").is_some(),
        "demo image {photo}"
    );
    let (_, answer) = post(json!({"headline": "Img", "image": photo})).await;
    assert!(field_error(&answer, "image_alt").contains("alt text"));
    let (status, item) = post(json!({"headline": "Img", "image": photo, "image_alt": "Ilse Varn", "image_credit": "Courier"})).await;
    assert_eq!(status, 201, "{item}");
    assert_eq!(item["image_alt"], "Ilse Varn");
    app.stop().await;
}

async fn the_banner_is_editors_work(backend: Backend) {
    let app = TestApp::start(backend).await;
    let author = app.api_as("author").await;
    let editor = app.api_as("editor").await;
    let until = (chrono::Utc::now() + chrono::Duration::hours(2)).to_rfc3339();
    let banner = json!({"text": "Our first magazine: pre-order now", "link": "/pages/support-us", "style": "notice", "ends_at": until});

    let (status, refusal) = author.put("/api/admin/banner", banner.clone()).await;
    assert_eq!(status, 403, "{refusal}");
    assert_eq!(author.delete("/api/admin/banner").await, 403);
    assert_eq!(app.store.banner().await.expect("banner"), None);

    let (status, set) = editor.put("/api/admin/banner", banner.clone()).await;
    assert_eq!(status, 200, "{set}");
    assert_eq!(set["showing"], true);
    assert_eq!(set["style"], "notice");
    app.eventually("/", |b| b.contains("Our first magazine: pre-order now"))
        .await;
    app.eventually(&format!("/articles/{DEMO_ARTICLE}"), |b| {
        b.contains("Our first magazine: pre-order now")
    })
    .await;
    let (_, shown) = author.get("/api/admin/banner").await;
    assert_eq!(shown["text"], "Our first magazine: pre-order now");
    assert_audited(app.store(), &editor.email, "banner.set", "banner", "api").await;
    let edges = app
        .store
        .jobs_by_kind("banner_edge", 10)
        .await
        .expect("jobs");
    assert!(
        edges
            .iter()
            .any(|j| (j.run_at - chrono::Utc::now()).num_minutes() >= 110),
        "an edge job at the end time: {edges:?}"
    );

    let cases = [
        (json!({"text": "", "style": "notice"}), "text"),
        (json!({"text": "x".repeat(301)}), "text"),
        (json!({"text": "Bad", "style": "loud"}), "style"),
        (
            json!({"text": "Bad", "link": "javascript:alert(1)"}),
            "link",
        ),
        (
            json!({"text": "Bad", "ends_at": "2020-01-01T00:00:00Z"}),
            "ends_at",
        ),
        (json!({"text": "Bad", "ends_at": "tomorrow"}), "ends_at"),
        (
            json!({"text": "Bad", "starts_at": until, "ends_at": chrono::Utc::now().to_rfc3339()}),
            "ends_at",
        ),
    ];
    for (body, field) in cases {
        let (status, answer) = editor.put("/api/admin/banner", body.clone()).await;
        assert_eq!(status, 422, "{body}");
        field_error(&answer, field);
    }

    // A banner that starts later is set but not shown yet; its start is an edge too.
    let later = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let (status, set) = editor
        .put(
            "/api/admin/banner",
            json!({"text": "Breaking: strikes on Vesk", "style": "breaking", "starts_at": later}),
        )
        .await;
    assert_eq!(status, 200, "{set}");
    assert_eq!(set["showing"], false);
    assert_eq!(set["ends_at"], serde_json::Value::Null);

    assert_eq!(editor.delete("/api/admin/banner").await, 204);
    app.eventually("/", |b| {
        !b.contains("Our first magazine") && !b.contains("strikes on Vesk")
    })
    .await;
    let (status, none) = editor.get("/api/admin/banner").await;
    assert_eq!((status, none), (200, serde_json::Value::Null));
    assert_audited(app.store(), &editor.email, "banner.clear", "banner", "api").await;
    app.stop().await;
}

async fn a_banner_edge_refreshes_every_page(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.api_as("editor").await;
    let until = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let (status, _) = editor
        .put(
            "/api/admin/banner",
            json!({"text": "Short notice", "ends_at": until}),
        )
        .await;
    assert_eq!(status, 200);
    let before = app.store.latest_change_id().await.expect("change id");
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    app.jobs_settled().await;
    let changes = app.store.changes_since(before).await.expect("changes");
    assert!(
        changes
            .iter()
            .any(|c| c.tags.contains(&"site".to_owned()) && c.tags.contains(&"banner".to_owned())),
        "the end of the banner touched the site: {changes:?}"
    );
    app.stop().await;
}

byline_store::on_both_backends!(
    feed_items_follow_the_roles,
    feed_item_errors_name_the_field,
    the_banner_is_editors_work,
    a_banner_edge_refreshes_every_page
);
