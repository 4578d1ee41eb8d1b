//! Snapshots (insta) of the three feeds of one section, RSS, Atom and JSON Feed, built
//! from a fixed fixture: a section, a byline and three articles with pinned publication
//! and update times, so nothing in the output depends on the clock. Both backends must
//! render exactly the same documents (one snapshot file per format). Review a change
//! with `cargo insta review`, or accept by renaming the `.snap.new` file.

mod common;

use byline_domain::{ArticleDraft, ArticleStatus, NewAuthor, NewSection, Slug};
use byline_store::testing::Backend;
use chrono::{DateTime, TimeZone, Utc};
use common::TestApp;

const SECTION: &str = "snapshot-desk";

fn at(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 30, 0)
        .single()
        .expect("a fixed time")
}

fn article(slug: &str, headline: &str, standfirst: &str, tags: &[&str], day: u32) -> ArticleDraft {
    ArticleDraft {
        slug: Slug::parse(slug).expect("slug"),
        headline: headline.into(),
        standfirst: standfirst.into(),
        body_markdown: "The council met on Tuesday.\n\nIt voted & adjourned.".into(),
        section: SECTION.into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        authors: vec!["mira-snapshot".into()],
        status: ArticleStatus::Published,
        published_at: Some(at(day, 9)),
        updated_at: Some(at(day, 11)),
        dateline: "Harbourton".into(),
        language: "en".into(),
        hero: None,
        editors_pick: false,
    }
}

/// The demo newsroom plus the fixture section; the demo's own articles are elsewhere.
async fn fixture(backend: Backend) -> TestApp {
    let app = TestApp::start(backend).await;
    let mut settings = app.store.settings().await.expect("settings");
    settings.name = "The Snapshot Courier".into();
    app.store.save_settings(&settings).await.expect("settings");
    app.store
        .upsert_section(&NewSection {
            slug: SECTION.into(),
            name: "Snapshot desk".into(),
            description: "Fixed stories for feed snapshots.".into(),
            position: 99,
        })
        .await
        .expect("section");
    app.store
        .upsert_author(&NewAuthor {
            slug: "mira-snapshot".into(),
            name: "Mira Snapshot".into(),
            kind: "person".into(),
            bio: String::new(),
            photo: String::new(),
        })
        .await
        .expect("author");
    for draft in [
        article(
            "harbour-wall-repairs-begin",
            "Harbour wall repairs begin",
            "Work on the storm-damaged wall starts Monday <and> lasts a month.",
            &["Harbour", "Weather"],
            10,
        ),
        article(
            "council-approves-night-ferry",
            "Council approves \"night ferry\"",
            "A late crossing runs from April; tickets cost the same as by day.",
            &["Transport"],
            12,
        ),
        article(
            "library-opens-on-sundays",
            "Library opens on Sundays",
            "",
            &[],
            14,
        ),
    ] {
        app.store.save_article(&draft).await.expect("article");
    }
    app
}

/// A line break between adjacent tags, so a snapshot diff shows the element that changed.
fn one_tag_a_line(xml: &str) -> String {
    xml.replace("><", ">\n<")
}

async fn feed(app: &TestApp, file: &str, content_type: &str) -> String {
    let r = app.get(&format!("/sections/{SECTION}/{file}")).await;
    assert_eq!(r.status(), 200, "{file}");
    let header = r.headers()["content-type"]
        .to_str()
        .expect("content type")
        .to_owned();
    assert!(header.starts_with(content_type), "{file}: {header}");
    r.text().await.expect("body")
}

async fn the_three_feeds_match_their_snapshots(backend: Backend) {
    let app = fixture(backend).await;
    let rss = feed(&app, "feed.xml", "application/rss+xml").await;
    insta::assert_snapshot!("section_rss", one_tag_a_line(&rss));
    let atom = feed(&app, "atom.xml", "application/atom+xml").await;
    insta::assert_snapshot!("section_atom", one_tag_a_line(&atom));
    let json: serde_json::Value =
        serde_json::from_str(&feed(&app, "feed.json", "application/feed+json").await)
            .expect("JSON Feed parses");
    insta::assert_snapshot!(
        "section_json_feed",
        serde_json::to_string_pretty(&json).expect("pretty JSON")
    );
    app.stop().await;
}

byline_store::on_both_backends!(the_three_feeds_match_their_snapshots);
