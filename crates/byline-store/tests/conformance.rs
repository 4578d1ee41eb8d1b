//! One storage suite, run against both SQLite and PostgreSQL.
#![allow(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use std::sync::Arc;

use byline_domain::article::FieldError;
use byline_domain::{
    ArticleDraft, ArticleStatus, HeroImage, MediaFile, NewAuthor, NewPage, NewSection,
    SiteSettings, Slug,
};
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{ArticleQuery, Store, StoreError};
use chrono::{DateTime, Duration, Utc};

async fn fresh(backend: Backend) -> (Arc<dyn Store>, TestDatabase) {
    let db = TestDatabase::create(backend).await.expect("test database");
    let store = db.store().await.expect("migrated store");
    (store, db)
}

fn t(hours_ago: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(Utc::now().timestamp() - hours_ago * 3600, 0).unwrap_or_default()
}

fn draft(
    slug: &str,
    section: &str,
    tags: &[&str],
    authors: &[&str],
    hours_ago: i64,
) -> ArticleDraft {
    ArticleDraft {
        slug: Slug::parse(slug).expect("slug"),
        headline: format!("Headline of {slug}"),
        standfirst: "Standfirst.".into(),
        body_markdown: "## Sub\n\nSome words here.".into(),
        section: section.into(),
        tags: tags.iter().map(|s| (*s).to_owned()).collect(),
        authors: authors.iter().map(|s| (*s).to_owned()).collect(),
        status: ArticleStatus::Published,
        published_at: Some(t(hours_ago)),
        updated_at: None,
        dateline: "Harbourton".into(),
        language: "en".into(),
        hero: None,
        editors_pick: false,
    }
}

async fn seed(store: &dyn Store) {
    for (i, slug) in ["news", "culture"].iter().enumerate() {
        store
            .upsert_section(&NewSection {
                slug: (*slug).into(),
                name: slug.to_uppercase(),
                description: String::new(),
                position: i as i64,
            })
            .await
            .expect("section");
    }
    for (slug, kind) in [
        ("news-desk", "desk"),
        ("ada-lund", "person"),
        ("ben-ross", "person"),
    ] {
        store
            .upsert_author(&NewAuthor {
                slug: slug.into(),
                name: slug.replace('-', " "),
                kind: kind.into(),
                bio: String::new(),
                photo: String::new(),
            })
            .await
            .expect("author");
    }
}

async fn fresh_newsroom_is_empty_and_has_default_settings(backend: Backend) {
    let (store, db) = fresh(backend).await;
    assert!(store.is_empty().await.unwrap());
    assert_eq!(store.settings().await.unwrap(), SiteSettings::default());
    let mut s = SiteSettings {
        name: "The Test Courier".into(),
        time_zone: "Europe/Riga".into(),
        ..SiteSettings::default()
    };
    store.save_settings(&s).await.unwrap();
    assert_eq!(store.settings().await.unwrap(), s);
    s.time_zone = "Mars/Olympus".into();
    assert!(matches!(
        store.save_settings(&s).await,
        Err(StoreError::Invalid(FieldError {
            field: "time_zone",
            ..
        }))
    ));
    // Migrating twice is harmless.
    store.migrate().await.unwrap();
    seed(store.as_ref()).await;
    assert!(!store.is_empty().await.unwrap());
    db.cleanup().await;
}

async fn sections_authors_pages_and_media_round_trip(backend: Backend) {
    let (store, db) = fresh(backend).await;
    seed(store.as_ref()).await;
    let names: Vec<String> = store
        .sections()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.slug)
        .collect();
    assert_eq!(names, ["news", "culture"]);
    let bad = NewSection {
        slug: "Bad Slug".into(),
        name: "x".into(),
        description: String::new(),
        position: 0,
    };
    assert!(matches!(
        store.upsert_section(&bad).await,
        Err(StoreError::Invalid(FieldError { field: "slug", .. }))
    ));
    let desk = store.author("news-desk").await.unwrap().expect("desk");
    assert_eq!(desk.kind, byline_domain::AuthorKind::Desk);
    assert!(store.author("nobody").await.unwrap().is_none());

    store
        .upsert_page(&NewPage {
            slug: "about".into(),
            title: "About".into(),
            body: "We report.".into(),
        })
        .await
        .unwrap();
    store
        .upsert_page(&NewPage {
            slug: "about".into(),
            title: "About us".into(),
            body: "We report.".into(),
        })
        .await
        .unwrap();
    assert_eq!(
        store.page("about").await.unwrap().expect("page").title,
        "About us"
    );
    assert_eq!(store.pages().await.unwrap().len(), 1);

    let file = MediaFile {
        name: "a.svg".into(),
        content_type: "image/svg+xml".into(),
        bytes: b"<svg/>".to_vec(),
    };
    store.put_media(&file).await.unwrap();
    assert_eq!(store.media("a.svg").await.unwrap(), Some(file));
    assert_eq!(store.media("b.svg").await.unwrap(), None);
    db.cleanup().await;
}

