//! The banner on every public page (set, cleared, expired: through the render cache
//! within a second) and live pages in the sitemaps, on both backends.

mod common;

use std::time::{Duration, Instant};

use byline_domain::{BannerStyle, NewBanner, NewLivePage};
use byline_store::testing::Backend;
use byline_store::LiveWrite;
use chrono::Utc;
use common::TestApp;

const ARTICLE: &str = "winter-aid-convoy-reaches-vesk";

async fn sitemaps_list_live_pages(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.store
        .save_live_page(
            None,
            &NewLivePage {
                slug: "storm-live".into(),
                headline: "Storm hits the coast".into(),
                summary: String::new(),
                edition: String::new(),
            },
            &LiveWrite::at(Utc::now()),
        )
        .await
        .expect("live page");
    let loc = "<loc>http://news.example/live/storm-live</loc>";
    app.eventually("/sitemaps/pages.xml", |x| x.contains(loc))
        .await;
    let news = app
        .eventually("/sitemaps/news.xml", |x| x.contains(loc))
        .await;
    assert!(news.contains("<news:title>Storm hits the coast</news:title>"));
    app.stop().await;
}

async fn the_banner_shows_on_every_page_within_a_second_and_goes(backend: Backend) {
    let app = TestApp::start(backend).await;
    let pages = [
        "/",
        "/news-feed",
        &format!("/articles/{ARTICLE}"),
        "/pages/about",
    ];
    for p in pages {
        assert_eq!(app.text(p).await.0, 200, "{p} warmed");
    }
    let started = Instant::now();
    let banner = app
        .store
        .set_banner(
            Some(&NewBanner {
                text: "Our first magazine: pre-order now".into(),
                link: "https://shop.example/magazine".into(),
                style: BannerStyle::Notice,
                starts_at: None,
                ends_at: None,
            }),
            Utc::now(),
        )
        .await
        .expect("banner")
        .expect("set");
    for p in pages {
        let html = app
            .eventually(p, |h| h.contains("Our first magazine"))
            .await;
        assert!(html.contains(&format!("data-banner-id=\"{}\"", banner.id)));
        assert!(html.contains("<a href=\"https://shop.example/magazine\">Our first magazine"));
        assert!(
            html.contains("aria-label=\"Announcement\""),
            "a named region"
        );
        assert!(html.contains(&format!("href=\"#banner-dismissed-{}\"", banner.id)));
    }
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    app.store.set_banner(None, Utc::now()).await.expect("clear");
    for p in pages {
        app.eventually(p, |h| !h.contains("Our first magazine"))
            .await;
    }
    // A banner that expires on its own goes from cached pages without any write.
    app.store
        .set_banner(
            Some(&NewBanner {
                text: "Breaking: bridge closed".into(),
                link: String::new(),
                style: BannerStyle::Breaking,
                starts_at: None,
                ends_at: Some(Utc::now() + chrono::Duration::milliseconds(1500)),
            }),
            Utc::now(),
        )
        .await
        .expect("banner");
    let shown = app
        .eventually("/", |h| h.contains("Breaking: bridge closed"))
        .await;
    assert!(shown.contains("banner-breaking") && shown.contains("data-ends=\""));
    app.eventually("/", |h| !h.contains("Breaking: bridge closed"))
        .await;
    app.stop().await;
}

byline_store::on_both_backends!(
    sitemaps_list_live_pages,
    the_banner_shows_on_every_page_within_a_second_and_goes,
);
