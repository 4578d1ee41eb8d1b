//! Articles, tags, sections, bylines and newsletters named in Ukrainian, Russian and Belarusian get
//! readable Latin slugs on every path (Admin API, desk form, `byline article add`), and
//! the public pages at those URLs are served. Both backends.

mod common;

use byline_domain::SiteSettings;
use byline_store::testing::Backend;
use common::TestApp;
use serde_json::{json, Value};

const HEADLINE: &str = "Заява про спільне угруповання військ";

/// The demo newsroom switched to Ukrainian, with a section named in Ukrainian.
async fn ukrainian_newsroom(backend: Backend) -> (TestApp, String) {
    let app = TestApp::start(backend).await;
    let settings = app.store.settings().await.expect("settings");
    app.store
        .save_settings(&SiteSettings {
            language: "uk".into(),
            ..settings
        })
        .await
        .expect("switch to Ukrainian");
    let token = app.staff("admin").await.token;
    let r = app
        .client
        .post(app.url("/api/admin/sections"))
        .bearer_auth(&token)
        .json(&json!({"name": "Війна", "description": "Новини з фронту"}))
        .send()
        .await
        .expect("create section");
    assert_eq!(r.status(), 201, "a section named only in Cyrillic");
    let section: Value = r.json().await.expect("json");
    assert_eq!(section["slug"], "viina");
    let r = app
        .client
        .post(app.url("/api/admin/authors"))
        .bearer_auth(&token)
        .json(&json!({"name": "Юрій Шевчук", "kind": "person"}))
        .send()
        .await
        .expect("create byline");
    assert_eq!(r.status(), 201, "a byline named only in Cyrillic");
    assert_eq!(
        r.json::<Value>().await.expect("json")["slug"],
        "yurii-shevchuk"
    );
    (app, token)
}

async fn served(app: &TestApp, path: &str, text: &str) {
    app.eventually(path, |body| body.contains(text)).await;
    assert_eq!(app.get(path).await.status(), 200, "{path}");
}