async fn invalid_articles_are_refused_and_leave_nothing_behind(backend: Backend) {
    let (store, db) = fresh(backend).await;
    seed(store.as_ref()).await;
    let cases = [
        (
            draft("a", "sport", &["New tag"], &["news-desk"], 1),
            "section",
        ),
        (draft("a", "news", &["New tag"], &["nobody"], 1), "authors"),
        (
            ArticleDraft {
                body_markdown: "x\n\n[[read-also:missing]]\n".into(),
                ..draft("a", "news", &["New tag"], &["news-desk"], 1)
            },
            "body",
        ),
        (
            ArticleDraft {
                hero: Some(HeroImage {
                    src: "nope.jpg".into(),
                    alt: "alt".into(),
                    caption: String::new(),
                    credit: String::new(),
                }),
                ..draft("a", "news", &["New tag"], &["news-desk"], 1)
            },
            "hero_image",
        ),
        (
            ArticleDraft {
                headline: " ".into(),
                ..draft("a", "news", &[], &["news-desk"], 1)
            },
            "headline",
        ),
    ];
    for (d, field) in cases {
        match store.save_article(&d).await {
            Err(StoreError::Invalid(e)) => assert_eq!(e.field, field, "{e}"),
            other => panic!("expected invalid {field}, got {other:?}"),
        }
    }
    assert!(store.article("a").await.unwrap().is_none());
    assert!(
        store.tag("new-tag").await.unwrap().is_none(),
        "no half-written tag"
    );
    assert_eq!(
        store
            .count_articles(&ArticleQuery::latest(10))
            .await
            .unwrap(),
        0
    );
    db.cleanup().await;
}

async fn articles_list_filter_and_paginate(backend: Backend) {
    let (store, db) = fresh(backend).await;
    seed(store.as_ref()).await;
    store
        .save_article(&draft(
            "one",
            "news",
            &["Energy", "Grid"],
            &["ada-lund", "news-desk"],
            5,
        ))
        .await
        .unwrap();
    store
        .save_article(&draft("two", "news", &["Energy"], &["news-desk"], 4))
        .await
        .unwrap();
    let mut pick = draft("three", "culture", &["Theatre"], &["ben-ross"], 3);
    pick.editors_pick = true;
    pick.body_markdown = "word ".repeat(700) + "\n\n[[read-also:one]]\n";
    store.save_article(&pick).await.unwrap();
    let mut old = draft("old", "news", &["energy"], &["news-desk"], 100);
    old.status = ArticleStatus::Draft;
    store.save_article(&old).await.unwrap();

    let one = store.article("one").await.unwrap().expect("one");
    let bylines: Vec<&str> = one.authors.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(bylines, ["ada-lund", "news-desk"], "byline order is kept");
    let tags: Vec<&str> = one.tags.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(tags, ["energy", "grid"]);
    assert_eq!(one.section.slug, "news");
    assert_eq!(
        store
            .article("three")
            .await
            .unwrap()
            .expect("three")
            .reading_minutes,
        4
    );

    let slugs =
        |v: Vec<byline_domain::ArticleSummary>| v.into_iter().map(|a| a.slug).collect::<Vec<_>>();
    assert_eq!(
        slugs(
            store
                .list_articles(&ArticleQuery::latest(10))
                .await
                .unwrap()
        ),
        ["three", "two", "one"]
    );
    let q = |f: fn(&mut ArticleQuery)| {
        let mut q = ArticleQuery::latest(10);
        f(&mut q);
        q
    };
    assert_eq!(
        slugs(
            store
                .list_articles(&q(|q| q.section = Some("news".into())))
                .await
                .unwrap()
        ),
        ["two", "one"]
    );
    assert_eq!(
        slugs(
            store
                .list_articles(&q(|q| q.tag = Some("energy".into())))
                .await
                .unwrap()
        ),
        ["two", "one"]
    );
    assert_eq!(
        slugs(
            store
                .list_articles(&q(|q| q.author = Some("ada-lund".into())))
                .await
                .unwrap()
        ),
        ["one"]
    );
    assert_eq!(
        slugs(
            store
                .list_articles(&q(|q| q.editors_pick = Some(true)))
                .await
                .unwrap()
        ),
        ["three"]
    );
    let since = q(|q| q.published_since = Some(t(4) - Duration::minutes(1)));
    assert_eq!(
        slugs(store.list_articles(&since).await.unwrap()),
        ["three", "two"]
    );
    let page2 = ArticleQuery {
        limit: 2,
        offset: 2,
        ..ArticleQuery::default()
    };
    assert_eq!(slugs(store.list_articles(&page2).await.unwrap()), ["one"]);
    assert_eq!(
        store
            .count_articles(&q(|q| q.tag = Some("energy".into())))
            .await
            .unwrap(),
        2
    );

    // Sitemaps read only slugs and times, in the listing's order.
    let listed = slugs(
        store
            .list_articles(&ArticleQuery::latest(100))
            .await
            .unwrap(),
    );
    let located: Vec<String> = store
        .article_locations(100, 0)
        .await
        .unwrap()
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(located, listed);
    assert_eq!(
        store.article_locations(1, 1).await.unwrap().len(),
        usize::from(listed.len() > 1)
    );

    let related = slugs(store.related_articles(one.id, 5).await.unwrap());
    assert_eq!(
        related,
        ["two"],
        "shares section and tags; drafts and other sections excluded"
    );
    let heads = store
        .headlines(&["one".into(), "old".into(), "zzz".into()])
        .await
        .unwrap();
    assert_eq!(
        heads,
        [("one".to_owned(), "Headline of one".to_owned())],
        "drafts have no public headline"
    );
    db.cleanup().await;
}

