//! Desk storage on both backends: versions and revisions, the bin, curation, scheduling,
//! staff and sessions, tokens, throttling, audit, and the durable job queue.
#![allow(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use std::sync::Arc;

use byline_domain::staff::Role;
use byline_domain::{ArticleDraft, ArticleStatus, NewAuthor, NewSection, Slug};
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{
    AttemptLimit, DeskQuery, NewJob, NewStaff, OneTimeToken, SaveContext, Session, StoreError,
};
use chrono::{Duration, Utc};

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

fn draft(slug: &str, status: ArticleStatus) -> ArticleDraft {
    ArticleDraft {
        slug: Slug::parse(slug).unwrap(),
        headline: format!("About {slug}"),
        standfirst: String::new(),
        body_markdown: "First text.".into(),
        section: "news".into(),
        tags: vec![],
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

async fn versions_revisions_and_conflicts(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let ctx = |v: Option<i64>| SaveContext {
        expected_version: v,
        staff_id: None,
        staff_name: "Ada".into(),
        update_note: None,
        create: false,
        correction: None,
    };
    let first = store
        .save_article_as(&draft("story", ArticleStatus::Draft), &ctx(None))
        .await
        .unwrap();
    assert_eq!(first.version, 1);
    let mut second = draft("story", ArticleStatus::Draft);
    second.body_markdown = "Second text.".into();
    let saved = store.save_article_as(&second, &ctx(Some(1))).await.unwrap();
    assert_eq!(saved.version, 2);
    // Another editor still on version 1 must not overwrite version 2.
    let mut stale = draft("story", ArticleStatus::Draft);
    stale.body_markdown = "Stale text.".into();
    assert!(matches!(
        store.save_article_as(&stale, &ctx(Some(1))).await,
        Err(StoreError::Conflict(_))
    ));
    let current = store.article("story").await.unwrap().unwrap();
    assert_eq!(current.body_markdown, "Second text.");
    let revisions = store.revisions(current.id).await.unwrap();
    assert_eq!(
        revisions.iter().map(|r| r.version).collect::<Vec<_>>(),
        [2, 1]
    );
    assert_eq!(
        revisions[1]
            .draft
            .as_ref()
            .map(|d| d.body_markdown.as_str()),
        Some("First text.")
    );
    assert_eq!(revisions[0].staff_name, "Ada");

    let noted = SaveContext {
        update_note: Some("Corrected the casualty figure.".into()),
        ..ctx(Some(2))
    };
    let with_note = store
        .save_article_as(&draft("story", ArticleStatus::Published), &noted)
        .await
        .unwrap();
    assert_eq!(
        with_note.update_note.as_ref().map(|n| n.text.as_str()),
        Some("Corrected the casualty figure.")
    );
    db.cleanup().await;
}

async fn desk_lists_the_bin_curation_and_scheduling(backend: Backend) {
    let (store, db) = fresh(backend).await;
    store
        .save_article(&draft("live", ArticleStatus::Published))
        .await
        .unwrap();
    store
        .save_article(&draft("wip", ArticleStatus::Draft))
        .await
        .unwrap();
    let mut later = draft("later", ArticleStatus::Scheduled);
    later.published_at = Some(Utc::now() + Duration::hours(1));
    store.save_article(&later).await.unwrap();

    let all = DeskQuery {
        limit: 50,
        ..DeskQuery::default()
    };
    assert_eq!(store.count_desk_articles(&all).await.unwrap(), 3);
    let drafts = DeskQuery {
        status: Some(ArticleStatus::Draft),
        ..all.clone()
    };
    assert_eq!(store.desk_articles(&drafts).await.unwrap()[0].slug, "wip");
    assert_eq!(
        store
            .count_articles(&byline_store::ArticleQuery::latest(10))
            .await
            .unwrap(),
        1,
        "public sees only the published one"
    );

    assert!(
        !store
            .publish_if_scheduled("later", Utc::now())
            .await
            .unwrap(),
        "not due yet"
    );
    assert!(store
        .publish_if_scheduled("later", Utc::now() + Duration::hours(2))
        .await
        .unwrap());
    assert!(
        !store
            .publish_if_scheduled("later", Utc::now() + Duration::hours(2))
            .await
            .unwrap(),
        "idempotent"
    );
    assert_eq!(
        store.article("later").await.unwrap().unwrap().status,
        ArticleStatus::Published
    );

    let binned = store.set_article_deleted("live", true).await.unwrap();
    assert!(binned.deleted_at.is_some());
    assert_eq!(
        store
            .count_articles(&byline_store::ArticleQuery::latest(10))
            .await
            .unwrap(),
        1
    );
    let bin = DeskQuery {
        deleted: true,
        ..all.clone()
    };
    assert_eq!(store.desk_articles(&bin).await.unwrap().len(), 1);
    assert!(store
        .set_article_deleted("live", false)
        .await
        .unwrap()
        .deleted_at
        .is_none());

    let curated = store.set_curation("live", true, Some(0)).await.unwrap();
    assert!(curated.editors_pick);
    assert_eq!(curated.home_position, Some(0));
    assert_eq!(
        store
            .set_curation("live", false, None)
            .await
            .unwrap()
            .home_position,
        None
    );
    assert!(matches!(
        store.set_curation("nope", true, None).await,
        Err(StoreError::NotFound)
    ));
    db.cleanup().await;
}

async fn staff_sessions_tokens_and_throttle(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let new = NewStaff {
        email: " Ada@Example.ORG ".into(),
        name: "Ada".into(),
        role: Role::Editor,
        password_hash: "$argon2id$x".into(),
    };
    let ada = store.create_staff(&new).await.unwrap();
    assert_eq!(ada.email, "ada@example.org");
    assert!(matches!(
        store.create_staff(&new).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store
            .staff_by_email("ADA@example.org")
            .await
            .unwrap()
            .unwrap()
            .id,
        ada.id
    );

    let now = Utc::now();
    let session = Session {
        id_hash: "h1".into(),
        staff_id: ada.id,
        csrf_token: "c".into(),
        created_at: now,
        expires_at: now + Duration::hours(1),
    };
    store.create_session(&session).await.unwrap();
    assert!(store.session("h1", now).await.unwrap().is_some());
    assert!(
        store
            .session("h1", now + Duration::hours(2))
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    store.end_all_sessions(ada.id).await.unwrap();
    assert!(
        store.session("h1", now).await.unwrap().is_none(),
        "signed out everywhere"
    );

    let token = store
        .create_api_token(ada.id, "scripts", "tokhash")
        .await
        .unwrap();
    assert_eq!(
        store.api_token("tokhash").await.unwrap().unwrap().1.role,
        Role::Editor
    );
    assert!(store.revoke_api_token(token.id).await.unwrap());
    assert!(store.api_token("tokhash").await.unwrap().is_none());

    let invite = OneTimeToken {
        token_hash: "inv".into(),
        purpose: "invite".into(),
        email: "bo@example.org".into(),
        role: Some(Role::Author),
        staff_id: None,
        created_by: Some(ada.id),
        created_at: now,
        expires_at: now + Duration::days(2),
    };
    store.create_one_time_token(&invite).await.unwrap();
    assert!(
        store
            .consume_one_time_token("inv", "reset", now)
            .await
            .unwrap()
            .is_none(),
        "wrong purpose"
    );
    assert!(
        store
            .consume_one_time_token("inv", "invite", now + Duration::days(3))
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    assert_eq!(
        store
            .consume_one_time_token("inv", "invite", now)
            .await
            .unwrap()
            .unwrap()
            .role,
        Some(Role::Author)
    );
    assert!(
        store
            .consume_one_time_token("inv", "invite", now)
            .await
            .unwrap()
            .is_none(),
        "single use"
    );

    let limit = AttemptLimit {
        allowed: 2,
        window_secs: 60,
        max_window_secs: 600,
    };
    assert_eq!(
        store
            .count_login_attempt("ip:1", limit, now)
            .await
            .unwrap()
            .attempts,
        1
    );
    assert_eq!(
        store
            .count_login_attempt("ip:1", limit, now)
            .await
            .unwrap()
            .attempts,
        2
    );
    store.clear_login_attempts("ip:1").await.unwrap();
    assert_eq!(
        store
            .count_login_attempt("ip:1", limit, now)
            .await
            .unwrap()
            .attempts,
        1,
        "cleared"
    );

    // TOTP time steps: each accepted once, never an older one.
    assert!(store.accept_totp_step(ada.id, 100).await.unwrap());
    assert!(
        !store.accept_totp_step(ada.id, 100).await.unwrap(),
        "same step twice"
    );
    assert!(
        !store.accept_totp_step(ada.id, 99).await.unwrap(),
        "an older step"
    );
    assert!(store.accept_totp_step(ada.id, 101).await.unwrap());
    store
        .set_totp_secret(ada.id, Some("JBSWY3DPEHPK3PXP"))
        .await
        .unwrap();
    assert!(
        store.accept_totp_step(ada.id, 50).await.unwrap(),
        "a new secret starts afresh"
    );

    store
        .record_audit(&byline_store::AuditEntry {
            staff_id: Some(ada.id),
            actor: "ada@example.org".into(),
            action: "article.publish".into(),
            target: "story".into(),
            detail: String::new(),
            at: now,
        })
        .await
        .unwrap();
    assert_eq!(
        store.audit_log(10, 0).await.unwrap()[0].action,
        "article.publish"
    );
    db.cleanup().await;
}

async fn jobs_are_leased_retried_and_resumed(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let now = Utc::now();
    let job = |key: &str| NewJob {
        kind: "test".into(),
        payload: serde_json::json!({"n": 1}),
        idempotency_key: Some(key.into()),
        run_at: now,
        max_attempts: 3,
    };
    let id = store.enqueue(&job("k1")).await.unwrap().unwrap();
    assert_eq!(
        store.enqueue(&job("k1")).await.unwrap(),
        None,
        "same key, same job"
    );
    let mut future = job("k2");
    future.run_at = now + Duration::hours(1);
    store.enqueue(&future).await.unwrap().unwrap();

    let lease = now + Duration::seconds(30);
    let claimed = store
        .claim_job("w1", &["test"], now, lease)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((claimed.id, claimed.attempts), (id, 1));
    assert!(
        store
            .claim_job("w2", &["test"], now, lease)
            .await
            .unwrap()
            .is_none(),
        "leased, and the other is not due"
    );
    // Worker 1 dies; after the lease the job is taken again.
    let again = store
        .claim_job(
            "w2",
            &["test"],
            lease + Duration::seconds(1),
            lease + Duration::seconds(60),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!((again.id, again.attempts), (id, 2));
    assert!(
        !store.complete_job(id, "w1", now).await.unwrap(),
        "the lost lease cannot complete"
    );
    assert!(store
        .fail_job(id, "w2", "smtp 451", Some(now), now)
        .await
        .unwrap());
    let third = store
        .claim_job("w3", &["test"], now, lease)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(third.last_error, "smtp 451");
    assert!(store.complete_job(id, "w3", now).await.unwrap());
    assert_eq!(
        store.job(id).await.unwrap().unwrap().status,
        byline_store::jobs::JobStatus::Done
    );

    assert!(store.record_effect("mail:1", now).await.unwrap());
    assert!(!store.record_effect("mail:1", now).await.unwrap());
    assert!(store.effect_done("mail:1").await.unwrap());
    db.cleanup().await;
}

async fn jobs_of_unknown_kinds_are_left_alone(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let now = Utc::now();
    let job = |kind: &str| NewJob {
        kind: kind.into(),
        payload: serde_json::json!({}),
        idempotency_key: None,
        run_at: now,
        max_attempts: 3,
    };
    // Enqueued by a newer version first, so it is the oldest due job.
    let newer = store.enqueue(&job("render_audio")).await.unwrap().unwrap();
    let known = store.enqueue(&job("send_mail")).await.unwrap().unwrap();
    let lease = now + Duration::seconds(30);
    let claimed = store
        .claim_job("w1", &["send_mail", "publish_scheduled"], now, lease)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claimed.id, known);
    assert!(store
        .claim_job("w1", &["send_mail"], now, lease)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .claim_job("w1", &[], now, lease)
        .await
        .unwrap()
        .is_none());
    let untouched = store.job(newer).await.unwrap().unwrap();
    assert_eq!(
        (untouched.status, untouched.attempts),
        (byline_store::jobs::JobStatus::Pending, 0)
    );
    assert_eq!(
        store.waiting_kinds(now).await.unwrap(),
        vec![("render_audio".to_owned(), 1)]
    );
    db.cleanup().await;
}

async fn concurrent_claims_never_share_a_job(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let now = Utc::now();
    for i in 0..20 {
        store
            .enqueue(&NewJob {
                kind: "c".into(),
                payload: serde_json::json!(i),
                idempotency_key: None,
                run_at: now,
                max_attempts: 1,
            })
            .await
            .unwrap();
    }
    let mut tasks = Vec::new();
    for w in 0..4 {
        let store = Arc::clone(&store);
        tasks.push(tokio::spawn(async move {
            let mut got = Vec::new();
            let worker = format!("w{w}");
            loop {
                match store
                    .claim_job(
                        &worker,
                        &["c"],
                        Utc::now(),
                        Utc::now() + Duration::seconds(60),
                    )
                    .await
                {
                    Ok(Some(job)) => got.push(job.id),
                    Ok(None) => return got,
                    Err(StoreError::Database(_)) => tokio::task::yield_now().await, // SQLite busy: try again
                    Err(e) => panic!("{e}"),
                }
            }
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort_unstable();
    let before = all.len();
    all.dedup();
    assert_eq!(
        (before, all.len()),
        (20, 20),
        "each job claimed exactly once"
    );
    db.cleanup().await;
}

async fn attempts_are_counted_atomically_in_doubling_windows(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let now = Utc::now();
    let limit = AttemptLimit {
        allowed: 3,
        window_secs: 60,
        max_window_secs: 200,
    };
    // 40 at once: every count from 1 to 40 is handed out exactly once.
    let tasks: Vec<_> = (0..40)
        .map(|_| {
            let store = Arc::clone(&store);
            tokio::spawn(async move { store.count_login_attempt("k", limit, now).await.unwrap() })
        })
        .collect();
    let mut counts = Vec::new();
    for t in tasks {
        let c = t.await.unwrap();
        assert_eq!(c.window_ends.timestamp(), now.timestamp() + 60);
        counts.push(c.attempts);
    }
    counts.sort_unstable();
    assert_eq!(counts, (1..=40).collect::<Vec<i64>>());
    // The window was used up: the next one is twice as long, then capped.
    let later = now + Duration::seconds(61);
    let c = store.count_login_attempt("k", limit, later).await.unwrap();
    assert_eq!(
        (c.attempts, c.window_ends.timestamp()),
        (1, later.timestamp() + 120)
    );
    for _ in 0..2 {
        store.count_login_attempt("k", limit, later).await.unwrap();
    }
    let later = later + Duration::seconds(121);
    let c = store.count_login_attempt("k", limit, later).await.unwrap();
    assert_eq!(c.window_ends.timestamp(), later.timestamp() + 200, "capped");
    // A window not used up is followed by a short one.
    let later = later + Duration::seconds(201);
    assert_eq!(
        store
            .count_login_attempt("k", limit, later)
            .await
            .unwrap()
            .window_ends
            .timestamp(),
        later.timestamp() + 60
    );
    // A refund takes back an attempt of the current window only.
    store.refund_login_attempt("k", later).await.unwrap();
    assert_eq!(
        store
            .count_login_attempt("k", limit, later)
            .await
            .unwrap()
            .attempts,
        1
    );
    store
        .refund_login_attempt("k", later - Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(
        store
            .count_login_attempt("k", limit, later)
            .await
            .unwrap()
            .attempts,
        2,
        "an attempt of an older window"
    );
    db.cleanup().await;
}

async fn all_api_tokens_of_one_account_are_revoked(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let staff = |email: &str| NewStaff {
        email: email.into(),
        name: "S".into(),
        role: Role::Editor,
        password_hash: "$argon2id$x".into(),
    };
    let ada = store.create_staff(&staff("ada@example.org")).await.unwrap();
    let bo = store.create_staff(&staff("bo@example.org")).await.unwrap();
    store.create_api_token(ada.id, "one", "h1").await.unwrap();
    store.create_api_token(ada.id, "two", "h2").await.unwrap();
    store.create_api_token(bo.id, "bo", "h3").await.unwrap();
    assert_eq!(store.revoke_all_api_tokens(ada.id).await.unwrap(), 2);
    assert!(
        store.api_token("h1").await.unwrap().is_none()
            && store.api_token("h2").await.unwrap().is_none()
    );
    assert!(
        store.api_token("h3").await.unwrap().is_some(),
        "other accounts keep theirs"
    );
    assert_eq!(store.revoke_all_api_tokens(ada.id).await.unwrap(), 0);
    db.cleanup().await;
}

byline_store::on_both_backends!(
    attempts_are_counted_atomically_in_doubling_windows,
    all_api_tokens_of_one_account_are_revoked,
    versions_revisions_and_conflicts,
    desk_lists_the_bin_curation_and_scheduling,
    staff_sessions_tokens_and_throttle,
    jobs_are_leased_retried_and_resumed,
    jobs_of_unknown_kinds_are_left_alone,
    concurrent_claims_never_share_a_job,
);
