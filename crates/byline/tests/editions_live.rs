//! Live coverage per edition, on both backends, on the demo newsroom (English at the
//! root, Ukrainian under `/uk`): News Feed items and live pages are put in an edition
//! through the Admin API; `/news-feed`, its feeds, the live index, sitemaps and the live
//! stream of each edition show only that edition's items; an item's own page is shown in
//! its edition; pinning is per edition; an unknown edition is a field error. Newsletters
//! belong to an edition too: `/uk/newsletters` offers the Ukrainian list, a subscription
//! to it is answered and confirmed (over a real SMTP sink) in Ukrainian, and its digest
//! holds the Ukrainian edition's articles only.

mod common;

use std::time::Duration;

use byline_mail::sink::SmtpSink;
use byline_store::testing::Backend;
use common::sse::read_until;
use common::TestApp;
use serde_json::json;

const EN_ITEM: &str = "Power restored to the east bank";
const UK_ITEM: &str = "Мости через Кальдер знову відкрито";

async fn news_feed_and_live_pages_per_edition(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.api_as("editor").await;

    // An unknown edition is the field's error, and nothing is saved.
    let (status, answer) = editor
        .post(
            "/api/admin/feed-items",
            json!({"headline": "Nowhere", "edition": "xx", "published": true}),
        )
        .await;
    assert_eq!(status, 422, "{answer}");
    assert!(answer["fields"]["edition"].is_string(), "{answer}");
    let (_, all) = editor.get("/api/admin/feed-items").await;
    assert!(!all.to_string().contains("Nowhere"), "{all}");

    let (status, en) = editor
        .post(
            "/api/admin/feed-items",
            json!({"headline": EN_ITEM, "published": true, "pinned": true}),
        )
        .await;
    assert_eq!(status, 201, "{en}");
    assert_eq!(en["edition"], "en", "the default edition: {en}");
    let (status, uk) = editor
        .post(
            "/api/admin/feed-items",
            json!({"headline": UK_ITEM, "edition": "uk", "published": true, "pinned": true}),
        )
        .await;
    assert_eq!(status, 201, "{uk}");
    assert_eq!(uk["edition"], "uk");
    let (en_id, uk_id) = (
        en["id"].as_i64().expect("id"),
        uk["id"].as_i64().expect("id"),
    );

    // One pinned item per edition: pinning the Ukrainian one left the English one pinned.
    let (_, en_now) = editor.get(&format!("/api/admin/feed-items/{en_id}")).await;
    assert_eq!(en_now["pinned"], true, "{en_now}");

    // Each edition's News Feed page and feeds carry its own items only.
    let default = app.eventually("/news-feed", |p| p.contains(EN_ITEM)).await;
    assert!(
        !default.contains(UK_ITEM),
        "no Ukrainian item on /news-feed"
    );
    let page = app
        .eventually("/uk/news-feed", |p| p.contains(UK_ITEM))
        .await;
    assert!(page.contains("<html lang=\"uk\">"), "worded in Ukrainian");
    assert!(!page.contains(EN_ITEM), "no English item on /uk/news-feed");
    assert!(page.contains("data-events=\"/uk/news-feed/events\""));
    assert!(page.contains(
        "<link rel=\"alternate\" hreflang=\"en\" href=\"http://news.example/news-feed\">"
    ));
    let (status, rss) = app.text("/uk/news-feed/feed.xml").await;
    assert_eq!(status, 200);
    assert!(rss.contains(UK_ITEM) && !rss.contains(EN_ITEM), "{rss}");
    assert!(rss.contains("http://news.example/uk/news-feed/feed.xml"));
    let (_, rss) = app.text("/news-feed/feed.xml").await;
    assert!(rss.contains(EN_ITEM) && !rss.contains(UK_ITEM));
    // The item's own page is shown in its edition.
    let (status, own) = app.text(&format!("/news-feed/{uk_id}")).await;
    assert_eq!(status, 200);
    assert!(own.contains("<html lang=\"uk\">"), "its edition's language");

    // A live page in the Ukrainian edition is on /uk/live, not on /live.
    let (status, live) = editor
        .post(
            "/api/admin/live",
            json!({"headline": "Відновлення мостів: онлайн", "slug": "mosty-onlain", "edition": "uk"}),
        )
        .await;
    assert_eq!(status, 201, "{live}");
    assert_eq!(live["edition"], "uk");
    app.eventually("/uk/live", |p| p.contains("/live/mosty-onlain"))
        .await;
    let (_, index) = app.text("/live").await;
    assert!(!index.contains("/live/mosty-onlain"), "{index}");
    let (_, page) = app.text("/live/mosty-onlain").await;
    assert!(page.contains("<html lang=\"uk\">"));
    let (_, pages) = app.text("/uk/sitemaps/pages.xml").await;
    assert!(pages.contains("<loc>http://news.example/live/mosty-onlain</loc>"));
    assert!(pages.contains("<loc>http://news.example/uk/news-feed</loc>"));
    let (_, pages) = app.text("/sitemaps/pages.xml").await;
    assert!(!pages.contains("mosty-onlain"), "{pages}");
    assert!(pages.contains("<loc>http://news.example/news-feed</loc>"));
    // Moving the page to the default edition (PATCH keeps what is not sent).
    let (status, moved) = editor
        .patch(
            &format!("/api/admin/live/{}", live["id"]),
            json!({"edition": "en"}),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["headline"], "Відновлення мостів: онлайн");
    app.eventually("/live", |p| p.contains("/live/mosty-onlain"))
        .await;

    // The Ukrainian stream carries a new Ukrainian item; an English one reaches it only
    // as a `delete` of its id (nothing of its text), so no page shows it.
    let mut stream = app
        .client
        .get(app.url("/uk/news-feed/events"))
        .send()
        .await
        .expect("stream");
    assert_eq!(stream.status().as_u16(), 200);
    let (_, en2) = editor
        .post(
            "/api/admin/feed-items",
            json!({"headline": "Ferries resume on the river", "published": true}),
        )
        .await;
    let (_, uk2) = editor
        .post(
            "/api/admin/feed-items",
            json!({"headline": "Пороми знову курсують", "edition": "uk", "published": true}),
        )
        .await;
    let text = read_until(&mut stream, Duration::from_secs(10), |t| {
        t.contains("Пороми знову курсують")
    })
    .await;
    assert!(text.contains("event: item"), "{text}");
    assert!(!text.contains("Ferries resume"), "{text}");
    assert!(
        text.contains(&format!("event: delete\ndata: {{\"id\":{}}}", en2["id"])),
        "{text}"
    );
    assert!(uk2["id"].is_i64());
    drop(stream);
    app.stop().await;
}

