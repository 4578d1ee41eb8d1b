//! Public revision history: only published revisions are listed, any two compare word by
//! word, `/history/{n}` shows a revision against the one before it, bad revision numbers
//! are a 400 or 404 page (never a 500), and a revision excluded by an admin (with a
//! recorded reason) shows its notice instead of its text on every public page.

mod common;

use byline_store::testing::Backend;
use common::audit::{assert_audited, desk_post};
use common::TestApp;
use serde_json::json;

const SLUG: &str = "ferry-timetable-changes";
const HISTORY: &str = "/articles/ferry-timetable-changes/history";

/// Saves: v1 and v2 drafts, v3 published, v4 published (with a word only it has), v5
/// published with a new headline. Returns the article id.
async fn five_revisions(app: &TestApp) -> i64 {
    let editor = app.api_as("editor").await;
    let (status, body) = editor
        .post(
            "/api/admin/articles",
            json!({"slug": SLUG, "headline": "Ferry timetable changes", "section": "news",
                   "authors": ["news-desk"], "body": "Draft words only."}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_i64().expect("id");
    let path = format!("/api/admin/articles/{id}");
    for (version, change) in [
        (1, json!({"body": "Second draft, never public."})),
        (
            2,
            json!({"status": "published", "body": "Ferries leave at nine on Monday.\n\nTickets cost five euros."}),
        ),
        (
            3,
            json!({"body": "Ferries leave at nine on Tuesday.\n\nTickets cost five euros via Zanzibar.", "update_note": "Corrected the day."}),
        ),
        (
            4,
            json!({"headline": "Ferry timetable changes again", "body": "Ferries leave at ten on Tuesday.\n\nTickets cost five euros."}),
        ),
    ] {
        let mut change = change;
        change["version"] = json!(version);
        let (status, body) = editor.patch(&path, change).await;
        assert_eq!(status, 200, "save {version}: {body}");
    }
    id
}

async fn history_lists_published_revisions_and_compares_any_two(backend: Backend) {
    let app = TestApp::start(backend).await;
    five_revisions(&app).await;
    let (status, article) = app.text(&format!("/articles/{SLUG}")).await;
    assert_eq!(status, 200);
    assert!(
        article.contains(&format!("href=\"{HISTORY}\">3 revisions</a>")),
        "linked near the dates"
    );

    let (status, list) = app.text(HISTORY).await;
    assert_eq!(status, 200);
    for v in [3, 4, 5] {
        assert!(
            list.contains(&format!("href=\"{HISTORY}/{v}\"")),
            "revision {v} listed"
        );
    }
    for v in [1, 2] {
        assert!(
            !list.contains(&format!("href=\"{HISTORY}/{v}\"")),
            "draft {v} not listed"
        );
    }
    assert!(!list.contains("never public"), "no draft text anywhere");
    assert!(list.contains("<caption>"), "the table has a caption");
    assert!(
        list.contains("Corrected the day."),
        "the update note of revision 4"
    );
    assert!(
        list.contains("name=\"from\"") && list.contains("name=\"to\""),
        "the GET form"
    );

    let (status, diff) = app.text(&format!("{HISTORY}?from=3&to=5")).await;
    assert_eq!(status, 200);
    assert!(
        diff.contains("[removed: </span>Monday.<span"),
        "removed word in a <del>: {diff}"
    );
    assert!(
        diff.contains("<del><span class=\"visually-hidden\">[removed: </span>nine"),
        "{diff}"
    );
    assert!(
        diff.contains("<ins><span class=\"visually-hidden\">[added: </span>ten"),
        "{diff}"
    );
    assert!(diff.contains("again"), "the headline change");
    assert!(diff.contains("added words are underlined"), "a text legend");

    let (status, page) = app.text(&format!("{HISTORY}/4")).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Changes from revision 3 to revision 4"),
        "{page}"
    );
    assert!(
        page.contains("<p>Tickets cost five euros via Zanzibar.</p>"),
        "its full text"
    );
    let (status, first) = app.text(&format!("{HISTORY}/3")).await;
    assert_eq!(status, 200);
    assert!(first.contains("first published revision"));

    for (path, expected) in [
        (format!("{HISTORY}/1"), 404),
        (format!("{HISTORY}/abc"), 404),
        (format!("{HISTORY}/99999999999999999999"), 404),
        (format!("{HISTORY}?from=abc&to=3"), 400),
        (format!("{HISTORY}?from=3"), 400),
        (format!("{HISTORY}?from=-1&to=3"), 400),
        (format!("{HISTORY}?from=99999999999&to=3"), 400),
        (format!("{HISTORY}?from=1&to=3"), 404),
        (format!("{HISTORY}?from=3&to=3&to=4"), 400),
        ("/articles/no-such-story/history".to_owned(), 404),
    ] {
        let (status, _) = app.text(&path).await;
        assert_eq!(status, expected, "{path}");
    }
    app.stop().await;
}

async fn an_excluded_revision_shows_its_notice_and_never_its_text(backend: Backend) {
    let app = TestApp::start(backend).await;
    let id = five_revisions(&app).await;
    // Warm the cached pages, so the exclusion must invalidate them.
    assert!(app
        .text(&format!("{HISTORY}/4"))
        .await
        .1
        .contains("Zanzibar"));
    assert!(app.text(HISTORY).await.1.contains("Corrected the day."));
    let exclude = format!("/desk/articles/{id}/revisions/exclude");

    let editor = app.staff("editor").await;
    let revisions = app
        .page_as(&editor.client, &format!("/desk/articles/{id}/revisions"))
        .await;
    assert!(
        !revisions.contains(&exclude),
        "no exclusion form for editors"
    );
    let (status, _) = desk_post(
        &app,
        &editor,
        &exclude,
        &[("version", "4"), ("reason", "Court order")],
    )
    .await;
    assert_eq!(status, 403, "editors may not exclude");

    let admin = app.staff("admin").await;
    let revisions = app
        .page_as(&admin.client, &format!("/desk/articles/{id}/revisions"))
        .await;
    assert!(
        revisions.contains(&exclude),
        "the admin's revisions view has the form"
    );
    for (fields, expected, what) in [
        (vec![("version", "4"), ("reason", "   ")], 400, "no reason"),
        (vec![("version", "4")], 400, "reason missing"),
        (
            vec![("version", "4"), ("reason", &"x".repeat(1001) as &str)],
            400,
            "reason too long",
        ),
        (
            vec![("version", "2"), ("reason", "Court order")],
            409,
            "never published",
        ),
        (
            vec![("version", "5"), ("reason", "Court order")],
            409,
            "the current version",
        ),
        (
            vec![("version", "four"), ("reason", "Court order")],
            400,
            "not a number",
        ),
    ] {
        let (status, body) = desk_post(&app, &admin, &exclude, &fields).await;
        assert_eq!(status, expected, "{what}: {body}");
    }
    let reason = "Court order 12/2026: a private address was published.";
    let (status, body) = desk_post(
        &app,
        &admin,
        &exclude,
        &[("version", "4"), ("reason", reason)],
    )
    .await;
    assert_eq!(status, 303, "{body}");
    assert_audited(
        app.store.as_ref(),
        &admin.email,
        "revision.exclude",
        SLUG,
        "desk",
    )
    .await;
    let (status, _) = desk_post(
        &app,
        &admin,
        &exclude,
        &[("version", "4"), ("reason", reason)],
    )
    .await;
    assert_eq!(status, 409, "already excluded");

    let page = app
        .eventually(&format!("{HISTORY}/4"), |b| {
            b.contains("was excluded from public history")
        })
        .await;
    assert!(page.contains(reason), "the reason is stated");
    assert!(
        !page.contains("Zanzibar"),
        "no text of the excluded revision"
    );
    let list = app
        .eventually(HISTORY, |b| b.contains("Revision 4 was excluded"))
        .await;
    assert!(list.contains(reason));
    assert!(
        !list.contains("Zanzibar") && !list.contains("Corrected the day."),
        "{list}"
    );
    assert!(
        !list.contains("<option value=\"4\""),
        "not offered for comparison"
    );

    // A comparison naming it compares around it; one spanning it never shows it.
    for query in ["?from=3&to=4", "?from=4&to=5", "?from=3&to=5"] {
        let (status, diff) = app.text(&format!("{HISTORY}{query}")).await;
        assert_eq!(status, 200, "{query}");
        assert!(!diff.contains("Zanzibar"), "{query} leaks nothing");
        assert!(
            diff.contains("Changes from revision"),
            "{query} still compares"
        );
    }
    let (_, around) = app.text(&format!("{HISTORY}?from=3&to=4")).await;
    assert!(
        around.contains("revision 5 is compared instead"),
        "{around}"
    );
    let (_, next) = app.text(&format!("{HISTORY}/5")).await;
    assert!(
        next.contains("Changes from revision 3 to revision 5"),
        "{next}"
    );
    assert!(!next.contains("Zanzibar"));

    // The revision row itself is kept, unchanged.
    let kept = app.store.revisions(id).await.expect("revisions");
    let v4 = kept
        .iter()
        .find(|r| r.version == 4)
        .and_then(|r| r.draft.clone());
    assert!(v4.is_some_and(|d| d.body_markdown.contains("Zanzibar")));
    app.stop().await;
}

byline_store::on_both_backends!(
    history_lists_published_revisions_and_compares_any_two,
    an_excluded_revision_shows_its_notice_and_never_its_text,
);
