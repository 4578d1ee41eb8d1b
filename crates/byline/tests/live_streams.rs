//! The live update streams (Server-Sent Events) as a reader's browser and a reverse proxy
//! see them: headers that keep proxies from buffering, keep-alives that outlast the
//! request timeout, bounds per client address and in total with a clear 429, a 400 for a
//! malformed resume point, `resync` for a reader that fell behind, streams that end at
//! once on a graceful stop, and a hub whose memory does not grow with idle readers.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use byline_store::testing::Backend;
use byline_web::live::event::{LiveEvent, StreamKey};
use common::sse::read_until;
use common::TestApp;

const FEED_EVENTS: &str = "/news-feed/events";

async fn open(app: &TestApp, path: &str, client: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("x-forwarded-for", client)
        .send()
        .await
        .expect("request")
}

/// Waits until the hub counts `n` open streams (a closed connection is noticed when
/// the next keep-alive cannot be written).
async fn open_streams_become(app: &TestApp, n: usize) {
    let hub = &app.server.state.live;
    let deadline = Instant::now() + Duration::from_secs(10);
    while hub.open_streams() != n {
        assert!(
            Instant::now() < deadline,
            "{} streams open, expected {n}",
            hub.open_streams()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn feed_event(id: i64, data: &str) -> LiveEvent {
    LiveEvent {
        id,
        stream: StreamKey::Feed,
        name: "item",
        data: Arc::from(data),
        edition: None,
    }
}

async fn a_stream_has_proxy_safe_headers_and_keep_alives_past_the_request_timeout(
    backend: Backend,
) {
    let app = TestApp::start_with(backend, |c| {
        c.live_keep_alive = Duration::from_millis(100);
        c.request_timeout = Duration::from_millis(300);
    })
    .await;
    for path in [FEED_EVENTS, "/events?streams=feed,site", "/events"] {
        let mut stream = open(&app, path, "192.0.2.10").await;
        assert_eq!(stream.status(), 200, "{path}");
        let header = |name: &str| {
            stream
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        assert_eq!(header("content-type"), "text/event-stream", "{path}");
        assert_eq!(header("cache-control"), "no-store", "{path}");
        assert_eq!(header("x-accel-buffering"), "no", "{path}");
        // Held open for well over the 300 ms request timeout, it keeps sending comments.
        let started = Instant::now();
        let text = read_until(&mut stream, Duration::from_secs(1), |_| false).await;
        assert!(
            started.elapsed() >= Duration::from_millis(900),
            "{path}: ended early: {text:?}"
        );
        assert!(text.starts_with("retry: 3000\n\n"), "{path}: {text:?}");
        let keep_alives = text.matches(":\n\n").count();
        assert!(
            keep_alives >= 5,
            "{path}: {keep_alives} keep-alives in 1 s: {text:?}"
        );
    }
    app.stop().await;
}

async fn streams_are_bounded_per_client_address_with_a_clear_answer(backend: Backend) {
    let app = TestApp::start_with(backend, |c| {
        c.live_streams_per_client = 2;
        c.live_keep_alive = Duration::from_millis(100);
    })
    .await;
    let first = open(&app, FEED_EVENTS, "192.0.2.20").await;
    let second = open(&app, "/events?streams=site", "192.0.2.20").await;
    assert_eq!(
        (first.status().as_u16(), second.status().as_u16()),
        (200, 200)
    );
    let refused = open(&app, FEED_EVENTS, "192.0.2.20").await;
    assert_eq!(refused.status(), 429);
    assert_eq!(
        refused
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("30")
    );
    let body = refused.text().await.expect("body");
    assert!(
        body.contains("Too many live update streams are open from your address (at most 2)"),
        "{body}"
    );
    // Another reader behind the same proxy is not affected.
    let neighbour = open(&app, FEED_EVENTS, "192.0.2.21").await;
    assert_eq!(neighbour.status(), 200);
    open_streams_become(&app, 3).await;
    // A closed stream gives its place back.
    drop(first);
    open_streams_become(&app, 2).await;
    assert_eq!(open(&app, FEED_EVENTS, "192.0.2.20").await.status(), 200);
    drop((second, neighbour));
    app.stop().await;
}

async fn streams_are_bounded_in_total(backend: Backend) {
    let app = TestApp::start_with(backend, |c| {
        c.live_max_streams = 3;
        c.metrics_token = Some("live-metrics-token".into());
    })
    .await;
    let mut held = Vec::new();
    for i in 0..3 {
        let stream = open(&app, FEED_EVENTS, &format!("192.0.2.{}", 30 + i)).await;
        assert_eq!(stream.status(), 200);
        held.push(stream);
    }
    let refused = open(&app, FEED_EVENTS, "192.0.2.40").await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    let body = refused.text().await.expect("body");
    assert!(
        body.contains("Live updates are at capacity right now"),
        "{body}"
    );
    assert_eq!(app.server.state.live.open_streams(), 3);
    let metrics = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("live-metrics-token")
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("body");
    assert!(metrics.contains("byline_live_streams_open 3"), "{metrics}");
    assert!(
        metrics.contains("byline_live_stream_clients 3"),
        "{metrics}"
    );
    assert!(
        metrics.contains("byline_live_streams_refused_total 1"),
        "{metrics}"
    );
    app.stop().await;
}

async fn a_malformed_resume_point_is_a_400_that_says_why(backend: Backend) {
    let app = TestApp::start(backend).await;
    for bad in ["abc", "-3", "1e3"] {
        let r = app
            .client
            .get(app.url(FEED_EVENTS))
            .header("last-event-id", bad)
            .send()
            .await
            .expect("request");
        assert_eq!(r.status(), 400, "{bad}");
        let body = r.text().await.expect("body");
        assert!(body.contains("Last-Event-ID"), "{bad}: {body}");
        assert!(body.contains(bad), "{bad}: {body}");
    }
    let (status, body) = app.text("/news-feed/events?after=yesterday").await;
    assert_eq!(status, 400);
    assert!(
        body.contains("after") && body.contains("yesterday"),
        "{body}"
    );
    let (status, body) = app.text("/events?streams=feed,weather").await;
    assert_eq!(status, 400);
    assert!(body.contains("weather"), "{body}");
    assert_eq!(app.server.state.live.open_streams(), 0, "no place taken");
    // A well-formed resume point opens the stream.
    let ok = app
        .client
        .get(app.url(FEED_EVENTS))
        .header("last-event-id", "0")
        .send()
        .await
        .expect("request");
    assert_eq!(ok.status(), 200);
    app.stop().await;
}

/// On one thread the burst below runs before the stream task can read anything, so the
/// reader is certainly behind a broadcast that keeps 4 events.
async fn a_reader_that_falls_behind_gets_resync_and_carries_on(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.live_buffer = 4).await;
    let mut stream = open(&app, FEED_EVENTS, "192.0.2.50").await;
    assert_eq!(stream.status(), 200);
    read_until(&mut stream, Duration::from_secs(5), |t| {
        t.contains("retry:")
    })
    .await;
    let hub = Arc::clone(&app.server.state.live);
    for id in 1..=50 {
        hub.publish(feed_event(id, &format!("{{\"n\":{id}}}")));
    }
    assert_eq!(hub.buffered(), 4, "the broadcast keeps only its capacity");
    let text = read_until(&mut stream, Duration::from_secs(5), |t| {
        t.contains("id: 50\n")
    })
    .await;
    let resync = text.find("event: resync\ndata: ").expect("a resync event");
    let last = text.find("id: 50\n").expect("the newest event after it");
    assert!(resync < last, "{text}");
    // Only what the broadcast still held came after the resync: nothing was queued.
    assert!(
        !text.contains("id: 1\n") && !text.contains("id: 46\n"),
        "{text}"
    );
    for id in 47..=50 {
        assert!(
            text.contains(&format!("id: {id}\nevent: item\ndata: {{\"n\":{id}}}")),
            "{text}"
        );
    }
    // A resync to everyone (the resolver overflowed) reaches this stream too.
    hub.publish_resync();
    let more = read_until(&mut stream, Duration::from_secs(5), |t| {
        t.contains("resync")
    })
    .await;
    assert!(more.contains("event: resync"), "{more}");
    app.stop().await;
}

async fn a_graceful_stop_ends_open_streams_at_once(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut streams = Vec::new();
    for i in 0..3 {
        let mut stream = open(&app, FEED_EVENTS, &format!("192.0.2.{}", 60 + i)).await;
        read_until(&mut stream, Duration::from_secs(5), |t| {
            t.contains("retry:")
        })
        .await;
        streams.push(stream);
    }
    let started = Instant::now();
    app.server.stop_gracefully();
    for stream in &mut streams {
        let rest = read_until(stream, Duration::from_secs(10), |_| false).await;
        assert!(!rest.contains("data:"), "{rest}");
    }
    let TestApp { server, db, .. } = app;
    let finished = tokio::time::timeout(Duration::from_secs(10), server.task).await;
    assert!(
        matches!(finished, Ok(Ok(Ok(())))),
        "the server stopped: {finished:?}"
    );
    // The drain allows 30 s; open streams did not hold it.
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "stopped in {:?}",
        started.elapsed()
    );
    db.cleanup().await;
}

/// 500 idle readers: one receiver each on one shared, bounded broadcast. After many more
/// events than it keeps, the broadcast holds its capacity and no reader holds an old
/// event (each is written out and dropped, never queued per reader).
async fn idle_readers_do_not_grow_the_hubs_buffers(backend: Backend) {
    const READERS: usize = 500;
    let app = TestApp::start_with(backend, |c| {
        c.live_buffer = 16;
        c.live_streams_per_client = READERS;
        c.live_keep_alive = Duration::from_millis(200);
    })
    .await;
    let opened =
        futures_util::future::join_all((0..READERS).map(|_| open(&app, FEED_EVENTS, "192.0.2.70")))
            .await;
    assert!(opened.iter().all(|r| r.status() == 200));
    open_streams_become(&app, READERS).await;
    let hub = Arc::clone(&app.server.state.live);
    assert!(hub.receivers() >= READERS);
    let mut probe = hub.subscribe();
    hub.publish(feed_event(1, "{\"first\":true}"));
    let first = probe.recv().await.expect("the first event");
    for id in 2..=(3 * 16) {
        hub.publish(feed_event(id, "{\"idle\":true}"));
    }
    assert_eq!(
        hub.buffered(),
        hub.capacity(),
        "bounded by capacity, not by readers"
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while Arc::strong_count(&first) > 1 {
        assert!(
            Instant::now() < deadline,
            "{} holders of an event long gone from the broadcast",
            Arc::strong_count(&first) - 1
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    drop(opened);
    open_streams_become(&app, 0).await;
    app.stop().await;
}

async fn replays_are_rationed_and_an_id_from_the_future_does_not_silence(backend: Backend) {
    let app = TestApp::start(backend).await;
    let latest = app.store.latest_change_id().await.expect("latest");
    // A resume point the log has not reached: told to resync, then events still come.
    let path = format!("{FEED_EVENTS}?after={}", latest + 1_000_000);
    let mut ahead = open(&app, &path, "192.0.2.60").await;
    assert_eq!(ahead.status(), 200);
    let text = read_until(&mut ahead, Duration::from_secs(5), |t| t.contains("resync")).await;
    assert!(text.contains("event: resync"), "{text}");
    app.server
        .state
        .live
        .publish(feed_event(latest + 1, "{\"n\":1}"));
    let text = read_until(&mut ahead, Duration::from_secs(5), |t| {
        t.contains("\"n\":1")
    })
    .await;
    assert!(text.contains("\"n\":1"), "{text}");
    drop(ahead);

    // Reconnecting in a loop: 30 replays a minute per client, then only resync (cheap).
    let path = format!("{FEED_EVENTS}?after={latest}");
    for n in 0..31 {
        let mut r = open(&app, &path, "2001:db8::7").await;
        assert_eq!(r.status(), 200);
        let text = read_until(&mut r, Duration::from_secs(5), |t| t.contains("retry:")).await;
        let resynced =
            read_until(&mut r, Duration::from_millis(150), |t| t.contains("resync")).await;
        assert_eq!(
            resynced.contains("resync") || text.contains("resync"),
            n == 30,
            "replay {n}: {text}{resynced}"
        );
    }
    // The allowance is per client: another /64 still gets its replay.
    let mut other = open(&app, &path, "2001:db8:1::7").await;
    let text = read_until(&mut other, Duration::from_millis(300), |t| {
        t.contains("resync")
    })
    .await;
    assert!(!text.contains("resync"), "{text}");
    app.stop().await;
}

byline_store::on_both_backends!(
    replays_are_rationed_and_an_id_from_the_future_does_not_silence,
    a_stream_has_proxy_safe_headers_and_keep_alives_past_the_request_timeout,
    streams_are_bounded_per_client_address_with_a_clear_answer,
    streams_are_bounded_in_total,
    a_malformed_resume_point_is_a_400_that_says_why,
    a_graceful_stop_ends_open_streams_at_once,
    idle_readers_do_not_grow_the_hubs_buffers,
);

mod one_thread {
    #[tokio::test]
    async fn sqlite_lagged_reader() {
        super::a_reader_that_falls_behind_gets_resync_and_carries_on(
            byline_store::testing::Backend::Sqlite,
        )
        .await;
    }

    #[tokio::test]
    async fn postgres_lagged_reader() {
        super::a_reader_that_falls_behind_gets_resync_and_carries_on(
            byline_store::testing::Backend::Postgres,
        )
        .await;
    }
}
