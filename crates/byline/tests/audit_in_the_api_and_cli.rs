//! One workflow layer, the Admin API's and the CLI's side: every action they offer lands in
//! the audit log with its actor, action, target and `via api` / `via cli`.

mod common;

use byline_store::testing::Backend;
use common::audit::{assert_audited, png};
use common::TestApp;
use serde_json::{json, Value};

async fn every_api_action_is_audited(backend: Backend) {
    let app = TestApp::start(backend).await;
    let store = app.store();
    let admin = app.staff("admin").await;
    let me = admin.email.as_str();
    let call = |method: reqwest::Method, path: &str, body: Option<Value>| {
        let mut rq = app
            .client
            .request(method, app.url(path))
            .bearer_auth(&admin.token);
        if let Some(b) = body {
            rq = rq.json(&b);
        }
        async move {
            let r = rq.send().await.expect("request");
            let status = r.status().as_u16();
            let text = r.text().await.expect("body");
            assert!((200..300).contains(&status), "{status}: {text}");
            serde_json::from_str::<Value>(&text).unwrap_or(Value::Null)
        }
    };
    use reqwest::Method;

    let created = call(
        Method::POST,
        "/api/admin/articles",
        Some(
            json!({"headline": "Bridge tolls scrapped", "body": "From March.", "section": "news"}),
        ),
    )
    .await;
    let id = created["id"].as_i64().expect("id");
    let slug = "bridge-tolls-scrapped";
    assert_audited(store, me, "article.create", slug, "api").await;
    call(
        Method::PATCH,
        &format!("/api/admin/articles/{id}"),
        Some(json!({"standfirst": "Drivers save."})),
    )
    .await;
    assert_audited(store, me, "article.save", slug, "api").await;
    call(
        Method::POST,
        &format!("/api/admin/articles/{id}/publish"),
        None,
    )
    .await;
    assert_audited(store, me, "article.publish", slug, "api").await;
    call(
        Method::PATCH,
        &format!("/api/admin/articles/{id}"),
        Some(json!({"home_position": 1})),
    )
    .await;
    assert_audited(store, me, "article.curate", slug, "api").await;
    call(
        Method::POST,
        &format!("/api/admin/articles/{id}/unpublish"),
        None,
    )
    .await;
    assert_audited(store, me, "article.unpublish", slug, "api").await;
    call(Method::DELETE, &format!("/api/admin/articles/{id}"), None).await;
    assert_audited(store, me, "article.delete", slug, "api").await;
    call(
        Method::POST,
        &format!("/api/admin/articles/{id}/restore"),
        None,
    )
    .await;
    assert_audited(store, me, "article.restore", slug, "api").await;

    call(
        Method::POST,
        "/api/admin/sections",
        Some(json!({"slug": "harbour", "name": "Harbour"})),
    )
    .await;
    assert_audited(store, me, "section.create", "harbour", "api").await;
    call(
        Method::PUT,
        "/api/admin/sections/harbour",
        Some(json!({"slug": "harbour", "name": "The Harbour"})),
    )
    .await;
    assert_audited(store, me, "section.update", "harbour", "api").await;
    let derived = call(
        Method::POST,
        "/api/admin/sections",
        Some(json!({"name": "Harbour Life"})),
    )
    .await;
    assert_eq!(
        derived["slug"], "harbour-life",
        "a slug is derived from the name"
    );
    assert_audited(store, me, "section.create", "harbour-life", "api").await;
    call(
        Method::POST,
        "/api/admin/authors",
        Some(json!({"slug": "ana-vesk", "name": "Ana Vesk", "kind": "person"})),
    )
    .await;
    assert_audited(store, me, "author.create", "ana-vesk", "api").await;
    call(
        Method::PUT,
        "/api/admin/authors/ana-vesk",
        Some(json!({"slug": "ana-vesk", "name": "Ana Vesk-Lind", "kind": "person"})),
    )
    .await;
    assert_audited(store, me, "author.update", "ana-vesk", "api").await;
    call(
        Method::POST,
        "/api/admin/pages",
        Some(json!({"slug": "corrections", "title": "Corrections", "body": "We correct errors."})),
    )
    .await;
    assert_audited(store, me, "page.create", "corrections", "api").await;
    call(Method::PUT, "/api/admin/pages/corrections", Some(json!({"slug": "corrections", "title": "Corrections policy", "body": "We correct errors openly."}))).await;
    assert_audited(store, me, "page.update", "corrections", "api").await;

    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(png()).file_name("bridge.png"),
        )
        .text("alt", "The toll bridge");
    let r = app
        .client
        .post(app.url("/api/admin/media"))
        .bearer_auth(&admin.token)
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status(), 201);
    let name = r.json::<Value>().await.expect("json")["name"]
        .as_str()
        .expect("name")
        .to_owned();
    assert_audited(store, me, "media.upload", &name, "api").await;

    call(
        Method::POST,
        "/api/admin/newsletters",
        Some(json!({"slug": "bridge-news", "name": "Bridge News"})),
    )
    .await;
    assert_audited(store, me, "newsletter.save", "bridge-news", "api").await;
    call(
        Method::POST,
        "/api/admin/subscribers/import",
        Some(json!({"list": "bridge-news", "csv": "lev@readers.example\n"})),
    )
    .await;
    assert_audited(store, me, "subscriber.import", "bridge-news", "api").await;
    let campaign = call(
        Method::POST,
        "/api/admin/campaigns",
        Some(json!({"list": "bridge-news", "subject": "Tolls go", "body": "From March."})),
    )
    .await;
    let cid = campaign["id"].as_i64().expect("id").to_string();
    assert_audited(store, me, "campaign.create", &cid, "api").await;
    let later = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    call(
        Method::POST,
        &format!("/api/admin/campaigns/{cid}/send"),
        Some(json!({"at": later})),
    )
    .await;
    assert_audited(store, me, "campaign.schedule", &cid, "api").await;
    let r = app
        .client
        .get(app.url("/api/admin/subscribers/export.csv"))
        .bearer_auth(&admin.token)
        .send()
        .await
        .expect("export");
    assert_eq!(r.status(), 200);
    assert_audited(store, me, "subscriber.export", "", "api").await;
    call(
        Method::DELETE,
        "/api/admin/subscribers/lev@readers.example",
        None,
    )
    .await;
    assert_audited(store, me, "subscriber.remove", "lev@readers.example", "api").await;
    call(
        Method::PATCH,
        "/api/admin/settings",
        Some(json!({"tagline": "News from the bridge"})),
    )
    .await;
    assert_audited(store, me, "settings.update", "site", "api").await;
    app.stop().await;
}

