//! Editors pin and exclude related posts, on both backends: pinned articles come first in
//! their order, excluded ones never show, the rest still come from the index; bad choices
//! are refused with the field named and change nothing; a contributor cannot change
//! another's article; the desk form (no JavaScript) does the same.

mod common;

use byline_store::testing::Backend;
use common::TestApp;
use serde_json::{json, Value};

/// The slugs of the related cards on an article page, in order.
fn related_slugs(html: &str) -> Vec<String> {
    let Some(start) = html.find("class=\"related") else {
        return Vec::new();
    };
    let section = &html[start..];
    let section = &section[..section.find("</section>").unwrap_or(section.len())];
    let mut slugs: Vec<String> = Vec::new();
    for part in section.split("href=\"/articles/").skip(1) {
        let slug = part.split('"').next().unwrap_or_default().to_owned();
        if !slugs.contains(&slug) {
            slugs.push(slug);
        }
    }
    slugs
}

async fn pinned_first_excluded_never(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = app.api_as("editor").await;
    let mut ids: Vec<(i64, String)> = Vec::new();
    for headline in [
        "Ferry crews rebuild the harbour pier",
        "Harbour pier repairs finish early",
        "Pier and harbour reopen for ferries",
        "Ferry timetable returns to the harbour",
    ] {
        let (status, body) = api
            .post(
                "/api/admin/articles",
                json!({"headline": headline, "body": "The harbour pier and the ferry crews.", "section": "news",
                       "tags": ["Harbour"], "authors": ["news-desk"], "status": "published"}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        ids.push((
            body["id"].as_i64().expect("id"),
            body["slug"].as_str().expect("slug").to_owned(),
        ));
    }
    let (main_id, main) = ids[0].clone();
    // The index follows the change log; the article page keeps its related list until it
    // is rendered again, so look only once the index holds all four.
    app.eventually("/api/search?q=harbour+ferry+pier", |body| {
        ids.iter().all(|(_, slug)| body.contains(slug.as_str()))
    })
    .await;
    let page = format!("/articles/{main}");
    let before = related_slugs(&app.text(&page).await.1);
    assert!(
        before.contains(&ids[1].1),
        "a similar story is related: {before:?}"
    );

    // Pin an unrelated demo story first; exclude one of the similar ones.
    let pin = "central-bank-holds-rate-as-inflation-eases";
    let (status, saved) = api
        .put(
            &format!("/api/admin/articles/{main_id}/related"),
            json!({"pinned": [pin], "excluded": [ids[1].1]}),
        )
        .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved, json!({"pinned": [pin], "excluded": [ids[1].1]}));
    let html = app
        .eventually(&page, |h| {
            related_slugs(h).first().map(String::as_str) == Some(pin)
        })
        .await;
    let after = related_slugs(&html);
    assert!(!after.contains(&ids[1].1), "excluded: {after:?}");
    assert!(after.len() > 1, "the index still fills the rest: {after:?}");
    assert!(!after.contains(&main), "never itself: {after:?}");

    // Refusals name the field and keep what was saved.
    for (bad, field) in [
        (json!({"pinned": ["no-such-story"]}), "pinned"),
        (json!({"pinned": [main.clone()]}), "pinned"),
        (json!({"pinned": [pin], "excluded": [pin]}), "excluded"),
        (
            json!({"pinned": [ids[1].1, ids[2].1, ids[3].1, pin, "parliament-opens-debate-on-winter-budget"]}),
            "pinned",
        ),
    ] {
        let (status, answer) = api
            .put(
                &format!("/api/admin/articles/{main_id}/related"),
                bad.clone(),
            )
            .await;
        assert_eq!(status, 422, "{bad}: {answer}");
        assert!(answer["fields"][field].is_string(), "{field}: {answer}");
    }
    let (status, answer) = api
        .put(
            &format!("/api/admin/articles/{main_id}/related"),
            json!({"pinnd": []}),
        )
        .await;
    assert!(
        status == 400 || status == 422,
        "unknown field: {status} {answer}"
    );
    let (_, kept) = api
        .get(&format!("/api/admin/articles/{main_id}/related"))
        .await;
    assert_eq!(kept, saved);

    // A contributor cannot change someone else's article.
    let contributor = app.api_as("contributor").await;
    let (status, _) = contributor
        .put(
            &format!("/api/admin/articles/{main_id}/related"),
            json!({"pinned": []}),
        )
        .await;
    assert!(status == 403 || status == 404, "{status}");

    // The desk form, one address per line, clears the exclusion and pins two.
    let editor = app.staff("editor").await;
    let desk = format!("/desk/articles/{main_id}/related");
    let form_page = app.page_as(&editor.client, &desk).await;
    assert!(form_page.contains(pin), "the form shows the choices");
    let csrf = app.csrf(&editor.client, &desk).await;
    let pinned = format!("http://news.example/articles/{}\n{pin}\n", ids[3].1);
    let r = editor
        .client
        .post(app.url(&desk))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("pinned", &pinned),
            ("excluded", ""),
        ])
        .send()
        .await
        .expect("save");
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let (_, now): (u16, Value) = api
        .get(&format!("/api/admin/articles/{main_id}/related"))
        .await;
    assert_eq!(now, json!({"pinned": [ids[3].1, pin], "excluded": []}));
    app.eventually(&page, |h| {
        related_slugs(h).iter().take(2).cloned().collect::<Vec<_>>()
            == [ids[3].1.clone(), pin.to_owned()]
    })
    .await;
    app.stop().await;
}

byline_store::on_both_backends!(pinned_first_excluded_never);
