//! "Read also" suggestions in the desk editor on both backends: articles of the same
//! edition like the text being written, from the search index, as JSON for the text in
//! the form (`POST /desk/read-also`) and on the edit page itself; never the article
//! itself, never one the body already carries as a card, never another edition's; staff
//! only, with the CSRF token.

mod common;

use byline_store::testing::Backend;
use common::audit::{article_id, desk_post};
use common::TestApp;
use serde_json::Value;

const GRAIN: &str = "Grain ships left Mirrow Bay through the corridor again. Exporters say \
    the grain corridor keeps wheat and corn moving to buyers abroad despite strikes on the port.";

fn slugs(answer: &str) -> Vec<String> {
    let json: Value = serde_json::from_str(answer).unwrap_or_else(|e| panic!("{e}: {answer}"));
    json["suggestions"]
        .as_array()
        .expect("suggestions")
        .iter()
        .map(|s| {
            assert_eq!(
                s["line"].as_str(),
                Some(format!("[[read-also:{}]]", s["slug"].as_str().unwrap_or("")).as_str())
            );
            s["slug"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

async fn suggestions_come_from_the_text_and_stay_in_the_edition(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.eventually("/api/search?q=grain+corridor", |b| b.contains("grain-"))
        .await;
    let writer = app.staff("contributor").await;

    let (status, answer) = desk_post(
        &app,
        &writer,
        "/desk/read-also",
        &[("body", GRAIN), ("language", "en")],
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let found = slugs(&answer);
    assert!(
        found.first().is_some_and(|s| s.contains("grain")),
        "the grain stories first: {found:?}"
    );
    let first = found[0].clone();

    // A card the body already carries is not suggested again.
    let carried = format!("{GRAIN}\n\n[[read-also:{first}]]\n");
    let (_, answer) = desk_post(
        &app,
        &writer,
        "/desk/read-also",
        &[("body", carried.as_str()), ("language", "en")],
    )
    .await;
    let again = slugs(&answer);
    assert!(!again.contains(&first), "{again:?}");
    assert!(
        !again.is_empty(),
        "the other grain stories remain: {again:?}"
    );

    // The Ukrainian edition suggests none of the English stories.
    let (_, answer) = desk_post(
        &app,
        &writer,
        "/desk/read-also",
        &[("body", GRAIN), ("language", "uk")],
    )
    .await;
    let uk = slugs(&answer);
    assert!(uk.iter().all(|s| !found.contains(s)), "{uk:?}");

    // Too little text says nothing (and costs no query).
    let (_, answer) = desk_post(
        &app,
        &writer,
        "/desk/read-also",
        &[("body", "Grain."), ("language", "en")],
    )
    .await;
    assert!(slugs(&answer).is_empty());

    // The edit page lists suggestions for the stored text, never the article itself.
    let editor = app.staff("editor").await;
    let id = article_id(app.store(), &first).await;
    let page = app
        .page_as(&editor.client, &format!("/desk/articles/{id}/edit"))
        .await;
    assert!(page.contains("class=\"read-also-suggestions\""), "{page}");
    assert!(page.contains("<code>[[read-also:"), "suggestions shown");
    assert!(
        !page.contains(&format!("<code>[[read-also:{first}]]</code>")),
        "not itself"
    );

    // Strangers and forms without the token get nothing.
    let r = app
        .client
        .post(app.url("/desk/read-also"))
        .form(&[("body", GRAIN)])
        .send()
        .await
        .expect("post");
    assert_ne!(r.status().as_u16(), 200);
    let r = writer
        .client
        .post(app.url("/desk/read-also"))
        .form(&[("body", GRAIN)])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403, "no CSRF token");
    app.stop().await;
}

byline_store::on_both_backends!(suggestions_come_from_the_text_and_stay_in_the_edition);
