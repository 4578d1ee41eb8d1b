//! A Ukrainian newsroom's newsletters on both backends: with the site language `uk` the
//! subscribe form, its errors, the notices, the confirmation mail (over a real SMTP sink)
//! and the preferences and unsubscribe pages are Ukrainian and show no English message.

mod common;

use std::time::Duration;

use byline_i18n::leaks::leaks_of;
use byline_i18n::Lang;
use byline_mail::sink::SmtpSink;
use byline_store::testing::Backend;
use common::TestApp;

/// Removes every `open … close` span.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        rest = rest[at..]
            .find(close)
            .map_or("", |end| &rest[at + end + close.len()..]);
    }
    out.push_str(rest);
    out
}

/// The text a reader sees or hears: text between tags, and the `placeholder`,
/// `aria-label`, `alt` and `title` attributes; scripts and styles left out.
fn visible_text(html: &str) -> String {
    let html = without(&without(html, "<script", "</script>"), "<style", "</style>");
    let mut text = String::with_capacity(html.len());
    let mut tag = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                for name in ["placeholder", "aria-label", "alt", "title"] {
                    let needle = format!(" {name}=\"");
                    if let Some(at) = tag.find(&needle) {
                        let value = &tag[at + needle.len()..];
                        text.push(' ');
                        text.push_str(value.split('"').next().unwrap_or(""));
                    }
                }
                tag.clear();
                text.push(' ');
            }
            _ if in_tag => tag.push(c),
            _ => text.push(c),
        }
    }
    text
}

/// Asserts that `html`, as a reader sees it, holds no English catalog message.
fn assert_no_english(what: &str, html: &str) {
    let leaks = leaks_of(Lang::En, &visible_text(html));
    assert!(leaks.is_empty(), "{what} shows English: {leaks:?}");
}

async fn in_ukrainian(app: &TestApp) {
    let mut site = app.store.settings().await.expect("settings");
    site.language = "uk".into();
    app.store.save_settings(&site).await.expect("save settings");
    app.eventually("/newsletters", |b| b.contains("Оберіть розсилки"))
        .await;
}

