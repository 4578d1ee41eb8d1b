//! News Feed items on the desk, on both backends, through the real forms with signed-in
//! clients and their CSRF tokens: an item posted as a plain form (redirect back, listed,
//! public at once) and by the desk script (JSON with the new row; a draft stays private);
//! errors next to the field for an empty headline and an oversized body; a stale edit is
//! a conflict with the text kept; delete;
//! a contributor's item is a draft and publishing is refused with the policy's message;
//! a form without its CSRF token is refused. Live pages and the banner:
//! `live_desk_pages.rs`.

mod common;

use byline_store::testing::Backend;
use common::audit::assert_audited;
use common::live_desk::{item_titled, post_form};
use common::TestApp;

async fn news_feed_items_from_the_desk(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let page = "/desk/news-feed";
    let list = app.page_as(&editor.client, page).await;
    assert!(list.contains("data-quick-post"), "{list}");
    assert!(list.contains("href=\"/desk/news-feed\""), "nav entry");

    // A plain form post: saved, redirected back with a notice, listed newest first.
    let fields = [
        ("headline", "IMF tranche arrives"),
        ("body", "The funds represent the **fourth** review."),
        ("authors", "news-desk"),
        ("breaking", "on"),
        ("intent", "publish"),
    ];
    let (status, location, _) = post_form(&app, &editor, page, page, &fields, false).await;
    assert_eq!(status, 303);
    assert!(location.starts_with("/desk/news-feed?saved="), "{location}");
    let item = item_titled(&app, "IMF tranche arrives")
        .await
        .expect("saved");
    assert!(item.published && item.breaking && !item.pinned);
    assert_eq!(item.authors[0].slug, "news-desk");
    // Readers see it at once: the News Feed and the item's own page.
    let public = app
        .eventually("/news-feed", |html| html.contains("IMF tranche arrives"))
        .await;
    assert!(public.contains("The funds represent the <strong>fourth</strong> review."));
    let (status, _) = app.text(&format!("/news-feed/{}", item.id)).await;
    assert_eq!(status, 200);
    let target = format!("feed-item:{}", item.id);
    assert_audited(
        app.store(),
        &editor.email,
        "feed_item.create",
        &target,
        "desk",
    )
    .await;
    let after = app.page_as(&editor.client, &location).await;
    assert!(
        after.contains("Published “IMF tranche arrives”."),
        "{after}"
    );
    assert!(after.contains(&format!("id=\"feed-item-{}\"", item.id)));

    // The desk script's post: JSON with the new row, which comes first in the list.
    let fields = [("headline", "Metro runs again"), ("intent", "draft")];
    let (status, _, body) = post_form(&app, &editor, page, page, &fields, true).await;
    assert_eq!(status, 201, "{body}");
    let saved: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(saved["published"], false);
    let html = saved["html"].as_str().expect("row");
    assert!(
        html.contains("Metro runs again") && html.contains("draft"),
        "{html}"
    );
    let id = saved["id"].as_i64().expect("id");
    let (status, _) = app.text(&format!("/news-feed/{id}")).await;
    assert_eq!(status, 404, "a draft is not public");
    let list = app.page_as(&editor.client, page).await;
    let newest = list.find(&format!("feed-item-{id}")).expect("listed");
    let older = list
        .find(&format!("feed-item-{}", item.id))
        .expect("listed");
    assert!(newest < older, "newest first");

    // Errors next to their fields, the writer's text kept; nothing written.
    let fields = [
        ("headline", "  "),
        ("body", "Kept text"),
        ("intent", "publish"),
    ];
    let (status, _, body) = post_form(&app, &editor, page, page, &fields, false).await;
    assert_eq!(status, 422);
    assert!(body.contains("id=\"fi-headline\" name=\"headline\" required maxlength=\"200\" value=\"  \" aria-invalid=\"true\" aria-describedby=\"fi-headline-error\""), "{body}");
    assert!(
        body.contains("<span id=\"fi-headline-error\" class=\"field-error\">"),
        "{body}"
    );
    assert!(body.contains(">Kept text</textarea>"));
    let long = "word ".repeat(500);
    let fields = [("headline", "Long"), ("body", long.as_str())];
    let (status, _, body) = post_form(&app, &editor, page, page, &fields, true).await;
    assert_eq!(status, 422, "{body}");
    let errors: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(errors["fields"]["body"], "must be at most 2000 characters");
    assert!(item_titled(&app, "Long").await.is_none(), "nothing written");

    // An edit against a stale version is a conflict; the text is kept.
    let edit = format!("/desk/news-feed/{}", item.id);
    let form = app.page_as(&editor.client, &edit).await;
    assert!(form.contains("name=\"version\" value=\"1\""), "{form}");
    let fields = [
        ("headline", "IMF tranche arrives in Kyiv"),
        ("version", "1"),
        ("intent", "save"),
    ];
    let (status, _, _) = post_form(&app, &editor, &edit, &edit, &fields, false).await;
    assert_eq!(status, 303);
    let fields = [("headline", "A stale edit"), ("version", "1")];
    let (status, _, body) = post_form(&app, &editor, &edit, &edit, &fields, false).await;
    assert_eq!(status, 409);
    assert!(
        body.contains("Someone changed it while you were editing"),
        "{body}"
    );
    assert!(body.contains("value=\"A stale edit\""));
    let stored = app
        .store()
        .feed_item(item.id)
        .await
        .expect("get")
        .expect("item");
    assert_eq!(stored.headline, "IMF tranche arrives in Kyiv");
    assert!(stored.published, "a save keeps the state");

    // Delete: gone, and its edit page is 404.
    let delete = format!("/desk/news-feed/{}/delete", item.id);
    let (status, location, _) = post_form(&app, &editor, page, &delete, &[], false).await;
    assert_eq!(status, 303);
    assert!(location.starts_with("/desk/news-feed?saved="));
    assert!(app.store().feed_item(item.id).await.expect("get").is_none());
    assert_audited(
        app.store(),
        &editor.email,
        "feed_item.delete",
        &target,
        "desk",
    )
    .await;
    let r = editor.client.get(app.url(&edit)).send().await.expect("get");
    assert_eq!(r.status(), 404);
    app.stop().await;
}

