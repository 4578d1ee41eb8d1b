//! From the change log to live events, on both backends: `events_for` turns one change
//! into the events of the streams it touches (current state re-read), and `replay` gives
//! a reconnecting client what it missed, one event per item, oldest first, or
//! `TooFarBehind` when that is more than a replay carries.

mod common;

use byline_domain::{BannerStyle, NewBanner, NewFeedItem, NewLiveEntry, NewLivePage};
use byline_store::testing::Backend;
use byline_store::LiveWrite;
use byline_web::live::event::{LiveEvent, StreamKey};
use byline_web::live::replay::{events_for, replay, Replay};
use chrono::Utc;
use common::TestApp;

fn item(headline: &str) -> NewFeedItem {
    NewFeedItem {
        headline: headline.into(),
        published: true,
        ..NewFeedItem::default()
    }
}

fn data(e: &LiveEvent) -> serde_json::Value {
    serde_json::from_str(&e.data).expect("event data is JSON")
}

async fn events(app: &TestApp, streams: &[StreamKey], after: i64) -> Vec<LiveEvent> {
    match replay(&app.server.state, streams, after)
        .await
        .expect("replay")
    {
        Replay::Events(events) => events,
        Replay::TooFarBehind => panic!("unexpectedly too far behind"),
    }
}

async fn events_for_names_each_stream_its_change_touches(backend: Backend) {
    let app = TestApp::start(backend).await;
    let state = &app.server.state;
    let mut changes = app.store.subscribe();
    let saved = app
        .store
        .save_feed_item(
            None,
            &NewFeedItem {
                breaking: true,
                ..item("Tranche arrives")
            },
            &LiveWrite::at(Utc::now()),
        )
        .await
        .expect("item");
    let change = changes.recv().await.expect("change");
    let made = events_for(state, &change).await.expect("events");
    assert_eq!(made.len(), 1, "{made:?}");
    let e = &made[0];
    assert_eq!(
        (e.id, e.stream, e.name),
        (change.id, StreamKey::Feed, "item")
    );
    let d = data(e);
    assert_eq!(d["id"], saved.id);
    assert_eq!(d["headline"], "Tranche arrives");
    assert_eq!(d["pinned"], false);
    assert!(d["html"]
        .as_str()
        .expect("html")
        .contains(&format!("id=\"item-{}\"", saved.id)));
    assert!(d["published_at"].is_string());
    // The compact line of the home page's block, exactly as the page renders it.
    let line = d["line"].as_str().expect("line");
    assert!(line.starts_with("<li"), "{line}");
    assert!(
        line.contains(&format!("data-id=\"{}\"", saved.id)),
        "{line}"
    );
    assert!(line.contains(&format!("href=\"/news-feed/{}\"", saved.id)));
    assert!(line.contains("Tranche arrives") && line.contains("mark-breaking"));
    assert!(
        !line.contains("<article"),
        "one line, not the full item: {line}"
    );
    let home = app.eventually("/", |h| h.contains("Tranche arrives")).await;
    assert!(
        home.contains(line),
        "the home block has the same line:\n{line}"
    );

    // Deleted: a `delete` on the Feed.
    app.store.delete_feed_item(saved.id).await.expect("delete");
    let change = changes.recv().await.expect("change");
    let made = events_for(state, &change).await.expect("events");
    assert_eq!(made[0].name, "delete");
    assert_eq!(data(&made[0])["id"], saved.id);

    // A live entry: `item` on its page's stream, with the key-events box.
    let page = app
        .store
        .save_live_page(
            None,
            &NewLivePage {
                slug: "replay-live".into(),
                headline: "Replay live".into(),
                summary: "Key points".into(),
                edition: String::new(),
            },
            &LiveWrite::at(Utc::now()),
        )
        .await
        .expect("page");
    let change = changes.recv().await.expect("change");
    let made = events_for(state, &change).await.expect("events");
    assert_eq!(made.len(), 1);
    assert_eq!(
        (made[0].stream, made[0].name),
        (StreamKey::Live(page.id), "summary")
    );
    assert_eq!(data(&made[0])["status"], "live");
    let entry = app
        .store
        .save_live_entry(
            page.id,
            None,
            &NewLiveEntry {
                body: "Sirens in the centre".into(),
                key_event: true,
                published: true,
                ..NewLiveEntry::default()
            },
            &LiveWrite::at(Utc::now()),
        )
        .await
        .expect("entry");
    let change = changes.recv().await.expect("change");
    let made = events_for(state, &change).await.expect("events");
    assert_eq!(
        made.len(),
        1,
        "an entry's change is not also a summary: {made:?}"
    );
    assert_eq!(
        (made[0].stream, made[0].name),
        (StreamKey::Live(page.id), "item")
    );
    let d = data(&made[0]);
    assert_eq!(d["id"], entry.id);
    assert_eq!(d["key_event"], true);
    assert!(d["html"]
        .as_str()
        .expect("html")
        .contains("Sirens in the centre"));
    assert!(d["key_events"]
        .as_str()
        .expect("box")
        .contains(&format!("href=\"#entry-{}\"", entry.id)));

    // The banner: on the Site stream, with its markup, then null once cleared.
    app.store
        .set_banner(
            Some(&NewBanner {
                text: "Pre-order the magazine".into(),
                link: String::new(),
                style: BannerStyle::Notice,
                starts_at: None,
                ends_at: None,
            }),
            Utc::now(),
        )
        .await
        .expect("banner");
    let change = changes.recv().await.expect("change");
    let made = events_for(state, &change).await.expect("events");
    assert_eq!((made[0].stream, made[0].name), (StreamKey::Site, "banner"));
    assert!(data(&made[0])["html"]
        .as_str()
        .expect("html")
        .contains("Pre-order the magazine"));
    app.store.set_banner(None, Utc::now()).await.expect("clear");
    let change = changes.recv().await.expect("change");
    let made = events_for(state, &change).await.expect("events");
    assert!(data(&made[0])["html"].is_null());

    // A change outside live coverage makes no event.
    let unrelated = byline_store::ContentChange {
        id: 1,
        tags: vec!["article:x".into(), "home".into()],
    };
    assert!(events_for(state, &unrelated)
        .await
        .expect("events")
        .is_empty());
    app.stop().await;
}

