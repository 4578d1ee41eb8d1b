//! The public site with its language set to Ukrainian, on both backends: every page and
//! feed says `uk` (`<html lang>`, `Content-Language`, the feeds' language), dates use
//! Ukrainian month names, and no English catalog message shows on any of them (the News
//! Feed, live pages and the banner included).
//!
//! The newsroom is seeded here in Ukrainian (not the English demo), so any English left
//! on a page can only come from Byline itself.

use std::sync::Arc;
use std::time::Duration;

use byline::server::RunningServer;
use byline_domain::front_matter::parse_article;
use byline_domain::{
    BannerStyle, NewAuthor, NewBanner, NewFeedItem, NewLiveEntry, NewLivePage, NewPage, NewSection,
    SiteSettings,
};
use byline_i18n::leaks::leaks_of;
use byline_i18n::Lang;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{LiveWrite, Store};
use chrono::{TimeZone, Utc};

/// A server over a fresh database holding a small Ukrainian newsroom (site in English
/// until the test switches it).
struct Newsroom {
    server: RunningServer,
    store: Arc<dyn Store>,
    db: TestDatabase,
    client: reqwest::Client,
    _outbox: tempfile::TempDir,
}

/// A fetched page: status, `Content-Language` and body.
struct Fetched {
    status: u16,
    language: String,
    body: String,
}

fn settings(language: &str) -> SiteSettings {
    SiteSettings {
        name: "Полтавський вісник".into(),
        tagline: "Незалежна журналістика з Полтавщини".into(),
        language: language.into(),
        time_zone: "Europe/Kyiv".into(),
        excerpt_cap: 500,
        support_text: "Вісник існує завдяки читачам, а не власникам чи рекламодавцям.".into(),
        support_url: "/pages/pidtrymka".into(),
        copyright_holder: "Полтавський вісник".into(),
        ..SiteSettings::default()
    }
}

/// One article file; `n` makes the slug, headline and time distinct.
fn article(n: u32, section: &str, extra: &str) -> String {
    format!(
        "+++\n\
         slug = \"stattia-{n}\"\n\
         headline = \"Міська рада ухвалила бюджет на зиму, випуск {n}\"\n\
         standfirst = \"Депутати погодили видатки на укриття, генератори і ремонт тепломереж.\"\n\
         section = \"{section}\"\n\
         tags = [\"Бюджет 2027\"]\n\
         authors = [\"olena-koval\", \"redaktsiia\"]\n\
         dateline = \"Полтава\"\n\
         published_at = \"2026-11-{day:02}T07:40:00Z\"\n\
         language = \"uk\"\n\
         +++\n\n\
         Сесія тривала понад шість годин. Найбільше суперечок викликали видатки на ремонт котелень.\n\n\
         ## Що змінилося\n\n\
         Рада збільшила резервний фонд і доручила виконкому звітувати щомісяця.\n\n\
         {extra}\n",
        day = 20 + n,
    )
}

async fn seed(store: &dyn Store) {
    store
        .save_settings(&settings("en"))
        .await
        .expect("settings");
    for (position, (slug, name)) in [("novyny", "Новини"), ("kultura", "Культура")]
        .into_iter()
        .enumerate()
    {
        store
            .upsert_section(&NewSection {
                slug: slug.into(),
                name: name.into(),
                description: format!("{name}: перевірені матеріали нашої редакції."),
                position: i64::try_from(position).expect("small"),
            })
            .await
            .expect("section");
    }
    for (slug, name, kind) in [
        ("olena-koval", "Олена Коваль", "person"),
        ("redaktsiia", "Редакція новин", "desk"),
    ] {
        store
            .upsert_author(&NewAuthor {
                slug: slug.into(),
                name: name.into(),
                kind: kind.into(),
                bio: "Пише про місцеве самоврядування і бюджети громад.".into(),
                photo: String::new(),
            })
            .await
            .expect("author");
    }
    store
        .upsert_page(&NewPage {
            slug: "about".into(),
            title: "Про видання".into(),
            body: "Ми пишемо про Полтаву і громади області.\n\n## Наша редакція\n\nШестеро журналістів і двоє редакторів.".into(),
        })
        .await
        .expect("page");
    let now = Utc::now();
    for n in 1..=3 {
        let draft = parse_article(&article(n, "novyny", ""), now).expect("article parses");
        store.save_article(&draft).await.expect("article");
    }
    // The newest one reads also the first, so its page shows a "Read also" card.
    let draft = parse_article(&article(4, "novyny", "[[read-also:stattia-1]]"), now)
        .expect("article parses");
    store.save_article(&draft).await.expect("article");
    seed_live(store).await;
}

