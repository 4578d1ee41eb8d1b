//! Readers' error reports over HTTP on both backends: the link on articles, the no-JS
//! form page, posts as a form and as the dialog's fetch (JSON), the article named by URL,
//! path, id or slug with the version stored, every size limit, empty reports, bad article
//! references (garbage, unknown, a draft, another site), the honeypot, cross-site posts,
//! and the per-client limit's 429 with Retry-After.

mod common;

use byline_domain::{ArticleStatus, Slug};
use byline_store::testing::Backend;
use byline_store::ReportQuery;
use common::TestApp;

const ARTICLE: &str = "winter-aid-convoy-reaches-vesk";

/// Form fields, the field expected to carry the problem, and words of its message.
type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);

async fn post(app: &TestApp, fields: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(app.url("/corrections/report"))
        .form(fields)
        .send()
        .await
        .expect("post")
}

async fn post_json(app: &TestApp, fields: &[(&str, &str)]) -> (u16, serde_json::Value) {
    let r = app
        .client
        .post(app.url("/corrections/report"))
        .header("accept", "application/json")
        .form(fields)
        .send()
        .await
        .expect("post");
    let status = r.status().as_u16();
    (status, r.json().await.expect("json"))
}

async fn stored(app: &TestApp) -> Vec<byline_store::ErrorReport> {
    app.store
        .error_reports(&ReportQuery {
            limit: 100,
            ..ReportQuery::default()
        })
        .await
        .expect("reports")
}

