//! Signing storage on both backends: the first key (one wins a race), rotation closing the
//! old key's period, the `signing-keys` change tag, and one signature per revision (the
//! first written wins).
#![expect(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use byline_domain::{ArticleDraft, ArticleStatus, NewAuthor, NewSection, Slug};
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{ArticleSignature, SigningKeyRecord};
use chrono::{DateTime, Duration, Utc};

fn key(id: &str, from: DateTime<Utc>) -> SigningKeyRecord {
    SigningKeyRecord {
        id: id.into(),
        public_key: "ab".repeat(32),
        valid_from: DateTime::from_timestamp(from.timestamp(), 0).unwrap(),
        valid_until: None,
    }
}

async fn latest_tags(store: &dyn Store) -> Vec<String> {
    let id = store.latest_change_id().await.unwrap();
    store
        .changes_since(id - 1)
        .await
        .unwrap()
        .pop()
        .unwrap()
        .tags
}

async fn keys_are_created_once_and_rotated(backend: Backend) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store = db.store().await.unwrap();
    assert!(store.current_signing_key().await.unwrap().is_none());
    let t0 = Utc::now() - Duration::days(10);
    assert!(store.add_first_signing_key(&key("k1", t0)).await.unwrap());
    assert_eq!(latest_tags(store.as_ref()).await, vec!["signing-keys"]);
    // A second node racing to create the first key loses and writes nothing.
    assert!(!store.add_first_signing_key(&key("k2", t0)).await.unwrap());
    assert_eq!(store.signing_keys().await.unwrap().len(), 1);

    let t1 = Utc::now();
    store.rotate_signing_key(&key("k3", t1)).await.unwrap();
    assert_eq!(latest_tags(store.as_ref()).await, vec!["signing-keys"]);
    let keys = store.signing_keys().await.unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0].id, "k1");
    assert_eq!(keys[0].valid_until, Some(key("k3", t1).valid_from));
    assert_eq!(keys[1].id, "k3");
    assert_eq!(keys[1].valid_until, None);
    assert_eq!(store.current_signing_key().await.unwrap().unwrap().id, "k3");
    db.cleanup().await;
}

async fn each_revision_is_signed_once(backend: Backend) {
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
    let article = store
        .save_article(&ArticleDraft {
            slug: Slug::parse("signed").unwrap(),
            headline: "Signed".into(),
            standfirst: String::new(),
            body_markdown: "Text.".into(),
            section: "news".into(),
            tags: vec![],
            authors: vec!["desk".into()],
            status: ArticleStatus::Published,
            published_at: Some(Utc::now()),
            updated_at: None,
            dateline: String::new(),
            language: "en".into(),
            hero: None,
            editors_pick: false,
        })
        .await
        .unwrap();
    store
        .add_first_signing_key(&key("k1", Utc::now()))
        .await
        .unwrap();
    assert!(store
        .article_signature(article.id, article.version)
        .await
        .unwrap()
        .is_none());
    let first = ArticleSignature {
        article_id: article.id,
        version: article.version,
        key_id: "k1".into(),
        manifest: "{\"a\":1}".into(),
        proof: "{\"p\":1}".into(),
        canonical_text: "Text.".into(),
        signed_at: DateTime::from_timestamp(Utc::now().timestamp(), 0).unwrap(),
    };
    assert_eq!(store.add_article_signature(&first).await.unwrap(), first);
    let second = ArticleSignature {
        proof: "{\"p\":2}".into(),
        ..first.clone()
    };
    assert_eq!(
        store.add_article_signature(&second).await.unwrap(),
        first,
        "the first signature of a revision stands"
    );
    assert_eq!(
        store
            .article_signature(article.id, article.version)
            .await
            .unwrap(),
        Some(first)
    );
    db.cleanup().await;
}

byline_store::on_both_backends!(
    keys_are_created_once_and_rotated,
    each_revision_is_signed_once,
);