/// A News Feed item, a live page with a key event, and a banner, all in Ukrainian.
async fn seed_live(store: &dyn Store) {
    let write = LiveWrite::at(Utc::now());
    store
        .save_feed_item(
            None,
            &NewFeedItem {
                headline: "Україна отримала транш МВФ на 400 мільйонів".into(),
                body: "Кошти підуть на *соціальні виплати* і ремонт енергомереж.".into(),
                article: "stattia-1".into(),
                breaking: true,
                published: true,
                authors: vec!["olena-koval".into()],
                published_at: Some(
                    Utc.with_ymd_and_hms(2026, 11, 21, 15, 15, 0)
                        .single()
                        .expect("time"),
                ),
                ..NewFeedItem::default()
            },
            &write,
        )
        .await
        .expect("feed item");
    let live = store
        .save_live_page(
            None,
            &NewLivePage {
                slug: "ataka-na-poltavu".into(),
                headline: "Ракетна атака на Полтаву: хроніка".into(),
                summary: "- Працює протиповітряна оборона\n- Укриття відчинені".into(),
                edition: String::new(),
            },
            &write,
        )
        .await
        .expect("live page");
    store
        .save_live_entry(
            live.id,
            None,
            &NewLiveEntry {
                headline: "Вибухи в центрі міста".into(),
                body: "Мешканців просять залишатися в укриттях.".into(),
                key_event: true,
                published: true,
                authors: vec!["redaktsiia".into()],
                ..NewLiveEntry::default()
            },
            &write,
        )
        .await
        .expect("entry");
    store
        .set_banner(
            Some(&NewBanner {
                text: "Передзамовлення нашого першого журналу".into(),
                link: "/pages/about".into(),
                style: BannerStyle::Breaking,
                starts_at: None,
                ends_at: None,
            }),
            Utc::now(),
        )
        .await
        .expect("banner");
}

/// Writes `language` into the stored settings behind the store's back, as a value saved
/// before languages were validated would be.
async fn write_language_unchecked(backend: Backend, url: &str, language: &str) {
    let data = serde_json::to_string(&settings(language)).expect("settings JSON");
    let sql = "UPDATE site_settings SET data = $1 WHERE id = 1";
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await.expect("sqlite");
            sqlx::query(sql)
                .bind(data)
                .execute(&pool)
                .await
                .expect("update");
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await.expect("postgres");
            sqlx::query(sql)
                .bind(data)
                .execute(&pool)
                .await
                .expect("update");
            pool.close().await;
        }
    }
}

impl Newsroom {
    async fn start(backend: Backend) -> Self {
        Self::start_with_language(backend, None).await
    }

    /// With `unchecked_language` written straight into the database before the start.
    async fn start_with_language(backend: Backend, unchecked_language: Option<&str>) -> Self {
        let db = TestDatabase::create(backend).await.expect("test database");
        let store = db.store().await.expect("store");
        seed(store.as_ref()).await;
        if let Some(language) = unchecked_language {
            write_language_unchecked(backend, &db.url, language).await;
        }
        let outbox = tempfile::tempdir().expect("outbox");
        let config = byline::config::ServeConfig {
            addr: "127.0.0.1:0".into(),
            web: byline_web::WebConfig {
                base_url: "http://news.example".into(),
                change_poll: Duration::from_millis(100),
                page_size: 2,
                ..byline_web::WebConfig::default()
            },
            mail: byline_mail::MailConfig {
                smtp_url: None,
                outbox_dir: outbox.path().to_owned(),
                from_name: "Полтавський вісник".into(),
                from_address: "desk@news.example".into(),
            },
            ..byline::config::ServeConfig::default()
        };
        let mailer = byline::server::mailer(&config).expect("mailer");
        let server = byline::server::start(Arc::clone(&store), config, mailer)
            .await
            .expect("server");
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Self {
            server,
            store,
            db,
            client,
            _outbox: outbox,
        }
    }

