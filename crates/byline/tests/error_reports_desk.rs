//! Triage of readers' error reports on the desk, on both backends: editors and admins
//! list, filter, read and move reports; contributors and authors get 403; forged states
//! and transitions are refused and never stored; the reply reaches the reader once over
//! SMTP (also when its job runs again); the desk navigation counts open reports; every
//! move is audited.

mod common;

use byline_domain::ReportState;
use byline_mail::sink::SmtpSink;
use byline_store::testing::Backend;
use byline_store::{Filed, NewReport, ReportLimits};
use common::audit::assert_audited;
use common::desk::csrf_in;
use common::TestApp;

const ARTICLE: &str = "winter-aid-convoy-reaches-vesk";

async fn file(app: &TestApp, quote: &str, email: Option<&str>) -> i64 {
    let article = app
        .store
        .article(ARTICLE)
        .await
        .expect("read")
        .expect("article");
    let filed = app
        .store
        .file_report(
            &NewReport {
                article_id: article.id,
                article_version: article.version,
                quote: quote.into(),
                comment: "It reached Tarn, not Vesk.".into(),
                email: email.map(Into::into),
                at: chrono::Utc::now(),
            },
            ReportLimits::default(),
        )
        .await
        .expect("file");
    match filed {
        Filed::Stored(id) => id,
        other => panic!("not stored: {other:?}"),
    }
}