async fn contributors_draft_and_roles_are_the_workflows(backend: Backend) {
    let app = TestApp::start(backend).await;
    let contributor = app.staff("contributor").await;
    let page = "/desk/news-feed";
    let list = app.page_as(&contributor.client, page).await;
    assert!(
        !list.contains("value=\"publish\""),
        "no Publish button for a contributor"
    );
    assert!(
        !list.contains("href=\"/desk/banner\""),
        "no banner entry in the nav"
    );
    let fields = [("headline", "Sirens in Lviv"), ("intent", "draft")];
    let (status, _, _) = post_form(&app, &contributor, page, page, &fields, false).await;
    assert_eq!(status, 303);
    let item = item_titled(&app, "Sirens in Lviv").await.expect("saved");
    assert!(!item.published, "a contributor's item is a draft");
    let list = app.page_as(&contributor.client, page).await;
    assert!(list.contains("id=\"feed-drafts\"") && list.contains("Sirens in Lviv"));

    // Asking to publish anyway is refused with the policy's message, the text kept.
    let fields = [("headline", "Sirens in Odesa"), ("intent", "publish")];
    let (status, _, body) = post_form(&app, &contributor, page, page, &fields, false).await;
    assert_eq!(status, 403, "{body}");
    assert!(
        body.contains("Your role (contributor) may not publish, schedule or unpublish."),
        "{body}"
    );
    assert!(body.contains("value=\"Sirens in Odesa\""));
    assert!(item_titled(&app, "Sirens in Odesa").await.is_none());

    // Another writer's draft does not exist for a contributor.
    let author = app.staff("author").await;
    let fields = [("headline", "Author's draft"), ("intent", "draft")];
    post_form(&app, &author, page, page, &fields, false).await;
    let draft = item_titled(&app, "Author's draft").await.expect("saved");
    let r = contributor
        .client
        .get(app.url(&format!("/desk/news-feed/{}", draft.id)))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status(), 404);
    let list = app.page_as(&contributor.client, page).await;
    assert!(!list.contains("Author&#39;s draft") && !list.contains("Author's draft"));
    app.stop().await;
}

async fn forms_without_their_csrf_token_are_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    for (path, fields) in [
        ("/desk/news-feed", vec![("headline", "Forged")]),
        ("/desk/live", vec![("headline", "Forged")]),
        (
            "/desk/banner",
            vec![("text", "Forged"), ("style", "breaking")],
        ),
    ] {
        let mut forged = fields.clone();
        forged.push(("_csrf", "not-the-token"));
        for form in [fields, forged] {
            let r = editor
                .client
                .post(app.url(path))
                .form(&form)
                .send()
                .await
                .expect("post");
            assert_eq!(r.status(), 403, "{path}");
            let body = r.text().await.expect("body");
            assert!(
                body.contains("security token is missing or out of date"),
                "{path}: {body}"
            );
        }
    }
    assert!(item_titled(&app, "Forged").await.is_none());
    assert!(app
        .store()
        .live_pages(None, None, 10, 0)
        .await
        .expect("pages")
        .is_empty());
    assert!(app.store().banner().await.expect("get").is_none());
    app.stop().await;
}

byline_store::on_both_backends!(
    news_feed_items_from_the_desk,
    contributors_draft_and_roles_are_the_workflows,
    forms_without_their_csrf_token_are_refused,
);
