//! Search over HTTP on both backends: an article published through the Admin API is found
//! by `/api/search` in Latin and in Cyrillic spellings within seconds, edits change what
//! is found, unpublishing and deleting remove it; bad queries get clear 4xx answers; the
//! page, its filters and the header box; desk search by role.

mod common;

use std::time::Duration;

use byline_store::testing::Backend;
use common::TestApp;
use serde_json::{json, Value};

/// `/api/search` with these parameters: status and JSON body.
async fn search(app: &TestApp, pairs: &[(&str, &str)]) -> (u16, Value) {
    let r = app
        .client
        .get(app.url("/api/search"))
        .query(pairs)
        .send()
        .await
        .expect("search");
    let status = r.status().as_u16();
    let text = r.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {status} {text}"));
    (status, body)
}

/// The slugs of the results for `q`.
fn slugs(body: &Value) -> Vec<String> {
    body["results"]
        .as_array()
        .map(|r| {
            r.iter()
                .filter_map(|hit| hit["slug"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Polls the search for `q` (at most 10 s) until `check` holds for its slugs.
async fn until(app: &TestApp, q: &str, what: &str, check: impl Fn(&[String]) -> bool) -> Value {
    let mut last = Value::Null;
    for _ in 0..100 {
        let (status, body) = search(app, &[("q", q)]).await;
        if status == 200 && check(&slugs(&body)) {
            return body;
        }
        last = body;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("search for {q:?} never {what}; last answer: {last}");
}

async fn found_in_both_spellings_and_kept_in_step(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = app.api_as("editor").await;
    let slug = "talks-in-minsk";
    let (status, created) = api
        .post(
            "/api/admin/articles",
            json!({"headline": "Talks in Minsk", "body": "Лукашенко met the delegation on Tuesday.", "section": "news", "authors": ["news-desk"], "status": "published"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");

    let body = until(&app, "Lukashenka", "found it", |s| {
        s.iter().any(|x| x == slug)
    })
    .await;
    let hit = &body["results"][0];
    assert_eq!(hit["url"], format!("http://news.example/articles/{slug}"));
    assert_eq!(hit["section"], "news");
    assert!(
        hit["snippet"].as_str().unwrap_or("").contains("<mark>"),
        "{hit}"
    );
    assert!(
        body["total"].as_u64() >= Some(1) && body["page"] == 1,
        "{body}"
    );
    until(&app, "Лукашенка", "found it", |s| {
        s.iter().any(|x| x == slug)
    })
    .await;

    // An edit changes what is found.
    let (status, _) = api
        .patch(
            &format!("/api/admin/articles/{id}"),
            json!({"body": "The delegation met Тихановська on Tuesday.", "version": created["version"]}),
        )
        .await;
    assert_eq!(status, 200);
    until(
        &app,
        "Tsikhanouskaya OR Тихановська",
        "found the edit",
        |s| s.iter().any(|x| x == slug),
    )
    .await;
    until(&app, "Лукашенка", "dropped the old text", |s| {
        !s.iter().any(|x| x == slug)
    })
    .await;

    // Unpublished: gone from the public search; published again and deleted: gone too.
    let (status, _) = api
        .post(&format!("/api/admin/articles/{id}/unpublish"), json!({}))
        .await;
    assert_eq!(status, 200);
    until(
        &app,
        "Тихановська",
        "dropped the unpublished",
        |s| !s.iter().any(|x| x == slug),
    )
    .await;
    let (status, _) = api
        .post(&format!("/api/admin/articles/{id}/publish"), json!({}))
        .await;
    assert_eq!(status, 200);
    until(&app, "Тихановська", "found it again", |s| {
        s.iter().any(|x| x == slug)
    })
    .await;
    assert!(api.delete(&format!("/api/admin/articles/{id}")).await < 300);
    until(&app, "Тихановська", "dropped the deleted", |s| {
        !s.iter().any(|x| x == slug)
    })
    .await;
    app.stop().await;
}

async fn bad_queries_get_clear_answers(backend: Backend) {
    let app = TestApp::start(backend).await;
    until(&app, "power", "answered", |_| true).await;
    let long = "слово ".repeat(80);
    for (pairs, code) in [
        (vec![("q", "   ")], "empty_query"),
        (vec![("q", long.as_str())], "query_too_long"),
        (vec![("q", "power"), ("from", "yesterday")], "bad_date"),
        (vec![("q", "power"), ("sort", "random")], "bad_sort"),
        (vec![("q", "power"), ("page", "0")], "bad_page"),
    ] {
        let (status, body) = search(&app, &pairs).await;
        assert_eq!(status, 400, "{pairs:?}: {body}");
        assert_eq!(body["error"]["code"], code, "{pairs:?}: {body}");
        assert!(body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()));
    }
    // Operators and punctuation only: a 400 with its own code, never a 500.
    let (status, body) = search(&app, &[("q", "\"\" -- ((( OR")]).await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "no_search_terms");

    // The page: an empty box is the page itself; a too-long query is a clear 400 page.
    let (status, page) = app.text("/search").await;
    assert_eq!(status, 200);
    assert!(page.contains("name=\"q\""));
    let (status, page) = app.text(&format!("/search?q={}", "x".repeat(400))).await;
    assert_eq!(status, 400);
    assert!(page.contains("too long"), "{page}");
    // The header of every page links to the search.
    let (_, home) = app.text("/").await;
    assert!(home.contains("action=\"/search\""));
    app.stop().await;
}

async fn the_page_shows_filters_highlights_and_pages(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = app.api_as("editor").await;
    for n in 1..=12 {
        let (status, body) = api
            .post(
                "/api/admin/articles",
                json!({"headline": format!("Harbour repairs, part {n}"), "body": "The harbour crane was repaired.", "section": "news", "authors": ["news-desk"], "status": "published"}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
    }
    // Indexing follows the change log: wait for the total, not for a full first page
    // (ten of the twelve fill it while the last two may still be on their way).
    let mut body = Value::Null;
    for _ in 0..100 {
        body = search(&app, &[("q", "harbour")]).await.1;
        if body["total"] == 12 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(body["total"], 12, "{body}");
    assert_eq!(slugs(&body).len(), 10, "{body}");
    let (_, second) = search(&app, &[("q", "harbour"), ("page", "2")]).await;
    assert_eq!(slugs(&second).len(), 2, "{second}");
    let (_, other_section) = search(&app, &[("q", "harbour"), ("section", "culture")]).await;
    assert_eq!(other_section["total"], 0, "{other_section}");

    let (status, page) = app.text("/search?q=harbour").await;
    assert_eq!(status, 200);
    assert!(page.contains("<mark>"), "highlighted");
    assert!(page.contains("12 results"), "counted");
    // askama writes `&` in attributes as `&#38;`; either spelling is the same link.
    let links = page.replace("&#38;", "&amp;");
    assert!(
        links.contains("href=\"/search?q=harbour&amp;page=2\""),
        "next page link"
    );
    let (_, none) = app.text("/search?q=zzyzxqq").await;
    assert!(none.contains("Nothing found"), "{none}");
    app.stop().await;
}

async fn desk_search_shows_drafts_by_role(backend: Backend) {
    let app = TestApp::start(backend).await;
    let contributor = app.staff("contributor").await;
    let editor = app.staff("editor").await;
    let as_contributor = common::api::ApiClient {
        app: &app,
        token: contributor.token.clone(),
        email: contributor.email.clone(),
    };
    let (status, body) = as_contributor
        .post(
            "/api/admin/articles",
            json!({"headline": "Quarry draft", "body": "Notes on the quarry.", "section": "news", "authors": ["news-desk"]}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let mine = "quarry-draft";
    let page = |client: reqwest::Client| {
        let app = &app;
        async move {
            for _ in 0..100 {
                let html = app.page_as(&client, "/desk/search?q=quarry").await;
                if html.contains("Quarry") {
                    return html;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            String::new()
        }
    };
    assert!(
        page(editor.client.clone()).await.contains("Quarry"),
        "editors see every draft"
    );
    let other = app.staff("contributor").await;
    let html = app.page_as(&other.client, "/desk/search?q=quarry").await;
    assert!(
        !html.contains("Quarry"),
        "another contributor's draft stays hidden"
    );
    assert!(
        page(contributor.client.clone()).await.contains("Quarry"),
        "its owner sees it"
    );
    let (_, public) = search(&app, &[("q", "quarry")]).await;
    assert!(
        !slugs(&public).iter().any(|s| s == mine),
        "drafts are not public"
    );
    let (status, _) = app.text("/desk/search?q=quarry").await;
    assert!(status == 303 || status == 401, "signed out: {status}");
    app.stop().await;
}

byline_store::on_both_backends!(
    found_in_both_spellings_and_kept_in_step,
    bad_queries_get_clear_answers,
    the_page_shows_filters_highlights_and_pages,
    desk_search_shows_drafts_by_role
);
