//! Content integrity on both backends: a create never overwrites another row (the slug's
//! unique constraint decides races inside the write transaction), writes by slug in each
//! mode, desk lists scoped to what a writer may see, and tags public only when published.
#![allow(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use std::sync::Arc;

use byline_domain::staff::Role;
use byline_domain::{ArticleDraft, ArticleStatus, NewAuthor, NewPage, NewSection, Slug};
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{DeskQuery, NewNewsletter, NewStaff, SaveContext, StoreError, WriteMode};
use chrono::Utc;

async fn fresh(backend: Backend) -> (Arc<dyn Store>, TestDatabase) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store = db.store().await.unwrap();
    store
        .upsert_section(&NewSection {
            slug: "news".into(),
            name: "News".into(),
            description: String::new(),
            position: 0,
        })
        .await
        .unwrap();
    store
        .upsert_author(&NewAuthor {
            slug: "desk".into(),
            name: "Desk".into(),
            kind: "desk".into(),
            bio: String::new(),
            photo: String::new(),
        })
        .await
        .unwrap();
    (store, db)
}

fn draft(slug: &str, body: &str, status: ArticleStatus, tags: &[&str]) -> ArticleDraft {
    ArticleDraft {
        slug: Slug::parse(slug).unwrap(),
        headline: format!("About {slug}"),
        standfirst: String::new(),
        body_markdown: body.into(),
        section: "news".into(),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        authors: vec!["desk".into()],
        status,
        published_at: (status != ArticleStatus::Draft).then(Utc::now),
        updated_at: None,
        dateline: String::new(),
        language: "en".into(),
        hero: None,
        editors_pick: false,
    }
}

async fn staff(store: &dyn Store, name: &str, role: Role) -> i64 {
    let new = NewStaff {
        email: format!("{name}@example.org"),
        name: name.into(),
        role,
        password_hash: "$argon2id$x".into(),
    };
    store.create_staff(&new).await.unwrap().id
}

fn create_as(id: i64) -> SaveContext {
    SaveContext {
        staff_id: Some(id),
        staff_name: format!("staff {id}"),
        create: true,
        ..SaveContext::default()
    }
}

