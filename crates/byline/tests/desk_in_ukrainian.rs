//! The desk in a staff member's own language, on both backends: a member who picks
//! Ukrainian on the account page sees every desk page in Ukrainian (`<html lang="uk">`,
//! no English catalog message in the visible text); an unknown code is a form error; the
//! sign-in page, before anyone is known, speaks the site's language. The live-coverage
//! pages (News Feed, live pages, banner) are among those read.

mod common;

use byline_i18n::leaks::leaks_of;
use byline_i18n::Lang;
use byline_store::testing::Backend;
use common::desk::csrf_in;
use common::TestApp;

/// What a reader of the page sees or hears: text between tags and the attributes screen
/// readers announce, without scripts, styles and the text being edited (textareas).
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        let tag_and_after = &rest[lt..];
        let end = tag_and_after
            .find('>')
            .map_or(tag_and_after.len(), |e| e + 1);
        let tag = &tag_and_after[..end];
        for attr in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\""] {
            if let Some(at) = tag.find(attr) {
                let value = &tag[at + attr.len()..];
                out.push_str(value.split('"').next().unwrap_or(""));
                out.push(' ');
            }
        }
        rest = &tag_and_after[end..];
        for skipped in ["<script", "<style", "<textarea"] {
            if tag.starts_with(skipped) {
                let close = format!("</{}>", &skipped[1..]);
                rest = rest.find(&close).map_or("", |c| &rest[c + close.len()..]);
            }
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

/// The `headline = "…"` lines of the demo newsroom's articles (escaped as pages show them
/// after `visible_text`).
fn demo_headlines() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/articles");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("demo articles").flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for line in text.lines() {
            if let Some(rest) = line.strip_prefix("headline = \"") {
                out.push(rest.trim_end_matches('"').replace("\\\"", "\""));
            }
        }
    }
    assert!(!out.is_empty(), "no demo headlines found");
    out
}

/// Fails unless the page is in Ukrainian with no English message. Data is left out:
/// `people` (the test's staff) and file names such as `author-ilse-varn.svg`.
fn assert_ukrainian(path: &str, html: &str, people: &[&str]) {
    assert!(
        html.contains("<html lang=\"uk\">"),
        "{path}: not in Ukrainian:\n{html}"
    );
    let mut text = visible_text(html);
    for person in people {
        text = text.replace(person, " ");
    }
    let is_file_name = |w: &str| {
        w.rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && (2..=4).contains(&ext.len()))
    };
    let text: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !is_file_name(w))
        .collect();
    let text = text.join(" ");
    let leaks = leaks_of(Lang::En, &text);
    assert!(leaks.is_empty(), "{path} shows English: {leaks:?}");
}

