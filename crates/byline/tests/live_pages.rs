//! The public side of live coverage on both backends: the News Feed (days in the
//! outlet's time zone, pinned first, pages, permalinks, drafts hidden), its feeds, the
//! home page and article pages, live pages (state, order, key events, LiveBlogPosting
//! JSON-LD). The sitemaps and the banner are in live_banner.rs, replay in live_replay.rs.

mod common;

use std::time::{Duration, Instant};

use byline_domain::{LiveStatus, NewFeedItem, NewLiveEntry, NewLivePage};
use byline_store::testing::Backend;
use byline_store::LiveWrite;
use chrono::{DateTime, TimeZone, Utc};
use common::TestApp;

const ARTICLE: &str = "winter-aid-convoy-reaches-vesk";

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("a fixed time")
}

fn item(headline: &str, published_at: DateTime<Utc>) -> NewFeedItem {
    NewFeedItem {
        headline: headline.into(),
        body: format!("Details of *{headline}*. <script>alert(1)</script>"),
        published: true,
        authors: vec!["news-desk".into()],
        published_at: Some(published_at),
        ..NewFeedItem::default()
    }
}

async fn save(app: &TestApp, new: &NewFeedItem) -> byline_domain::FeedItem {
    app.store
        .save_feed_item(None, new, &LiveWrite::at(Utc::now()))
        .await
        .expect("feed item")
}

/// The text of `<section data-day="DAY">…</section>`.
fn day_section<'a>(html: &'a str, day: &str) -> &'a str {
    let start = html
        .find(&format!("class=\"feed-day\" data-day=\"{day}\""))
        .unwrap_or_else(|| panic!("no section for {day}"));
    let rest = &html[start..];
    &rest[..rest.find("</section>").expect("section end")]
}

async fn news_feed_groups_days_in_the_outlets_zone_and_pages_into_the_past(backend: Backend) {
    let app = TestApp::start(backend).await;
    // Europe/Riga (the demo's zone) is UTC+2 in winter: 21:30 UTC is still 30 November
    // there, 22:30 UTC is already 1 December.
    save(&app, &item("Late evening item", at(2026, 11, 30, 21, 30))).await;
    save(
        &app,
        &item("Just after midnight item", at(2026, 11, 30, 22, 30)),
    )
    .await;
    let draft = save(
        &app,
        &NewFeedItem {
            published: false,
            ..item("A draft nobody sees", at(2026, 12, 1, 8, 0))
        },
    )
    .await;
    let pinned = save(
        &app,
        &NewFeedItem {
            pinned: true,
            breaking: true,
            ..item("Pinned old item", at(2026, 11, 2, 9, 0))
        },
    )
    .await;

    let (status, html) = app.text("/news-feed").await;
    assert_eq!(status, 200);
    let nov30 = day_section(&html, "2026-11-30");
    assert!(nov30.contains("Late evening item"), "{nov30}");
    assert!(nov30.contains("Monday, 30 November"), "{nov30}");
    assert!(nov30.contains(">23:30</time>"), "local clock: {nov30}");
    let dec1 = day_section(&html, "2026-12-01");
    assert!(dec1.contains("Just after midnight item"), "{dec1}");
    assert!(dec1.contains("Tuesday, 1 December") && dec1.contains(">00:30</time>"));
    assert!(!html.contains("A draft nobody sees"));
    // Pinned first, above the days, marked; the body is sanitised Markdown.
    let pinned_at = html.find("Pinned old item").expect("pinned shown");
    assert!(pinned_at < html.find("Just after midnight item").expect("item"));
    assert!(html.contains("mark-pinned") && html.contains("mark-breaking"));
    assert!(html.contains("<em>Late evening item</em>") && !html.contains("<script>alert"));
    // Permalink and share links, the stream's resume point, the feeds in the head.
    assert!(html.contains(&format!("href=\"/news-feed/{}\"", pinned.id)));
    assert!(html.contains("class=\"share-link\""));
    assert!(html.contains("data-events=\"/news-feed/events\" data-after=\""));
    for feed in [
        "/news-feed/feed.xml",
        "/news-feed/atom.xml",
        "/news-feed/feed.json",
    ] {
        assert!(
            html.contains(&format!("href=\"{feed}\"")),
            "head lacks {feed}"
        );
    }

    // 30 a page: 33 published items make two pages.
    for n in 0..29 {
        save(
            &app,
            &item(&format!("Filler item {n:02}"), at(2026, 11, 20, 8, n)),
        )
        .await;
    }
    let first = app
        .eventually("/news-feed", |h| h.contains("Filler item 28"))
        .await;
    assert!(first.contains("href=\"/news-feed?page=2\""), "older link");
    // The oldest filler is the 31st newest after the pinned one: on page 2.
    let (status, page2) = app.text("/news-feed?page=2").await;
    assert_eq!(status, 200);
    assert!(page2.contains("Filler item 00") && !page2.contains("Filler item 28"));
    assert!(page2.contains("href=\"/news-feed\""), "newer link");
    assert!(!page2.contains("Pinned old item"));
    assert_eq!(app.text("/news-feed?page=3").await.0, 404);
    assert_eq!(app.text("/news-feed?page=0").await.0, 400);

    // The item's own page: canonical, social tags, share links; drafts and junk are 404.
    let (status, own) = app.text(&format!("/news-feed/{}", pinned.id)).await;
    assert_eq!(status, 200);
    assert!(own.contains(&format!(
        "<link rel=\"canonical\" href=\"http://news.example/news-feed/{}\">",
        pinned.id
    )));
    assert!(own.contains("<meta property=\"og:title\" content=\"Pinned old item | "));
    assert!(own.contains("https://t.me/share/url?url=http%3A%2F%2Fnews.example%2Fnews-feed%2F"));
    for path in [
        format!("/news-feed/{}", draft.id),
        "/news-feed/999999".into(),
        "/news-feed/abc".into(),
        format!("/news-feed/0{}", pinned.id),
    ] {
        assert_eq!(app.text(&path).await.0, 404, "{path}");
    }
    app.stop().await;
}