    async fn fetch(&self, path: &str) -> Fetched {
        let r = self
            .client
            .get(format!("http://{}{path}", self.server.addr))
            .send()
            .await
            .expect("request");
        let status = r.status().as_u16();
        let language = r
            .headers()
            .get("content-language")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        Fetched {
            status,
            language,
            body: r.text().await.expect("body"),
        }
    }

    async fn stop(self) {
        self.server.task.abort();
        self.db.cleanup().await;
    }
}

/// What a reader sees or hears of an HTML page: text outside tags, scripts and styles,
/// and the attributes read out or shown (`alt`, `title`, `aria-label`, `placeholder`, a
/// description's `content`).
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let tag_and_after = &rest[open..];
        let close = tag_and_after
            .find('>')
            .map_or(tag_and_after.len(), |c| c + 1);
        let tag = &tag_and_after[..close];
        for name in ["alt", "title", "aria-label", "placeholder"] {
            out.push_str(&attribute(tag, name));
            out.push(' ');
        }
        if tag.contains("name=\"description\"") {
            out.push_str(&attribute(tag, "content"));
        }
        rest = &tag_and_after[close..];
        for element in ["script", "style"] {
            if tag.starts_with(&format!("<{element}")) {
                let end = format!("</{element}>");
                rest = rest.find(&end).map_or("", |e| &rest[e + end.len()..]);
            }
        }
    }
    out.push_str(rest);
    out
}

fn attribute(tag: &str, name: &str) -> String {
    let marker = format!(" {name}=\"");
    tag.find(&marker)
        .and_then(|at| {
            let value = &tag[at + marker.len()..];
            value.find('"').map(|end| value[..end].to_owned())
        })
        .unwrap_or_default()
}

/// Text of the XML elements of a feed (tags stripped).
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in xml.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every string value of a JSON document, keys left out.
fn json_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

fn assert_no_english(path: &str, text: &str) {
    let leaks = leaks_of(Lang::En, text);
    assert!(leaks.is_empty(), "{path} shows English: {leaks:?}\n{text}");
}

/// Asserts a Ukrainian HTML page and returns its body.
fn assert_ukrainian_page(path: &str, page: &Fetched, status: u16) {
    assert_eq!(page.status, status, "{path}: {}", page.body);
    assert_eq!(page.language, "uk", "{path}: Content-Language");
    assert!(
        page.body.contains("<html lang=\"uk\">"),
        "{path}: <html lang>"
    );
    assert_no_english(path, &visible_text(&page.body));
}

