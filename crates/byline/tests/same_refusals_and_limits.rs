//! One role policy and one set of limits: a refusal (a contributor publishing) is the same
//! 403 with the same message on the desk and in the Admin API, and a limit (a 251-character
//! campaign subject, a body over 512 KB) is refused on both with the same message.

mod common;

use byline_store::testing::Backend;
use common::audit::desk_post;
use common::TestApp;
use serde_json::{json, Value};

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

byline_store::on_both_backends!(refusals_and_limits_read_the_same_on_desk_and_api);