async fn admin_api_derives_slugs_from_cyrillic(backend: Backend) {
    let (app, token) = ukrainian_newsroom(backend).await;
    let post = |body: Value| {
        app.client
            .post(app.url("/api/admin/articles"))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    let r = post(json!({
        "headline": HEADLINE,
        "body": "Текст заяви.",
        "section": "viina",
        "tags": ["Гроші", "Київ"],
        "authors": ["yurii-shevchuk"],
        "status": "published",
    }))
    .await
    .expect("post");
    let text = r.text().await.expect("body");
    let created: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(
        created["slug"], "zaiava-pro-spilne-uhrupovannia-viisk",
        "{created}"
    );
    assert_eq!(
        created["url"],
        "http://news.example/articles/zaiava-pro-spilne-uhrupovannia-viisk"
    );
    let article = app
        .store
        .article("zaiava-pro-spilne-uhrupovannia-viisk")
        .await
        .expect("get")
        .expect("saved");
    let mut tags: Vec<_> = article.tags.iter().map(|t| t.slug.as_str()).collect();
    tags.sort_unstable();
    assert_eq!(tags, ["hroshi", "kyiv"]);

    // Russian and Belarusian headlines by their own romanisations.
    for (headline, language, slug) in [
        ("Объявление о выборах", "ru", "obyavleniye-o-vyborakh"),
        ("Навіны з Гомеля", "be", "naviny-z-homelya"),
    ] {
        let r = post(
            json!({"headline": headline, "language": language, "body": "Текст.",
            "section": "viina", "authors": ["news-desk"], "status": "published"}),
        )
        .await
        .expect("post");
        assert_eq!(r.status(), 201, "{headline}");
        assert_eq!(r.json::<Value>().await.expect("json")["slug"], slug);
    }
    // A hand-typed slug still wins; a headline of symbols alone is a clear 422.
    let r = post(
        json!({"headline": "Щастя", "slug": "happiness", "body": "x",
        "section": "viina", "authors": ["news-desk"]}),
    )
    .await
    .expect("post");
    assert_eq!(r.json::<Value>().await.expect("json")["slug"], "happiness");
    let r = post(
        json!({"headline": "!!! — ???", "body": "x", "section": "viina",
        "authors": ["news-desk"]}),
    )
    .await
    .expect("post");
    assert_eq!(r.status(), 422);
    let errors: Value = r.json().await.expect("json");
    assert!(errors["fields"]["headline"].is_string(), "{errors}");

    served(
        &app,
        "/articles/zaiava-pro-spilne-uhrupovannia-viisk",
        HEADLINE,
    )
    .await;
    served(&app, "/tags/hroshi", HEADLINE).await;
    served(&app, "/sections/viina", HEADLINE).await;
    served(&app, "/authors/yurii-shevchuk", HEADLINE).await;
    served(
        &app,
        "/articles/obyavleniye-o-vyborakh",
        "Объявление о выборах",
    )
    .await;
    app.stop().await;
}

async fn desk_form_derives_slugs_from_cyrillic(backend: Backend) {
    let (app, _) = ukrainian_newsroom(backend).await;
    let editor = app.staff("editor").await;
    let csrf = app.csrf(&editor.client, "/desk/articles/new").await;
    let r = editor
        .client
        .post(app.url("/desk/articles"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("headline", "Щастя повертається додому"),
            ("section", "viina"),
            ("authors", "news-desk"),
            ("body", "Світло є."),
            ("tags", "Згорани, Розгон"),
            ("language", "uk"),
            ("intent", "publish"),
        ])
        .send()
        .await
        .expect("create");
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let article = app
        .store
        .article("shchastia-povertaietsia-dodomu")
        .await
        .expect("get")
        .expect("saved under the derived slug");
    let mut tags: Vec<_> = article.tags.iter().map(|t| t.slug.as_str()).collect();
    tags.sort_unstable();
    assert_eq!(tags, ["rozghon", "zghorany"]);

    // A newsletter named in Ukrainian, slug left empty.
    let csrf = app.csrf(&editor.client, "/desk/newsletters").await;
    let r = editor
        .client
        .post(app.url("/desk/newsletters/lists"))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("slug", ""),
            ("name", "Ранковий лист"),
            ("description", "Головне за ніч."),
            ("sender_name", "Редакція"),
            ("sender_address", "ranok@news.example"),
            ("position", "4"),
        ])
        .send()
        .await
        .expect("create list");
    assert_eq!(r.status(), 200);
    assert!(app
        .store
        .newsletter("rankovyi-lyst")
        .await
        .expect("get")
        .is_some());

    served(
        &app,
        "/articles/shchastia-povertaietsia-dodomu",
        "Щастя повертається додому",
    )
    .await;
    served(&app, "/tags/zghorany", "Щастя повертається додому").await;
    app.stop().await;
}

async fn cli_import_derives_slugs_from_cyrillic(backend: Backend) {
    let (app, _) = ukrainian_newsroom(backend).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("znamianka.md");
    std::fs::write(
        &file,
        "+++\nheadline = \"Юрій Їжакевич про Знам'янку\"\nsection = \"viina\"\nauthors = [\"news-desk\"]\n\
         tags = [\"Щастя\"]\nlanguage = \"uk\"\n+++\nРозповідь.\n",
    )
    .expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(["article", "add"])
        .arg(&file)
        .args(["--database-url", &app.db.url])
        .env("BYLINE_LOG", "off")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("byline article add");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("/articles/yurii-yizhakevych-pro-znamianku"),
        "{stdout}"
    );
    served(
        &app,
        "/articles/yurii-yizhakevych-pro-znamianku",
        "Юрій Їжакевич про Знам",
    )
    .await;
    served(&app, "/tags/shchastia", "Юрій Їжакевич про Знам").await;
    served(&app, "/sections/viina", "Юрій Їжакевич про Знам").await;
    app.stop().await;
}

byline_store::on_both_backends!(
    admin_api_derives_slugs_from_cyrillic,
    desk_form_derives_slugs_from_cyrillic,
    cli_import_derives_slugs_from_cyrillic,
);
