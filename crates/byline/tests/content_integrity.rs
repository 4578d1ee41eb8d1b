//! Content integrity and roles over HTTP on both backends: each test makes the attacker's
//! request fail and the legitimate user's still work.

mod common;

use byline_mail::sink::SmtpSink;
use byline_store::testing::Backend;
use common::TestApp;
use serde_json::{json, Value};

async fn api_post(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.client
        .post(app.url("/api/admin/articles"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .expect("post")
}

async fn staff_id(app: &TestApp, email: &str) -> i64 {
    app.store
        .staff_by_email(email)
        .await
        .expect("lookup")
        .expect("staff")
        .id
}

/// Finding 1: 30 concurrent creates of one slug by two authors: one 201, 29 × 409, and the
/// row holds the winner's owner and text.
async fn concurrent_same_slug_creates_have_one_winner(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (ada, bo) = (app.staff("author").await, app.staff("author").await);
    let owners = [
        (ada.token.clone(), staff_id(&app, &ada.email).await),
        (bo.token.clone(), staff_id(&app, &bo.email).await),
    ];
    let mut tasks = Vec::new();
    for i in 0..30 {
        let (token, owner) = owners[i % 2].clone();
        let (client, url) = (app.client.clone(), app.url("/api/admin/articles"));
        tasks.push(tokio::spawn(async move {
            let body = format!("Text number {i}, by staff {owner}.");
            let r = client.post(url).bearer_auth(token).json(&json!({"slug": "harbour-deal", "headline": "Harbour deal", "body": body, "section": "news"})).send().await.expect("post");
            let status = r.status().as_u16();
            (status, owner, body, r.json::<Value>().await.expect("json"))
        }));
    }
    let mut created = Vec::new();
    let mut conflicts = 0;
    for t in tasks {
        let (status, owner, body, answer) = t.await.expect("task");
        match status {
            201 => created.push((owner, body, answer["id"].as_i64().expect("id"))),
            409 => {
                conflicts += 1;
                assert!(
                    answer["error"]
                        .as_str()
                        .expect("error")
                        .contains("harbour-deal"),
                    "{answer}"
                );
            }
            other => panic!("unexpected {other}: {answer}"),
        }
    }
    assert_eq!(
        (created.len(), conflicts),
        (1, 29),
        "exactly one create wins"
    );
    let (owner, body, id) = created.pop().expect("winner");
    let stored = app
        .store
        .article("harbour-deal")
        .await
        .expect("read")
        .expect("row");
    assert_eq!(
        (
            stored.id,
            stored.owner_id,
            stored.body_markdown.as_str(),
            stored.version
        ),
        (id, Some(owner), body.as_str(), 1)
    );

    // The same for sections and newsletters: POST creates (409 when taken), PUT updates.
    let editor = app.staff("editor").await.token;
    let section = |name: &str| json!({"slug": "news", "name": name});
    let r = app
        .client
        .post(app.url("/api/admin/sections"))
        .bearer_auth(&editor)
        .json(&section("Hijacked"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 409);
    assert_eq!(
        app.store
            .section("news")
            .await
            .expect("read")
            .expect("section")
            .name,
        "News"
    );
    let r = app
        .client
        .put(app.url("/api/admin/sections/news"))
        .bearer_auth(&editor)
        .json(&section("Local news"))
        .send()
        .await
        .expect("put");
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.store
            .section("news")
            .await
            .expect("read")
            .expect("section")
            .name,
        "Local news"
    );
    let list = json!({"slug": "morning-briefing", "name": "Hijacked"});
    assert_eq!(
        app.client
            .post(app.url("/api/admin/newsletters"))
            .bearer_auth(&editor)
            .json(&list)
            .send()
            .await
            .expect("post")
            .status(),
        409
    );
    assert_eq!(
        app.client
            .put(app.url("/api/admin/authors/nobody"))
            .bearer_auth(&editor)
            .json(&json!({"slug": "nobody", "name": "N", "kind": "person"}))
            .send()
            .await
            .expect("put")
            .status(),
        404
    );

    // On the desk the loser gets the editor again, 409, with their text kept.
    let desk = app.staff("author").await;
    let csrf = app.csrf(&desk.client, "/desk/articles/new").await;
    let form = [
        ("_csrf", csrf.as_str()),
        ("slug", "harbour-deal"),
        ("headline", "Harbour deal"),
        ("body", "My own careful words."),
        ("section", "news"),
        ("authors", "news-desk"),
        ("intent", "save"),
    ];
    let r = desk
        .client
        .post(app.url("/desk/articles"))
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 409);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("My own careful words."),
        "the text is kept"
    );
    assert_eq!(
        app.store
            .article("harbour-deal")
            .await
            .expect("read")
            .expect("row")
            .body_markdown,
        body
    );
    app.stop().await;
}