async fn replay_gives_one_event_per_item_oldest_first_for_the_streams_asked(backend: Backend) {
    let app = TestApp::start(backend).await;
    let before = app.store.latest_change_id().await.expect("id");
    let w = || LiveWrite::at(Utc::now());
    let first = app
        .store
        .save_feed_item(None, &item("First version"), &w())
        .await
        .expect("item");
    let second = app
        .store
        .save_feed_item(None, &item("Another item"), &w())
        .await
        .expect("item");
    // Two edits of the first: the client gets its current state once.
    for headline in ["Second version", "Third version"] {
        app.store
            .save_feed_item(Some(first.id), &item(headline), &w())
            .await
            .expect("edit");
    }
    let page = app
        .store
        .save_live_page(
            None,
            &NewLivePage {
                slug: "other-stream".into(),
                headline: "Other stream".into(),
                summary: String::new(),
                edition: String::new(),
            },
            &w(),
        )
        .await
        .expect("page");

    let feed = events(&app, &[StreamKey::Feed], before).await;
    let ids: Vec<i64> = feed
        .iter()
        .map(|e| data(e)["id"].as_i64().expect("id"))
        .collect();
    assert_eq!(
        ids,
        vec![second.id, first.id],
        "latest change of each, oldest first"
    );
    assert_eq!(data(&feed[1])["headline"], "Third version");
    assert!(feed.windows(2).all(|w| w[0].id < w[1].id), "ids grow");
    assert!(
        feed.iter().all(|e| e.stream == StreamKey::Feed),
        "no live-page events"
    );
    let last = feed.last().expect("one").id;
    assert!(
        events(&app, &[StreamKey::Feed], last).await.is_empty(),
        "nothing after the last"
    );

    let live = events(&app, &[StreamKey::Live(page.id), StreamKey::Site], before).await;
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].name, "summary");

    // Deleted since: a `delete`.
    app.store.delete_feed_item(second.id).await.expect("delete");
    let feed = events(&app, &[StreamKey::Feed], before).await;
    let gone = feed
        .iter()
        .find(|e| data(e)["id"] == second.id)
        .expect("second");
    assert_eq!(gone.name, "delete");
    app.stop().await;
}

async fn replay_of_too_much_asks_the_client_to_resync(backend: Backend) {
    let app = TestApp::start(backend).await;
    let before = app.store.latest_change_id().await.expect("id");
    for n in 0..=byline_web::live::replay::REPLAY_EVENTS_MAX {
        app.store
            .save_feed_item(
                None,
                &item(&format!("Item {n}")),
                &LiveWrite::at(Utc::now()),
            )
            .await
            .expect("item");
    }
    let r = replay(&app.server.state, &[StreamKey::Feed], before)
        .await
        .expect("replay");
    assert!(matches!(r, Replay::TooFarBehind), "{r:?}");
    // The same log is fine for a stream it does not touch.
    let r = replay(&app.server.state, &[StreamKey::Site], before)
        .await
        .expect("replay");
    assert!(matches!(r, Replay::Events(ref e) if e.is_empty()), "{r:?}");
    app.stop().await;
}

byline_store::on_both_backends!(
    events_for_names_each_stream_its_change_touches,
    replay_gives_one_event_per_item_oldest_first_for_the_streams_asked,
    replay_of_too_much_asks_the_client_to_resync,
);
