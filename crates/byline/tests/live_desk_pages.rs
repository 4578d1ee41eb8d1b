//! Live pages and the banner on the desk, on both backends, through the real forms: a
//! live page from creation to entries (plain form and desk script), a key event and a pin
//! (a stale button is a conflict), archive (read-only; an entry is refused with the
//! workflow's message) and reopen; the banner set with local times and cleared by an
//! editor, its field errors, and refused to an author (page, form, nav entry).

mod common;

use byline_domain::{BannerStyle, LiveStatus};
use byline_store::testing::Backend;
use common::live_desk::{id_in, post_form};
use common::TestApp;

async fn a_live_page_from_start_to_archive(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let fields = [
        ("headline", "Missile attack on Kyiv — live"),
        ("summary", "- Air defence active\n- Metro stations open"),
    ];
    let (status, location, _) =
        post_form(&app, &editor, "/desk/live", "/desk/live", &fields, false).await;
    assert_eq!(status, 303);
    let id = id_in(&location, "/desk/live/");
    let desk = format!("/desk/live/{id}");
    let html = app.page_as(&editor.client, &location).await;
    let live = app
        .store()
        .live_page_by_id(id)
        .await
        .expect("get")
        .expect("page");
    assert!(
        html.contains(&format!("href=\"/live/{}\"", live.slug)),
        "{html}"
    );
    assert!(html.contains("data-quick-post"));
    let list = app.page_as(&editor.client, "/desk/live").await;
    assert!(list.contains("Missile attack on Kyiv — live"));

    // Headline and key points: saved at the version shown, a stale form is a conflict.
    let version = live.version.to_string();
    let fields = [
        ("headline", "Missile attack on Kyiv"),
        ("summary", "- Air defence active"),
        ("version", version.as_str()),
    ];
    let (status, _, _) = post_form(&app, &editor, &desk, &desk, &fields, false).await;
    assert_eq!(status, 303);
    let fields = [
        ("headline", "A stale headline"),
        ("version", version.as_str()),
    ];
    let (status, _, body) = post_form(&app, &editor, &desk, &desk, &fields, false).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body.contains("Someone changed it while you were editing"),
        "{body}"
    );
    assert!(
        body.contains("value=\"A stale headline\""),
        "the text is kept"
    );
    let saved = app
        .store()
        .live_page_by_id(id)
        .await
        .expect("get")
        .expect("page");
    assert_eq!(saved.headline, "Missile attack on Kyiv");
    assert_eq!(saved.slug, live.slug, "the address stays");

    // A contributor sees the form but may not start a live page: the policy's message.
    let contributor = app.staff("contributor").await;
    let fields = [("headline", "A contributor's live page")];
    let (status, _, body) = post_form(
        &app,
        &contributor,
        "/desk/live",
        "/desk/live",
        &fields,
        false,
    )
    .await;
    assert_eq!(status, 403, "{body}");
    assert!(
        body.contains("Your role (contributor) may not do this."),
        "{body}"
    );
    assert!(
        body.contains("value=\"A contributor&#39;s live page\""),
        "{body}"
    );

    // An entry with no headline, as a plain form; then one by the desk script.
    let entries = format!("{desk}/entries");
    let fields = [
        ("body", "Explosions heard in the east."),
        ("intent", "publish"),
    ];
    let (status, location, _) = post_form(&app, &editor, &desk, &entries, &fields, false).await;
    assert_eq!(status, 303);
    assert!(
        location.starts_with(&format!("{desk}?saved=")),
        "{location}"
    );
    let fields = [
        ("body", "Power cut on the left bank."),
        ("key_event", "on"),
        ("intent", "publish"),
    ];
    let (status, _, body) = post_form(&app, &editor, &desk, &entries, &fields, true).await;
    assert_eq!(status, 201, "{body}");
    let saved: serde_json::Value = serde_json::from_str(&body).expect("json");
    let key = saved["id"].as_i64().expect("id");
    assert!(saved["html"].as_str().expect("row").contains("Key event"));
    let (status, _, body) = post_form(&app, &editor, &desk, &entries, &[("body", "")], false).await;
    assert_eq!(status, 422);
    assert!(
        body.contains("aria-describedby=\"le-body-error\""),
        "{body}"
    );

    // The first entry becomes a key event and is pinned from its row's buttons.
    let all = app
        .store()
        .live_entries(&byline_store::EntryQuery {
            live_id: id,
            limit: 10,
            ..Default::default()
        })
        .await
        .expect("entries");
    let first = all.iter().find(|e| e.id != key).expect("first entry");
    let flags = format!("{desk}/entries/{}/flags", first.id);
    let version = first.version.to_string();
    let fields = [("flag", "pinned"), ("version", version.as_str())];
    let (status, _, _) = post_form(&app, &editor, &desk, &flags, &fields, false).await;
    assert_eq!(status, 303);
    let pinned = app
        .store()
        .live_entry(first.id)
        .await
        .expect("get")
        .expect("entry");
    assert!(pinned.pinned && !pinned.key_event);
    let fields = [("flag", "pinned"), ("version", version.as_str())];
    let (status, _, _) = post_form(&app, &editor, &desk, &flags, &fields, false).await;
    assert_eq!(status, 409, "a button of a changed entry is stale");

    // Archive: read-only with the notice; an entry is refused with the workflow's message.
    let status_path = format!("{desk}/status");
    let (status, _, _) = post_form(
        &app,
        &editor,
        &desk,
        &status_path,
        &[("status", "archived")],
        false,
    )
    .await;
    assert_eq!(status, 303);
    let live = app
        .store()
        .live_page_by_id(id)
        .await
        .expect("get")
        .expect("page");
    assert_eq!(live.status, LiveStatus::Archived);
    let html = app.page_as(&editor.client, &desk).await;
    assert!(html.contains("This live coverage has ended."), "{html}");
    assert!(
        !html.contains("data-quick-post"),
        "no composer on an archived page"
    );
    let fields = [("body", "Too late."), ("intent", "publish")];
    let (status, _, body) = post_form(&app, &editor, &desk, &entries, &fields, false).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body.contains("This live coverage has ended (it is archived)"),
        "{body}"
    );
    let (status, _, _) = post_form(
        &app,
        &editor,
        &desk,
        &status_path,
        &[("status", "live")],
        false,
    )
    .await;
    assert_eq!(status, 303);
    let live = app
        .store()
        .live_page_by_id(id)
        .await
        .expect("get")
        .expect("page");
    assert_eq!(live.status, LiveStatus::Live);
    app.stop().await;
}

