//! Site settings through one `update_settings` workflow on every path: `GET`/`PATCH
//! /api/admin/settings`, the desk's settings page and `byline settings show|set`. Admins
//! only; an unknown language code is a clear 422 naming the shipped codes; a change is
//! audited and reaches cached public pages.

mod common;

use std::process::Command;

use byline_store::testing::Backend;
use common::TestApp;
use serde_json::{json, Value};

async fn settings_over_the_api_and_the_desk(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.staff("admin").await;
    let editor = app.staff("editor").await;
    let api = |token: &str, body: Option<Value>| {
        let rq = match &body {
            Some(b) => app.client.patch(app.url("/api/admin/settings")).json(b),
            None => app.client.get(app.url("/api/admin/settings")),
        };
        let rq = rq.bearer_auth(token);
        async move {
            let r = rq.send().await.expect("request");
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.expect("json"))
        }
    };

    let (status, shown) = api(&admin.token, None).await;
    assert_eq!(status, 200);
    assert_eq!(shown["language"], "en");
    assert_eq!(shown["name"], "The Meridian Courier");

    let (status, refused) = api(&editor.token, None).await;
    assert_eq!(status, 403, "editors may not see the settings");
    let refusal = refused["error"].as_str().expect("message").to_owned();
    assert_eq!(refusal, "Your role (editor) may not do this.");
    let r = editor
        .client
        .get(app.url("/desk/settings"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 403);
    assert!(
        r.text().await.expect("body").contains(&refusal),
        "same refusal on the desk"
    );
    let (status, _) = api(&editor.token, Some(json!({"language": "uk"}))).await;
    assert_eq!(status, 403);

    let (status, bad) = api(&admin.token, Some(json!({"language": "klingon"}))).await;
    assert_eq!(status, 422, "{bad}");
    let message = bad["fields"]["language"]
        .as_str()
        .expect("message")
        .to_owned();
    assert!(
        message.contains("klingon") && message.contains("en, uk"),
        "names the value and the shipped codes: {message}"
    );
    let (status, _) = api(&admin.token, Some(json!({"langauge": "uk"}))).await;
    assert_eq!(status, 422, "unknown fields are refused");
    let (status, bad) = api(
        &admin.token,
        Some(json!({"time_zone": "Mars/Olympus", "name": ""})),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        bad["fields"]["time_zone"].is_string() && bad["fields"]["name"].is_string(),
        "{bad}"
    );
    assert_eq!(
        app.store.settings().await.expect("settings").language,
        "en",
        "nothing written"
    );

    // A change reaches a page already in the render cache (the store writes a `site` change).
    let (status, home) = app.text("/").await;
    assert_eq!(status, 200);
    assert!(home.contains("The Meridian Courier"));
    let (status, saved) = api(
        &admin.token,
        Some(json!({"language": "UK", "name": "The Harbour Herald"})),
    )
    .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["language"], "uk", "stored as the code");
    assert_eq!(
        saved["tagline"], shown["tagline"],
        "absent fields keep their value"
    );
    app.eventually("/", |b| b.contains("The Harbour Herald"))
        .await;
    let audit = app.store.audit_log(20, 0).await.expect("audit");
    let entry = audit
        .iter()
        .find(|e| e.action == "settings.update")
        .expect("audited");
    assert_eq!(entry.actor, admin.email);
    assert!(
        entry.detail.contains("language=uk") && entry.detail.contains("via api"),
        "{entry:?}"
    );

    // The desk page: every field, the same message for a bad language.
    let page = app.page_as(&admin.client, "/desk/settings").await;
    assert!(
        page.contains("Site language") && page.contains("The Harbour Herald"),
        "{page}"
    );
    assert!(
        page.contains(r#"<option value="uk" selected>Українська</option>"#),
        "{page}"
    );
    let csrf = app.csrf(&admin.client, "/desk/settings").await;
    let r = admin
        .client
        .post(app.url("/desk/settings"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("name", "The Harbour Herald"),
            ("language", "klingon"),
            ("time_zone", "UTC"),
            ("excerpt_cap", "500"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("“klingon” is not a language Byline ships; use one of: en, uk"),
        "{page}"
    );
    assert!(page.contains(r#"aria-invalid="true""#));
    app.stop().await;
}

fn byline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_byline"))
}

async fn settings_from_the_command_line(backend: Backend) {
    let app = TestApp::start(backend).await;
    let url = app.db.url.clone();
    let out = tokio::task::spawn_blocking(move || {
        let set = byline()
            .args(["settings", "set", "language", "uk", "--database-url", &url])
            .output()
            .expect("run");
        let bad = byline()
            .args(["settings", "set", "language", "xx", "--database-url", &url])
            .output()
            .expect("run");
        let show = byline()
            .args(["settings", "show", "--database-url", &url])
            .output()
            .expect("run");
        (set, bad, show)
    })
    .await
    .expect("join");
    let (set, bad, show) = out;
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    assert!(String::from_utf8_lossy(&set.stdout).contains("language = \"uk\""));
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.trim().lines().count() == 1 && err.contains("xx") && err.contains("en, uk"),
        "one clear line: {err}"
    );
    assert!(String::from_utf8_lossy(&show.stdout).contains("time_zone = "));
    assert_eq!(app.store.settings().await.expect("settings").language, "uk");
    let audit = app.store.audit_log(5, 0).await.expect("audit");
    assert!(audit.iter().any(|e| e.action == "settings.update"
        && e.actor == "cli"
        && e.detail.contains("via cli")));
    app.stop().await;
}

byline_store::on_both_backends!(
    settings_over_the_api_and_the_desk,
    settings_from_the_command_line
);
