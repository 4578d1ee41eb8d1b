//! The desk over HTTP on both backends: sign-in and its protections, CSRF, the role matrix,
//! writing and publishing with revisions and conflicts, scheduling through the job queue,
//! password reset over real SMTP, media uploads without GPS.

mod common;

use byline_mail::sink::SmtpSink;
use byline_store::testing::Backend;
use common::desk::{csrf_in, PASSWORD};
use common::TestApp;

async fn signed_out_visitors_are_sent_to_sign_in_and_forms_need_csrf(backend: Backend) {
    let app = TestApp::start(backend).await;
    let r = app.get("/desk/").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/desk/login?next=/desk/");
    let r = app
        .client
        .post(app.url("/desk/articles"))
        .form(&[("headline", "x")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403, "no session, no token");

    let editor = app.staff("editor").await;
    for token in ["", "forged-token"] {
        let r = editor
            .client
            .post(app.url("/desk/articles"))
            .form(&[
                ("_csrf", token),
                ("headline", "Sneaky"),
                ("section", "news"),
                ("authors", "news-desk"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 403, "csrf `{token}`");
    }
    assert!(app.store.article("sneaky").await.expect("get").is_none());
    // The sign-in form itself is CSRF-protected (double-submit cookie).
    let r = app
        .browser()
        .post(app.url("/desk/login"))
        .form(&[("email", editor.email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    app.stop().await;
}

async fn sign_in_sets_hardened_cookies_rotates_and_throttles(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.staff("admin").await;
    let client = app.browser();
    let csrf = app.csrf(&client, "/desk/login").await;
    let sign_in = || {
        client
            .post(app.url("/desk/login"))
            .form(&[
                ("_csrf", csrf.as_str()),
                ("email", admin.email.as_str()),
                ("password", PASSWORD),
                ("next", "/desk/"),
            ])
            .send()
    };
    let r = sign_in().await.expect("post");
    let cookies: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ascii").to_owned())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("byline_session="))
        .expect("session cookie");
    assert!(
        session.contains("HttpOnly")
            && session.contains("SameSite=Lax")
            && session.contains("Path=/"),
        "{session}"
    );
    let first = session.split(';').next().expect("value").to_owned();
    let r = sign_in().await.expect("post");
    let second = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().expect("ascii").to_owned())
        .find(|c| c.starts_with("byline_session="))
        .expect("cookie");
    assert_ne!(
        first,
        second.split(';').next().expect("value"),
        "a new session id at every sign-in"
    );

    // Wrong passwords: refused, then throttled with back-off, even for the right password
    // from the same address (other addresses: tests/sign_in_attacks.rs).
    let attacker = app.browser();
    for _ in 0..5 {
        let r = app
            .sign_in(&attacker, &admin.email, "wrong password!!", "")
            .await;
        assert_eq!(r.status(), 401);
        assert!(r
            .text()
            .await
            .expect("body")
            .contains(byline_web::desk::SIGN_IN_FAILED));
    }
    let r = app
        .sign_in(&attacker, &admin.email, "wrong password!!", "")
        .await;
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let r = app
        .sign_in(&app.browser(), &admin.email, PASSWORD, "")
        .await;
    assert_eq!(
        r.status(),
        429,
        "this account from this address waits a while"
    );
    app.stop().await;
}

async fn every_desk_page_and_api_route_enforces_roles(backend: Backend) {
    let app = TestApp::start(backend).await;
    let article_id = app
        .store
        .article("winter-aid-convoy-reaches-vesk")
        .await
        .expect("get")
        .expect("demo")
        .id;
    let roles = ["contributor", "author", "editor", "admin"];
    let mut clients = Vec::new();
    for role in roles {
        clients.push(app.staff(role).await);
    }
    let target = app.staff("author").await;
    let target_id = app
        .store
        .staff_by_email(&target.email)
        .await
        .expect("get")
        .expect("staff")
        .id;
    // (method, path, lowest role allowed); articles here belong to nobody, so only
    // editors and admins may change them.
    let routes: Vec<(&str, String, usize)> = vec![
        ("GET", "/desk/".into(), 0),
        ("GET", "/desk/?bin=1".into(), 0),
        ("GET", "/desk/articles/new".into(), 0),
        ("GET", "/desk/media".into(), 0),
        ("GET", "/desk/account".into(), 0),
        (
            "GET",
            "/desk/articles/by-slug/winter-aid-convoy-reaches-vesk".into(),
            0,
        ),
        ("GET", format!("/desk/articles/{article_id}/edit"), 2),
        ("GET", format!("/desk/articles/{article_id}/revisions"), 2),
        ("GET", format!("/desk/articles/{article_id}/revisions/1"), 2),
        ("GET", "/desk/staff".into(), 3),
        ("GET", "/desk/audit".into(), 3),
        ("POST", "/desk/preview".into(), 0),
        ("POST", "/desk/account/tokens".into(), 0),
        ("POST", format!("/desk/articles/{article_id}"), 2),
        ("POST", format!("/desk/articles/{article_id}/autosave"), 2),
        ("POST", format!("/desk/articles/{article_id}/curation"), 2),
        (
            "POST",
            format!("/desk/articles/{article_id}/revisions/1/restore"),
            2,
        ),
        ("POST", format!("/desk/articles/{article_id}/restore"), 2),
        ("POST", format!("/desk/articles/{article_id}/delete"), 2),
        ("POST", "/desk/staff/invite".into(), 3),
        ("POST", format!("/desk/staff/{target_id}/role"), 3),
        ("POST", format!("/desk/staff/{target_id}/active"), 3),
        ("GET", "/desk/newsletters".into(), 2),
        ("GET", "/desk/newsletters/export.csv".into(), 2),
        ("POST", "/desk/newsletters/lists".into(), 2),
        ("POST", "/desk/newsletters/campaigns".into(), 2),
        ("POST", "/desk/newsletters/import".into(), 2),
        ("POST", "/desk/newsletters/subscribers/remove".into(), 2),
    ];
    for (level, staff) in clients.iter().enumerate() {
        let csrf = app.csrf(&staff.client, "/desk/account").await;
        for (method, path, min) in &routes {
            let r = if *method == "GET" {
                staff.client.get(app.url(path)).send().await.expect("get")
            } else {
                let form = [
                    ("_csrf", csrf.as_str()),
                    ("home_position", ""),
                    ("email", "new@news.example"),
                    ("role", "author"),
                    ("active", "1"),
                    ("name", "matrix"),
                    ("headline", "Winter aid convoy reaches Vesk"),
                    ("section", "news"),
                    ("authors", "news-desk"),
                    ("body", "Text."),
                    ("intent", "save"),
                ];
                staff
                    .client
                    .post(app.url(path))
                    .form(&form)
                    .send()
                    .await
                    .expect("post")
            };
            let allowed = level >= *min;
            assert_eq!(
                r.status() != 403,
                allowed,
                "{} {method} {path}: {}",
                roles[level],
                r.status()
            );
            assert!(r.status().as_u16() < 500, "{method} {path}: {}", r.status());
        }
        let form = reqwest::multipart::Form::new()
            .text("_csrf", csrf.clone())
            .part(
                "file",
                reqwest::multipart::Part::bytes(b"not an image".to_vec()).file_name("x.jpg"),
            )
            .text("alt", "x");
        let r = staff
            .client
            .post(app.url("/desk/media/upload"))
            .multipart(form)
            .send()
            .await
            .expect("upload");
        assert_eq!(
            r.status(),
            422,
            "every role may upload; this file is refused as not an image"
        );
        if level >= 2 {
            app.store
                .set_article_deleted("winter-aid-convoy-reaches-vesk", false)
                .await
                .expect("restore");
        }
    }
    // Admin API: 401 without a token, then per role.
    let api = |path: &str| app.url(path);
    assert_eq!(
        app.client
            .get(api("/api/admin/articles"))
            .send()
            .await
            .expect("get")
            .status(),
        401
    );
    assert_eq!(
        app.client
            .get(api("/api/admin/articles"))
            .bearer_auth("nonsense")
            .send()
            .await
            .expect("get")
            .status(),
        401
    );
    for (level, staff) in clients.iter().enumerate() {
        let c = &app.client;
        let t = staff.token.as_str();
        let checks = [
            (c.get(api("/api/admin/articles")).bearer_auth(t), 0),
            (c.get(api(&format!("/api/admin/articles/{article_id}"))).bearer_auth(t), 0),
            (c.get(api("/api/admin/sections")).bearer_auth(t), 0),
            (c.get(api("/api/admin/authors")).bearer_auth(t), 0),
            (c.get(api("/api/admin/media")).bearer_auth(t), 0),
            (c.post(api("/api/admin/articles")).bearer_auth(t).json(&serde_json::json!({"headline": format!("Draft by {level}"), "body": "Text.", "section": "news"})), 0),
            (c.post(api("/api/admin/articles")).bearer_auth(t).json(&serde_json::json!({"headline": format!("Live by {level}"), "body": "Text.", "section": "news", "status": "published"})), 1),
            (c.patch(api(&format!("/api/admin/articles/{article_id}"))).bearer_auth(t).json(&serde_json::json!({"standfirst": "Edited."})), 2),
            (c.post(api(&format!("/api/admin/articles/{article_id}/publish"))).bearer_auth(t), 2),
            (c.post(api("/api/admin/sections")).bearer_auth(t).json(&serde_json::json!({"slug": format!("s{level}"), "name": "S"})), 2),
            (c.post(api("/api/admin/authors")).bearer_auth(t).json(&serde_json::json!({"slug": format!("a{level}"), "name": "A", "kind": "person"})), 2),
            (c.delete(api(&format!("/api/admin/articles/{article_id}"))).bearer_auth(t), 2),
        ];
        for (i, (request, min)) in checks.into_iter().enumerate() {
            let r = request.send().await.expect("send");
            let status = r.status().as_u16();
            if level >= min {
                assert!(
                    status < 400,
                    "{} API check {i}: {status} {}",
                    roles[level],
                    r.text().await.unwrap_or_default()
                );
            } else {
                assert_eq!(status, 403, "{} API check {i}", roles[level]);
            }
        }
        if level >= 2 {
            app.store
                .set_article_deleted("winter-aid-convoy-reaches-vesk", false)
                .await
                .expect("restore");
        }
    }
    app.stop().await;
}

async fn write_publish_edit_conflict_revisions_and_unpublish(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let csrf = app.csrf(&editor.client, "/desk/articles/new").await;
    let form = |extra: &[(&str, &str)]| {
        let mut f = vec![
            ("_csrf", csrf.as_str()),
            ("headline", "Bridge to Oldbridge reopens"),
            ("section", "news"),
            ("authors", "news-desk"),
            ("body", "## What changed\n\nTraffic is moving again."),
            ("tags", "Infrastructure"),
        ];
        f.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        f.extend_from_slice(extra);
        f.into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect::<Vec<_>>()
    };
    let r = editor
        .client
        .post(app.url("/desk/articles"))
        .form(&form(&[("intent", "save")]))
        .send()
        .await
        .expect("create");
    assert_eq!(r.status(), 303);
    let draft = app
        .store
        .article("bridge-to-oldbridge-reopens")
        .await
        .expect("get")
        .expect("saved");
    assert_eq!(draft.status, byline_domain::ArticleStatus::Draft);
    assert_eq!(
        app.get("/articles/bridge-to-oldbridge-reopens")
            .await
            .status(),
        404,
        "drafts are not public"
    );

    let path = format!("/desk/articles/{}", draft.id);
    let r = editor
        .client
        .post(app.url(&path))
        .form(&form(&[("intent", "publish"), ("version", "1")]))
        .send()
        .await
        .expect("publish");
    let status = r.status();
    assert_eq!(status, 303, "{}", r.text().await.unwrap_or_default());
    let page = app
        .eventually("/articles/bridge-to-oldbridge-reopens", |b| {
            b.contains("Bridge to Oldbridge reopens")
        })
        .await;
    assert!(page.contains("Traffic is moving again."));

    // Two editors start from version 2; the second save is refused and keeps its text.
    let mine = form(&[
        ("intent", "save"),
        ("version", "2"),
        ("body", "First editor's text."),
        ("update_note", "Added the reopening time."),
    ]);
    assert_eq!(
        editor
            .client
            .post(app.url(&path))
            .form(&mine)
            .send()
            .await
            .expect("save")
            .status(),
        303
    );
    let theirs = form(&[
        ("intent", "save"),
        ("version", "2"),
        ("body", "Second editor's unsaved words."),
    ]);
    let r = editor
        .client
        .post(app.url(&path))
        .form(&theirs)
        .send()
        .await
        .expect("save");
    assert_eq!(r.status(), 409);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("Second editor&#39;s unsaved words.")
            || html.contains("Second editor&#x27;s unsaved words.")
            || html.contains("Second editor's unsaved words."),
        "the text is kept"
    );
    let page = app
        .eventually("/articles/bridge-to-oldbridge-reopens", |b| {
            b.contains("First editor")
        })
        .await;
    assert!(
        page.contains("Added the reopening time."),
        "the update note is public"
    );

    let (status, revisions) = {
        let r = editor
            .client
            .get(app.url(&format!("{path}/revisions")))
            .send()
            .await
            .expect("get");
        (r.status(), r.text().await.expect("body"))
    };
    assert_eq!(status, 200);
    for v in 1..=3 {
        assert!(
            revisions.contains(&format!("revisions/{v}\"")),
            "version {v} listed"
        );
    }
    let diff = app
        .page_as(&editor.client, &format!("{path}/revisions/1"))
        .await;
    assert!(
        diff.contains("<ins>") && diff.contains("<del>"),
        "word diff shown"
    );

    let r = editor
        .client
        .post(app.url(&path))
        .form(&form(&[("intent", "unpublish"), ("version", "3")]))
        .send()
        .await
        .expect("unpublish");
    assert_eq!(r.status(), 303);
    for _ in 0..50 {
        if app
            .get("/articles/bridge-to-oldbridge-reopens")
            .await
            .status()
            == 410
        {
            app.stop().await;
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("unpublished article still served");
}

async fn scheduled_articles_are_published_by_the_job_queue(backend: Backend) {
    let app = TestApp::start(backend).await;
    let token = app.staff("author").await.token;
    let at = (chrono::Utc::now() + chrono::Duration::seconds(2)).to_rfc3339();
    let r = app
        .client
        .post(app.url("/api/admin/articles"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"headline": "Curfew lifted at dawn", "body": "Text.", "section": "news", "status": "scheduled", "publish_at": at}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 201);
    assert_eq!(
        app.get("/articles/curfew-lifted-at-dawn").await.status(),
        404,
        "not before its time"
    );
    app.eventually("/articles/curfew-lifted-at-dawn", |b| {
        b.contains("Curfew lifted at dawn")
    })
    .await;
    app.stop().await;
}

async fn password_reset_mail_goes_over_smtp_and_tokens_are_single_use(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    let app = TestApp::start_full(backend, |_| {}, Some(sink.url())).await;
    let editor = app.staff("editor").await;
    let client = app.browser();
    let csrf = app.csrf(&client, "/desk/password/forgot").await;
    let r = client
        .post(app.url("/desk/password/forgot"))
        .form(&[("_csrf", csrf.as_str()), ("email", editor.email.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    let mails = sink.wait_for(1, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].rcpt_to, std::slice::from_ref(&editor.email));
    let text = mails[0].text_part().expect("text part");
    let link = text
        .lines()
        .find(|l| l.contains("/desk/password/reset?token="))
        .expect("link")
        .trim()
        .to_owned();
    let token = link.split("token=").nth(1).expect("token").to_owned();

    let csrf = app
        .csrf(&client, &format!("/desk/password/reset?token={token}"))
        .await;
    let new_password = "a brand new passphrase";
    let reset = |t: String| {
        let csrf = csrf.clone();
        let client = client.clone();
        let url = app.url("/desk/password/reset");
        async move {
            client
                .post(url)
                .form(&[
                    ("_csrf", csrf.as_str()),
                    ("token", t.as_str()),
                    ("password", new_password),
                ])
                .send()
                .await
                .expect("post")
        }
    };
    assert_eq!(reset(token.clone()).await.status(), 200);
    assert_eq!(reset(token.clone()).await.status(), 400, "single use");
    assert_eq!(reset("forged".into()).await.status(), 400);
    assert_eq!(
        app.sign_in(&app.browser(), &editor.email, new_password, "")
            .await
            .status(),
        303
    );
    assert_eq!(
        app.sign_in(&app.browser(), &editor.email, PASSWORD, "")
            .await
            .status(),
        401
    );
    // The old sessions ended with the password change.
    assert_eq!(
        editor
            .client
            .get(app.url("/desk/"))
            .send()
            .await
            .expect("get")
            .status(),
        303
    );
    // Unknown addresses get the same answer and no mail.
    let csrf = app.csrf(&client, "/desk/password/forgot").await;
    let r = client
        .post(app.url("/desk/password/forgot"))
        .form(&[("_csrf", csrf.as_str()), ("email", "nobody@news.example")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    app.jobs_settled().await;
    assert_eq!(sink.messages().len(), 1);
    app.stop().await;
}

async fn staff_see_edit_post_but_the_cached_page_is_the_same_for_everyone(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let path = "/articles/winter-aid-convoy-reaches-vesk";
    let anonymous = app.text(path).await.1;
    let staff_view = app.page_as(&editor.client, path).await;
    assert_eq!(
        anonymous, staff_view,
        "no staff-only HTML in the public cache"
    );
    assert!(anonymous.contains("data-edit-slug=\"winter-aid-convoy-reaches-vesk\""));
    assert!(anonymous.contains("/assets/staff-"));
    let r = editor
        .client
        .get(app.url("/desk/articles/by-slug/winter-aid-convoy-reaches-vesk"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 303);
    assert!(r.headers()["location"]
        .to_str()
        .expect("loc")
        .ends_with("/edit"));
    let desk = editor
        .client
        .get(app.url("/desk/"))
        .send()
        .await
        .expect("get");
    assert_eq!(desk.headers()["cache-control"], "no-store");
    assert!(csrf_in(&desk.text().await.expect("body")).is_some());
    app.stop().await;
}

async fn two_factor_sign_in_needs_the_current_code(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let staff = app
        .store
        .staff_by_email(&editor.email)
        .await
        .expect("get")
        .expect("staff");
    let secret = byline_web::auth::totp::new_secret();
    app.store
        .set_totp_secret(staff.id, Some(&secret))
        .await
        .expect("totp on");
    let r = app
        .sign_in(&app.browser(), &editor.email, PASSWORD, "")
        .await;
    assert_eq!(r.status(), 401);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains(byline_web::desk::SIGN_IN_FAILED),
        "the same answer as a wrong password"
    );
    let r = app
        .sign_in(&app.browser(), &editor.email, PASSWORD, "000000")
        .await;
    let wrong_ok = byline_web::auth::totp::current(&secret).as_deref() == Some("000000");
    assert_eq!(r.status() == 303, wrong_ok, "a wrong code is refused");
    let code = byline_web::auth::totp::current(&secret).expect("code");
    assert_eq!(
        app.sign_in(&app.browser(), &editor.email, PASSWORD, &code)
            .await
            .status(),
        303
    );
    app.stop().await;
}

byline_store::on_both_backends!(
    two_factor_sign_in_needs_the_current_code,
    signed_out_visitors_are_sent_to_sign_in_and_forms_need_csrf,
    sign_in_sets_hardened_cookies_rotates_and_throttles,
    every_desk_page_and_api_route_enforces_roles,
    write_publish_edit_conflict_revisions_and_unpublish,
    scheduled_articles_are_published_by_the_job_queue,
    password_reset_mail_goes_over_smtp_and_tokens_are_single_use,
    staff_see_edit_post_but_the_cached_page_is_the_same_for_everyone,
);
