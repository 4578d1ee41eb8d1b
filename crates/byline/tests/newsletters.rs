//! Newsletter subscriptions over HTTP on both backends: the forms on every page, double
//! opt-in over a real SMTP sink, one-click unsubscribe, and bad input.

mod common;

use byline_mail::sink::SmtpSink;
use byline_store::testing::Backend;
use common::TestApp;

async fn subscribe_confirm_and_unsubscribe_over_smtp(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    let app = TestApp::start_full(backend, |_| {}, Some(sink.url())).await;
    let home = app.text("/").await.1;
    assert!(home.contains(r#"<form method="post" action="/newsletters/subscribe">"#));
    for slug in ["morning-briefing", "weekend-reads"] {
        assert!(
            home.contains(&format!(r#"name="list" value="{slug}""#)),
            "home offers {slug}"
        );
    }
    let article = app.text("/articles/winter-aid-convoy-reaches-vesk").await.1;
    assert!(
        article.contains(r#"action="/newsletters/subscribe""#),
        "articles end with a form"
    );
    assert_eq!(app.get("/newsletters/weekend-reads").await.status(), 200);

    let subscribe = |email: &str| {
        app.client
            .post(app.url("/newsletters/subscribe"))
            .form(&[
                ("email", email),
                ("list", "morning-briefing"),
                ("list", "weekend-reads"),
            ])
            .send()
    };
    let r = subscribe("Reader@Example.ORG").await.expect("post");
    assert_eq!(r.status(), 200);
    assert!(r.text().await.expect("body").contains("Check your inbox"));
    assert_eq!(
        app.store
            .subscription_status("reader@example.org", "morning-briefing")
            .await
            .expect("status")
            .as_deref(),
        Some("pending")
    );

    let mails = sink.wait_for(1, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1, "one confirmation for both lists");
    assert_eq!(mails[0].rcpt_to, ["reader@example.org"]);
    let text = mails[0].text_part().expect("text");
    let link = text
        .lines()
        .find(|l| l.contains("/newsletters/confirm?token="))
        .expect("link in the plain text")
        .trim()
        .to_owned();
    let path = link.trim_start_matches("http://news.example");
    let r = app.get(path).await;
    assert_eq!(r.status(), 200);
    assert!(r
        .text()
        .await
        .expect("body")
        .contains("The Morning Briefing and Weekend Reads"));
    assert_eq!(
        app.store
            .subscription_status("reader@example.org", "weekend-reads")
            .await
            .expect("status")
            .as_deref(),
        Some("confirmed")
    );
    assert_eq!(app.get(path).await.status(), 400, "a used link is refused");

    // Subscribing again when confirmed sends nothing more.
    assert_eq!(
        subscribe("reader@example.org")
            .await
            .expect("post")
            .status(),
        200
    );
    app.jobs_settled().await;
    assert_eq!(sink.messages().len(), 1);

    // One-click unsubscribe from one list, then from everything.
    let token: String = sqlx_free_unsubscribe_token(&app, "reader@example.org").await;
    let r = app
        .client
        .post(app.url(&format!(
            "/newsletters/unsubscribe?token={token}&list=weekend-reads"
        )))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.store
            .subscription_status("reader@example.org", "weekend-reads")
            .await
            .expect("status")
            .as_deref(),
        Some("unsubscribed")
    );
    assert_eq!(
        app.store
            .subscription_status("reader@example.org", "morning-briefing")
            .await
            .expect("status")
            .as_deref(),
        Some("confirmed")
    );
    let page = app
        .text(&format!("/newsletters/unsubscribe?token={token}"))
        .await;
    assert_eq!(page.0, 200);
    assert!(
        page.1
            .contains("<button type=\"submit\">Unsubscribe</button>"),
        "GET only shows a button"
    );
    assert_eq!(
        app.store
            .subscription_status("reader@example.org", "morning-briefing")
            .await
            .expect("status")
            .as_deref(),
        Some("confirmed")
    );
    assert_eq!(
        app.client
            .post(app.url(&format!("/newsletters/unsubscribe?token={token}")))
            .send()
            .await
            .expect("post")
            .status(),
        200
    );
    assert_eq!(
        app.store
            .subscription_status("reader@example.org", "morning-briefing")
            .await
            .expect("status")
            .as_deref(),
        Some("unsubscribed")
    );
    assert_eq!(
        app.client
            .post(app.url("/newsletters/unsubscribe?token=forged"))
            .send()
            .await
            .expect("post")
            .status(),
        400
    );
    app.stop().await;
}

/// The unsubscribe token as a message would carry it (newsletter sending builds the links).
async fn sqlx_free_unsubscribe_token(app: &TestApp, email: &str) -> String {
    app.store
        .unsubscribe_token(email)
        .await
        .expect("token")
        .expect("subscriber")
}

async fn bad_subscriptions_get_clear_errors_and_write_nothing(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.subscribe_limit = 7).await;
    let post = |form: Vec<(&'static str, &'static str)>| {
        app.client
            .post(app.url("/newsletters/subscribe"))
            .form(&form)
            .send()
    };
    for (form, expected) in [
        (
            vec![("email", "not-an-address"), ("list", "morning-briefing")],
            "Please enter a valid email address",
        ),
        (
            vec![
                ("email", "a@b.example\r\nBcc: x@y.example"),
                ("list", "morning-briefing"),
            ],
            "Please enter a valid email address",
        ),
        (
            vec![("email", "a@b.example")],
            "Choose at least one newsletter",
        ),
        (
            vec![("email", "a@b.example"), ("list", "no-such-list")],
            "no newsletter `no-such-list`",
        ),
        (
            vec![("list", "morning-briefing")],
            "Please enter your email address",
        ),
    ] {
        let r = post(form).await.expect("post");
        assert_eq!(r.status(), 400);
        assert!(
            r.text().await.expect("body").contains(expected),
            "{expected}"
        );
    }
    let kept = post(vec![
        ("email", "not-an-address"),
        ("list", "morning-briefing"),
    ])
    .await
    .expect("post")
    .text()
    .await
    .expect("body");
    assert!(
        kept.contains(r#"value="not-an-address""#) && kept.contains("aria-invalid=\"true\""),
        "the input is kept, the error sits by the field"
    );
    let r = post(vec![
        ("email", "bot@b.example"),
        ("list", "morning-briefing"),
        ("website", "http://spam.example"),
    ])
    .await
    .expect("post");
    assert_eq!(r.status(), 200, "the honeypot answers like success");
    assert_eq!(
        app.store
            .subscription_status("bot@b.example", "morning-briefing")
            .await
            .expect("status"),
        None,
        "and does nothing"
    );
    assert_eq!(
        app.store
            .subscription_status("a@b.example", "morning-briefing")
            .await
            .expect("status"),
        None,
        "nothing half-written"
    );
    let r = app
        .client
        .post(app.url("/newsletters/subscribe"))
        .header("origin", "https://evil.example")
        .form(&[("email", "c@d.example"), ("list", "morning-briefing")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403, "cross-site posts are refused");
    assert_eq!(
        app.get("/newsletters/confirm?token=forged").await.status(),
        400
    );
    let r = post(vec![("email", "e@f.example"), ("list", "morning-briefing")])
        .await
        .expect("post");
    assert_eq!(
        r.status(),
        429,
        "the eighth request in ten minutes is refused"
    );
    app.stop().await;
}

async fn behind_a_proxy_each_reader_has_their_own_limit(backend: Backend) {
    // The test client connects over loopback: a trusted proxy by default.
    let app = TestApp::start_with(backend, |c| c.subscribe_limit = 2).await;
    let post = |forwarded_for: &'static str, email: &'static str| {
        app.client
            .post(app.url("/newsletters/subscribe"))
            .header("x-forwarded-for", forwarded_for)
            .form(&[("email", email), ("list", "morning-briefing")])
            .send()
    };
    assert_eq!(
        post("203.0.113.1", "a1@readers.example")
            .await
            .expect("post")
            .status(),
        200
    );
    assert_eq!(
        post("203.0.113.1", "a2@readers.example")
            .await
            .expect("post")
            .status(),
        200
    );
    assert_eq!(
        post("203.0.113.1", "a3@readers.example")
            .await
            .expect("post")
            .status(),
        429,
        "the third from one reader"
    );
    // A forged entry to the left does not help: the proxy's own entry is the last one.
    assert_eq!(
        post("198.51.100.99, 203.0.113.1", "a4@readers.example")
            .await
            .expect("post")
            .status(),
        429
    );
    assert_eq!(
        post("203.0.113.2", "b1@readers.example")
            .await
            .expect("post")
            .status(),
        200,
        "another reader is not blocked"
    );
    app.stop().await;
}

/// Subscribes and confirms `email` to `list` through the store (what the confirm link does).
async fn confirmed(app: &TestApp, email: &str, list: &str) {
    let now = chrono::Utc::now();
    let confirm = format!("confirm-{email}");
    app.store
        .subscribe_to_lists(
            email,
            &[list.to_owned()],
            "test",
            &confirm,
            &format!("unsub-{email}"),
            now + chrono::Duration::days(1),
            now,
        )
        .await
        .expect("subscribe");
    app.store
        .confirm_subscription(&confirm, now)
        .await
        .expect("confirm")
        .expect("confirmed");
}

async fn campaigns_send_one_message_each_with_unsubscribe_headers(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    let app = TestApp::start_full(backend, |_| {}, Some(sink.url())).await;
    for email in [
        "ana@readers.example",
        "ben@readers.example",
        "gone@readers.example",
    ] {
        confirmed(&app, email, "morning-briefing").await;
    }
    confirmed(&app, "other@readers.example", "weekend-reads").await;
    sink.reject_recipient("gone@readers.example", 550);
    let token = app.staff("editor").await.token;
    let api = |path: &str| app.url(path);

    let lists: serde_json::Value = app
        .client
        .get(api("/api/admin/newsletters"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert!(lists
        .as_array()
        .expect("array")
        .iter()
        .any(|l| l["slug"] == "morning-briefing" && l["subscribers"] == 3));
    for bad in [
        serde_json::json!({"list": "morning-briefing", "subject": "Hello\r\nBcc: all@evil.example", "body": "x"}),
        serde_json::json!({"list": "morning-briefing", "subject": "Hi", "body": "x".repeat(600 * 1024)}),
        serde_json::json!({"list": "no-such-list", "subject": "Hi", "body": "x"}),
    ] {
        let r = app
            .client
            .post(api("/api/admin/campaigns"))
            .bearer_auth(&token)
            .json(&bad)
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 422);
    }
    let r = app
        .client
        .post(api("/api/admin/campaigns"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"list": "morning-briefing", "subject": "Morning Briefing: grid repairs — Grüße", "body": "## Today\n\nPower is back in **Calder**."}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 201);
    let id = r.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    let r = app
        .client
        .post(api(&format!("/api/admin/campaigns/{id}/send")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 202);

    let mut status = String::new();
    for _ in 0..100 {
        let c: serde_json::Value = app
            .client
            .get(api(&format!("/api/admin/campaigns/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        status = c["status"].as_str().unwrap_or("").to_owned();
        if status == "sent" {
            assert_eq!(c["progress"]["sent"], 2);
            assert_eq!(c["progress"]["bounced"], 1);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, "sent");
    let mails = sink.messages();
    assert_eq!(
        mails.len(),
        2,
        "one message per confirmed, deliverable subscriber; other lists untouched"
    );
    let ana = mails
        .iter()
        .find(|m| m.rcpt_to == ["ana@readers.example"])
        .expect("ana's copy");
    assert_eq!(
        ana.header("Subject").as_deref(),
        Some("Morning Briefing: grid repairs — Grüße")
    );
    assert!(ana
        .header("From")
        .expect("from")
        .contains("briefing@meridian-courier.example"));
    assert!(
        ana.header("Date").is_some()
            && ana
                .header("Message-ID")
                .expect("id")
                .contains(&format!("campaign-{id}."))
    );
    assert_eq!(
        ana.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe = ana.header("List-Unsubscribe").expect("list-unsubscribe");
    assert!(ana
        .text_part()
        .expect("text")
        .contains("Power is back in **Calder**."));
    assert!(ana
        .html_part()
        .expect("html")
        .contains("<strong>Calder</strong>"));

    // The preference page from the footer link: Ana adds the weekend letter.
    let text = ana.text_part().expect("text");
    let prefs = text
        .lines()
        .find(|l| l.contains("/newsletters/preferences?token="))
        .expect("preferences link");
    let prefs_path = prefs
        .split("http://news.example")
        .nth(1)
        .expect("path")
        .trim()
        .to_owned();
    let page = app.text(&prefs_path).await;
    assert_eq!(page.0, 200);
    assert!(page.1.contains("ana@readers.example"));
    let r = app
        .client
        .post(app.url(&prefs_path))
        .form(&[("list", "morning-briefing"), ("list", "weekend-reads")])
        .send()
        .await
        .expect("save");
    assert_eq!(r.status(), 200);
    assert_eq!(
        app.store
            .subscription_status("ana@readers.example", "weekend-reads")
            .await
            .expect("status")
            .as_deref(),
        Some("confirmed")
    );

    // One-click unsubscribe from the header's URL, then the next campaign skips Ana and the bounce.
    let url = unsubscribe.trim_matches(['<', '>']).replace(
        "http://news.example",
        &format!("http://{}", app.server.addr),
    );
    let r = app
        .client
        .post(url)
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    sink.clear();
    let r = app
        .client
        .post(api("/api/admin/campaigns"))
        .bearer_auth(&token)
        .json(
            &serde_json::json!({"list": "morning-briefing", "subject": "Second", "body": "More."}),
        )
        .send()
        .await
        .expect("post");
    let second = r.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    app.client
        .post(api(&format!("/api/admin/campaigns/{second}/send")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("send");
    let mails = sink.wait_for(1, std::time::Duration::from_secs(10)).await;
    app.jobs_settled().await;
    let rcpts: Vec<_> = sink
        .messages()
        .iter()
        .flat_map(|m| m.rcpt_to.clone())
        .collect();
    assert_eq!(rcpts, ["ben@readers.example"], "{mails:?}");

    // A scheduled campaign waits for its time.
    let r = app
        .client
        .post(api("/api/admin/campaigns"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"list": "morning-briefing", "subject": "Later", "body": "Soon."}))
        .send()
        .await
        .expect("post");
    let later = r.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    let at = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let r = app
        .client
        .post(api(&format!("/api/admin/campaigns/{later}/send")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"at": at}))
        .send()
        .await
        .expect("send");
    assert_eq!(
        r.json::<serde_json::Value>().await.expect("json")["status"],
        "scheduled"
    );
    let mut status = String::new();
    for _ in 0..100 {
        let c: serde_json::Value = app
            .client
            .get(api(&format!("/api/admin/campaigns/{later}")))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        status = c["status"].as_str().unwrap_or("").to_owned();
        if status == "sent" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, "sent");
    app.stop().await;
}

async fn the_desk_manages_subscribers_and_digests(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    let app = TestApp::start_full(backend, |_| {}, Some(sink.url())).await;
    let editor = app.staff("editor").await;
    let author = app.staff("author").await;
    assert_eq!(
        author
            .client
            .get(app.url("/desk/newsletters"))
            .send()
            .await
            .expect("get")
            .status(),
        403,
        "editors only"
    );
    let csrf = app.csrf(&editor.client, "/desk/newsletters").await;

    // Lists: create one, rename it, and bad senders are refused with the field named.
    let list_form = |name: &'static str, address: &'static str| {
        [
            ("_csrf", csrf.clone()),
            ("slug", "war-diary".into()),
            ("name", name.into()),
            ("description", "Dispatches from the front.".into()),
            ("sender_name", "Ana Kovač".into()),
            ("sender_address", address.into()),
            ("position", "3".into()),
        ]
    };
    let r = editor
        .client
        .post(app.url("/desk/newsletters/lists"))
        .form(&list_form("War Diary", "ana@news.example"))
        .send()
        .await
        .expect("create list");
    assert_eq!(r.status(), 200);
    assert!(r.text().await.expect("body").contains("Saved “War Diary”."));
    let r = editor
        .client
        .post(app.url("/desk/newsletters/lists"))
        .form(&list_form("Taken", "ana@news.example"))
        .send()
        .await
        .expect("create again");
    assert_eq!(
        r.status(),
        409,
        "the new-list form never overwrites a list with the same slug"
    );
    assert_eq!(
        app.store
            .newsletter("war-diary")
            .await
            .expect("get")
            .expect("list")
            .name,
        "War Diary"
    );
    let mut rename = list_form("The War Diary", "ana@news.example").to_vec();
    rename.push(("mode", "update".into()));
    let r = editor
        .client
        .post(app.url("/desk/newsletters/lists"))
        .form(&rename)
        .send()
        .await
        .expect("rename");
    assert_eq!(r.status(), 200);
    let saved = app
        .store
        .newsletter("war-diary")
        .await
        .expect("get")
        .expect("list");
    assert_eq!(
        (
            saved.name.as_str(),
            saved.sender_address.as_str(),
            saved.position
        ),
        ("The War Diary", "ana@news.example", 3)
    );
    let r = editor
        .client
        .post(app.url("/desk/newsletters/lists"))
        .form(&list_form("Broken", "not an address"))
        .send()
        .await
        .expect("bad");
    assert_eq!(r.status(), 400);
    // The field is named in the staff member's words (the catalog's), not as a form key.
    assert!(r.text().await.expect("body").contains("Sender address"));
    assert_eq!(
        app.store
            .newsletter("war-diary")
            .await
            .expect("get")
            .expect("list")
            .name,
        "The War Diary",
        "nothing half-written"
    );
    assert!(
        app.get("/")
            .await
            .text()
            .await
            .expect("home")
            .contains(r#"value="war-diary""#),
        "the home page's form offers the new list at once"
    );

    let csv = "email,name\nOne@Readers.example,One\nnot an address,X\ntwo@readers.example\n";
    let r = editor
        .client
        .post(app.url("/desk/newsletters/import"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("list", "weekend-reads"),
            ("csv", csv),
        ])
        .send()
        .await
        .expect("import");
    assert_eq!(r.status(), 200);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("2 addresses imported."),
        "counts the good lines"
    );
    assert!(
        html.contains("Line 3: “not an address” rejected"),
        "reports the bad line by number"
    );
    assert_eq!(
        app.store
            .subscription_status("one@readers.example", "weekend-reads")
            .await
            .expect("status")
            .as_deref(),
        Some("confirmed")
    );

    let export = editor
        .client
        .get(app.url("/desk/newsletters/export.csv"))
        .send()
        .await
        .expect("export");
    assert_eq!(export.headers()["content-type"], "text/csv; charset=utf-8");
    let export = export.text().await.expect("csv");
    assert!(export.starts_with("email,lists,bounced,subscribed_at\n"));
    assert!(export.contains("\"one@readers.example\",\"weekend-reads:confirmed\""));

    // A digest lists the day's articles.
    let r = editor
        .client
        .post(app.url("/desk/newsletters/campaigns"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("list", "weekend-reads"),
            ("subject", "This week"),
            ("body", ""),
            ("digest", "on"),
        ])
        .send()
        .await
        .expect("send");
    assert_eq!(r.status(), 303);
    let mails = sink.wait_for(2, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 2);
    let text = mails[0].text_part().expect("text");
    assert!(
        text.contains("](http://news.example/articles/"),
        "links to articles: {text}"
    );

    // The same over the Admin API.
    let api = |path: &str| app.url(path);
    let found: serde_json::Value = app
        .client
        .get(api("/api/admin/subscribers?q=one@"))
        .bearer_auth(&editor.token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(found.as_array().expect("array").len(), 1);
    let report: serde_json::Value = app
        .client
        .post(api("/api/admin/subscribers/import"))
        .bearer_auth(&editor.token)
        .json(&serde_json::json!({"list": "morning-briefing", "csv": "three@readers.example\nbroken@\n"}))
        .send()
        .await
        .expect("import")
        .json()
        .await
        .expect("json");
    assert_eq!(report["imported"], 1);
    assert_eq!(report["rejected"][0]["line"], 2);
    let csv = app
        .client
        .get(api("/api/admin/subscribers/export.csv"))
        .bearer_auth(&editor.token)
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("body");
    assert!(csv.contains("three@readers.example"));
    assert_eq!(
        app.client
            .delete(api("/api/admin/subscribers/three@readers.example"))
            .bearer_auth(&editor.token)
            .send()
            .await
            .expect("delete")
            .status(),
        204
    );
    assert_eq!(
        app.client
            .get(api("/api/admin/subscribers"))
            .bearer_auth(&author.token)
            .send()
            .await
            .expect("get")
            .status(),
        403
    );

    let r = editor
        .client
        .post(app.url("/desk/newsletters/subscribers/remove"))
        .form(&[("_csrf", csrf.as_str()), ("email", "two@readers.example")])
        .send()
        .await
        .expect("remove");
    assert_eq!(r.status(), 303);
    assert_eq!(
        app.store
            .subscription_status("two@readers.example", "weekend-reads")
            .await
            .expect("status"),
        None
    );
    app.stop().await;
}

async fn a_relay_refusing_the_sender_pauses_the_campaign_and_bounces_nobody(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    let app = TestApp::start_full(backend, |_| {}, Some(sink.url())).await;
    for i in 0..10 {
        confirmed(
            &app,
            &format!("reader{i}@readers.example"),
            "morning-briefing",
        )
        .await;
    }
    let list = app
        .store
        .newsletter("morning-briefing")
        .await
        .expect("get")
        .expect("list");
    let sender = if list.sender_address.is_empty() {
        "desk@news.example".to_owned()
    } else {
        list.sender_address
    };
    sink.reject_sender(&sender, 550);
    let token = app.staff("editor").await.token;
    let r = app
        .client
        .post(app.url("/api/admin/campaigns"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"list": "morning-briefing", "subject": "Hi", "body": "Text."}))
        .send()
        .await
        .expect("post");
    let id = r.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    app.client
        .post(app.url(&format!("/api/admin/campaigns/{id}/send")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("send");
    let mut progress = serde_json::Value::Null;
    for _ in 0..100 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let c: serde_json::Value = app
            .client
            .get(app.url(&format!("/api/admin/campaigns/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        progress = c["progress"].clone();
        if sink.refusals() > 0 && progress["sending"] == 0 {
            assert_eq!(c["status"], "sending", "paused, not finished");
            break;
        }
    }
    assert!(sink.refusals() > 0, "the relay was asked");
    assert_eq!(
        (
            progress["pending"].as_i64(),
            progress["bounced"].as_i64(),
            progress["failed"].as_i64()
        ),
        (Some(10), Some(0), Some(0)),
        "{progress}"
    );
    assert!(
        sink.refusals() <= 4,
        "the run stopped instead of trying every reader: {} refusals",
        sink.refusals()
    );
    assert!(sink.messages().is_empty());
    app.stop().await;
}

async fn temporary_smtp_failures_are_retried_not_bounced(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    // Retries come after 1 s instead of 30 s.
    let app = TestApp::start_through(
        backend,
        str::to_owned,
        |c| c.jobs.send_campaign.retry = std::time::Duration::from_secs(1),
        Some(sink.url()),
    )
    .await;
    confirmed(&app, "busy@readers.example", "morning-briefing").await;
    confirmed(&app, "fine@readers.example", "morning-briefing").await;
    sink.reject_recipient("busy@readers.example", 451);
    let token = app.staff("editor").await.token;
    let r = app
        .client
        .post(app.url("/api/admin/campaigns"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"list": "morning-briefing", "subject": "Hi", "body": "Text."}))
        .send()
        .await
        .expect("post");
    let id = r.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    app.client
        .post(app.url(&format!("/api/admin/campaigns/{id}/send")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("send");
    let mails = sink.wait_for(1, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    let mut progress = serde_json::Value::Null;
    for _ in 0..50 {
        let c: serde_json::Value = app
            .client
            .get(app.url(&format!("/api/admin/campaigns/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        progress = c["progress"].clone();
        // Wait until both deliveries are recorded (the sink sees a message before we do).
        if progress["pending"] == 1 && progress["sent"] == 1 {
            assert_eq!(c["status"], "sending", "not finished while a retry is due");
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        progress["pending"], 1,
        "the 451 is waiting for a retry: {progress}"
    );
    assert_eq!(progress["bounced"], 0);
    assert_eq!(progress["sent"], 1);

    // The server takes mail for the address again: the retry delivers it, once.
    sink.clear();
    let retried = sink.wait_for(1, std::time::Duration::from_secs(15)).await;
    assert_eq!(retried.len(), 1, "the retry arrived");
    assert_eq!(retried[0].rcpt_to, vec!["busy@readers.example".to_owned()]);
    let mut campaign = serde_json::Value::Null;
    for _ in 0..50 {
        campaign = app
            .client
            .get(app.url(&format!("/api/admin/campaigns/{id}")))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        if campaign["status"] == "sent" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(campaign["status"], "sent", "{campaign}");
    assert_eq!(campaign["progress"]["sent"], 2);
    app.jobs_settled().await;
    assert_eq!(sink.messages().len(), 1, "no further copies");
    app.stop().await;
}

byline_store::on_both_backends!(
    a_relay_refusing_the_sender_pauses_the_campaign_and_bounces_nobody,
    behind_a_proxy_each_reader_has_their_own_limit,
    temporary_smtp_failures_are_retried_not_bounced,
    the_desk_manages_subscribers_and_digests,
    subscribe_confirm_and_unsubscribe_over_smtp,
    bad_subscriptions_get_clear_errors_and_write_nothing,
    campaigns_send_one_message_each_with_unsubscribe_headers,
);
