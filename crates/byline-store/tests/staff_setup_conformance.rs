//! Staff language preferences and first-run setup tokens on both backends: the language
//! round-trips, a setup token creates exactly one first admin (also when two submissions
//! race), a used, expired or replaced token creates nothing.
#![allow(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use std::sync::Arc;

use byline_domain::staff::Role;
use byline_i18n::Lang;
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{NewStaff, OneTimeToken, StoreError};
use chrono::{Duration, Utc};

fn setup_token(hash: &str, hours: i64) -> OneTimeToken {
    let now = Utc::now();
    OneTimeToken {
        token_hash: hash.into(),
        purpose: "setup".into(),
        email: String::new(),
        role: Some(Role::Admin),
        staff_id: None,
        created_by: None,
        created_at: now,
        expires_at: now + Duration::hours(hours),
    }
}

fn founder(email: &str) -> NewStaff {
    NewStaff {
        email: email.into(),
        name: "Olena Founder".into(),
        role: Role::Contributor,
        password_hash: "$argon2id$placeholder".into(),
    }
}

async fn staff_language_round_trips(backend: Backend) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store = db.store().await.unwrap();
    let ada = store
        .create_staff(&NewStaff {
            email: "ada@news.example".into(),
            name: "Ada".into(),
            role: Role::Author,
            password_hash: "x".into(),
        })
        .await
        .unwrap();
    assert_eq!(ada.language, Lang::En, "new accounts start in English");
    store.set_staff_language(ada.id, Lang::Uk).await.unwrap();
    let again = store.staff_by_id(ada.id).await.unwrap().unwrap();
    assert_eq!(again.language, Lang::Uk);
    let listed = store.list_staff().await.unwrap();
    assert_eq!(listed[0].language, Lang::Uk);
    let by_email = store.staff_by_email("ada@news.example").await.unwrap();
    assert_eq!(by_email.unwrap().language, Lang::Uk);
    assert!(matches!(
        store.set_staff_language(ada.id + 100, Lang::Uk).await,
        Err(StoreError::NotFound)
    ));
    db.cleanup().await;
}

async fn a_setup_token_creates_one_admin_once(backend: Backend) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store = db.store().await.unwrap();
    let now = Utc::now();
    store
        .create_setup_token(&setup_token("old", 24))
        .await
        .unwrap();
    store
        .create_setup_token(&setup_token("new", 24))
        .await
        .unwrap();
    // Only the link printed last works.
    assert!(!store
        .one_time_token_is_live("old", "setup", now)
        .await
        .unwrap());
    assert!(store
        .one_time_token_is_live("new", "setup", now)
        .await
        .unwrap());
    assert!(!store
        .one_time_token_is_live("new", "reset", now)
        .await
        .unwrap());
    assert!(store
        .create_first_admin("old", &founder("a@news.example"), now)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .create_first_admin("unknown", &founder("a@news.example"), now)
        .await
        .unwrap()
        .is_none());
    assert_eq!(store.count_staff().await.unwrap(), 0);
    let admin = store
        .create_first_admin("new", &founder(" Founder@News.example "), now)
        .await
        .unwrap()
        .expect("the live token creates the account");
    assert_eq!(admin.role, Role::Admin, "the first account is an admin");
    assert!(!store
        .one_time_token_is_live("new", "setup", now)
        .await
        .unwrap());
    assert_eq!(admin.email, "founder@news.example");
    assert!(store
        .create_first_admin("new", &founder("b@news.example"), now)
        .await
        .unwrap()
        .is_none());
    // A token made after someone already exists does not add a second admin either.
    store
        .create_setup_token(&setup_token("late", 24))
        .await
        .unwrap();
    assert!(store
        .create_first_admin("late", &founder("c@news.example"), now)
        .await
        .unwrap()
        .is_none());
    assert_eq!(store.count_staff().await.unwrap(), 1);
    db.cleanup().await;
}

async fn an_expired_setup_token_creates_nothing(backend: Backend) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store = db.store().await.unwrap();
    store
        .create_setup_token(&setup_token("stale", 24))
        .await
        .unwrap();
    let later = Utc::now() + Duration::hours(25);
    assert!(store
        .create_first_admin("stale", &founder("a@news.example"), later)
        .await
        .unwrap()
        .is_none());
    assert_eq!(store.count_staff().await.unwrap(), 0);
    db.cleanup().await;
}

async fn racing_submissions_create_exactly_one_admin(backend: Backend) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store: Arc<dyn Store> = db.store().await.unwrap();
    store
        .create_setup_token(&setup_token("race", 24))
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..8 {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            store
                .create_first_admin("race", &founder(&format!("f{i}@news.example")), Utc::now())
                .await
        }));
    }
    let mut created = 0;
    for t in tasks {
        if t.await.unwrap().unwrap().is_some() {
            created += 1;
        }
    }
    assert_eq!(created, 1);
    assert_eq!(store.count_staff().await.unwrap(), 1);
    db.cleanup().await;
}

byline_store::on_both_backends!(
    staff_language_round_trips,
    a_setup_token_creates_one_admin_once,
    an_expired_setup_token_creates_nothing,
    racing_submissions_create_exactly_one_admin,
);