async fn cli_actions_are_audited(backend: Backend) {
    let app = TestApp::start(backend).await;
    let store = app.store();
    byline::staff_cli::add_user(
        store,
        "chief@news.example",
        "admin",
        None,
        "a long enough passphrase",
    )
    .await
    .expect("user add");
    assert_audited(store, "cli", "staff.create", "chief@news.example", "cli").await;
    byline::staff_cli::create_token(store, "chief@news.example", "import script")
        .await
        .expect("token");
    assert_audited(store, "cli", "token.create", "chief@news.example", "cli").await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("quay.md");
    std::fs::write(
        &file,
        "+++\nheadline = \"Quay repaired\"\nsection = \"news\"\nauthors = [\"news-desk\"]\n+++\nThe quay is open.\n",
    )
    .expect("write");
    byline::import::add_article_file(store, &file)
        .await
        .expect("import");
    assert_audited(store, "cli", "article.import", "quay-repaired", "cli").await;
    byline::import::add_article_file(store, &file)
        .await
        .expect("import again");
    assert_audited(
        store,
        "cli",
        "article.import_replace",
        "quay-repaired",
        "cli",
    )
    .await;
    byline::settings_cli::set(store, "language", "uk")
        .await
        .expect("settings set");
    assert_audited(store, "cli", "settings.update", "site", "cli").await;
    assert_eq!(store.settings().await.expect("settings").language, "uk");
    app.stop().await;
}

byline_store::on_both_backends!(every_api_action_is_audited, cli_actions_are_audited);