async fn every_public_page_and_feed_is_in_ukrainian(backend: Backend) {
    let app = Newsroom::start(backend).await;

    // English first, so the cache holds English pages the switch must drop.
    let home = app.fetch("/").await;
    assert_eq!(home.status, 200);
    assert_eq!(home.language, "en");
    assert!(home.body.contains("<html lang=\"en\">"));
    assert!(home.body.contains("Skip to content"), "{}", home.body);
    assert!(
        !leaks_of(Lang::En, &visible_text(&home.body)).is_empty(),
        "the leak check sees the English page"
    );

    app.store
        .save_settings(&settings("uk"))
        .await
        .expect("switch to Ukrainian");
    let mut home = app.fetch("/").await;
    for _ in 0..50 {
        if home.body.contains("<html lang=\"uk\">") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        home = app.fetch("/").await;
    }
    assert_ukrainian_page("/", &home, 200);
    for words in [
        "Перейти до змісту",
        "Останнє",
        "Стрічка новин",
        "хвилина читання",
    ] {
        assert!(home.body.contains(words), "home lacks {words}");
    }
    // The News Feed's short dates and the cards' long ones use Ukrainian month names.
    assert!(home.body.contains("лист."), "short month on the home page");
    assert!(
        home.body.contains("листопада 2026"),
        "long month on the home page"
    );

    let article = app.fetch("/articles/stattia-4").await;
    assert_ukrainian_page("/articles/stattia-4", &article, 200);
    for words in [
        "24 листопада 2026, 09:40 EET",
        "Автори:",
        " і <a href=\"/authors/redaktsiia\"",
        "Читайте також",
        "aria-label=\"Посилання на цей розділ\"",
        "Поділитися статтею",
        "Ел. пошта",
    ] {
        assert!(article.body.contains(words), "article lacks {words}");
    }

    let tag = article
        .body
        .split("href=\"/tags/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|slug| format!("/tags/{slug}"))
        .expect("a tag link on the article");
    for (path, words) in [
        ("/sections/novyny", "Рубрика"),
        (tag.as_str(), "Тема"),
        ("/authors/olena-koval", "Автор"),
        ("/authors/redaktsiia", "Редакція"),
        ("/sections/novyny?page=2", "Сторінка 2 з 2"),
        ("/pages/about", "Востаннє оновлено"),
    ] {
        let page = app.fetch(path).await;
        assert_ukrainian_page(path, &page, 200);
        assert!(page.body.contains(words), "{path} lacks {words}");
    }
    let second = app.fetch("/sections/novyny?page=2").await;
    assert!(second.body.contains("← Новіші"));
    assert!(
        second.body.contains("(сторінка 2)"),
        "page title names the page"
    );

    let missing = app.fetch("/no-such-page").await;
    assert_ukrainian_page("/no-such-page", &missing, 404);
    assert!(missing.body.contains("Сторінку не знайдено"));
    assert!(missing.body.contains("Помилка 404"));
    let bad = app.fetch("/sections/novyny?page=abc").await;
    assert_ukrainian_page("/sections/novyny?page=abc", &bad, 400);
    assert!(bad.body.contains("має бути цілим числом"));

    let rss = app.fetch("/feed.xml").await;
    assert_eq!((rss.status, rss.language.as_str()), (200, "uk"));
    assert!(rss.body.contains("<language>uk</language>"));
    assert_no_english("/feed.xml", &xml_text(&rss.body));
    let atom = app.fetch("/atom.xml").await;
    assert_eq!((atom.status, atom.language.as_str()), (200, "uk"));
    assert!(atom.body.contains("xml:lang=\"uk\""));
    assert_no_english("/atom.xml", &xml_text(&atom.body));
    let json = app.fetch("/feed.json").await;
    assert_eq!((json.status, json.language.as_str()), (200, "uk"));
    let feed: serde_json::Value = serde_json::from_str(&json.body).expect("JSON Feed parses");
    assert_eq!(feed["language"], "uk");
    let mut strings = String::new();
    json_strings(&feed, &mut strings);
    assert_no_english("/feed.json", &strings);

    // Live coverage: the News Feed, an item's page, a live page, the index, the banner.
    let news = app.fetch("/news-feed").await;
    assert_ukrainian_page("/news-feed", &news, 200);
    for words in [
        "Стрічка новин",
        "Терміново",
        "Поширити",
        "субота, 21 листопада",
        "Термінова новина",
    ] {
        assert!(news.body.contains(words), "/news-feed lacks {words}");
    }
    let item = news
        .body
        .split("href=\"/news-feed/")
        .filter_map(|s| s.split('"').next())
        .find(|id| id.bytes().all(|b| b.is_ascii_digit()))
        .map(|id| format!("/news-feed/{id}"))
        .expect("a permalink");
    let own = app.fetch(&item).await;
    assert_ukrainian_page(&item, &own, 200);
    assert!(own.body.contains("Поширити це оновлення"));
    for (path, words) in [
        ("/live/ataka-na-poltavu", "Ключові події"),
        ("/live", "Онлайн-трансляції"),
    ] {
        let page = app.fetch(path).await;
        assert_ukrainian_page(path, &page, 200);
        assert!(page.body.contains(words), "{path} lacks {words}");
    }
    let news_rss = app.fetch("/news-feed/feed.xml").await;
    assert_eq!((news_rss.status, news_rss.language.as_str()), (200, "uk"));
    assert_no_english("/news-feed/feed.xml", &xml_text(&news_rss.body));

    // Cached pages keep their language: a hit answers with the same header.
    let again = app.fetch("/articles/stattia-4").await;
    assert_eq!(again.language, "uk");
    app.stop().await;
}

async fn an_unknown_stored_language_shows_the_site_in_english(backend: Backend) {
    let app = Newsroom::start_with_language(backend, Some("xx")).await;
    assert_eq!(app.store.settings().await.expect("settings").language, "xx");
    let home = app.fetch("/").await;
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Skip to content"), "{}", home.body);
    assert_eq!(home.language, "en");
    assert!(home.body.contains("<html lang=\"en\">"));
    app.stop().await;
}

byline_store::on_both_backends!(
    every_public_page_and_feed_is_in_ukrainian,
    an_unknown_stored_language_shows_the_site_in_english,
);
