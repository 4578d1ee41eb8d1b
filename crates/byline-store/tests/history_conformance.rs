//! On both backends: which revisions are public (published saves and publishes by status,
//! never drafts), corrections written in the save's own transaction, exclusions kept
//! apart from the revision, and the triggers that refuse an UPDATE of a saved revision,
//! a correction or an exclusion.

use std::sync::Arc;

use byline_domain::{
    ArticleDraft, ArticleStatus, CorrectionKind, NewAuthor, NewCorrection, NewSection, Slug,
};
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{NewExclusion, SaveContext, StoreError, WriteMode};

async fn fresh(backend: Backend) -> (Arc<dyn Store>, TestDatabase) {
    let db = TestDatabase::create(backend).await.expect("test database");
    let store = db.store().await.expect("store");
    store
        .save_section(
            &NewSection {
                slug: "news".into(),
                name: "News".into(),
                description: String::new(),
                position: 0,
            },
            WriteMode::Create,
        )
        .await
        .expect("section");
    store
        .save_author(
            &NewAuthor {
                slug: "desk".into(),
                name: "Desk".into(),
                kind: "desk".into(),
                bio: String::new(),
                photo: String::new(),
            },
            WriteMode::Create,
        )
        .await
        .expect("author");
    (store, db)
}

fn draft(body: &str, status: ArticleStatus) -> ArticleDraft {
    ArticleDraft {
        slug: Slug::parse("port-story").expect("slug"),
        headline: "Port story".into(),
        standfirst: String::new(),
        body_markdown: body.into(),
        section: "news".into(),
        tags: Vec::new(),
        authors: vec!["desk".into()],
        status,
        published_at: (status == ArticleStatus::Published).then(chrono::Utc::now),
        updated_at: None,
        dateline: String::new(),
        language: "en".into(),
        hero: None,
        editors_pick: false,
    }
}

fn ctx(version: Option<i64>, correction: Option<NewCorrection>) -> SaveContext {
    SaveContext {
        expected_version: version,
        staff_name: "Ada".into(),
        create: version.is_none(),
        correction,
        ..SaveContext::default()
    }
}

/// Runs one statement outside the store, as a careless script would.
async fn raw_sql(backend: Backend, db: &TestDatabase, sql: &str) -> Result<u64, sqlx::Error> {
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(&db.url).await.expect("sqlite");
            let done = sqlx::query(sql)
                .execute(&pool)
                .await
                .map(|r| r.rows_affected());
            pool.close().await;
            done
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(&db.url).await.expect("postgres");
            let done = sqlx::query(sql)
                .execute(&pool)
                .await
                .map(|r| r.rows_affected());
            pool.close().await;
            done
        }
    }
}

async fn published_revisions_corrections_and_immutability(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let v1 = store
        .save_article_as(&draft("Draft.", ArticleStatus::Draft), &ctx(None, None))
        .await
        .expect("v1");
    let id = v1.id;
    store
        .save_article_as(
            &draft("Second draft.", ArticleStatus::Draft),
            &ctx(Some(1), None),
        )
        .await
        .expect("v2");
    // Published by status (no new revision): version 2 becomes public.
    store
        .set_article_status("port-story", ArticleStatus::Published)
        .await
        .expect("publish");
    let fix = NewCorrection {
        kind: CorrectionKind::Correction,
        text: "The port reopened on Tuesday, not Monday.".into(),
    };
    let saved = store
        .save_article_as(
            &draft("Published text.", ArticleStatus::Published),
            &ctx(Some(2), Some(fix.clone())),
        )
        .await
        .expect("v3 with a correction");
    assert_eq!(saved.version, 3);
    let public: Vec<i64> = store
        .published_revisions(id)
        .await
        .expect("list")
        .iter()
        .map(|r| r.version)
        .collect();
    assert_eq!(public, [2, 3], "drafts never become public");
    assert!(store
        .public_revision_draft(id, 1)
        .await
        .expect("read")
        .is_none());
    assert_eq!(
        store
            .public_revision_draft(id, 3)
            .await
            .expect("read")
            .map(|d| d.body_markdown),
        Some("Published text.".into())
    );
    let corrections = store.article_corrections(id).await.expect("corrections");
    assert_eq!(corrections.len(), 1);
    assert_eq!(
        (corrections[0].version, corrections[0].kind),
        (3, CorrectionKind::Correction)
    );
    assert_eq!(store.count_corrections().await.expect("count"), 1);
    let listed = store.corrections(10, 0).await.expect("listed");
    assert_eq!(listed[0].slug, "port-story");

    // A correction with a draft save is refused and nothing of the save is written.
    let refused = store
        .save_article_as(
            &draft("Back to draft.", ArticleStatus::Draft),
            &ctx(Some(3), Some(fix)),
        )
        .await;
    assert!(
        matches!(refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    assert_eq!(
        store
            .article("port-story")
            .await
            .expect("get")
            .expect("article")
            .version,
        3
    );

    // Saved revisions, corrections and exclusions cannot be changed in place.
    for sql in [
        format!("UPDATE article_revisions SET snapshot = '{{}}' WHERE article_id = {id}"),
        format!("UPDATE article_revisions SET author_name = 'Mallory' WHERE article_id = {id}"),
        format!("UPDATE article_corrections SET body = 'rewritten' WHERE article_id = {id}"),
    ] {
        let result = raw_sql(backend, &db, &sql).await;
        assert!(result.is_err(), "refused: {sql} ({result:?})");
    }
    assert_eq!(
        store
            .public_revision_draft(id, 3)
            .await
            .expect("read")
            .map(|d| d.body_markdown),
        Some("Published text.".into()),
        "the revision is unchanged"
    );

    // Exclusion: not the current version, not a draft, once.
    let exclusion = |version: i64| NewExclusion {
        article_id: id,
        version,
        reason: "Court order".into(),
        staff_id: None,
        staff_name: "Admin".into(),
    };
    assert!(matches!(
        store.exclude_revision(&exclusion(3)).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        store.exclude_revision(&exclusion(1)).await,
        Err(StoreError::NotFound)
    ));
    let excluded = store
        .exclude_revision(&exclusion(2))
        .await
        .expect("excluded");
    assert_eq!(excluded.reason, "Court order");
    assert!(matches!(
        store.exclude_revision(&exclusion(2)).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(
        store
            .public_revision_draft(id, 2)
            .await
            .expect("read")
            .is_none(),
        "its text is withheld"
    );
    let listed = store.published_revisions(id).await.expect("list");
    assert!(listed[0].exclusion.is_some() && listed[1].exclusion.is_none());
    let result = raw_sql(
        backend,
        &db,
        &format!("UPDATE revision_exclusions SET reason = '' WHERE article_id = {id}"),
    )
    .await;
    assert!(result.is_err(), "exclusions are append-only");
    assert!(
        store
            .revisions(id)
            .await
            .expect("all")
            .iter()
            .any(|r| r.version == 2 && r.draft.is_some()),
        "the row stays"
    );
    db.cleanup().await;
}

byline_store::on_both_backends!(published_revisions_corrections_and_immutability);
