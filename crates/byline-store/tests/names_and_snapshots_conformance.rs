//! On both backends: slugs the store derives from Cyrillic names (sections, bylines,
//! newsletters, tags) in the outlet's language, and revision snapshots that stay readable
//! across formats, with one damaged snapshot listed as unreadable instead of failing all.

use std::sync::Arc;

use byline_domain::{ArticleDraft, ArticleStatus, NewAuthor, NewSection, SiteSettings, Slug};
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{NewNewsletter, SaveContext, StoreError, WriteMode};

async fn fresh(backend: Backend, language: &str) -> (Arc<dyn Store>, TestDatabase) {
    let db = TestDatabase::create(backend).await.expect("test database");
    let store = db.store().await.expect("store");
    store
        .save_settings(&SiteSettings {
            language: language.into(),
            ..SiteSettings::default()
        })
        .await
        .expect("settings");
    (store, db)
}

/// Runs one statement on the test database outside the store, as damage would.
async fn raw_sql(backend: Backend, db: &TestDatabase, sql: &str) {
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&db.url).await.expect("sqlite");
            // Damage comes from outside the application: past the immutability trigger.
            sqlx::query("DROP TRIGGER IF EXISTS article_revisions_immutable")
                .execute(&pool)
                .await
                .expect("lift the trigger");
            sqlx::query(sql).execute(&pool).await.expect("raw sql");
            pool.close().await;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&db.url).await.expect("postgres");
            sqlx::query(
                "ALTER TABLE article_revisions DISABLE TRIGGER article_revisions_immutable",
            )
            .execute(&pool)
            .await
            .expect("lift the trigger");
            sqlx::query(sql).execute(&pool).await.expect("raw sql");
            pool.close().await;
        }
    }
}

fn section(slug: &str, name: &str) -> NewSection {
    NewSection {
        slug: slug.into(),
        name: name.into(),
        description: String::new(),
        position: 0,
    }
}

fn draft(slug: &str, tags: &[&str], language: &str) -> ArticleDraft {
    ArticleDraft {
        slug: Slug::parse(slug).expect("slug"),
        headline: "Заява".into(),
        standfirst: String::new(),
        body_markdown: "Перший текст.".into(),
        section: "novyny".into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        authors: vec!["yurii-shevchuk".into()],
        status: ArticleStatus::Draft,
        published_at: None,
        updated_at: None,
        dateline: String::new(),
        language: language.into(),
        hero: None,
        editors_pick: false,
    }
}

async fn cyrillic_names_get_derived_slugs(backend: Backend) {
    let (store, db) = fresh(backend, "uk").await;
    let news = store
        .save_section(&section("", "Новини"), WriteMode::Create)
        .await
        .expect("section named in Ukrainian");
    assert_eq!(news.slug, "novyny");
    let typed = store
        .save_section(&section("frontline", "Фронт"), WriteMode::Create)
        .await
        .expect("typed slug");
    assert_eq!(typed.slug, "frontline", "a typed slug wins");
    assert!(matches!(
        store.save_section(&section("", "!!!"), WriteMode::Create).await,
        Err(StoreError::Invalid(f)) if f.field == "name"
    ));
    assert!(matches!(
        store
            .save_section(&section("", "Новини"), WriteMode::Create)
            .await,
        Err(StoreError::Conflict(_))
    ));

    let author = store
        .save_author(
            &NewAuthor {
                slug: String::new(),
                name: "Юрій Шевчук".into(),
                kind: "person".into(),
                bio: String::new(),
                photo: String::new(),
            },
            WriteMode::Create,
        )
        .await
        .expect("byline named in Ukrainian");
    assert_eq!(author.slug, "yurii-shevchuk");

    let list = store
        .save_newsletter(
            &NewNewsletter {
                slug: String::new(),
                name: "Ранковий лист".into(),
                description: String::new(),
                sender_name: String::new(),
                sender_address: String::new(),
                position: 0,
                edition: String::new(),
            },
            WriteMode::Create,
        )
        .await
        .expect("newsletter named in Ukrainian");
    assert_eq!(list.slug, "rankovyi-lyst");

    // Tags are romanised by the outlet's language, whatever the article's: `Гроші` is
    // `hroshi` on a Ukrainian site even under a Russian-language article.
    let saved = store
        .save_article(&draft("zaiava", &["Гроші", "Київ", "Гроші"], "ru"))
        .await
        .expect("article with Cyrillic tags");
    let mut tags: Vec<_> = saved.tags.iter().map(|t| t.slug.as_str()).collect();
    tags.sort_unstable();
    assert_eq!(tags, ["hroshi", "kyiv"]);
    assert_eq!(saved.section.slug, "novyny");
    db.cleanup().await;
}

