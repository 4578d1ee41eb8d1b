//! Snapshots (insta) of the News Feed's three feeds, RSS, Atom and JSON Feed, built from
//! fixed items (pinned publication and write times, a breaking one, one with an image,
//! one linked to an article, a draft that must stay out), so nothing depends on the
//! clock. Both backends must render exactly the same documents. Review a change with
//! `cargo insta review`, or accept by renaming the `.snap.new` file.

mod common;

use byline_domain::NewFeedItem;
use byline_store::testing::Backend;
use byline_store::LiveWrite;
use chrono::{DateTime, TimeZone, Utc};
use common::TestApp;

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 15, 0)
        .single()
        .expect("a fixed time")
}

async fn fixture(backend: Backend) -> TestApp {
    let app = TestApp::start(backend).await;
    let mut settings = app.store.settings().await.expect("settings");
    settings.name = "The Snapshot Courier".into();
    app.store.save_settings(&settings).await.expect("settings");
    let items = [
        NewFeedItem {
            headline: "Harbour bridge closed to traffic".into(),
            body: "Police closed the bridge at **17:00** after a crack <was> found.".into(),
            breaking: true,
            authors: vec!["news-desk".into()],
            published_at: Some(at(10, 17)),
            ..NewFeedItem::default()
        },
        NewFeedItem {
            headline: "Aid convoy: the full story".into(),
            body: String::new(),
            article: "winter-aid-convoy-reaches-vesk".into(),
            image: "no-such-image.jpg".into(),
            image_alt: "Trucks at the border".into(),
            published_at: Some(at(11, 9)),
            ..NewFeedItem::default()
        },
        NewFeedItem {
            headline: "Ferry timetable & fares".into(),
            body: "The winter timetable starts Monday.".into(),
            link: "https://ferries.example/winter".into(),
            authors: vec!["news-desk".into(), "culture-desk".into()],
            published_at: Some(at(12, 8)),
            ..NewFeedItem::default()
        },
    ];
    for (n, item) in items.iter().enumerate() {
        let write = LiveWrite::at(at(10 + u32::try_from(n).expect("small"), 20));
        let item = NewFeedItem {
            published: true,
            ..item.clone()
        };
        app.store
            .save_feed_item(None, &item, &write)
            .await
            .expect("item");
    }
    app.store
        .save_feed_item(
            None,
            &NewFeedItem {
                headline: "A draft that stays out".into(),
                published_at: Some(at(13, 8)),
                ..NewFeedItem::default()
            },
            &LiveWrite::at(at(13, 8)),
        )
        .await
        .expect("draft");
    app
}

/// A line break between adjacent tags, so a snapshot diff shows the element that changed.
fn one_tag_a_line(xml: &str) -> String {
    xml.replace("><", ">\n<")
}

async fn feed(app: &TestApp, file: &str, content_type: &str) -> String {
    let r = app.get(&format!("/news-feed/{file}")).await;
    assert_eq!(r.status(), 200, "{file}");
    let header = r.headers()["content-type"]
        .to_str()
        .expect("content type")
        .to_owned();
    assert!(header.starts_with(content_type), "{file}: {header}");
    r.text().await.expect("body")
}

async fn the_news_feeds_three_feeds_match_their_snapshots(backend: Backend) {
    let app = fixture(backend).await;
    let rss = feed(&app, "feed.xml", "application/rss+xml").await;
    insta::assert_snapshot!("news_feed_rss", one_tag_a_line(&rss));
    let atom = feed(&app, "atom.xml", "application/atom+xml").await;
    insta::assert_snapshot!("news_feed_atom", one_tag_a_line(&atom));
    let json: serde_json::Value =
        serde_json::from_str(&feed(&app, "feed.json", "application/feed+json").await)
            .expect("JSON Feed parses");
    insta::assert_snapshot!(
        "news_feed_json_feed",
        serde_json::to_string_pretty(&json).expect("pretty JSON")
    );
    app.stop().await;
}

byline_store::on_both_backends!(the_news_feeds_three_feeds_match_their_snapshots);
