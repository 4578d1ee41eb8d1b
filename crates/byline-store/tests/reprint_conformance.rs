//! The partners' incremental pull on both backends: `ArticleQuery::changed_since` keeps
//! the published articles saved or gone live at or after a time (an old draft published
//! now counts), newest published first, with counts and pages that agree.
#![allow(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use byline_domain::{ArticleDraft, ArticleStatus, NewAuthor, NewSection, Slug};
use byline_store::testing::{Backend, TestDatabase};
use byline_store::ArticleQuery;
use chrono::{DateTime, Utc};

fn hours_ago(h: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(Utc::now().timestamp() - h * 3600, 0).unwrap()
}

fn draft(slug: &str, published: i64, updated: i64, status: ArticleStatus) -> ArticleDraft {
    ArticleDraft {
        slug: Slug::parse(slug).unwrap(),
        headline: format!("Headline of {slug}"),
        standfirst: "Standfirst.".into(),
        body_markdown: "Some words.".into(),
        section: "news".into(),
        tags: vec![],
        authors: vec!["desk".into()],
        status,
        published_at: Some(hours_ago(published)),
        updated_at: Some(hours_ago(updated)),
        dateline: String::new(),
        language: "en".into(),
        hero: None,
        editors_pick: false,
    }
}

async fn changed_since_keeps_recent_changes_only(backend: Backend) {
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
    // Published long ago but edited an hour ago; published and untouched; recent.
    for d in [
        draft("old-but-edited", 100, 1, ArticleStatus::Published),
        draft("old-untouched", 90, 90, ArticleStatus::Published),
        draft("fresh", 2, 2, ArticleStatus::Published),
        draft("fresh-draft", 1, 1, ArticleStatus::Draft),
    ] {
        store.save_article(&d).await.unwrap();
    }
    // A draft written long ago and published only now: its save time is old.
    let mut late = draft("late-draft", 0, 150, ArticleStatus::Draft);
    late.published_at = None;
    store.save_article(&late).await.unwrap();
    let since = |h: i64, limit: i64, offset: i64| ArticleQuery {
        changed_since: Some(hours_ago(h)),
        limit,
        offset,
        ..ArticleQuery::default()
    };
    let slugs =
        |v: Vec<byline_domain::ArticleSummary>| v.into_iter().map(|a| a.slug).collect::<Vec<_>>();
    assert_eq!(
        slugs(store.list_articles(&since(3, 10, 0)).await.unwrap()),
        ["fresh", "old-but-edited"],
        "newest published first; drafts never"
    );
    assert_eq!(store.count_articles(&since(3, 0, 0)).await.unwrap(), 2);
    assert_eq!(
        slugs(store.list_articles(&since(3, 1, 1)).await.unwrap()),
        ["old-but-edited"]
    );
    let edited = store.article("old-but-edited").await.unwrap().unwrap();
    let exactly = ArticleQuery {
        changed_since: Some(edited.updated_at),
        ..ArticleQuery::default()
    };
    assert_eq!(
        store.count_articles(&exactly).await.unwrap(),
        1,
        "the bound is inclusive"
    );
    assert_eq!(store.count_articles(&since(200, 0, 0)).await.unwrap(), 3);
    store
        .set_article_status("late-draft", ArticleStatus::Published)
        .await
        .unwrap();
    assert_eq!(
        slugs(store.list_articles(&since(3, 10, 0)).await.unwrap()),
        ["late-draft", "fresh", "old-but-edited"],
        "going live counts as a change"
    );
    assert!(store
        .list_articles(&ArticleQuery {
            changed_since: Some(Utc::now() + chrono::Duration::hours(1)),
            ..ArticleQuery::latest(10)
        })
        .await
        .unwrap()
        .is_empty());
    db.cleanup().await;
}

byline_store::on_both_backends!(changed_since_keeps_recent_changes_only);
