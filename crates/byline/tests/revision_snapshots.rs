//! The desk's revision history with a damaged snapshot in the database: the list still
//! shows every version, the damaged one as unreadable, and comparing with it answers 410
//! instead of failing the page. Both backends.

mod common;

use byline_store::testing::Backend;
use common::TestApp;
use serde_json::{json, Value};

async fn damage(backend: Backend, app: &TestApp, sql: &str) {
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&app.db.url)
                .await
                .expect("sqlite");
            // Damage comes from outside the application: past the immutability trigger.
            sqlx::query("DROP TRIGGER IF EXISTS article_revisions_immutable")
                .execute(&pool)
                .await
                .expect("lift the trigger");
            sqlx::query(sql).execute(&pool).await.expect("raw sql");
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&app.db.url).await.expect("postgres");
            sqlx::query(
                "ALTER TABLE article_revisions DISABLE TRIGGER article_revisions_immutable",
            )
            .execute(&pool)
            .await
            .expect("lift the trigger");
            sqlx::query(sql).execute(&pool).await.expect("raw sql");
            pool.close().await;
        }
    }
}

async fn a_damaged_revision_is_listed_as_unreadable(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let r = app
        .client
        .post(app.url("/api/admin/articles"))
        .bearer_auth(&editor.token)
        .json(
            &json!({"headline": "Ferry timetable", "body": "First.", "section": "news",
            "authors": ["news-desk"]}),
        )
        .send()
        .await
        .expect("create");
    assert_eq!(r.status(), 201);
    let id = r.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    for (version, body) in [(1, "Second."), (2, "Third.")] {
        let r = app
            .client
            .patch(app.url(&format!("/api/admin/articles/{id}")))
            .bearer_auth(&editor.token)
            .json(&json!({"body": body, "version": version}))
            .send()
            .await
            .expect("patch");
        assert_eq!(r.status(), 200);
    }
    damage(
        backend,
        &app,
        &format!(
            "UPDATE article_revisions SET snapshot = 'garbage' WHERE article_id = {id} AND version = 2"
        ),
    )
    .await;

    let list = editor
        .client
        .get(app.url(&format!("/desk/articles/{id}/revisions")))
        .send()
        .await
        .expect("list");
    assert_eq!(
        list.status(),
        200,
        "one damaged snapshot does not fail the list"
    );
    let html = list.text().await.expect("body");
    for v in 1..=3 {
        assert!(
            html.contains(&format!("/desk/articles/{id}/revisions/{v}\"")),
            "version {v} listed"
        );
    }
    assert!(html.contains(">unreadable<"), "{html}");

    let compare = |v: i64| {
        editor
            .client
            .get(app.url(&format!("/desk/articles/{id}/revisions/{v}")))
            .send()
    };
    assert_eq!(compare(2).await.expect("get").status(), 410);
    let r = compare(1).await.expect("get");
    assert_eq!(r.status(), 200, "the readable ones still compare");
    assert!(r.text().await.expect("body").contains("First"));
    app.stop().await;
}

byline_store::on_both_backends!(a_damaged_revision_is_listed_as_unreadable);
