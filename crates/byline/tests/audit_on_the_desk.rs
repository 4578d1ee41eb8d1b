//! One workflow layer, the desk's side: every staff action the desk offers (articles,
//! curation, the bin, revisions, media, newsletters, campaigns, subscribers, staff,
//! settings) lands in the audit log with its actor, action, target and `via desk`.

mod common;

use byline_store::testing::Backend;
use common::audit::{article_id, assert_audited, desk_post, png};
use common::TestApp;

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

    // API tokens from the account page.
    ok(
        desk_post(&app, &admin, "/desk/account/tokens", &[("name", "laptop")]).await,
        "token",
    );
    assert_audited(store, me, "token.create", me, "desk").await;
    let admin_id = store
        .staff_by_email(me)
        .await
        .expect("get")
        .expect("admin")
        .id;
    let laptop = store
        .list_api_tokens(admin_id)
        .await
        .expect("tokens")
        .into_iter()
        .find(|t| t.name == "laptop")
        .expect("laptop token");
    ok(
        desk_post(
            &app,
            &admin,
            &format!("/desk/account/tokens/{}/revoke", laptop.id),
            &[],
        )
        .await,
        "revoke",
    );
    assert_audited(store, me, "token.revoke", me, "desk").await;

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

byline_store::on_both_backends!(every_desk_action_is_audited);
