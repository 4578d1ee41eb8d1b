//! Editions on both backends, on the demo newsroom (an English edition at the root and a
//! Ukrainian one under `/uk` with four translated articles): `<html lang>` and
//! `Content-Language` per edition, `hreflang` alternates with `x-default`, the language
//! switcher, per-edition home, feeds, sitemaps (`xhtml:link`), author pages and search,
//! and linking translations through the Admin API with the outdated marker.

mod common;

use byline_store::testing::Backend;
use common::TestApp;
use serde_json::json;

const EN: &str = "winter-aid-convoy-reaches-vesk";
const UK: &str = "konvoi-z-dopomohoiu-dosiah-veska";

/// Status, `Content-Language` and body of `path`.
async fn page(app: &TestApp, path: &str) -> (u16, String, String) {
    let r = app.get(path).await;
    let status = r.status().as_u16();
    let language = r
        .headers()
        .get("content-language")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, language, r.text().await.expect("body"))
}

fn alternate(hreflang: &str, href: &str) -> String {
    format!("<link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"http://news.example{href}\">")
}

/// `(hreflang, href)` of every `xhtml:link` under the `<url>` whose `<loc>` is `loc`.
fn sitemap_alternates(xml: &str, loc: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let Some(url) = doc.descendants().find(|n| {
        n.has_tag_name("url")
            && n.children()
                .any(|c| c.has_tag_name("loc") && c.text() == Some(loc))
    }) else {
        return Vec::new();
    };
    url.children()
        .filter(|c| c.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
        .map(|c| {
            (
                c.attribute("hreflang").unwrap_or_default().to_owned(),
                c.attribute("href").unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

async fn two_editions_side_by_side(backend: Backend) {
    let app = TestApp::start(backend).await;

    // The English home: its language, the alternates, the switcher to /uk.
    let (status, language, home) = page(&app, "/").await;
    assert_eq!((status, language.as_str()), (200, "en"));
    assert!(home.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for (lang, href) in [("en", "/"), ("uk", "/uk"), ("x-default", "/")] {
        assert!(home.contains(&alternate(lang, href)), "{lang} {href}");
    }
    assert!(home
        .contains("<a href=\"http://news.example/uk\" lang=\"uk\" hreflang=\"uk\">Українська</a>"));
    assert!(home.contains("viral video of a collapsing dam"));
    for uk_headline in [
        "Зимовий конвой",
        "Центробанк зберіг",
        "Національний оркестр",
    ] {
        assert!(
            !home.contains(uk_headline),
            "no Ukrainian article on the English home"
        );
    }

    // The Ukrainian home, with or without the trailing slash.
    for path in ["/uk", "/uk/"] {
        let (status, language, uk) = page(&app, path).await;
        assert_eq!((status, language.as_str()), (200, "uk"), "{path}");
        assert!(uk.contains("<html lang=\"uk\">"));
        assert!(uk.contains("Зимовий конвой"));
        assert!(uk.contains("Центробанк зберіг") && uk.contains("Національний оркестр"));
        assert!(
            !uk.contains("viral video of a collapsing dam"),
            "no English article on the Ukrainian home"
        );
        assert!(
            uk.contains(">Новини</a>"),
            "its own sections in the navigation"
        );
        assert!(uk.contains("action=\"/uk/search\""), "its own search");
        assert!(
            uk.contains("<a href=\"http://news.example/\" lang=\"en\" hreflang=\"en\">"),
            "switcher back"
        );
    }

    // An article and its translation point at each other; x-default is the English one.
    let (_, language, en) = page(&app, &format!("/articles/{EN}")).await;
    assert_eq!(language, "en");
    assert!(en.contains(&alternate("uk", &format!("/articles/{UK}"))));
    assert!(en.contains(&alternate("en", &format!("/articles/{EN}"))));
    assert!(en.contains(&alternate("x-default", &format!("/articles/{EN}"))));
    assert!(
        en.contains(&format!(
            "<a href=\"http://news.example/articles/{UK}\" lang=\"uk\""
        )),
        "the switcher links to the translation"
    );
    let (_, language, uk) = page(&app, &format!("/articles/{UK}")).await;
    assert_eq!(language, "uk");
    assert!(uk.contains("<html lang=\"uk\">"));
    assert!(uk.contains(&alternate("x-default", &format!("/articles/{EN}"))));
    assert!(uk.contains(&alternate("en", &format!("/articles/{EN}"))));
    // An article without a translation has no alternates, and its switcher goes home.
    let (_, _, alone) = page(&app, "/articles/parliament-opens-debate-on-winter-budget").await;
    assert!(!alone.contains("hreflang=\"x-default\""));
    assert!(alone.contains("<a href=\"/uk\" lang=\"uk\""));
    // Content with an edition of its own has one URL.
    assert_eq!(app.text(&format!("/uk/articles/{UK}")).await.0, 404);

    // Feeds per edition.
    let (_, _, feed) = page(&app, "/uk/feed.xml").await;
    let channel = rss::Channel::read_from(feed.as_bytes()).expect("the Ukrainian RSS parses");
    assert_eq!(channel.language(), Some("uk"));
    let links: Vec<&str> = channel.items().iter().filter_map(|i| i.link()).collect();
    assert_eq!(links.len(), 4, "{links:?}");
    assert!(links.contains(&format!("http://news.example/articles/{UK}").as_str()));
    let (_, _, feed) = page(&app, "/feed.xml").await;
    let channel = rss::Channel::read_from(feed.as_bytes()).expect("the English RSS parses");
    assert_eq!(channel.language(), Some("en"));
    assert!(channel
        .items()
        .iter()
        .all(|i| !i.link().unwrap_or_default().contains(UK)));

    // Sitemaps per edition, with xhtml:link alternates in both.
    let (_, _, index) = page(&app, "/uk/sitemap.xml").await;
    roxmltree::Document::parse(&index).expect("the index parses");
    assert!(index.contains("<loc>http://news.example/uk/sitemaps/articles-1.xml</loc>"));
    let (status, _, chunk) = page(&app, "/uk/sitemaps/articles-1.xml").await;
    assert_eq!(status, 200);
    let uk_loc = format!("http://news.example/articles/{UK}");
    let en_loc = format!("http://news.example/articles/{EN}");
    assert_eq!(
        sitemap_alternates(&chunk, &uk_loc),
        [
            ("uk".to_owned(), uk_loc.clone()),
            ("en".to_owned(), en_loc.clone())
        ]
    );
    assert!(
        !chunk.contains(&en_loc.replace("http", "<loc>http")),
        "English articles stay out"
    );
    let (_, _, chunk) = page(&app, "/sitemaps/articles-1.xml").await;
    assert_eq!(
        sitemap_alternates(&chunk, &en_loc),
        [
            ("en".to_owned(), en_loc.clone()),
            ("uk".to_owned(), uk_loc.clone())
        ]
    );
    assert!(
        sitemap_alternates(&chunk, &uk_loc).is_empty(),
        "not in the English chunk"
    );
    // A story published now is in its edition's news sitemap (the demo's are older).
    let (status, body) = app
        .api_as("editor")
        .await
        .post(
            "/api/admin/articles",
            json!({"headline": "Світло повернулося в Колдер", "body": "Текст.", "section": "novyny",
                   "language": "uk", "authors": ["news-desk"], "status": "published"}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    let news = app
        .eventually("/uk/sitemaps/news.xml", |b| {
            b.contains("Світло повернулося")
        })
        .await;
    roxmltree::Document::parse(&news).expect("the news sitemap parses");
    assert!(news.contains("<news:language>uk</news:language>"));
    assert!(!news.contains("<news:language>en</news:language>"));

    // Author pages per edition.
    let (status, language, author) = page(&app, "/uk/authors/news-desk").await;
    assert_eq!((status, language.as_str()), (200, "uk"));
    assert!(author.contains("Зимовий конвой"));
    assert!(!author.contains("Winter aid convoy"));

    // Search per edition.
    let hits = |body: &str| -> Vec<String> {
        let v: serde_json::Value = serde_json::from_str(body).expect("json");
        v["results"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|h| h["url"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut found = Vec::new();
    for _ in 0..100 {
        found = hits(
            &app.text("/uk/api/search?q=%D0%BA%D0%BE%D0%BD%D0%B2%D0%BE%D0%B9")
                .await
                .1,
        );
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(found, [format!("http://news.example/articles/{UK}")]);
    let english = hits(&app.text("/api/search?q=convoy").await.1);
    assert!(english.iter().all(|u| !u.contains(UK)), "{english:?}");
    app.stop().await;
}

async fn translations_are_linked_through_the_api(backend: Backend) {
    let app = TestApp::start(backend).await;
    let api = app.api_as("editor").await;
    let create = |headline: &str, section: &str, language: &str| {
        json!({"headline": headline, "body": "Text.", "section": section, "language": language,
               "authors": ["news-desk"], "status": "published"})
    };
    let (status, en) = api
        .post(
            "/api/admin/articles",
            create("Harbour ferry resumes", "news", "en"),
        )
        .await;
    assert_eq!(status, 201, "{en}");
    let (status, uk) = api
        .post(
            "/api/admin/articles",
            create("Пором знову курсує", "novyny", "uk"),
        )
        .await;
    assert_eq!(status, 201, "{uk}");
    let (en_id, uk_id) = (
        en["id"].as_i64().expect("id"),
        uk["id"].as_i64().expect("id"),
    );
    let (en_slug, uk_slug) = (
        en["slug"].as_str().expect("slug"),
        uk["slug"].as_str().expect("slug"),
    );

    // Refusals name the field and change nothing.
    let (status, body) = api
        .put(
            &format!("/api/admin/articles/{uk_id}/translation"),
            json!({"source": "no-such"}),
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["fields"]["translation_of"].is_string(), "{body}");
    let (status, body) = api
        .put(
            &format!("/api/admin/articles/{uk_id}/translation"),
            json!({"source": UK}),
        )
        .await;
    assert_eq!(status, 422, "same edition: {body}");
    let (status, body) = api
        .put(
            &format!("/api/admin/articles/{uk_id}/translation"),
            json!({"sorce": en_slug}),
        )
        .await;
    assert!(
        status == 400 || status == 422,
        "unknown field: {status} {body}"
    );
    let (_, list) = api
        .get(&format!("/api/admin/articles/{en_id}/translation"))
        .await;
    assert_eq!(list, json!([]));

    let (status, body) = api
        .put(
            &format!("/api/admin/articles/{uk_id}/translation"),
            json!({"source": en_slug}),
        )
        .await;
    assert_eq!(status, 204, "{body}");
    let (_, list) = api
        .get(&format!("/api/admin/articles/{en_id}/translation"))
        .await;
    assert_eq!(list[0]["slug"], uk_slug, "{list}");
    assert_eq!(list[0]["language"], "uk");
    assert_eq!(list[0]["outdated"], false);
    let uk_link = alternate("uk", &format!("/articles/{uk_slug}"));
    app.eventually(&format!("/articles/{en_slug}"), |p| p.contains(&uk_link))
        .await;

    // The original changes: its translation is now behind it.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (status, body) = api
        .patch(
            &format!("/api/admin/articles/{en_id}"),
            json!({"body": "Text, with a new paragraph.\n\nThe ferry runs hourly."}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, list) = api
        .get(&format!("/api/admin/articles/{en_id}/translation"))
        .await;
    assert_eq!(list[0]["outdated"], true, "{list}");
    assert_eq!(list[0]["original"], false, "{list}");
    let (_, list) = api
        .get(&format!("/api/admin/articles/{uk_id}/translation"))
        .await;
    assert_eq!(list[0]["original"], true, "{list}");
    assert_eq!(
        list[0]["outdated"], false,
        "the original is never behind: {list}"
    );

    // The desk shows the same, on both articles' translation pages.
    let editor = app.staff("editor").await;
    let desk = app
        .page_as(
            &editor.client,
            &format!("/desk/articles/{en_id}/translations"),
        )
        .await;
    assert!(
        desk.contains("Пором знову курсує") && desk.contains("Outdated"),
        "{desk}"
    );
    let desk = app
        .page_as(
            &editor.client,
            &format!("/desk/articles/{uk_id}/translations"),
        )
        .await;
    assert!(
        desk.contains("Harbour ferry resumes") && desk.contains("Original"),
        "{desk}"
    );
    assert!(
        desk.contains("class=\"translation-outdated\" role=\"status\""),
        "{desk}"
    );

    // A contributor cannot link someone else's article.
    let contributor = app.api_as("contributor").await;
    let (status, _) = contributor
        .put(
            &format!("/api/admin/articles/{uk_id}/translation"),
            json!({"source": en_slug}),
        )
        .await;
    assert!(status == 403 || status == 404, "{status}");

    assert_eq!(
        api.delete(&format!("/api/admin/articles/{uk_id}/translation"))
            .await,
        204
    );
    app.eventually(&format!("/articles/{en_slug}"), |p| !p.contains(&uk_link))
        .await;
    let (_, list) = api
        .get(&format!("/api/admin/articles/{en_id}/translation"))
        .await;
    assert_eq!(list, json!([]));

    // Without JavaScript, through the desk form, pasting the original's public address.
    let page = format!("/desk/articles/{uk_id}/translations");
    let csrf = app.csrf(&editor.client, &page).await;
    let r = editor
        .client
        .post(app.url(&page))
        .form(&[
            ("_csrf", csrf.as_str()),
            ("source", &format!("http://news.example/articles/{en_slug}")),
        ])
        .send()
        .await
        .expect("link");
    assert!(
        r.status().is_redirection() || r.status() == 200,
        "{}",
        r.status()
    );
    let (_, list) = api
        .get(&format!("/api/admin/articles/{en_id}/translation"))
        .await;
    assert_eq!(list[0]["slug"], uk_slug, "{list}");
    // Without the token it is refused and changes nothing.
    let r = editor
        .client
        .post(app.url(&format!("/desk/articles/{uk_id}/translations/unlink")))
        .form(&[("_csrf", "forged")])
        .send()
        .await
        .expect("unlink");
    assert_eq!(r.status(), 403);
    let (_, list) = api
        .get(&format!("/api/admin/articles/{en_id}/translation"))
        .await;
    assert_eq!(list[0]["slug"], uk_slug, "{list}");
    app.stop().await;
}

async fn editions_are_managed_by_admins(backend: Backend) {
    let app = TestApp::start(backend).await;
    let admin = app.api_as("admin").await;
    let editor = app.api_as("editor").await;
    let (status, list) = editor.get("/api/admin/editions").await;
    assert_eq!(status, 200);
    assert_eq!(list[0]["default"], true, "{list}");
    assert_eq!(list[1]["path_prefix"], "/uk", "{list}");

    let body = json!({"name": "Україна", "path_prefix": "/uk", "time_zone": "Europe/Kyiv"});
    let (status, _) = editor.put("/api/admin/editions/uk", body.clone()).await;
    assert_eq!(status, 403, "editors do not change editions");
    for (code, bad, field) in [
        (
            "de",
            json!({"name": "Deutsch", "path_prefix": "/de"}),
            "code",
        ),
        (
            "uk",
            json!({"name": "Україна", "path_prefix": "uk/"}),
            "path_prefix",
        ),
        (
            "uk",
            json!({"name": "Україна", "path_prefix": "/uk", "time_zone": "Mars/Base"}),
            "time_zone",
        ),
        (
            "en",
            json!({"name": "English", "path_prefix": "/en"}),
            "path_prefix",
        ),
    ] {
        let (status, answer) = admin.put(&format!("/api/admin/editions/{code}"), bad).await;
        assert_eq!(status, 422, "{code}: {answer}");
        assert!(answer["fields"][field].is_string(), "{field}: {answer}");
    }
    let (status, saved) = admin.put("/api/admin/editions/uk", body).await;
    assert_eq!(status, 200, "{saved}");
    app.eventually("/", |p| p.contains("hreflang=\"uk\">Україна</a>"))
        .await;

    // A section moved into the Ukrainian edition leaves the English navigation.
    let (status, _) = admin
        .put(
            "/api/admin/sections/culture/edition",
            json!({"edition": "uk"}),
        )
        .await;
    assert_eq!(status, 204);
    let in_nav = "<li><a href=\"/sections/culture\"";
    app.eventually("/uk", |p| p.contains(in_nav)).await;
    app.eventually("/", |p| !p.contains(in_nav)).await;
    let (status, answer) = admin
        .put(
            "/api/admin/sections/culture/edition",
            json!({"edition": "xx"}),
        )
        .await;
    assert_eq!(status, 422, "{answer}");
    app.stop().await;
}

byline_store::on_both_backends!(
    two_editions_side_by_side,
    translations_are_linked_through_the_api,
    editions_are_managed_by_admins
);
