//! One workflow layer: every staff action, run through the desk, the Admin API and (where a
//! command exists) the CLI, lands in the audit log with its actor, action, target and
//! channel; a refusal by the role policy is the same 403 with the same message on the
//! desk and in the API; a limit is the same on both, with the same message.

mod common;

use byline_store::testing::Backend;
use byline_store::{AuditEntry, Store};
use common::desk::StaffClient;
use common::TestApp;
use serde_json::{json, Value};

/// The newest audit entry with `action` and `target`, if any.
async fn entry(store: &dyn Store, action: &str, target: &str) -> Option<AuditEntry> {
    store
        .audit_log(1000, 0)
        .await
        .expect("audit log")
        .into_iter()
        .find(|e| e.action == action && e.target == target)
}

async fn assert_audited(store: &dyn Store, actor: &str, action: &str, target: &str, via: &str) {
    let Some(found) = entry(store, action, target).await else {
        let log = recent_log(store).await;
        panic!("no audit entry {action} {target}; log:\n{}", log.join("\n"))
    };
    assert_eq!(found.actor, actor, "actor of {action} {target}");
    assert!(
        found.detail.contains(&format!("via {via}")),
        "{action} {target} came via {via}: {:?}",
        found.detail
    );
}

async fn recent_log(store: &dyn Store) -> Vec<String> {
    store
        .audit_log(60, 0)
        .await
        .expect("audit log")
        .into_iter()
        .map(|e| format!("{} {} {} {}", e.actor, e.action, e.target, e.detail))
        .collect()
}

/// A small PNG for uploads.
fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 4, y as u8 * 5, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("png");
    out.into_inner()
}