async fn the_banner_is_editors_work(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let page = "/desk/banner";
    let html = app.page_as(&editor.client, page).await;
    assert!(html.contains("No banner is set.") && html.contains("href=\"/desk/banner\""));
    let fields = [
        ("text", "Pre-order our first magazine"),
        ("link", "/pages/support"),
        ("style", "notice"),
        ("starts_at", "2026-01-01T09:00"),
        ("ends_at", "2099-01-01T09:00"),
    ];
    let (status, location, _) = post_form(&app, &editor, page, page, &fields, false).await;
    assert_eq!(status, 303);
    let banner = app.store().banner().await.expect("get").expect("set");
    assert_eq!(banner.text, "Pre-order our first magazine");
    assert_eq!(banner.style, BannerStyle::Notice);
    // Local times in the outlet's zone (the demo's Europe/Riga is UTC+2 in January).
    let zone = app.store().settings().await.expect("settings").time_zone;
    assert_eq!(zone, "Europe/Riga");
    assert_eq!(banner.starts_at.to_rfc3339(), "2026-01-01T07:00:00+00:00");
    let html = app.page_as(&editor.client, &location).await;
    assert!(
        html.contains("Banner set.") && html.contains("value=\"2026-01-01T09:00\""),
        "{html}"
    );

    let fields = [("text", "x"), ("style", "loud")];
    let (status, _, body) = post_form(&app, &editor, page, page, &fields, false).await;
    assert_eq!(status, 422);
    assert!(
        body.contains(
            "id=\"bn-style-error\" class=\"field-error\">Choose breaking news or announcement."
        ),
        "{body}"
    );
    let fields = [
        ("text", "Ends first"),
        ("style", "breaking"),
        ("starts_at", "2030-01-02T00:00"),
        ("ends_at", "2030-01-01T00:00"),
    ];
    let (status, _, body) = post_form(&app, &editor, page, page, &fields, false).await;
    assert_eq!(status, 422);
    assert!(
        body.contains("aria-describedby=\"bn-ends_at-error\""),
        "{body}"
    );

    // An author is refused, on the page and on the form; the banner stays.
    let author = app.staff("author").await;
    let r = author.client.get(app.url(page)).send().await.expect("get");
    assert_eq!(r.status(), 403);
    assert!(!app
        .page_as(&author.client, "/desk/news-feed")
        .await
        .contains("href=\"/desk/banner\""));
    let fields = [("text", "Hijack"), ("style", "breaking")];
    let (status, _, body) = post_form(&app, &author, "/desk/news-feed", page, &fields, false).await;
    assert_eq!(status, 403);
    assert!(body.contains("Your role (author)"), "{body}");
    let (status, _, _) = post_form(
        &app,
        &author,
        "/desk/news-feed",
        "/desk/banner/clear",
        &[],
        false,
    )
    .await;
    assert_eq!(status, 403);
    assert_eq!(
        app.store().banner().await.expect("get").expect("kept").text,
        "Pre-order our first magazine"
    );

    let (status, _, _) = post_form(&app, &editor, page, "/desk/banner/clear", &[], false).await;
    assert_eq!(status, 303);
    assert!(app.store().banner().await.expect("get").is_none());
    app.stop().await;
}

byline_store::on_both_backends!(
    a_live_page_from_start_to_archive,
    the_banner_is_editors_work,
);