async fn newsletters_per_edition(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    let app = TestApp::start_full(backend, |_| {}, Some(sink.url())).await;

    let (status, uk) = app.text("/uk/newsletters").await;
    assert_eq!(status, 200);
    assert!(uk.contains("<html lang=\"uk\">"));
    assert!(uk.contains("Ранковий брифінг"), "the Ukrainian list");
    assert!(!uk.contains("The Morning Briefing"), "no English list");
    assert!(uk.contains("action=\"/uk/newsletters/subscribe\""));
    let (_, en) = app.text("/newsletters").await;
    assert!(en.contains("The Morning Briefing") && !en.contains("Ранковий брифінг"));
    // The list's own page is in its edition.
    let (status, page) = app.text("/newsletters/rankovyi-brifinh").await;
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"uk\">"));

    let r = app
        .client
        .post(app.url("/uk/newsletters/subscribe"))
        .form(&[
            ("email", "chytach@readers.example"),
            ("list", "rankovyi-brifinh"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    let answer = r.text().await.expect("body");
    assert!(answer.contains("<html lang=\"uk\">") && answer.contains("Перевірте пошту"));
    let mails = sink.wait_for(1, Duration::from_secs(10)).await;
    let subject = mails[0].header("Subject").expect("subject");
    let text = mails[0].text_part().expect("text part");
    assert!(text.contains("Ранковий брифінг"), "{text}");
    assert!(
        subject.starts_with("Підтвердьте підписку"),
        "a Ukrainian list is confirmed in Ukrainian: {subject}"
    );

    // The digest of each list holds its edition's new articles only.
    let editor = app.api_as("editor").await;
    for (headline, section, language) in [
        ("Світло повернулося в Колдер", "novyny", "uk"),
        ("Light returns to Calder", "news", "en"),
    ] {
        let (status, body) = editor
            .post(
                "/api/admin/articles",
                json!({"headline": headline, "body": "Text.", "section": section,
                       "language": language, "authors": ["news-desk"], "status": "published"}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    for (list, shown, left_out, read_more) in [
        (
            "rankovyi-brifinh",
            "Світло повернулося",
            "Light returns",
            "Читати статтю повністю",
        ),
        (
            "morning-briefing",
            "Light returns",
            "Світло повернулося",
            "Read the full article",
        ),
    ] {
        let (status, campaign) = editor
            .post(
                "/api/admin/campaigns",
                json!({"list": list, "subject": "Digest", "digest": true}),
            )
            .await;
        assert_eq!(status, 201, "{campaign}");
        let body = campaign["body_markdown"].as_str().unwrap_or_default();
        assert!(
            body.contains(shown) && !body.contains(left_out),
            "{list}: {body}"
        );
        assert!(body.contains(read_more), "in the list's language: {body}");
    }
    app.stop().await;
}

byline_store::on_both_backends!(
    news_feed_and_live_pages_per_edition,
    newsletters_per_edition
);