async fn home_and_article_pages_show_items_within_a_second(backend: Backend) {
    let app = TestApp::start(backend).await;
    let latest = app.store.latest_change_id().await.expect("id");
    let (_, before) = app.text("/").await;
    assert!(
        before.contains("href=\"/news-feed\""),
        "home links the News Feed"
    );
    // The block follows the Feed from the change the page was rendered at.
    let attributes = format!(
        "data-stream=\"feed-compact\" data-events=\"/events?streams=feed,site\" \
         data-after=\"{latest}\" data-insert=\"top\" data-limit=\"10\""
    );
    assert!(before.contains(&attributes), "{attributes}");
    assert!(before.contains("<ol class=\"feed-items\" data-items>"));
    let started = Instant::now();
    let linked = save(
        &app,
        &NewFeedItem {
            article: ARTICLE.into(),
            ..item("Convoy unloads in Vesk", Utc::now())
        },
    )
    .await;
    app.eventually("/", |h| h.contains("Convoy unloads in Vesk"))
        .await;
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let article = app
        .eventually(&format!("/articles/{ARTICLE}"), |h| {
            h.contains("Convoy unloads in Vesk")
        })
        .await;
    assert!(
        article.contains("id=\"updates-heading\""),
        "an Updates block"
    );
    assert!(article.contains(&format!("href=\"/news-feed/{}\"", linked.id)));
    // Unpublishing takes it off both.
    app.store
        .save_feed_item(
            Some(linked.id),
            &NewFeedItem {
                published: false,
                article: ARTICLE.into(),
                ..item("Convoy unloads in Vesk", linked.published_at)
            },
            &LiveWrite::at(Utc::now()),
        )
        .await
        .expect("unpublish");
    app.eventually("/", |h| !h.contains("Convoy unloads in Vesk"))
        .await;
    app.eventually(&format!("/articles/{ARTICLE}"), |h| {
        !h.contains("Convoy unloads in Vesk")
    })
    .await;
    app.stop().await;
}

async fn the_news_feed_has_rss_atom_and_json_feeds(backend: Backend) {
    let app = TestApp::start(backend).await;
    let one = save(
        &app,
        &item("Ferry resumes & runs late", at(2026, 12, 1, 7, 0)),
    )
    .await;
    save(
        &app,
        &NewFeedItem {
            published: false,
            ..item("Unpublished feed draft", at(2026, 12, 1, 8, 0))
        },
    )
    .await;
    let permalink = format!("http://news.example/news-feed/{}", one.id);

    let r = app.get("/news-feed/feed.xml").await;
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .expect("type")
        .starts_with("application/rss+xml"));
    let rss = r.text().await.expect("body");
    let channel = rss::Channel::read_from(rss.as_bytes()).expect("RSS parses");
    assert_eq!(channel.items().len(), 1, "drafts stay out");
    assert_eq!(
        channel.items()[0].title(),
        Some("Ferry resumes & runs late")
    );
    assert_eq!(channel.items()[0].link(), Some(permalink.as_str()));
    assert!(channel.title().starts_with("News Feed | "));

    let atom = app.text("/news-feed/atom.xml").await.1;
    let feed: atom_syndication::Feed = atom.parse().expect("Atom parses");
    assert_eq!(feed.entries().len(), 1);
    assert_eq!(feed.entries()[0].id(), permalink);

    let json: serde_json::Value =
        serde_json::from_str(&app.text("/news-feed/feed.json").await.1).expect("JSON Feed");
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["items"][0]["url"], permalink.as_str());
    assert_eq!(json["items"][0]["authors"][0]["name"], "News desk");
    assert!(json["items"][0]["summary"]
        .as_str()
        .expect("summary")
        .starts_with("Details of Ferry resumes"));
    app.stop().await;
}

/// The page from `<main` on (the head's JSON-LD repeats the entries' text).
fn main_of(html: &str) -> &str {
    &html[html.find("<main").expect("main")..]
}

/// The page's `application/ld+json`, parsed.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").expect("end");
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