async fn reports_are_filed_from_the_form_and_the_dialog(backend: Backend) {
    let app = TestApp::start(backend).await;
    let article = app
        .store
        .article(ARTICLE)
        .await
        .expect("read")
        .expect("demo article");
    let page = app.text(&format!("/articles/{ARTICLE}")).await.1;
    assert!(
        page.contains(&format!(
            r#"href="/corrections/report?article={ARTICLE}">Report an error</a>"#
        )),
        "the article links to the form"
    );
    let body_start = page.find(r#"<div class="article-body""#).expect("body");
    let link_at = page.find("Report an error").expect("link");
    assert!(
        link_at > body_start && page[body_start..link_at].contains("</div>"),
        "outside the body"
    );
    assert!(page.contains("/assets/report-") && page.contains("Select text and press Ctrl+Enter"));

    let (status, form) = app
        .text(&format!("/corrections/report?article={ARTICLE}"))
        .await;
    assert_eq!(status, 200);
    assert!(
        form.contains(&article.headline),
        "the form names the article"
    );
    assert!(form.contains(&format!(r#"name="revision" value="{}""#, article.version)));

    // The no-JS form: 303 to the thank-you page.
    let r = post(
        &app,
        &[
            ("article", ARTICLE),
            ("quote", "reached Vesk"),
            ("comment", "It reached Tarn."),
            ("email", "reader@example.org"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let location = r.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(
        location.starts_with("/corrections/report/sent"),
        "{location}"
    );
    let (status, thanks) = app.text(&location).await;
    assert_eq!(status, 200);
    assert!(
        thanks.contains("Your report has reached the editors"),
        "{thanks}"
    );

    // The dialog's fetch: JSON, the article by absolute URL, an older version named.
    let url = format!("http://news.example/articles/{ARTICLE}?utm=x#top");
    let (status, answer) = post_json(
        &app,
        &[
            ("article", url.as_str()),
            ("quote", "convoy"),
            ("comment", ""),
            ("email", ""),
            ("revision", "1"),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["ok"], true);
    assert!(answer["message"]
        .as_str()
        .expect("message")
        .contains("reached the editors"));

    // By path and by id, with the version defaulting to the current one.
    let path = format!("/articles/{ARTICLE}/");
    let id = article.id.to_string();
    for reference in [path.as_str(), id.as_str()] {
        let (status, answer) = post_json(
            &app,
            &[
                ("article", reference),
                ("comment", "A typo in the third paragraph."),
            ],
        )
        .await;
        assert_eq!(status, 200, "{reference}: {answer}");
    }
    let reports = stored(&app).await;
    assert_eq!(reports.len(), 4);
    assert!(reports
        .iter()
        .all(|r| r.article_id == article.id && r.state == byline_domain::ReportState::New));
    let first = reports.last().expect("oldest");
    assert_eq!(
        (first.quote.as_str(), first.comment.as_str()),
        ("reached Vesk", "It reached Tarn.")
    );
    assert_eq!(first.email.as_deref(), Some("reader@example.org"));
    assert_eq!(first.article_version, article.version);
    assert_eq!(reports[2].article_version, 1, "the version the page showed");
    assert_eq!(reports[2].email, None);
    assert_eq!(reports[0].article_version, article.version);
    app.stop().await;
}

async fn limits_and_bad_input_keep_the_text_and_store_nothing(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.report_limit = 1_000).await;
    let long_quote = "я".repeat(1_001);
    let long_comment = "c".repeat(3_001);
    let long_email = format!("{}@example.org", "a".repeat(250));
    let cases: Vec<Case<'_>> = vec![
        (
            vec![("article", ARTICLE), ("quote", &long_quote)],
            "quote",
            "At most 1000 characters",
        ),
        (
            vec![("article", ARTICLE), ("comment", &long_comment)],
            "comment",
            "At most 3000 characters",
        ),
        (
            vec![
                ("article", ARTICLE),
                ("comment", "x"),
                ("email", &long_email),
            ],
            "email",
            "At most 254 characters",
        ),
        (
            vec![
                ("article", ARTICLE),
                ("comment", "x"),
                ("email", "not-an-address"),
            ],
            "email",
            "not an email address",
        ),
        (
            vec![("article", ARTICLE), ("quote", "  "), ("comment", "")],
            "comment",
            "Quote the words",
        ),
    ];
    for (fields, field, message) in &cases {
        let (status, answer) = post_json(&app, fields).await;
        assert_eq!(status, 422, "{field}: {answer}");
        assert!(
            answer["errors"][field]
                .as_str()
                .unwrap_or_default()
                .contains(message),
            "{field}: {answer}"
        );
    }
    // The page form keeps what was typed.
    let r = post(
        &app,
        &[
            ("article", ARTICLE),
            ("comment", "Kept <text>"),
            ("email", "nope"),
        ],
    )
    .await;
    assert_eq!(r.status(), 422);
    let page = r.text().await.expect("body");
    assert!(
        page.contains("Kept &#60;text&#62;") || page.contains("Kept &lt;text&gt;"),
        "{page}"
    );
    assert!(page.contains(r#"aria-invalid="true""#));

    // Bad article references: garbage and other sites 422, unknown and drafts 404.
    let published = app
        .store
        .article(ARTICLE)
        .await
        .expect("read")
        .expect("article");
    let draft_slug = "unfinished-report-draft";
    let draft = byline_domain::ArticleDraft {
        slug: Slug::parse(draft_slug).expect("slug"),
        headline: "Unfinished".into(),
        standfirst: String::new(),
        body_markdown: "Not yet.".into(),
        section: published.section.slug.clone(),
        tags: vec![],
        authors: published.authors.iter().map(|a| a.slug.clone()).collect(),
        status: ArticleStatus::Draft,
        published_at: None,
        updated_at: None,
        dateline: String::new(),
        language: "en".into(),
        hero: None,
        editors_pick: false,
    };
    let saved = app.store.save_article(&draft).await.expect("draft");
    let draft_id = saved.id.to_string();
    for (reference, status) in [
        ("", 422),
        ("<script>", 422),
        ("/pages/about", 422),
        ("javascript:alert(1)", 422),
        (
            "https://evil.example/articles/winter-aid-convoy-reaches-vesk",
            422,
        ),
        ("no-such-article", 404),
        ("99999999", 404),
        (draft_slug, 404),
        (draft_id.as_str(), 404),
    ] {
        let r = post(&app, &[("article", reference), ("comment", "Still here")]).await;
        assert_eq!(r.status().as_u16(), status, "{reference:?}");
        assert!(
            r.text().await.expect("body").contains("Still here"),
            "{reference:?}: text kept"
        );
    }
    assert_eq!(
        app.get(&format!("/corrections/report?article={draft_slug}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get("/corrections/report?article=%3Cx%3E")
            .await
            .status(),
        422
    );
    assert_eq!(
        app.get("/corrections/report").await.status(),
        200,
        "a form asking for the address"
    );

    // A body over the cap.
    let huge = "x".repeat(40 * 1024);
    assert_eq!(
        post(&app, &[("article", ARTICLE), ("comment", &huge)])
            .await
            .status(),
        413
    );
    assert_eq!(stored(&app).await.len(), 0, "nothing stored");
    app.stop().await;
}

async fn bots_and_other_sites_are_turned_away(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.report_limit = 3).await;
    // The honeypot: a success answer, nothing stored.
    let r = post(
        &app,
        &[
            ("article", ARTICLE),
            ("comment", "spam"),
            ("website", "http://spam.example"),
        ],
    )
    .await;
    assert_eq!(r.status(), 303);
    let (status, answer) = post_json(
        &app,
        &[("article", ARTICLE), ("comment", "spam"), ("website", "x")],
    )
    .await;
    assert_eq!((status, answer["ok"].as_bool()), (200, Some(true)));
    assert_eq!(stored(&app).await.len(), 0);

    // Cross-site posts are refused as subscriptions are.
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
        ("origin", "null"),
    ] {
        let r = app
            .client
            .post(app.url("/corrections/report"))
            .header(name, value)
            .form(&[("article", ARTICLE), ("comment", "forged")])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status(), 403, "{name}: {value}");
    }
    let own_origin = app.url("");
    let r = app
        .client
        .post(app.url("/corrections/report"))
        .header("origin", own_origin.trim_end_matches('/'))
        .header("sec-fetch-site", "same-origin")
        .form(&[("article", ARTICLE), ("comment", "same origin")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 303, "the site's own form");
    assert_eq!(stored(&app).await.len(), 1);

    // The per-client limit (3 here, counting the posts above from 127.0.0.1): 429 with
    // Retry-After and the text kept.
    let mut limited = None;
    for _ in 0..5 {
        let r = post(&app, &[("article", ARTICLE), ("comment", "once more")]).await;
        if r.status() == 429 {
            limited = Some(r);
            break;
        }
    }
    let r = limited.expect("limited within five posts");
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!(retry > 0 && retry <= 600, "{retry}");
    let page = r.text().await.expect("body");
    assert!(
        page.contains("Too many reports") && page.contains("once more"),
        "{page}"
    );
    let (status, answer) = post_json(&app, &[("article", ARTICLE), ("comment", "json")]).await;
    assert_eq!(status, 429);
    assert!(answer["message"]
        .as_str()
        .expect("message")
        .contains("Too many reports"));
    app.stop().await;
}

byline_store::on_both_backends!(
    reports_are_filed_from_the_form_and_the_dialog,
    limits_and_bad_input_keep_the_text_and_store_nothing,
    bots_and_other_sites_are_turned_away,
);