async fn updates_and_status_changes_record_affected_cache_tags(backend: Backend) {
    let (store, db) = fresh(backend).await;
    seed(store.as_ref()).await;
    let mut changes = store.subscribe();
    let before = store.latest_change_id().await.unwrap();
    store
        .save_article(&draft("story", "news", &["Energy"], &["ada-lund"], 2))
        .await
        .unwrap();
    let first = changes.recv().await.expect("change broadcast");
    for tag in [
        "article:story",
        "home",
        "feeds",
        "sitemap",
        "section:news",
        "tag:energy",
        "author:ada-lund",
    ] {
        assert!(
            first.tags.contains(&tag.to_owned()),
            "{tag} missing from {:?}",
            first.tags
        );
    }
    // Moving the story invalidates where it was and where it goes.
    let created = store.article("story").await.unwrap().expect("story");
    store
        .save_article(&draft("story", "culture", &["Arts"], &["ben-ross"], 2))
        .await
        .unwrap();
    let moved = changes.recv().await.expect("change");
    for tag in [
        "section:news",
        "section:culture",
        "tag:energy",
        "tag:arts",
        "author:ada-lund",
        "author:ben-ross",
    ] {
        assert!(
            moved.tags.contains(&tag.to_owned()),
            "{tag} missing from {:?}",
            moved.tags
        );
    }
    let updated = store.article("story").await.unwrap().expect("story");
    assert_eq!(updated.id, created.id, "same article, updated in place");
    assert!(updated.updated_at >= created.updated_at);

    let unpublished = store
        .set_article_status("story", ArticleStatus::Unpublished)
        .await
        .unwrap();
    assert_eq!(unpublished.status, ArticleStatus::Unpublished);
    assert_eq!(
        store
            .count_articles(&ArticleQuery::latest(10))
            .await
            .unwrap(),
        0
    );
    assert!(matches!(
        store
            .set_article_status("nope", ArticleStatus::Published)
            .await,
        Err(StoreError::NotFound)
    ));

    // Other nodes (and the server, for CLI writes) read the same changes from the log.
    let logged = store.changes_since(before).await.unwrap();
    assert_eq!(logged.len(), 3);
    assert_eq!(logged[0], first);
    assert_eq!(logged[1], moved);
    assert_eq!(store.latest_change_id().await.unwrap(), logged[2].id);
    db.cleanup().await;
}

byline_store::on_both_backends!(
    fresh_newsroom_is_empty_and_has_default_settings,
    sections_authors_pages_and_media_round_trip,
    invalid_articles_are_refused_and_leave_nothing_behind,
    articles_list_filter_and_paginate,
    updates_and_status_changes_record_affected_cache_tags,
);

#[test]
fn migration_folders_stay_in_step() {
    let list = |dir: &str| {
        let mut names: Vec<String> =
            std::fs::read_dir(format!("{}/migrations/{dir}", env!("CARGO_MANIFEST_DIR")))
                .expect("migrations dir")
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect();
        names.sort();
        names
    };
    assert_eq!(list("sqlite"), list("postgres"));
    assert!(!list("sqlite").is_empty());
}

#[tokio::test]
async fn bad_database_urls_fail_with_a_clear_message() {
    let err = byline_store::connect("mysql://x")
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(err.contains("unsupported database URL"), "{err}");
    let err = byline_store::connect("postgres://nobody:pw@127.0.0.1:1/x")
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(
        err.contains("cannot open database") && err.contains("***") && !err.contains("pw"),
        "{err}"
    );
}