async fn move_report(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let page = app.page_as(client, &format!("/desk/reports/{id}")).await;
    let csrf = csrf_in(&page).expect("csrf");
    let mut form = vec![("_csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    client
        .post(app.url(&format!("/desk/reports/{id}")))
        .form(&form)
        .send()
        .await
        .expect("post")
}

async fn state_of(app: &TestApp, id: i64) -> ReportState {
    app.store
        .error_report(id)
        .await
        .expect("read")
        .expect("report")
        .state
}

async fn only_editors_and_admins_triage(backend: Backend) {
    let app = TestApp::start(backend).await;
    let id = file(&app, "reached Vesk", None).await;
    for role in ["contributor", "author"] {
        let staff = app.staff(role).await;
        for path in ["/desk/reports".to_owned(), format!("/desk/reports/{id}")] {
            let r = staff.client.get(app.url(&path)).send().await.expect("get");
            assert_eq!(r.status(), 403, "{role} {path}");
        }
        let desk = app.page_as(&staff.client, "/desk/").await;
        assert!(
            !desk.contains("/desk/reports"),
            "{role} has no reports link"
        );
        let csrf = csrf_in(&desk).expect("csrf");
        let r = staff
            .client
            .post(app.url(&format!("/desk/reports/{id}")))
            .form(&[
                ("_csrf", csrf.as_str()),
                ("to", "accepted"),
                ("from", "new"),
            ])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 403, "{role} may not move a report");
    }
    assert_eq!(state_of(&app, id).await, ReportState::New);
    for role in ["editor", "admin"] {
        let staff = app.staff(role).await;
        let list = app.page_as(&staff.client, "/desk/reports").await;
        assert!(
            list.contains(&format!("/desk/reports/{id}")),
            "{role} sees the list"
        );
        let one = app
            .page_as(&staff.client, &format!("/desk/reports/{id}"))
            .await;
        assert!(one.contains("reached Vesk") && one.contains("It reached Tarn, not Vesk."));
        let article = app
            .store
            .article(ARTICLE)
            .await
            .expect("read")
            .expect("article");
        assert!(
            one.contains(&format!(
                "/desk/articles/{}/revisions/{}",
                article.id, article.version
            )),
            "links the revision the reader read"
        );
    }
    // Without the CSRF token nothing moves.
    let editor = app.staff("editor").await;
    let r = editor
        .client
        .post(app.url(&format!("/desk/reports/{id}")))
        .form(&[("to", "accepted"), ("from", "new")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    assert_eq!(state_of(&app, id).await, ReportState::New);
    app.stop().await;
}

async fn forged_states_are_refused_and_counts_follow(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let first = file(&app, "one", None).await;
    let second = file(&app, "two", None).await;
    let nav = app.page_as(&editor.client, "/desk/").await;
    assert!(nav.contains("2 open"), "the navigation counts open reports");

    for (to, from, status) in [
        ("closed", "new", 422),
        ("", "new", 422),
        ("fixed", "new", 422),
        ("new", "new", 422),
        ("accepted", "bogus", 422),
        ("accepted", "rejected", 409),
    ] {
        let r = move_report(&app, &editor.client, first, &[("to", to), ("from", from)]).await;
        assert_eq!(r.status().as_u16(), status, "{from} -> {to:?}");
    }
    assert_eq!(
        state_of(&app, first).await,
        ReportState::New,
        "nothing stored"
    );
    assert!(app
        .store
        .report_events(first)
        .await
        .expect("events")
        .is_empty());
    // A reply to a reader who gave no address cannot be sent: refused, nothing moves.
    let r = move_report(
        &app,
        &editor.client,
        first,
        &[("to", "accepted"), ("from", "new"), ("reply", "Thanks")],
    )
    .await;
    assert_eq!(r.status(), 422);
    assert_eq!(state_of(&app, first).await, ReportState::New);

    let r = move_report(
        &app,
        &editor.client,
        first,
        &[("to", "accepted"), ("from", "new")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let r = move_report(
        &app,
        &editor.client,
        first,
        &[("to", "fixed"), ("from", "accepted")],
    )
    .await;
    assert_eq!(r.status(), 303);
    let r = move_report(
        &app,
        &editor.client,
        second,
        &[("to", "rejected"), ("from", "new")],
    )
    .await;
    assert_eq!(r.status(), 303);
    assert_eq!(state_of(&app, first).await, ReportState::Fixed);
    // Closing queues the erasure of the reader's address 30 days on.
    let erasures = app
        .store
        .jobs_by_kind("erase_report_emails", 10)
        .await
        .expect("jobs");
    let erasure = erasures
        .iter()
        .find(|j| j.payload["report_id"] == first)
        .expect("an erasure for the fixed report");
    assert!(erasure.run_at > chrono::Utc::now() + chrono::Duration::days(29));
    // A fixed report moves no further.
    let r = move_report(
        &app,
        &editor.client,
        first,
        &[("to", "accepted"), ("from", "fixed")],
    )
    .await;
    assert_eq!(r.status(), 422);
    let nav = app.page_as(&editor.client, "/desk/").await;
    assert!(!nav.contains(" open</span>"), "no open reports left: {nav}");

    let fixed = app
        .page_as(&editor.client, "/desk/reports?state=fixed")
        .await;
    assert!(
        fixed.contains(&format!("/desk/reports/{first}"))
            && !fixed.contains(&format!("/desk/reports/{second}\""))
    );
    let r = editor
        .client
        .get(app.url("/desk/reports?state=closed"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 400, "a forged filter");
    let history = app
        .page_as(&editor.client, &format!("/desk/reports/{first}"))
        .await;
    assert!(
        history.contains("new → accepted") && history.contains("accepted → fixed"),
        "{history}"
    );
    assert_audited(
        app.store(),
        &editor.email,
        "report.fix",
        &format!("report:{first}"),
        "desk",
    )
    .await;
    assert_audited(
        app.store(),
        &editor.email,
        "report.reject",
        &format!("report:{second}"),
        "desk",
    )
    .await;
    app.stop().await;
}

async fn the_reply_reaches_the_reader_once(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    let app = TestApp::start_full(backend, |_| {}, Some(sink.url())).await;
    let editor = app.staff("editor").await;
    let id = file(&app, "reached Vesk", Some("reader@example.org")).await;
    let r = move_report(
        &app,
        &editor.client,
        id,
        &[
            ("to", "accepted"),
            ("from", "new"),
            (
                "reply",
                "You are right: it reached Tarn.\n\nWe are correcting the article.",
            ),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let mails = sink.wait_for(1, std::time::Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].rcpt_to, ["reader@example.org"]);
    let text = mails[0].text_part().expect("text");
    assert!(text.contains("You are right: it reached Tarn."), "{text}");
    assert!(
        text.contains("http://news.example/articles/winter-aid-convoy-reaches-vesk"),
        "{text}"
    );
    assert!(text.contains("> reached Vesk"), "{text}");

    // The same mail job run again (a crash after sending, before the queue recorded it)
    // sends nothing more: its effect key is recorded.
    let jobs = app.store.jobs_by_kind("send_mail", 10).await.expect("jobs");
    let job = jobs
        .iter()
        .find(|j| {
            j.payload["key"]
                .as_str()
                .is_some_and(|k| k.starts_with("report-reply:"))
        })
        .expect("the reply job");
    app.store
        .enqueue(&byline_store::NewJob {
            kind: "send_mail".into(),
            payload: job.payload.clone(),
            idempotency_key: None,
            run_at: chrono::Utc::now(),
            max_attempts: 3,
        })
        .await
        .expect("enqueue");
    // Posting the same move twice (a double click) is a conflict, not a second mail.
    let r = move_report(
        &app,
        &editor.client,
        id,
        &[("to", "accepted"), ("from", "new"), ("reply", "Again")],
    )
    .await;
    assert_eq!(r.status(), 409);
    app.jobs_settled().await;
    assert_eq!(sink.messages().len(), 1, "one reply, once");
    app.stop().await;
}

byline_store::on_both_backends!(
    only_editors_and_admins_triage,
    forged_states_are_refused_and_counts_follow,
    the_reply_reaches_the_reader_once,
);