async fn subscribing_in_ukrainian_mails_a_ukrainian_confirmation(backend: Backend) {
    let sink = SmtpSink::start().await.expect("sink");
    let app = TestApp::start_full(backend, |_| {}, Some(sink.url())).await;
    in_ukrainian(&app).await;

    for path in ["/newsletters", "/newsletters/morning-briefing"] {
        let (status, page) = app.text(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("Адреса електронної пошти"), "{path}");
        assert!(
            page.contains("<button type=\"submit\">Підписатися</button>"),
            "{path}"
        );
        assert!(page.contains("політиці конфіденційності"), "{path}");
        assert_no_english(path, &page);
    }

    let post = |form: Vec<(&'static str, &'static str)>| {
        app.client
            .post(app.url("/newsletters/subscribe"))
            .form(&form)
            .send()
    };
    // Form errors come back in Ukrainian, next to the field.
    for (form, expected) in [
        (
            vec![("email", "not-an-address"), ("list", "morning-briefing")],
            "Введіть, будь ласка, правильну адресу електронної пошти.",
        ),
        (
            vec![("email", "a@b.example")],
            "Оберіть принаймні одну розсилку.",
        ),
        (
            vec![("email", "a@b.example"), ("list", "no-such-list")],
            "Розсилки `no-such-list` не існує.",
        ),
    ] {
        let r = post(form).await.expect("post");
        assert_eq!(r.status(), 400);
        let page = r.text().await.expect("body");
        assert!(page.contains(expected), "{expected}");
        assert!(page.contains("Перевірте, будь ласка, форму"));
        assert_no_english(expected, &page);
    }

    let r = post(vec![
        ("email", "chytachka@readers.example"),
        ("list", "morning-briefing"),
        ("list", "weekend-reads"),
    ])
    .await
    .expect("post");
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert!(page.contains("Перевірте пошту"));
    assert!(page.contains("Ми надіслали посилання для підтвердження на chytachka@readers.example."));
    assert_no_english("check your inbox", &page);

    // The confirmation mail: Ukrainian subject, text and HTML, through real SMTP.
    let mails = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    let subject = mail.header("Subject").expect("subject");
    assert!(
        subject.starts_with("Підтвердьте підписку на розсилки «"),
        "{subject}"
    );
    let text = mail.text_part().expect("text part");
    let html = mail.html_part().expect("html part");
    assert!(
        text.contains("Підтвердьте, будь ласка, що хочете отримувати"),
        "{text}"
    );
    assert!(text.contains("(воно діє 7 днів):"), "{text}");
    assert!(html.contains("<html lang=\"uk\">"));
    assert!(html.contains(">Підтвердити підписку</a>"));
    for part in [&subject, &text, &html] {
        assert_eq!(leaks_of(Lang::En, part), Vec::<String>::new(), "{part}");
    }

    // The link confirms, in Ukrainian, with the names joined the Ukrainian way.
    let link = text
        .lines()
        .find(|l| l.contains("/newsletters/confirm?token="))
        .expect("link on its own line")
        .trim()
        .to_owned();
    let (status, page) = app
        .text(link.trim_start_matches("http://news.example"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("Підписку оформлено"));
    assert!(page.contains(" і "), "two lists joined with «і»");
    assert_no_english("confirmed", &page);
    let (status, page) = app
        .text(link.trim_start_matches("http://news.example"))
        .await;
    assert_eq!(status, 400, "a used link is refused");
    assert!(page.contains("Посилання більше не діє"));
    assert_no_english("expired", &page);

    // Preferences and unsubscribing.
    let token = app
        .store
        .unsubscribe_token("chytachka@readers.example")
        .await
        .expect("token")
        .expect("subscriber");
    let prefs = format!("/newsletters/preferences?token={token}");
    let (status, page) = app.text(&prefs).await;
    assert_eq!(status, 200);
    assert!(page.contains("Оберіть розсилки для chytachka@readers.example."));
    assert!(page.contains("Відписатися від усіх розсилок"));
    assert_no_english("preferences", &page);
    let r = app
        .client
        .post(app.url(&prefs))
        .form(&[("list", "morning-briefing")])
        .send()
        .await
        .expect("save");
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert!(page.contains("Ваш вибір збережено."));
    assert_no_english("saved preferences", &page);

    let (status, page) = app
        .text(&format!("/newsletters/unsubscribe?token={token}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("<button type=\"submit\">Відписатися</button>"));
    assert_no_english("unsubscribe page", &page);
    let r = app
        .client
        .post(app.url(&format!("/newsletters/unsubscribe?token={token}")))
        .send()
        .await
        .expect("unsubscribe");
    assert_eq!(r.status(), 200);
    let page = r.text().await.expect("body");
    assert!(page.contains("На chytachka@readers.example більше не надходитимуть ці листи."));
    assert_no_english("unsubscribed", &page);
    let (status, page) = app.text("/newsletters/unsubscribe?token=nonsense").await;
    assert_eq!(status, 200, "the page only shows a button");
    assert_no_english("unsubscribe page", &page);
    let r = app
        .client
        .post(app.url("/newsletters/unsubscribe?token=nonsense"))
        .send()
        .await
        .expect("unsubscribe");
    assert_eq!(r.status(), 400);
    assert!(r.text().await.expect("body").contains("Невідоме посилання"));
    app.stop().await;
}

async fn refusals_are_ukrainian_pages_too(backend: Backend) {
    let app = TestApp::start_with(backend, |c| c.subscribe_limit = 1).await;
    in_ukrainian(&app).await;
    let post = || {
        app.client
            .post(app.url("/newsletters/subscribe"))
            .form(&[("email", "a@b.example"), ("list", "morning-briefing")])
    };
    let r = post()
        .header("Origin", "https://evil.example")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 403);
    let page = r.text().await.expect("body");
    assert!(page.contains("Підписки приймаємо лише з форм на цьому сайті."));
    assert_no_english("403", &page);
    let mut statuses = Vec::new();
    let mut last = String::new();
    for _ in 0..3 {
        let r = post().send().await.expect("post");
        statuses.push(r.status().as_u16());
        last = r.text().await.expect("body");
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    assert!(last.contains("Забагато запитів на підписку з вашої мережі."));
    assert_no_english("429", &last);
    app.stop().await;
}

byline_store::on_both_backends!(
    subscribing_in_ukrainian_mails_a_ukrainian_confirmation,
    refusals_are_ukrainian_pages_too,
);