async fn creates_never_overwrite_even_when_racing(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let ada = staff(store.as_ref(), "ada", Role::Author).await;
    let bo = staff(store.as_ref(), "bo", Role::Author).await;
    store
        .save_article_as(
            &draft("port", "Ada's text.", ArticleStatus::Draft, &[]),
            &create_as(ada),
        )
        .await
        .unwrap();
    let err = store
        .save_article_as(
            &draft("port", "Bo's text.", ArticleStatus::Draft, &[]),
            &create_as(bo),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict(ref m) if m.contains("port")),
        "{err:?}"
    );
    let kept = store.article("port").await.unwrap().unwrap();
    assert_eq!(
        (kept.owner_id, kept.body_markdown.as_str(), kept.version),
        (Some(ada), "Ada's text.", 1)
    );

    // Twenty creates at once: one row, owned by the one that succeeded, holding its text.
    let mut tasks = Vec::new();
    for i in 0..20 {
        let store = Arc::clone(&store);
        let owner = if i % 2 == 0 { ada } else { bo };
        tasks.push(tokio::spawn(async move {
            let result = store
                .save_article_as(
                    &draft("race", &format!("text {i}"), ArticleStatus::Draft, &[]),
                    &create_as(owner),
                )
                .await;
            (owner, format!("text {i}"), result)
        }));
    }
    let mut winners = Vec::new();
    for t in tasks {
        let (owner, text, result) = t.await.unwrap();
        match result {
            Ok(_) => winners.push((owner, text)),
            Err(StoreError::Conflict(_)) => {}
            Err(e) => panic!("unexpected error: {e}"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one create wins");
    let stored = store.article("race").await.unwrap().unwrap();
    assert_eq!(
        (stored.owner_id, stored.body_markdown.clone()),
        (Some(winners[0].0), winners[0].1.clone())
    );
    assert_eq!(
        store.revisions(stored.id).await.unwrap().len(),
        1,
        "no loser left a revision"
    );

    // An explicit update (not a create) still replaces the text.
    let update = SaveContext {
        expected_version: Some(1),
        staff_id: Some(ada),
        ..SaveContext::default()
    };
    assert_eq!(
        store
            .save_article_as(
                &draft("port", "Ada's second text.", ArticleStatus::Draft, &[]),
                &update
            )
            .await
            .unwrap()
            .version,
        2
    );
    db.cleanup().await;
}

async fn writes_by_slug_create_update_or_upsert(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let section = |name: &str| NewSection {
        slug: "sport".into(),
        name: name.into(),
        description: String::new(),
        position: 1,
    };
    assert!(matches!(
        store
            .save_section(&section("Sport"), WriteMode::Update)
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .save_section(&section("Sport"), WriteMode::Create)
        .await
        .unwrap();
    assert!(matches!(
        store
            .save_section(&section("Hijacked"), WriteMode::Create)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.section("sport").await.unwrap().unwrap().name, "Sport");
    assert_eq!(
        store
            .save_section(&section("Sports"), WriteMode::Update)
            .await
            .unwrap()
            .name,
        "Sports"
    );
    assert_eq!(
        store.upsert_section(&section("Games")).await.unwrap().name,
        "Games"
    );

    let author = |name: &str| NewAuthor {
        slug: "desk".into(),
        name: name.into(),
        kind: "desk".into(),
        bio: String::new(),
        photo: String::new(),
    };
    assert!(matches!(
        store
            .save_author(&author("Hijacked"), WriteMode::Create)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(store.author("desk").await.unwrap().unwrap().name, "Desk");
    assert_eq!(
        store
            .save_author(&author("News desk"), WriteMode::Update)
            .await
            .unwrap()
            .name,
        "News desk"
    );

    let page = |title: &str| NewPage {
        slug: "about".into(),
        title: title.into(),
        body: "Us.".into(),
    };
    store
        .save_page(&page("About"), WriteMode::Create)
        .await
        .unwrap();
    assert!(matches!(
        store.save_page(&page("Hijacked"), WriteMode::Create).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store
            .save_page(&page("About us"), WriteMode::Update)
            .await
            .unwrap()
            .title,
        "About us"
    );

    let list = |name: &str| NewNewsletter {
        slug: "daily".into(),
        name: name.into(),
        description: String::new(),
        sender_name: String::new(),
        sender_address: String::new(),
        position: 0,
        edition: String::new(),
    };
    assert!(matches!(
        store
            .save_newsletter(&list("Daily"), WriteMode::Update)
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .save_newsletter(&list("Daily"), WriteMode::Create)
        .await
        .unwrap();
    assert!(matches!(
        store
            .save_newsletter(&list("Hijacked"), WriteMode::Create)
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store
            .save_newsletter(&list("The Daily"), WriteMode::Update)
            .await
            .unwrap()
            .name,
        "The Daily"
    );
    db.cleanup().await;
}

async fn desk_lists_scope_and_tags_wait_for_publication(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let ada = staff(store.as_ref(), "ada", Role::Contributor).await;
    let bo = staff(store.as_ref(), "bo", Role::Author).await;
    store
        .save_article_as(
            &draft("ada-draft", "x", ArticleStatus::Draft, &["Secret Tag"]),
            &create_as(ada),
        )
        .await
        .unwrap();
    store
        .save_article_as(
            &draft("bo-draft", "x", ArticleStatus::Draft, &[]),
            &create_as(bo),
        )
        .await
        .unwrap();
    store
        .save_article_as(
            &draft("bo-live", "x", ArticleStatus::Published, &[]),
            &create_as(bo),
        )
        .await
        .unwrap();
    let slugs = |q: DeskQuery| {
        let store = Arc::clone(&store);
        async move {
            let mut s: Vec<String> = store
                .desk_articles(&q)
                .await
                .unwrap()
                .into_iter()
                .map(|a| a.slug)
                .collect();
            s.sort();
            s
        }
    };
    let all = DeskQuery {
        limit: 50,
        ..DeskQuery::default()
    };
    assert_eq!(
        slugs(DeskQuery {
            visible_to: Some(ada),
            ..all.clone()
        })
        .await,
        ["ada-draft", "bo-live"]
    );
    assert_eq!(
        store
            .count_desk_articles(&DeskQuery {
                visible_to: Some(ada),
                ..all.clone()
            })
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        slugs(DeskQuery {
            visible_to: Some(bo),
            ..all.clone()
        })
        .await,
        ["bo-draft", "bo-live"]
    );
    assert_eq!(
        slugs(all.clone()).await,
        ["ada-draft", "bo-draft", "bo-live"]
    );

    assert_eq!(
        store.tag("secret-tag").await.unwrap(),
        None,
        "a tag only on a draft has no page"
    );
    store
        .set_article_status("ada-draft", ArticleStatus::Published)
        .await
        .unwrap();
    assert_eq!(
        store.tag("secret-tag").await.unwrap().unwrap().name,
        "Secret Tag"
    );
    store.set_article_deleted("ada-draft", true).await.unwrap();
    assert_eq!(
        store.tag("secret-tag").await.unwrap(),
        None,
        "nor one only on the bin"
    );
    db.cleanup().await;
}

byline_store::on_both_backends!(
    creates_never_overwrite_even_when_racing,
    writes_by_slug_create_update_or_upsert,
    desk_lists_scope_and_tags_wait_for_publication,
);