/// Finding 2: a contributor sees published articles and their own drafts, never another's.
async fn writers_see_only_their_own_unpublished_work(backend: Backend) {
    let app = TestApp::start(backend).await;
    let author = app.staff("author").await;
    let contributor = app.staff("contributor").await;
    let editor = app.staff("editor").await;
    let r = api_post(
        &app,
        &author.token,
        json!({"headline": "Secret merger plans", "body": "Embargoed.", "section": "news"}),
    )
    .await;
    assert_eq!(r.status(), 201);
    let secret = r.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    let r = api_post(
        &app,
        &contributor.token,
        json!({"headline": "My modest draft", "body": "Mine.", "section": "news"}),
    )
    .await;
    let own = r.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    let published = app
        .store
        .article("winter-aid-convoy-reaches-vesk")
        .await
        .expect("read")
        .expect("demo")
        .id;

    let get = |token: &str, path: String| {
        app.client
            .get(app.url(&path))
            .bearer_auth(token.to_owned())
            .send()
    };
    assert_eq!(
        get(&contributor.token, format!("/api/admin/articles/{secret}"))
            .await
            .expect("get")
            .status(),
        404,
        "another's draft does not exist"
    );
    assert_eq!(
        get(&contributor.token, format!("/api/admin/articles/{own}"))
            .await
            .expect("get")
            .status(),
        200
    );
    assert_eq!(
        get(
            &contributor.token,
            format!("/api/admin/articles/{published}")
        )
        .await
        .expect("get")
        .status(),
        200
    );
    assert_eq!(
        get(&author.token, format!("/api/admin/articles/{secret}"))
            .await
            .expect("get")
            .status(),
        200,
        "the owner reads it"
    );
    assert_eq!(
        get(&editor.token, format!("/api/admin/articles/{secret}"))
            .await
            .expect("get")
            .status(),
        200,
        "editors read everything"
    );
    for query in ["?status=draft&limit=200", "?limit=200"] {
        let list: Value = get(&contributor.token, format!("/api/admin/articles{query}"))
            .await
            .expect("list")
            .json()
            .await
            .expect("json");
        let ids: Vec<i64> = list
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|a| a["id"].as_i64())
            .collect();
        assert!(
            !ids.contains(&secret) && ids.contains(&own),
            "{query}: {ids:?}"
        );
    }
    let list: Value = get(
        &editor.token,
        "/api/admin/articles?status=draft&limit=200".into(),
    )
    .await
    .expect("list")
    .json()
    .await
    .expect("json");
    assert!(list
        .as_array()
        .expect("array")
        .iter()
        .any(|a| a["id"] == secret));
    assert_eq!(
        app.client
            .patch(app.url(&format!("/api/admin/articles/{secret}")))
            .bearer_auth(&contributor.token)
            .json(&json!({"headline": "Mine now"}))
            .send()
            .await
            .expect("patch")
            .status(),
        404
    );

    let desk = |client: &reqwest::Client, path: String| client.get(app.url(&path)).send();
    let list = desk(&contributor.client, "/desk/?status=draft".into())
        .await
        .expect("desk")
        .text()
        .await
        .expect("body");
    assert!(
        !list.contains("Secret merger plans") && list.contains("My modest draft"),
        "the desk list lacks other drafts"
    );
    assert!(!desk(&contributor.client, "/desk/".into())
        .await
        .expect("desk")
        .text()
        .await
        .expect("body")
        .contains("Secret merger plans"));
    assert!(desk(&editor.client, "/desk/?status=draft".into())
        .await
        .expect("desk")
        .text()
        .await
        .expect("body")
        .contains("Secret merger plans"));
    for path in [
        format!("/desk/articles/{secret}/edit"),
        format!("/desk/articles/{secret}/revisions"),
        format!("/desk/articles/{secret}/revisions/1"),
        "/desk/articles/by-slug/secret-merger-plans".into(),
    ] {
        assert_eq!(
            desk(&contributor.client, path.clone())
                .await
                .expect("get")
                .status(),
            404,
            "{path}"
        );
    }
    assert_eq!(
        desk(&author.client, format!("/desk/articles/{secret}/edit"))
            .await
            .expect("get")
            .status(),
        200
    );
    assert_eq!(
        desk(
            &contributor.client,
            format!("/desk/articles/{own}/revisions/1")
        )
        .await
        .expect("get")
        .status(),
        200
    );
    app.stop().await;
}