async fn a_damaged_snapshot_is_listed_not_fatal(backend: Backend) {
    let (store, db) = fresh(backend, "uk").await;
    store
        .save_section(&section("", "Новини"), WriteMode::Create)
        .await
        .expect("section");
    store
        .save_author(
            &NewAuthor {
                slug: "yurii-shevchuk".into(),
                name: "Юрій Шевчук".into(),
                kind: "person".into(),
                bio: String::new(),
                photo: String::new(),
            },
            WriteMode::Create,
        )
        .await
        .expect("author");
    let ctx = |version: Option<i64>| SaveContext {
        expected_version: version,
        staff_id: None,
        staff_name: "Ada".into(),
        update_note: None,
        create: version.is_none(),
        correction: None,
    };
    let mut text = draft("zaiava", &[], "uk");
    let first = store.save_article_as(&text, &ctx(None)).await.expect("v1");
    for (n, body) in [(1, "Другий текст."), (2, "Третій текст.")] {
        text.body_markdown = body.into();
        store
            .save_article_as(&text, &ctx(Some(n)))
            .await
            .expect("next version");
    }
    let id = first.id;

    // Snapshots written by this build read back.
    let revisions = store.revisions(id).await.expect("revisions");
    assert!(revisions.iter().all(|r| r.draft.is_some()));

    // Version 1 as written before snapshots were versioned, without the fields added
    // since; version 2 damaged beyond reading.
    raw_sql(
        backend,
        &db,
        &format!(
            "UPDATE article_revisions SET snapshot = '{}' WHERE article_id = {id} AND version = 1",
            r#"{"slug":"zaiava","headline":"Стара заява","body_markdown":"Перший текст.","section":"novyny","authors":["yurii-shevchuk"],"status":"draft"}"#
        ),
    )
    .await;
    raw_sql(
        backend,
        &db,
        &format!(
            "UPDATE article_revisions SET snapshot = '{{\"headline\": 42' WHERE article_id = {id} AND version = 2"
        ),
    )
    .await;

    let revisions = store
        .revisions(id)
        .await
        .expect("one bad snapshot does not fail the list");
    assert_eq!(
        revisions.iter().map(|r| r.version).collect::<Vec<_>>(),
        [3, 2, 1]
    );
    let readable = |v: i64| {
        revisions
            .iter()
            .find(|r| r.version == v)
            .and_then(|r| r.draft.clone())
    };
    assert_eq!(
        readable(3).map(|d| d.body_markdown),
        Some("Третій текст.".into())
    );
    assert_eq!(readable(2), None, "version 2 is reported unreadable");
    let old = readable(1).expect("an old-format snapshot still reads");
    assert_eq!(old.headline, "Стара заява");
    assert!(old.tags.is_empty() && old.hero.is_none() && !old.editors_pick);
    assert_eq!(
        revisions[1].staff_name, "Ada",
        "the damaged one keeps its metadata"
    );
    db.cleanup().await;
}

byline_store::on_both_backends!(
    cyrillic_names_get_derived_slugs,
    a_damaged_snapshot_is_listed_not_fatal,
);