/// Posts a desk form as `who` (with their session's CSRF token); returns status and body.
async fn desk_post(
    app: &TestApp,
    who: &StaffClient,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let csrf = app.csrf(&who.client, "/desk/").await;
    let mut form: Vec<(&str, &str)> = vec![("_csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let r = who
        .client
        .post(app.url(path))
        .form(&form)
        .send()
        .await
        .expect("post");
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"))
}

async fn article_id(store: &dyn Store, slug: &str) -> i64 {
    store
        .article(slug)
        .await
        .expect("get")
        .unwrap_or_else(|| panic!("no article {slug}"))
        .id
}

async fn every_desk_action_is_audited(backend: Backend) {
    let app = TestApp::start(backend).await;
    let store = app.store();
    let admin = app.staff("admin").await;
    let me = admin.email.as_str();
    let ok = |(status, body): (u16, String), what: &str| {
        assert!(status == 200 || status == 303, "{what}: {status}\n{body}");
    };

    let article = [
        ("headline", "Ferry timetable changes"),
        ("body", "The winter timetable starts on Monday."),
        ("section", "news"),
        ("authors", "news-desk"),
        ("tags", "Transport"),
    ];
    let mut create = article.to_vec();
    create.push(("intent", "save"));
    ok(
        desk_post(&app, &admin, "/desk/articles", &create).await,
        "create",
    );
    let slug = "ferry-timetable-changes";
    assert_audited(store, me, "article.create", slug, "desk").await;
    let id = article_id(store, slug).await;
    let path = format!("/desk/articles/{id}");
    let save = |intent: &'static str, extra: Vec<(&'static str, String)>| {
        let mut f: Vec<(&str, String)> =
            article.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        f.push(("intent", intent.to_owned()));
        f.extend(extra);
        f
    };
    for (intent, action, extra) in [
        (
            "save",
            "article.save",
            vec![("standfirst", "Changes for winter.".to_owned())],
        ),
        ("publish", "article.publish", vec![]),
        ("unpublish", "article.unpublish", vec![]),
        (
            "schedule",
            "article.schedule",
            vec![(
                "publish_at",
                (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339(),
            )],
        ),
    ] {
        let fields = save(intent, extra);
        let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ok(desk_post(&app, &admin, &path, &refs).await, intent);
        assert_audited(store, me, action, slug, "desk").await;
    }
    let jobs = store
        .jobs_by_kind("publish_scheduled", 50)
        .await
        .expect("jobs");
    assert!(
        jobs.iter().any(|j| j.payload.to_string().contains(slug)),
        "the scheduled article has its publication job: {jobs:?}"
    );
    ok(
        desk_post(
            &app,
            &admin,
            &format!("{path}/curation"),
            &[("editors_pick", "on"), ("home_position", "2")],
        )
        .await,
        "curate",
    );
    assert_audited(store, me, "article.curate", slug, "desk").await;
    ok(
        desk_post(
            &app,
            &admin,
            &format!("{path}/revisions/1/restore"),
            &[("version", "0")],
        )
        .await,
        "restore revision",
    );
    assert_audited(store, me, "article.restore_revision", slug, "desk").await;
    ok(
        desk_post(&app, &admin, &format!("{path}/delete"), &[]).await,
        "delete",
    );
    assert_audited(store, me, "article.delete", slug, "desk").await;
    ok(
        desk_post(&app, &admin, &format!("{path}/restore"), &[]).await,
        "restore",
    );
    assert_audited(store, me, "article.restore", slug, "desk").await;

    // Media.
    let csrf = app.csrf(&admin.client, "/desk/media").await;
    let form = reqwest::multipart::Form::new()
        .text("_csrf", csrf)
        .part(
            "file",
            reqwest::multipart::Part::bytes(png()).file_name("harbour.png"),
        )
        .text("alt", "The harbour at dawn");
    let r = admin
        .client
        .post(app.url("/desk/media/upload"))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status(), 303, "uploaded");
    let name = store.media_library(1, 0).await.expect("library")[0]
        .name
        .clone();
    assert_audited(store, me, "media.upload", &name, "desk").await;

    // Newsletters, campaigns, subscribers.
    ok(
        desk_post(
            &app,
            &admin,
            "/desk/newsletters/lists",
            &[("slug", "ferry-news"), ("name", "Ferry News")],
        )
        .await,
        "list",
    );
    assert_audited(store, me, "newsletter.save", "ferry-news", "desk").await;
    ok(
        desk_post(
            &app,
            &admin,
            "/desk/newsletters/import",
            &[
                ("list", "ferry-news"),
                ("csv", "email\nana@readers.example\nnot an address\n"),
            ],
        )
        .await,
        "import",
    );
    assert_audited(store, me, "subscriber.import", "ferry-news", "desk").await;
    ok(
        desk_post(
            &app,
            &admin,
            "/desk/newsletters/campaigns",
            &[
                ("list", "ferry-news"),
                ("subject", "Winter timetable"),
                ("body", "It starts on Monday."),
            ],
        )
        .await,
        "campaign",
    );
    let campaign = store.campaigns(1).await.expect("campaigns")[0]
        .id
        .to_string();
    assert_audited(store, me, "campaign.create", &campaign, "desk").await;
    assert_audited(store, me, "campaign.send", &campaign, "desk").await;
    let r = admin
        .client
        .get(app.url("/desk/newsletters/export.csv"))
        .send()
        .await
        .expect("export");
    assert_eq!(r.status(), 200);
    assert_audited(store, me, "subscriber.export", "", "desk").await;
    ok(
        desk_post(
            &app,
            &admin,
            "/desk/newsletters/subscribers/remove",
            &[("email", "ana@readers.example")],
        )
        .await,
        "remove",
    );
    assert_audited(
        store,
        me,
        "subscriber.remove",
        "ana@readers.example",
        "desk",
    )
    .await;

    // Staff.
    ok(
        desk_post(
            &app,
            &admin,
            "/desk/staff/invite",
            &[("email", "new.reporter@news.example"), ("role", "author")],
        )
        .await,
        "invite",
    );
    assert_audited(
        store,
        me,
        "staff.invite",
        "new.reporter@news.example",
        "desk",
    )
    .await;
    let editor = app.staff("editor").await;
    let editor_id = store
        .staff_by_email(&editor.email)
        .await
        .expect("get")
        .expect("editor")
        .id;
    ok(
        desk_post(
            &app,
            &admin,
            &format!("/desk/staff/{editor_id}/role"),
            &[("role", "author")],
        )
        .await,
        "role",
    );
    assert_audited(store, me, "staff.role", &editor.email, "desk").await;
    ok(
        desk_post(
            &app,
            &admin,
            &format!("/desk/staff/{editor_id}/active"),
            &[("active", "0")],
        )
        .await,
        "deactivate",
    );
    assert_audited(store, me, "staff.deactivate", &editor.email, "desk").await;

    // Settings.
    let settings = store.settings().await.expect("settings");
    let (status, body) = desk_post(
        &app,
        &admin,
        "/desk/settings",
        &[
            ("name", "The Harbour Herald"),
            ("tagline", settings.tagline.as_str()),
            ("language", "uk"),
            ("time_zone", "Europe/Kyiv"),
            ("excerpt_cap", "400"),
            ("support_text", settings.support_text.as_str()),
            ("support_url", settings.support_url.as_str()),
            ("copyright_holder", settings.copyright_holder.as_str()),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_audited(store, me, "settings.update", "site", "desk").await;
    let saved = store.settings().await.expect("settings");
    assert_eq!(
        (saved.language.as_str(), saved.time_zone.as_str()),
        ("uk", "Europe/Kyiv")
    );
    app.stop().await;
}

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

async fn refusals_and_limits_read_the_same_on_desk_and_api(backend: Backend) {
    let app = TestApp::start(backend).await;
    let contributor = app.staff("contributor").await;
    let (status, page) = desk_post(
        &app,
        &contributor,
        "/desk/articles",
        &[
            ("headline", "Harbour master resigns"),
            ("body", "After ten years."),
            ("section", "news"),
            ("authors", "news-desk"),
            ("intent", "publish"),
        ],
    )
    .await;
    assert_eq!(status, 403, "{page}");
    let r = app
        .client
        .post(app.url("/api/admin/articles"))
        .bearer_auth(&contributor.token)
        .json(&json!({"headline": "Harbour master resigns", "body": "After ten years.", "section": "news", "status": "published"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    let refusal = r.json::<Value>().await.expect("json")["error"]
        .as_str()
        .expect("message")
        .to_owned();
    assert_eq!(
        refusal,
        "Your role (contributor) may not publish, schedule or unpublish."
    );
    assert!(
        page.contains(&refusal),
        "the desk shows the same refusal:\n{page}"
    );
    assert!(
        app.store()
            .article("harbour-master-resigns")
            .await
            .expect("get")
            .is_none(),
        "nothing written"
    );

    let editor = app.staff("editor").await;
    let subject = "S".repeat(251);
    let (status, page) = desk_post(
        &app,
        &editor,
        "/desk/newsletters/campaigns",
        &[
            ("list", "morning-briefing"),
            ("subject", subject.as_str()),
            ("body", "Hello."),
        ],
    )
    .await;
    assert_eq!(status, 400, "{page}");
    let r = app
        .client
        .post(app.url("/api/admin/campaigns"))
        .bearer_auth(&editor.token)
        .json(&json!({"list": "morning-briefing", "subject": subject, "body": "Hello."}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    let limit = r.json::<Value>().await.expect("json")["fields"]["subject"]
        .as_str()
        .expect("message")
        .to_owned();
    assert_eq!(limit, "must be at most 250 characters");
    assert!(
        page.contains(&limit),
        "the desk names the same limit:\n{page}"
    );
    let big = "x".repeat(512 * 1024 + 1);
    let (status, page) = desk_post(
        &app,
        &editor,
        "/desk/newsletters/campaigns",
        &[
            ("list", "morning-briefing"),
            ("subject", "Big"),
            ("body", big.as_str()),
        ],
    )
    .await;
    assert_eq!(status, 400);
    assert!(page.contains("must be at most 512 KB"), "{page}");
    assert!(
        app.store()
            .campaigns(5)
            .await
            .expect("campaigns")
            .is_empty(),
        "no campaign written"
    );
    app.stop().await;
}

byline_store::on_both_backends!(
    every_desk_action_is_audited,
    every_api_action_is_audited,
    cli_actions_are_audited,
    refusals_and_limits_read_the_same_on_desk_and_api
);