/// Finding 3: only editors set Editors' Picks and front-page positions.
async fn only_editors_curate(backend: Backend) {
    let app = TestApp::start(backend).await;
    let author = app.staff("author").await;
    let editor = app.staff("editor").await;
    let base = json!({"headline": "Ferry timetable", "body": "Boats.", "section": "news"});
    let with = |extra: Value| {
        let mut b = base.clone();
        b.as_object_mut()
            .expect("object")
            .extend(extra.as_object().expect("object").clone());
        b
    };
    assert_eq!(
        api_post(&app, &author.token, with(json!({"editors_pick": true})))
            .await
            .status(),
        403
    );
    assert_eq!(
        api_post(&app, &author.token, with(json!({"home_position": 0})))
            .await
            .status(),
        403
    );
    let r = api_post(&app, &author.token, with(json!({"editors_pick": false}))).await;
    assert_eq!(r.status(), 201, "sending the unchanged value is fine");
    let id = r.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    let patch = |token: &str, body: Value| {
        app.client
            .patch(app.url(&format!("/api/admin/articles/{id}")))
            .bearer_auth(token.to_owned())
            .json(&body)
            .send()
    };
    assert_eq!(
        patch(&author.token, json!({"editors_pick": true}))
            .await
            .expect("patch")
            .status(),
        403
    );
    let r = patch(
        &editor.token,
        json!({"editors_pick": true, "home_position": 2}),
    )
    .await
    .expect("patch");
    assert_eq!(r.status(), 200);
    let stored = app
        .store
        .article("ferry-timetable")
        .await
        .expect("read")
        .expect("row");
    assert_eq!((stored.editors_pick, stored.home_position), (true, Some(2)));
    assert_eq!(
        patch(&author.token, json!({"standfirst": "Updated."}))
            .await
            .expect("patch")
            .status(),
        200,
        "the author still edits their text"
    );
    assert!(
        app.store
            .article("ferry-timetable")
            .await
            .expect("read")
            .expect("row")
            .editors_pick,
        "and the pick stays"
    );

    // The desk form offers the field to editors only and ignores it from others.
    let form = app.page_as(&author.client, "/desk/articles/new").await;
    assert!(!form.contains("name=\"editors_pick\""));
    let editor_form = app.page_as(&editor.client, "/desk/articles/new").await;
    assert!(editor_form.contains("name=\"editors_pick\""));
    let csrf = app.csrf(&author.client, "/desk/articles/new").await;
    let r = author
        .client
        .post(app.url("/desk/articles"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("headline", "Bridge works"),
            ("body", "Cones."),
            ("section", "news"),
            ("authors", "news-desk"),
            ("editors_pick", "on"),
            ("intent", "save"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303);
    assert!(
        !app.store
            .article("bridge-works")
            .await
            .expect("read")
            .expect("saved")
            .editors_pick,
        "a posted pick from an author is ignored"
    );
    app.stop().await;
}

/// Finding 4: at most `max_tags` tags, and a tag page only once a published article has it.
async fn tags_are_limited_and_public_only_when_published(backend: Backend) {
    let app = TestApp::start(backend).await;
    let author = app.staff("author").await;
    let tags = |n: usize| (0..n).map(|i| format!("Tag {i}")).collect::<Vec<_>>();
    let r = api_post(
        &app,
        &author.token,
        json!({"headline": "Too many tags", "body": "x", "section": "news", "tags": tags(21)}),
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r.json::<Value>().await.expect("json")["fields"]["tags"]
        .as_str()
        .expect("msg")
        .contains("20"));
    assert_eq!(
        app.store.article("too-many-tags").await.expect("read"),
        None
    );
    assert_eq!(
        api_post(
            &app,
            &author.token,
            json!({"headline": "Twenty tags", "body": "x", "section": "news", "tags": tags(20)})
        )
        .await
        .status(),
        201
    );

    let csrf = app.csrf(&author.client, "/desk/articles/new").await;
    let many = tags(21).join(", ");
    let r = author
        .client
        .post(app.url("/desk/articles"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("headline", "Desk tags"),
            ("body", "x"),
            ("section", "news"),
            ("authors", "news-desk"),
            ("tags", many.as_str()),
            ("intent", "save"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 422);
    assert!(
        r.text().await.expect("body").contains("id=\"tags-error\""),
        "the error sits by the field"
    );

    let r = api_post(&app, &author.token, json!({"headline": "Quiet draft", "body": "x", "section": "news", "tags": ["Zebra Crossings"]})).await;
    let id = r.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    assert_eq!(
        app.get("/tags/zebra-crossings").await.status(),
        404,
        "a draft's tag has no page"
    );
    assert_eq!(app.get("/tags/tag-7").await.status(), 404);
    let r = app
        .client
        .post(app.url(&format!("/api/admin/articles/{id}/publish")))
        .bearer_auth(&author.token)
        .send()
        .await
        .expect("publish");
    assert_eq!(r.status(), 200);
    let page = app
        .eventually("/tags/zebra-crossings", |b| b.contains("Quiet draft"))
        .await;
    assert!(page.contains("Zebra Crossings"));
    assert_eq!(app.get("/tags/zebra-crossings").await.status(), 200);
    app.stop().await;
}

/// Finding 5: exported cells a spreadsheet would run as formulas are neutralised.
async fn csv_export_neutralises_formulas(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    // A space is not valid in an address; this is the same payload without it.
    let hostile = "=cmd|'/C.calc'!A0@evil.example";
    let r = app.client.post(app.url("/api/admin/subscribers/import")).bearer_auth(&editor.token).json(&json!({"list": "weekend-reads", "csv": format!("{hostile}\n+sum@evil.example\nplain@readers.example\n")})).send().await.expect("import");
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<Value>().await.expect("json")["imported"], 3);
    let csv = app
        .client
        .get(app.url("/api/admin/subscribers/export.csv"))
        .bearer_auth(&editor.token)
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("body");
    assert!(
        csv.contains(&format!("\"'{}\"", hostile.to_lowercase())),
        "addresses are stored lowercased: {csv}"
    );
    assert!(csv.contains("\"'+sum@evil.example\""), "{csv}");
    assert!(
        csv.contains("\"plain@readers.example\""),
        "ordinary cells unchanged: {csv}"
    );
    assert!(
        csv.lines()
            .all(|l| !l.starts_with("\"=") && !l.starts_with('=') && !l.starts_with("\"+")),
        "{csv}"
    );
    let desk = editor
        .client
        .get(app.url("/desk/newsletters/export.csv"))
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("body");
    assert!(desk.contains("\"'+sum@evil.example\""));
    app.stop().await;
}

/// Finding 6: ids from raw HTML are prefixed; Byline's own anchors keep working.
async fn raw_html_cannot_take_page_ids(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await.token;
    let body = "<h2 id=\"main-content\">Hijack</h2>\n\n## Background\n\nSee [the background](#background).\n\n[[read-also:winter-aid-convoy-reaches-vesk]]\n";
    let r = api_post(
        &app,
        &editor,
        json!({"headline": "Anchors hold", "body": body, "section": "news", "status": "published"}),
    )
    .await;
    assert_eq!(r.status(), 201);
    let page = app
        .eventually("/articles/anchors-hold", |b| b.contains("Anchors hold"))
        .await;
    assert_eq!(
        page.matches("id=\"main-content\"").count(),
        1,
        "one skip-link target"
    );
    assert!(page.contains("id=\"user-content-main-content\""));
    assert!(
        page.contains("<h2 id=\"background\">") && page.contains("href=\"#background\""),
        "Byline's heading anchors work"
    );
    assert!(
        page.contains("href=\"/articles/winter-aid-convoy-reaches-vesk\""),
        "Read also resolves"
    );
    app.stop().await;
}

/// Finding 7: a `next=` with CR/LF is ignored, never a 500.
async fn bad_next_falls_back_to_the_desk(backend: Backend) {
    let app = TestApp::start(backend).await;
    let email = "night@news.example";
    byline::staff_cli::add_user(
        app.store.as_ref(),
        email,
        "author",
        Some("Night"),
        common::desk::PASSWORD,
    )
    .await
    .expect("user");
    for query in ["?next=%0d%0aSet-Cookie:x", "?next=/desk/%0d%0aSet-Cookie:x"] {
        assert_eq!(
            app.get(&format!("/desk/login{query}")).await.status(),
            200,
            "{query}"
        );
    }
    for next in [
        "\r\nSet-Cookie:x",
        "/desk/\r\nSet-Cookie:x",
        "/desk/\\evil.example",
    ] {
        let client = app.browser();
        let csrf = app.csrf(&client, "/desk/login").await;
        let r = client
            .post(app.url("/desk/login"))
            .form(&[
                ("_csrf", csrf.as_str()),
                ("email", email),
                ("password", common::desk::PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 303, "{next:?}");
        assert_eq!(r.headers()["location"], "/desk/");
        assert!(r
            .headers()
            .get_all("set-cookie")
            .iter()
            .all(|c| !c.to_str().unwrap_or("").starts_with("x")));
    }
    let client = app.browser();
    let csrf = app.csrf(&client, "/desk/login").await;
    let r = client
        .post(app.url("/desk/login"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("email", email),
            ("password", common::desk::PASSWORD),
            ("next", "/desk/media"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(
        r.headers()["location"],
        "/desk/media",
        "a good next still works"
    );
    app.stop().await;
}

/// Finding 8: exact origins, and a third party cannot lock a reader out.
async fn subscriptions_check_origins_and_cannot_be_blocked(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    let app = TestApp::start_full(backend, |_| {}, Some(sink.url())).await;
    let port = app.server.addr.port();
    let subscribe = |origin: Option<String>, email: &'static str, list: &'static str| {
        let mut r = app
            .client
            .post(app.url("/newsletters/subscribe"))
            .form(&[("email", email), ("list", list)]);
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        r.send()
    };
    for evil in [
        format!("http://evil-127.0.0.1:{port}"),
        format!("http://127.0.0.1:{port}.evil.example"),
        "https://news.example".into(),
        "http://news.example.evil".into(),
        "null".into(),
    ] {
        assert_eq!(
            subscribe(
                Some(evil.clone()),
                "someone@readers.example",
                "weekend-reads"
            )
            .await
            .expect("post")
            .status(),
            403,
            "{evil}"
        );
    }
    assert_eq!(
        app.store
            .subscription_status("someone@readers.example", "weekend-reads")
            .await
            .expect("status"),
        None
    );
    assert_eq!(
        subscribe(
            Some(format!("http://127.0.0.1:{port}")),
            "own@readers.example",
            "weekend-reads"
        )
        .await
        .expect("post")
        .status(),
        200,
        "the request's own origin"
    );
    assert_eq!(
        subscribe(
            Some("http://news.example".into()),
            "base@readers.example",
            "weekend-reads"
        )
        .await
        .expect("post")
        .status(),
        200,
        "base_url's origin"
    );
    assert_eq!(
        sink.wait_for(2, std::time::Duration::from_secs(10))
            .await
            .len(),
        2
    );

    // The victim is confirmed on one list; a third party asks three (then five) times for another.
    let victim = "victim@readers.example";
    app.store
        .add_confirmed(
            victim,
            &["morning-briefing".to_owned()],
            "victim-token-0123456789",
            chrono::Utc::now(),
        )
        .await
        .expect("confirmed");
    for _ in 0..5 {
        let r = subscribe(None, victim, "weekend-reads")
            .await
            .expect("post");
        assert_eq!(r.status(), 200, "the same neutral answer");
        assert!(r.text().await.expect("body").contains("Check your inbox"));
    }
    sink.wait_for(5, std::time::Duration::from_secs(10)).await;
    app.jobs_settled().await;
    let to_victim = sink
        .messages()
        .iter()
        .filter(|m| m.rcpt_to.iter().any(|r| r == victim))
        .count();
    assert_eq!(to_victim, 3, "at most three confirmation mails a day");
    // The victim's own form request is answered as usual, and their preference link works.
    assert_eq!(
        subscribe(None, victim, "morning-briefing")
            .await
            .expect("post")
            .status(),
        200
    );
    let token = app
        .store
        .unsubscribe_token(victim)
        .await
        .expect("token")
        .expect("subscriber");
    let r = app
        .client
        .post(app.url(&format!("/newsletters/preferences?token={token}")))
        .form(&[("list", "morning-briefing"), ("list", "weekend-reads")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    assert!(r
        .text()
        .await
        .expect("body")
        .contains("Your choices are saved."));
    assert_eq!(
        app.store
            .subscription_status(victim, "weekend-reads")
            .await
            .expect("status")
            .as_deref(),
        Some("confirmed")
    );
    assert_eq!(
        app.store
            .subscription_status(victim, "morning-briefing")
            .await
            .expect("status")
            .as_deref(),
        Some("confirmed")
    );
    app.stop().await;
}

byline_store::on_both_backends!(
    concurrent_same_slug_creates_have_one_winner,
    writers_see_only_their_own_unpublished_work,
    only_editors_curate,
    tags_are_limited_and_public_only_when_published,
    csv_export_neutralises_formulas,
    raw_html_cannot_take_page_ids,
    bad_next_falls_back_to_the_desk,
    subscriptions_check_origins_and_cannot_be_blocked,
);
