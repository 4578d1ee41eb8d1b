//! Live pages and their entries through the Admin API on both backends: who may start,
//! edit, archive and reopen a page and add or change entries; field errors; 409 on an
//! archived page and on a stale version; the audit log; and automatic archiving of idle
//! pages by the `archive_idle_live` job (time travel: entries written in the past).

mod common;

use byline_domain::{LiveStatus, NewLiveEntry, NewLivePage};
use byline_jobs::archive_idle_live::{ArchiveIdleLive, IdleSweep};
use byline_store::testing::Backend;
use byline_store::LiveWrite;
use chrono::{Duration, Utc};
use common::api::field_error;
use common::audit::assert_audited;
use common::TestApp;
use serde_json::json;

async fn live_pages_follow_the_roles_and_freeze_when_archived(backend: Backend) {
    let app = TestApp::start(backend).await;
    let contributor = app.api_as("contributor").await;
    let author = app.api_as("author").await;
    let other_author = app.api_as("author").await;
    let editor = app.api_as("editor").await;

    let page =
        json!({"headline": "Missile attack on Vesk — live", "summary": "- Air defence active"});
    let (status, refusal) = contributor.post("/api/admin/live", page.clone()).await;
    assert_eq!(
        status, 403,
        "contributors do not start live pages: {refusal}"
    );
    let (status, live) = author.post("/api/admin/live", page).await;
    assert_eq!(status, 201, "{live}");
    let id = live["id"].as_i64().expect("id");
    let slug = live["slug"].as_str().expect("slug").to_owned();
    assert_eq!(slug, "missile-attack-on-vesk-live");
    assert_eq!(live["url"], format!("http://news.example/live/{slug}"));
    assert_eq!(live["status"], "live");
    assert_audited(app.store(), &author.email, "live.create", &slug, "api").await;
    let (status, _) = author
        .post(
            "/api/admin/live",
            json!({"headline": "Missile attack on Vesk — live"}),
        )
        .await;
    assert_eq!(status, 409, "slug taken");
    let (status, answer) = author
        .post("/api/admin/live", json!({"headline": "", "summary": "x"}))
        .await;
    assert_eq!(status, 422);
    field_error(&answer, "headline");
    let (_, answer) = author
        .post(
            "/api/admin/live",
            json!({"headline": "Long", "summary": "s".repeat(5001)}),
        )
        .await;
    assert!(field_error(&answer, "summary").contains("5000"));
    let (_, answer) = author
        .post(
            "/api/admin/live",
            json!({"headline": "Slug", "slug": "Not A Slug"}),
        )
        .await;
    field_error(&answer, "slug");

    // Entries: anyone on the desk adds them; contributors' are drafts.
    let entries = format!("/api/admin/live/{id}/entries");
    let (status, entry) = author
        .post(&entries, json!({"body": "Explosions heard in the north.", "headline": "Blasts", "key_event": true}))
        .await;
    assert_eq!(status, 201, "{entry}");
    let entry_id = entry["id"].as_i64().expect("id");
    assert_eq!(entry["published"], true);
    assert_eq!(entry["key_event"], true);
    assert_eq!(
        entry["url"],
        format!("http://news.example/live/{slug}#entry-{entry_id}")
    );
    assert_audited(
        app.store(),
        &author.email,
        "live_entry.add",
        &format!("live-entry:{entry_id}"),
        "api",
    )
    .await;
    let public = app
        .eventually(&format!("/live/{slug}"), |b| {
            b.contains("Explosions heard in the north.")
        })
        .await;
    assert!(
        public.contains("LiveBlogPosting"),
        "JSON-LD on the live page"
    );
    let (status, draft) = contributor
        .post(&entries, json!({"body": "Unconfirmed reports."}))
        .await;
    assert_eq!(status, 201);
    assert_eq!(draft["published"], false);
    let (status, _) = contributor
        .post(&entries, json!({"body": "Now.", "published": true}))
        .await;
    assert_eq!(status, 403);
    let (_, answer) = author.post(&entries, json!({"body": " "})).await;
    assert!(field_error(&answer, "body").contains("required"));
    let (_, answer) = author
        .post(&entries, json!({"body": "b".repeat(20_001)}))
        .await;
    field_error(&answer, "body");
    let (_, answer) = author
        .post(&entries, json!({"body": "ok", "headline": "h".repeat(201)}))
        .await;
    field_error(&answer, "headline");
    assert_eq!(
        author
            .post("/api/admin/live/999999/entries", json!({"body": "x"}))
            .await
            .0,
        404
    );
    let (_, listed) = other_author.get(&entries).await;
    let listed: Vec<i64> = listed
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|e| e["id"].as_i64())
        .collect();
    assert_eq!(
        listed,
        vec![entry_id],
        "another writer's draft entry is not listed"
    );

    // Entries are changed by their writer or an editor; stale versions conflict.
    let entry_path = format!("{entries}/{entry_id}");
    assert_eq!(
        other_author
            .patch(&entry_path, json!({"body": "Mine"}))
            .await
            .0,
        403
    );
    let draft_path = format!("{entries}/{}", draft["id"]);
    assert_eq!(
        other_author
            .patch(&draft_path, json!({"body": "Seen"}))
            .await
            .0,
        404
    );
    let (status, edited) = editor
        .patch(&entry_path, json!({"pinned": true, "version": 1}))
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["pinned"], true);
    let (status, _) = author
        .patch(&entry_path, json!({"body": "Stale", "version": 1}))
        .await;
    assert_eq!(status, 409);
    assert_eq!(
        author
            .patch(
                &format!("/api/admin/live/{}/entries/{entry_id}", id + 1000),
                json!({"body": "x"})
            )
            .await
            .0,
        404
    );

    // The page: its starter or an editor edits and archives it.
    let page_path = format!("/api/admin/live/{id}");
    assert_eq!(
        other_author
            .patch(&page_path, json!({"summary": "Mine"}))
            .await
            .0,
        403
    );
    assert_eq!(
        other_author
            .post(&format!("{page_path}/archive"), json!({}))
            .await
            .0,
        403
    );
    let (status, edited) = editor
        .patch(
            &page_path,
            json!({"summary": "- Air defence active\n- Power cuts", "version": live["version"]}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["slug"], slug, "the slug stays");
    let (status, _) = author
        .patch(
            &page_path,
            json!({"summary": "Stale", "version": live["version"]}),
        )
        .await;
    assert_eq!(status, 409);
    let (status, archived) = author
        .post(&format!("{page_path}/archive"), json!({}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(archived["status"], "archived");
    assert!(archived["archived_at"].is_string());
    assert_audited(app.store(), &author.email, "live.archive", &slug, "api").await;

    // Archived: frozen, with a message.
    let (status, refusal) = author.post(&entries, json!({"body": "Too late."})).await;
    assert_eq!(status, 409, "{refusal}");
    assert!(
        refusal["error"]
            .as_str()
            .expect("message")
            .contains("has ended"),
        "{refusal}"
    );
    assert_eq!(
        editor.patch(&entry_path, json!({"body": "Edit"})).await.0,
        409
    );
    assert_eq!(editor.delete(&entry_path).await, 409);
    assert_eq!(
        editor
            .patch(&page_path, json!({"headline": "Edit"}))
            .await
            .0,
        409
    );

    // Reopened (here by PATCH status), it takes entries again; a deleted entry is gone.
    let (status, reopened) = editor.patch(&page_path, json!({"status": "live"})).await;
    assert_eq!(status, 200, "{reopened}");
    assert_eq!(reopened["status"], "live");
    assert_audited(app.store(), &editor.email, "live.reopen", &slug, "api").await;
    assert_eq!(
        author
            .post(&entries, json!({"body": "Back on air."}))
            .await
            .0,
        201
    );
    assert_eq!(author.delete(&entry_path).await, 204);
    assert_eq!(
        author.patch(&entry_path, json!({"body": "Again"})).await.0,
        404
    );
    assert_audited(
        app.store(),
        &author.email,
        "live_entry.delete",
        &format!("live-entry:{entry_id}"),
        "api",
    )
    .await;
    let (status, answer) = editor.patch(&page_path, json!({"status": "paused"})).await;
    assert_eq!(status, 422);
    field_error(&answer, "status");
    app.stop().await;
}

/// A live page started and last written `hours_ago` hours ago, straight through the store.
async fn page_written_hours_ago(app: &TestApp, headline: &str, hours_ago: i64) -> i64 {
    let then = LiveWrite::at(Utc::now() - Duration::hours(hours_ago));
    let page = NewLivePage {
        headline: headline.into(),
        ..NewLivePage::default()
    };
    let page = app
        .store
        .save_live_page(None, &page, &then)
        .await
        .expect("page");
    let entry = NewLiveEntry {
        body: "An update.".into(),
        published: true,
        ..NewLiveEntry::default()
    };
    app.store
        .save_live_entry(page.id, None, &entry, &then)
        .await
        .expect("entry");
    page.id
}

async fn page_status(app: &TestApp, id: i64) -> LiveStatus {
    let page = app.store.live_page_by_id(id).await.expect("page");
    page.expect("exists").status
}

async fn idle_live_pages_archive_themselves(backend: Backend) {
    let app = TestApp::start(backend).await;
    let author = app.api_as("author").await;

    // Starting a page and adding an entry queue the sweep for 24 h (the default) later.
    let (status, live) = author
        .post(
            "/api/admin/live",
            json!({"headline": "Floods in the valley"}),
        )
        .await;
    assert_eq!(status, 201);
    let id = live["id"].as_i64().expect("id");
    let (status, _) = author
        .post(
            &format!("/api/admin/live/{id}/entries"),
            json!({"body": "Water rising."}),
        )
        .await;
    assert_eq!(status, 201);
    let sweeps = app
        .store
        .jobs_by_kind("archive_idle_live", 10)
        .await
        .expect("jobs");
    assert!(!sweeps.is_empty(), "a sweep is queued");
    for sweep in &sweeps {
        let wait = sweep.run_at - Utc::now();
        assert!(
            wait > Duration::hours(23) && wait < Duration::hours(25),
            "{sweep:?}"
        );
        assert_eq!(sweep.payload["live_id"], id);
    }

    // Time travel: one page quiet for 30 h, one for 2 h; a sweep due now runs.
    let idle = page_written_hours_ago(&app, "Storm on the coast", 30).await;
    let recent = page_written_hours_ago(&app, "Strike at the port", 2).await;
    byline_jobs::enqueue::<ArchiveIdleLive>(app.store(), &IdleSweep::default(), Utc::now())
        .await
        .expect("enqueue");
    app.jobs_settled().await;
    let status = |id| page_status(&app, id);
    assert_eq!(status(idle).await, LiveStatus::Archived);
    assert_eq!(status(recent).await, LiveStatus::Live);
    assert_eq!(status(id).await, LiveStatus::Live);
    let idle_slug = app
        .store
        .live_page_by_id(idle)
        .await
        .expect("page")
        .expect("exists")
        .slug;
    assert_audited(app.store(), "jobs", "live.archive", &idle_slug, "job").await;

    // A sweep with 1 hour (an operator's one-off) archives the 2-hour-quiet page too.
    let sweep = IdleSweep {
        live_id: None,
        after_hours: Some(1),
    };
    byline_jobs::enqueue::<ArchiveIdleLive>(app.store(), &sweep, Utc::now())
        .await
        .expect("enqueue");
    app.jobs_settled().await;
    assert_eq!(status(recent).await, LiveStatus::Archived);
    assert_eq!(
        status(id).await,
        LiveStatus::Live,
        "the page with a fresh entry stays live"
    );
    app.stop().await;
}

async fn no_auto_archive_when_the_setting_is_zero(backend: Backend) {
    let app = TestApp::start_through(
        backend,
        str::to_owned,
        |c| {
            c.web.live_archive_after_hours = 0;
            c.jobs.archive_idle_live.after_hours = 0;
        },
        None,
    )
    .await;
    let author = app.api_as("author").await;
    let (status, _) = author
        .post("/api/admin/live", json!({"headline": "Quiet coverage"}))
        .await;
    assert_eq!(status, 201);
    assert!(app
        .store
        .jobs_by_kind("archive_idle_live", 10)
        .await
        .expect("jobs")
        .is_empty());
    let idle = page_written_hours_ago(&app, "Old coverage", 100).await;
    byline_jobs::enqueue::<ArchiveIdleLive>(app.store(), &IdleSweep::default(), Utc::now())
        .await
        .expect("enqueue");
    app.jobs_settled().await;
    let page = app
        .store
        .live_page_by_id(idle)
        .await
        .expect("page")
        .expect("exists");
    assert_eq!(page.status, LiveStatus::Live);
    app.stop().await;
}

byline_store::on_both_backends!(
    live_pages_follow_the_roles_and_freeze_when_archived,
    idle_live_pages_archive_themselves,
    no_auto_archive_when_the_setting_is_zero
);