async fn a_staff_member_who_picks_ukrainian_gets_the_desk_in_ukrainian(backend: Backend) {
    let app = TestApp::start(backend).await;
    let editor = app.staff("editor").await;
    let account = app.page_as(&editor.client, "/desk/account").await;
    assert!(account.contains("<html lang=\"en\">"), "English by default");
    assert!(account.contains("Language of the desk"), "{account}");
    let csrf = csrf_in(&account).expect("csrf");

    // An unknown code is a clear error by the picker, and nothing changes.
    let r = editor
        .client
        .post(app.url("/desk/account/language"))
        .form(&[("_csrf", csrf.as_str()), ("language", "xx")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 400);
    let body = r.text().await.expect("body");
    assert!(
        body.contains("“xx” is not a language Byline ships. Choose one of: en, uk."),
        "{body}"
    );
    assert!(body.contains("aria-invalid=\"true\""));
    let member = app
        .store()
        .staff_by_email(&editor.email)
        .await
        .expect("staff")
        .expect("exists");
    assert_eq!(member.language, Lang::En);

    let r = editor
        .client
        .post(app.url("/desk/account/language"))
        .form(&[("_csrf", csrf.as_str()), ("language", "uk")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 200);
    let body = r.text().await.expect("body");
    assert!(
        body.contains("Тепер редакція говорить українською."),
        "{body}"
    );
    let people = [editor.email.as_str(), "Test editor"];
    assert_ukrainian("/desk/account (after saving)", &body, &people);
    // The demo newsroom's headlines are English content, not the desk's words.
    let headlines = demo_headlines();
    let data: Vec<&str> = people
        .iter()
        .copied()
        .chain(headlines.iter().map(String::as_str))
        .collect();

    let list = app.page_as(&editor.client, "/desk/").await;
    let edit_link = list
        .split("href=\"/desk/articles/")
        .filter_map(|s| s.split('"').next())
        .find(|s| s.ends_with("/edit"))
        .map(|s| format!("/desk/articles/{s}"))
        .expect("an article in the list");
    // Live coverage with a row of each kind, so their buttons and marks are read too.
    let live_desk = live_coverage_in_ukrainian(&app).await;
    // The list last: its times come from the shared TimeView (month names).
    for path in [
        "/desk/?bin=1",
        "/desk/articles/new",
        edit_link.as_str(),
        "/desk/media",
        "/desk/newsletters",
        "/desk/news-feed",
        "/desk/live",
        live_desk.as_str(),
        "/desk/banner",
        "/desk/account",
        "/desk/",
    ] {
        let html = app.page_as(&editor.client, path).await;
        assert_ukrainian(path, &html, &data);
    }
    let new = app.page_as(&editor.client, "/desk/articles/new").await;
    assert!(new.contains("Нова стаття") && new.contains("Зберегти чернетку"));
    assert!(list.contains("<h1>Статті</h1>"), "{list}");
    app.stop().await;
}

/// A News Feed draft, a live page and one key-event entry with Ukrainian text (content,
/// not the desk's words); the live page's desk path.
async fn live_coverage_in_ukrainian(app: &TestApp) -> String {
    let write = byline_store::LiveWrite::at(chrono::Utc::now());
    let item = byline_domain::NewFeedItem {
        headline: "Транш МВФ надійшов".into(),
        breaking: true,
        authors: vec!["news-desk".into()],
        ..Default::default()
    };
    app.store()
        .save_feed_item(None, &item, &write)
        .await
        .expect("item");
    let page = byline_domain::NewLivePage {
        headline: "Атака на Київ".into(),
        summary: "- Працює ППО".into(),
        ..Default::default()
    };
    let live = app
        .store()
        .save_live_page(None, &page, &write)
        .await
        .expect("live page");
    let entry = byline_domain::NewLiveEntry {
        body: "Вибухи на лівому березі.".into(),
        key_event: true,
        published: true,
        ..Default::default()
    };
    app.store()
        .save_live_entry(live.id, None, &entry, &write)
        .await
        .expect("entry");
    format!("/desk/live/{}", live.id)
}

async fn the_sign_in_page_speaks_the_sites_language(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (_, english) = app.text("/desk/login").await;
    assert!(english.contains("<html lang=\"en\">"));
    assert!(english.contains("autocomplete=\"email\""), "SC 1.3.5");
    let mut site = app.store().settings().await.expect("settings");
    site.language = "uk".into();
    app.store().save_settings(&site).await.expect("save");
    app.server.state.invalidate(&["site".to_owned()]);
    for path in ["/desk/login", "/desk/password/forgot"] {
        let (status, html) = app.text(path).await;
        assert_eq!(status, 200);
        assert_ukrainian(path, &html, &[]);
    }
    // A failed sign-in answers in Ukrainian too.
    let client = app.browser();
    let r = app
        .sign_in(&client, "nobody@news.example", "wrong password", "")
        .await;
    assert_eq!(r.status(), 401);
    let html = r.text().await.expect("body");
    assert!(html.contains("Електронна пошта, пароль або код автентифікації неправильні."));
    assert_ukrainian("/desk/login (failed)", &html, &[]);
    app.stop().await;
}

byline_store::on_both_backends!(
    a_staff_member_who_picks_ukrainian_gets_the_desk_in_ukrainian,
    the_sign_in_page_speaks_the_sites_language,
);