async fn live_pages_carry_their_state_order_key_events_and_json_ld(backend: Backend) {
    let app = TestApp::start(backend).await;
    let write = LiveWrite::at(Utc::now());
    let page = app
        .store
        .save_live_page(
            None,
            &NewLivePage {
                slug: "kyiv-attack".into(),
                headline: "Missile attack on Kyiv </script> — live".into(),
                summary: "- Air defence active\n- **Shelters open**".into(),
                edition: String::new(),
            },
            &write,
        )
        .await
        .expect("live page");
    let mut ids = Vec::new();
    for n in 0..55 {
        let e = app
            .store
            .save_live_entry(
                page.id,
                None,
                &NewLiveEntry {
                    headline: if n == 30 {
                        "Power cut in the east".into()
                    } else {
                        String::new()
                    },
                    body: format!("Update number {n:02} from the city."),
                    key_event: n == 30,
                    pinned: n == 1,
                    published: true,
                    authors: vec!["news-desk".into()],
                },
                &LiveWrite::at(Utc::now()),
            )
            .await
            .expect("entry");
        ids.push(e.id);
    }
    let url = "/live/kyiv-attack";
    let (status, html) = app.text(url).await;
    assert_eq!(status, 200);
    let main = main_of(&html);
    assert!(html.contains("mark-live") && !html.contains("This live coverage has ended"));
    assert!(
        html.contains("<strong>Shelters open</strong>"),
        "summary as Markdown"
    );
    assert!(
        html.contains(&format!("href=\"#entry-{}\"", ids[30])),
        "key events box"
    );
    assert!(html.contains(&format!("data-events=\"{url}/events\" data-after=\"")));
    // The pinned entry on top, then the newest first: 54 … (50 a page).
    let pinned_at = main
        .find(&format!("id=\"entry-{}\"", ids[1]))
        .expect("pinned");
    let newest_at = main.find("Update number 54").expect("newest");
    assert!(pinned_at < newest_at && newest_at < main.find("Update number 53").expect("53"));
    assert!(
        !main.contains("Update number 04"),
        "older entries are on page 2"
    );
    assert!(html.contains("href=\"/live/kyiv-attack?page=2\""));
    assert!(app
        .text("/live/kyiv-attack?page=2")
        .await
        .1
        .contains("Update number 00"));
    assert_eq!(app.text("/live/kyiv-attack?order=sideways").await.0, 400);
    assert_eq!(app.text("/live/no-such-live").await.0, 404);

    let ld = json_ld(&html);
    assert_eq!(ld["@type"], "LiveBlogPosting");
    assert_eq!(ld["headline"], "Missile attack on Kyiv </script> — live");
    assert_eq!(ld["url"], "http://news.example/live/kyiv-attack");
    assert_eq!(ld["coverageStartTime"], ld["datePublished"]);
    assert!(ld["dateModified"].is_string() && ld["publisher"]["name"].is_string());
    assert!(ld.get("coverageEndTime").is_none(), "still live");
    let updates = ld["liveBlogUpdate"].as_array().expect("updates");
    assert_eq!(updates.len(), 50, "capped at the latest 50");
    let key = updates
        .iter()
        .find(|u| u["url"] == format!("http://news.example/live/kyiv-attack#entry-{}", ids[30]))
        .expect("the key event among the updates");
    assert_eq!(key["@type"], "BlogPosting");
    assert_eq!(key["headline"], "Power cut in the east");
    assert_eq!(key["articleBody"], "Update number 30 from the city.");
    assert_eq!(key["author"][0]["name"], "News desk");
    assert!(key["datePublished"].is_string() && key["dateModified"].is_string());
    let untitled = &updates[0];
    assert_eq!(untitled["headline"], "Update number 54 from the city.");
    assert!(!html.contains("</script> — live\""), "JSON-LD is escaped");

    // Archived: the notice, oldest first, no stream, coverageEndTime.
    app.store
        .set_live_status(page.id, LiveStatus::Archived, Utc::now())
        .await
        .expect("archive");
    let archived = app
        .eventually(url, |h| h.contains("This live coverage has ended"))
        .await;
    let archived_main = main_of(&archived);
    let oldest = archived_main
        .find("Update number 00")
        .expect("oldest first");
    assert!(oldest < archived_main.find("Update number 02").expect("02"));
    assert!(
        !archived.contains("data-events="),
        "a frozen page does not stream"
    );
    assert!(json_ld(&archived)["coverageEndTime"].is_string());
    let newest = app.text("/live/kyiv-attack?order=newest").await.1;
    let newest = main_of(&newest);
    assert!(newest.find("Update number 54") < newest.find("Update number 53"));

    let index = app.text("/live").await.1;
    assert!(index.contains("href=\"/live/kyiv-attack\""));
    app.stop().await;
}

byline_store::on_both_backends!(
    news_feed_groups_days_in_the_outlets_zone_and_pages_into_the_past,
    home_and_article_pages_show_items_within_a_second,
    the_news_feed_has_rss_atom_and_json_feeds,
    live_pages_carry_their_state_order_key_events_and_json_ld,
);
