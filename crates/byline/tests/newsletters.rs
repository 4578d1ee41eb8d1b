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
        assert!(home.contains(&format!(r#"name="list" value="{slug}""#)), "home offers {slug}");
    }
    let article = app.text("/articles/winter-aid-convoy-reaches-vesk").await.1;
    assert!(article.contains(r#"action="/newsletters/subscribe""#), "articles end with a form");
    assert_eq!(app.get("/newsletters/weekend-reads").await.status(), 200);

    let subscribe = |email: &str| {
        app.client
            .post(app.url("/newsletters/subscribe"))
            .form(&[("email", email), ("list", "morning-briefing"), ("list", "weekend-reads")])
            .send()
    };
    let r = subscribe("Reader@Example.ORG").await.expect("post");
    assert_eq!(r.status(), 200);
    assert!(r.text().await.expect("body").contains("Check your inbox"));
    assert_eq!(app.store.subscription_status("reader@example.org", "morning-briefing").await.expect("status").as_deref(), Some("pending"));

    let mails = sink.wait_for(1, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1, "one confirmation for both lists");
    assert_eq!(mails[0].rcpt_to, ["reader@example.org"]);
    let text = mails[0].text_part().expect("text");
    let link = text.lines().find(|l| l.contains("/newsletters/confirm?token=")).expect("link in the plain text").trim().to_owned();
    let path = link.trim_start_matches("http://news.example");
    let r = app.get(path).await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.expect("body").contains("The Morning Briefing and Weekend Reads"));
    assert_eq!(app.store.subscription_status("reader@example.org", "weekend-reads").await.expect("status").as_deref(), Some("confirmed"));
    assert_eq!(app.get(path).await.status(), 400, "a used link is refused");

    // Subscribing again when confirmed sends nothing more.
    assert_eq!(subscribe("reader@example.org").await.expect("post").status(), 200);
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(sink.messages().len(), 1);

    // One-click unsubscribe from one list, then from everything.
    let token: String = sqlx_free_unsubscribe_token(&app, "reader@example.org").await;
    let r = app.client.post(app.url(&format!("/newsletters/unsubscribe?token={token}&list=weekend-reads"))).body("List-Unsubscribe=One-Click").send().await.expect("post");
    assert_eq!(r.status(), 200);
    assert_eq!(app.store.subscription_status("reader@example.org", "weekend-reads").await.expect("status").as_deref(), Some("unsubscribed"));
    assert_eq!(app.store.subscription_status("reader@example.org", "morning-briefing").await.expect("status").as_deref(), Some("confirmed"));
    let page = app.text(&format!("/newsletters/unsubscribe?token={token}")).await;
    assert_eq!(page.0, 200);
    assert!(page.1.contains("<button type=\"submit\">Unsubscribe</button>"), "GET only shows a button");
    assert_eq!(app.store.subscription_status("reader@example.org", "morning-briefing").await.expect("status").as_deref(), Some("confirmed"));
    assert_eq!(app.client.post(app.url(&format!("/newsletters/unsubscribe?token={token}"))).send().await.expect("post").status(), 200);
    assert_eq!(app.store.subscription_status("reader@example.org", "morning-briefing").await.expect("status").as_deref(), Some("unsubscribed"));
    assert_eq!(app.client.post(app.url("/newsletters/unsubscribe?token=forged")).send().await.expect("post").status(), 400);
    app.stop().await;
}

/// The unsubscribe token as a message would carry it (newsletter sending builds the links).
async fn sqlx_free_unsubscribe_token(app: &TestApp, email: &str) -> String {
    app.store.unsubscribe_token(email).await.expect("token").expect("subscriber")
}

async fn bad_subscriptions_get_clear_errors_and_write_nothing(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.subscribe_limit = 5).await;
    let post = |form: Vec<(&'static str, &'static str)>| app.client.post(app.url("/newsletters/subscribe")).form(&form).send();
    for (form, expected) in [
        (vec![("email", "not-an-address"), ("list", "morning-briefing")], "does not look like an email address"),
        (vec![("email", "a@b.example\r\nBcc: x@y.example"), ("list", "morning-briefing")], "does not look like an email address"),
        (vec![("email", "a@b.example")], "Choose at least one newsletter"),
        (vec![("email", "a@b.example"), ("list", "no-such-list")], "no newsletter `no-such-list`"),
        (vec![("list", "morning-briefing")], "Enter your email address"),
    ] {
        let r = post(form).await.expect("post");
        assert_eq!(r.status(), 400);
        assert!(r.text().await.expect("body").contains(expected), "{expected}");
    }
    assert_eq!(app.store.subscription_status("a@b.example", "morning-briefing").await.expect("status"), None, "nothing half-written");
    let r = app
        .client
        .post(app.url("/newsletters/subscribe"))
        .header("origin", "https://evil.example")
        .form(&[("email", "c@d.example"), ("list", "morning-briefing")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403, "cross-site posts are refused");
    assert_eq!(app.get("/newsletters/confirm?token=forged").await.status(), 400);
    let r = post(vec![("email", "e@f.example"), ("list", "morning-briefing")]).await.expect("post");
    assert_eq!(r.status(), 429, "the sixth request in ten minutes is refused");
    app.stop().await;
}

on_both_backends!(subscribe_confirm_and_unsubscribe_over_smtp, bad_subscriptions_get_clear_errors_and_write_nothing);
