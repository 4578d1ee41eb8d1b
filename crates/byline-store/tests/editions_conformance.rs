//! Editions storage on both backends: the seeded default edition, adding an edition (a
//! taken prefix is a conflict), moving content between editions, and translation groups
//! (one article per language, translations listed without the article itself).
#![expect(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use byline_domain::{ArticleDraft, ArticleStatus, Edition, NewAuthor, NewSection, Slug};
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{EditionedContent, StoreError};
use chrono::Utc;

fn ukrainian() -> Edition {
    Edition {
        code: "uk".into(),
        name: "Українська".into(),
        path_prefix: "/uk".into(),
        time_zone: "Europe/Kyiv".into(),
        position: 1,
        is_default: false,
    }
}

async fn article(store: &dyn Store, slug: &str, language: &str) -> i64 {
    store
        .save_article(&ArticleDraft {
            slug: Slug::parse(slug).unwrap(),
            headline: slug.into(),
            standfirst: String::new(),
            body_markdown: "Text.".into(),
            section: "news".into(),
            tags: vec![],
            authors: vec!["desk".into()],
            status: ArticleStatus::Published,
            published_at: Some(Utc::now()),
            updated_at: None,
            dateline: String::new(),
            language: language.into(),
            hero: None,
            editors_pick: false,
        })
        .await
        .unwrap()
        .id
}

async fn newsroom(store: &dyn Store) {
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
}

async fn the_default_edition_is_seeded_and_others_are_added(backend: Backend) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store = db.store().await.unwrap();
    let editions = store.editions().await.unwrap();
    assert_eq!(editions.len(), 1);
    assert_eq!(editions[0].code, "en");
    assert!(editions[0].is_default);
    assert_eq!(editions[0].path_prefix, "");

    store.save_edition(&ukrainian()).await.unwrap();
    let editions = store.editions().await.unwrap();
    assert_eq!(editions.len(), 2);
    assert_eq!(editions[1], ukrainian());

    // Saving again updates; a second edition on the same prefix is a conflict.
    let renamed = Edition {
        name: "Ukrainian".into(),
        ..ukrainian()
    };
    store.save_edition(&renamed).await.unwrap();
    assert_eq!(store.editions().await.unwrap()[1].name, "Ukrainian");
    let squatter = Edition {
        code: "en-x".into(),
        ..ukrainian()
    };
    assert!(matches!(
        store.save_edition(&squatter).await,
        Err(StoreError::Conflict(_))
    ));
    // Only the setup makes a default edition.
    let second_default = Edition {
        is_default: true,
        path_prefix: String::new(),
        ..ukrainian()
    };
    assert!(matches!(
        store.save_edition(&second_default).await,
        Err(StoreError::Conflict(_))
    ));
    db.cleanup().await;
}

async fn content_moves_between_editions(backend: Backend) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store = db.store().await.unwrap();
    newsroom(store.as_ref()).await;
    store.save_edition(&ukrainian()).await.unwrap();
    let section = store.section("news").await.unwrap().unwrap();
    assert_eq!(
        store
            .content_edition(EditionedContent::Section, section.id)
            .await
            .unwrap(),
        "en"
    );
    store
        .set_content_edition(EditionedContent::Section, section.id, "uk")
        .await
        .unwrap();
    assert_eq!(
        store
            .content_edition(EditionedContent::Section, section.id)
            .await
            .unwrap(),
        "uk"
    );
    assert!(matches!(
        store
            .set_content_edition(EditionedContent::Section, section.id, "de")
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .set_content_edition(EditionedContent::Page, 9999, "uk")
            .await,
        Err(StoreError::NotFound)
    ));
    let id = article(store.as_ref(), "moved", "en").await;
    store.set_article_edition(id, "uk").await.unwrap();
    assert_eq!(
        store.article_by_id(id).await.unwrap().unwrap().language,
        "uk"
    );
    db.cleanup().await;
}

async fn translations_form_one_group_per_story(backend: Backend) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store = db.store().await.unwrap();
    newsroom(store.as_ref()).await;
    store.save_edition(&ukrainian()).await.unwrap();
    let original = article(store.as_ref(), "grid-repairs", "en").await;
    let translation = article(store.as_ref(), "remont-merezhi", "uk").await;
    let second_uk = article(store.as_ref(), "shche-odyn", "uk").await;
    assert!(store.translations(original).await.unwrap().is_empty());

    store.link_translation(translation, original).await.unwrap();
    let of_original = store.translations(original).await.unwrap();
    assert_eq!(of_original.len(), 1);
    assert_eq!(of_original[0].article_id, translation);
    assert_eq!(of_original[0].language, "uk");
    assert_eq!(of_original[0].slug, "remont-merezhi");
    let of_translation = store.translations(translation).await.unwrap();
    assert_eq!(of_translation[0].article_id, original);

    // One article per language in a group, and no self-links.
    assert!(matches!(
        store.link_translation(second_uk, original).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.link_translation(original, original).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.set_article_edition(original, "uk").await,
        Err(StoreError::Conflict(_))
    ));
    // The link touches both articles' cached pages.
    let id = store.latest_change_id().await.unwrap();
    store.unlink_translation(translation).await.unwrap();
    let tags = store.changes_since(id).await.unwrap().pop().unwrap().tags;
    assert!(
        tags.contains(&"article:grid-repairs".to_owned()),
        "{tags:?}"
    );
    assert!(
        tags.contains(&"article:remont-merezhi".to_owned()),
        "{tags:?}"
    );
    assert!(store.translations(original).await.unwrap().is_empty());
    assert!(store.translations(translation).await.unwrap().is_empty());
    db.cleanup().await;
}

byline_store::on_both_backends!(
    the_default_edition_is_seeded_and_others_are_added,
    content_moves_between_editions,
    translations_form_one_group_per_story,
);
