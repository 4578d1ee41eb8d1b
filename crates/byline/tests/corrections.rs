//! Public corrections: added through the one save workflow from the Admin API and from the
//! desk editor, shown on the article (below or above the body, per the setting), in its
//! JSON-LD, on `/corrections` and in both corrections feeds, each invalidated right away;
//! refused for the roles the policy names and for saves that cannot carry one.

mod common;

use byline_store::testing::Backend;
use common::audit::{assert_audited, desk_post};
use common::TestApp;
use serde_json::{json, Value};

const SLUG: &str = "harbour-bridge-reopens";
const FIX: &str =
    "An earlier version gave the mayor's name as Ivan Petrenko; she is Iryna Petrenko.";

/// Creates and publishes the test article as `api`; returns its id.
async fn published(api: &common::api::ApiClient<'_>) -> i64 {
    let (status, body) = api
        .post(
            "/api/admin/articles",
            json!({"slug": SLUG, "headline": "Harbour bridge reopens", "section": "news",
                   "authors": ["news-desk"], "body": "The mayor opened the bridge on Monday.",
                   "status": "published"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().expect("id")
}

/// The article page's NewsArticle JSON-LD.
fn json_ld(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD script")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").expect("script end");
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

async fn corrections_from_the_api_appear_everywhere_at_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.api_as("editor").await;
    let id = published(&editor).await;
    let article_path = format!("/articles/{SLUG}");
    // Warm the cache of every page the correction must reach.
    for path in [
        article_path.as_str(),
        "/corrections",
        "/corrections/feed.xml",
        "/corrections/feed.json",
    ] {
        let (status, body) = app.text(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains("Iryna"), "{path} has no correction yet");
    }
    let (_, page) = app.text(&article_path).await;
    assert!(json_ld(&page).get("correction").is_none());

    let (status, body) = editor
        .patch(
            &format!("/api/admin/articles/{id}"),
            json!({"body": "Mayor Iryna Petrenko opened the bridge on Monday.", "version": 1,
                   "correction": {"kind": "correction", "text": FIX}}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["version"], 2);
    assert_audited(
        app.store.as_ref(),
        &editor.email,
        "article.correct",
        SLUG,
        "api",
    )
    .await;

    let page = app
        .eventually(&article_path, |b| b.contains("she is Iryna"))
        .await;
    let notice = page.find("class=\"article-corrections\"").expect("notice");
    let body_at = page.find("class=\"article-body\"").expect("body");
    assert!(notice > body_at, "below the body by default");
    assert!(page.contains(&format!("href=\"/articles/{SLUG}/history/2\"")));
    let ld = json_ld(&page);
    assert_eq!(ld["correction"][0]["@type"], "CorrectionComment");
    assert_eq!(ld["correction"][0]["text"], FIX);
    assert!(ld["correction"][0]["datePublished"].is_string());

    let list = app
        .eventually("/corrections", |b| b.contains("she is Iryna"))
        .await;
    assert!(list.contains(&format!(
        "<a href=\"/articles/{SLUG}\">Harbour bridge reopens</a>"
    )));
    assert!(list.contains("application/rss+xml"), "feeds in the head");

    let rss = app
        .eventually("/corrections/feed.xml", |b| b.contains("Iryna"))
        .await;
    let channel = rss::Channel::read_from(rss.as_bytes()).expect("RSS parses");
    assert_eq!(channel.items().len(), 1);
    let item = &channel.items()[0];
    assert_eq!(item.description(), Some(FIX));
    assert!(item.link().is_some_and(|l| l.ends_with(&article_path)));
    assert_eq!(item.title(), Some("Correction: Harbour bridge reopens"));

    let feed = app
        .eventually("/corrections/feed.json", |b| b.contains("Iryna"))
        .await;
    let feed: Value = serde_json::from_str(&feed).expect("JSON Feed parses");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["items"][0]["content_text"], FIX);
    assert!(feed["items"][0]["date_published"].is_string());

    // The outlet moves corrections above the body.
    let admin = app.api_as("admin").await;
    let (status, body) = admin
        .patch(
            "/api/admin/settings",
            json!({"corrections_position": "top"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["corrections_position"], "top");
    let (status, body) = admin
        .patch(
            "/api/admin/settings",
            json!({"corrections_position": "middle"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    let page = app
        .eventually(&article_path, |b| {
            let notice = b.find("class=\"article-corrections\"");
            let body = b.find("class=\"article-body\"");
            matches!((notice, body), (Some(n), Some(b)) if n < b)
        })
        .await;
    assert!(page.contains(FIX.split(';').next().unwrap_or_default()));

    // A second correction, published with `publish`, is listed newest first.
    let (status, body) = editor
        .post(
            &format!("/api/admin/articles/{id}/publish"),
            json!({"correction": {"kind": "clarification", "text": "The bridge carries cars only."}}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let list = app
        .eventually("/corrections", |b| b.contains("cars only"))
        .await;
    assert!(list.find("cars only") < list.find("Iryna"), "newest first");
    assert_eq!(
        app.store
            .article_corrections(id)
            .await
            .expect("stored")
            .len(),
        2
    );
    app.stop().await;
}

async fn roles_and_saves_that_cannot_carry_a_correction_are_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.api_as("editor").await;
    let id = published(&editor).await;
    let correction = json!({"kind": "correction", "text": FIX});
    for role in ["author", "contributor"] {
        let other = app.api_as(role).await;
        let (status, body) = other
            .patch(
                &format!("/api/admin/articles/{id}"),
                json!({"version": 1, "correction": correction}),
            )
            .await;
        assert_eq!(status, 403, "{role}: {body}");
    }
    // A draft has nothing public to correct.
    let (status, body) = editor
        .post(
            "/api/admin/articles",
            json!({"headline": "Draft story", "section": "news", "authors": ["news-desk"],
                   "body": "Not yet."}),
        )
        .await;
    assert_eq!(status, 201);
    let draft = body["id"].as_i64().expect("id");
    let (status, body) = editor
        .patch(
            &format!("/api/admin/articles/{draft}"),
            json!({"correction": correction}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("published"), "{body}");
    // Unpublishing with a correction, an unknown kind, an overlong text.
    for (extra, what) in [
        (
            json!({"status": "unpublished", "correction": correction}),
            "unpublish",
        ),
        (
            json!({"correction": {"kind": "retraction", "text": "x"}}),
            "kind",
        ),
        (json!({"correction": {"text": "x".repeat(2001)}}), "length"),
    ] {
        let (status, body) = editor
            .patch(&format!("/api/admin/articles/{id}"), extra)
            .await;
        assert_eq!(status, 422, "{what}: {body}");
    }
    let stored = app
        .store
        .article(SLUG)
        .await
        .expect("get")
        .expect("article");
    assert_eq!(stored.version, 1, "nothing half-written");
    assert!(app
        .store
        .article_corrections(id)
        .await
        .expect("list")
        .is_empty());
    let (status, body) = editor
        .post(
            &format!("/api/admin/articles/{id}/publish"),
            json!({"correction": 5}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    app.stop().await;
}

async fn the_desk_editor_adds_a_clarification_through_the_same_workflow(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = app.api_as("editor").await;
    let id = published(&api).await;
    let editor = app.staff("editor").await;
    let edit = app
        .page_as(&editor.client, &format!("/desk/articles/{id}/edit"))
        .await;
    assert!(
        edit.contains("name=\"correction_text\""),
        "the editor offers it"
    );
    let (status, body) = desk_post(
        &app,
        &editor,
        &format!("/desk/articles/{id}"),
        &[
            ("intent", "publish"),
            ("version", "1"),
            ("headline", "Harbour bridge reopens"),
            ("section", "news"),
            ("authors", "news-desk"),
            ("language", "en"),
            ("body", "The mayor opened the bridge on Monday morning."),
            ("correction_kind", "clarification"),
            (
                "correction_text",
                "The bridge opened in the morning, not at noon.",
            ),
        ],
    )
    .await;
    assert_eq!(status, 303, "{body}");
    assert_audited(
        app.store.as_ref(),
        &editor.email,
        "article.correct",
        SLUG,
        "desk",
    )
    .await;
    let page = app
        .eventually(&format!("/articles/{SLUG}"), |b| b.contains("not at noon"))
        .await;
    assert!(page.contains("Clarification"));
    let stored = app.store.article_corrections(id).await.expect("stored");
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].version, 2,
        "published with the revision it came with"
    );

    app.stop().await;
}

byline_store::on_both_backends!(
    corrections_from_the_api_appear_everywhere_at_once,
    roles_and_saves_that_cannot_carry_a_correction_are_refused,
    the_desk_editor_adds_a_clarification_through_the_same_workflow,
);
