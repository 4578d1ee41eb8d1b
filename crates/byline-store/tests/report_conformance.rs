//! Error report storage on both backends: filing with the article version, the caps per
//! article and for the whole desk, listing by state newest first, the one-COUNT open
//! total, state changes as compare-and-set with their events, and the erasure of readers'
//! addresses after closing.
#![allow(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use std::sync::Arc;

use byline_domain::{ArticleDraft, ArticleStatus, NewAuthor, NewSection, ReportState, Slug};
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{Filed, NewReport, ReportLimits, ReportMove, ReportQuery, StoreError};
use chrono::{Duration, Utc};

async fn fresh(backend: Backend) -> (Arc<dyn Store>, TestDatabase, i64) {
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
            kind: "person".into(),
            bio: String::new(),
            photo: String::new(),
        })
        .await
        .unwrap();
    let article = store
        .save_article(&ArticleDraft {
            slug: Slug::parse("imf-tranche").unwrap(),
            headline: "IMF tranche".into(),
            standfirst: String::new(),
            body_markdown: "The fund sent $2bn.".into(),
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
    (store, db, article.id)
}

fn report(article_id: i64, quote: &str, email: Option<&str>) -> NewReport {
    NewReport {
        article_id,
        article_version: 1,
        quote: quote.into(),
        comment: "It was $1.5bn.".into(),
        email: email.map(Into::into),
        at: Utc::now(),
    }
}

fn mv(from: ReportState, to: ReportState, reply: &str) -> ReportMove {
    ReportMove {
        from,
        to,
        staff_id: None,
        staff_name: "Olena".into(),
        reply: reply.into(),
        at: Utc::now(),
    }
}

async fn reports_are_filed_listed_and_counted(backend: Backend) {
    let (store, db, article) = fresh(backend).await;
    let limits = ReportLimits::default();
    let Filed::Stored(first) = store
        .file_report(&report(article, "$2bn", Some("reader@example.org")), limits)
        .await
        .unwrap()
    else {
        panic!("stored")
    };
    let Filed::Stored(second) = store
        .file_report(
            &NewReport {
                article_version: 3,
                at: Utc::now() + Duration::seconds(1),
                ..report(article, "sent", None)
            },
            limits,
        )
        .await
        .unwrap()
    else {
        panic!("stored")
    };
    let got = store.error_report(first).await.unwrap().unwrap();
    assert_eq!(
        (got.article_slug.as_str(), got.article_headline.as_str()),
        ("imf-tranche", "IMF tranche")
    );
    assert_eq!((got.article_version, got.state), (1, ReportState::New));
    assert_eq!(got.email.as_deref(), Some("reader@example.org"));
    assert_eq!(got.closed_at, None);
    assert_eq!(
        store
            .error_report(second)
            .await
            .unwrap()
            .unwrap()
            .article_version,
        3
    );
    assert_eq!(store.error_report(first + 100).await.unwrap(), None);

    let all = store
        .error_reports(&ReportQuery {
            limit: 10,
            ..ReportQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![second, first],
        "newest first"
    );
    let paged = store
        .error_reports(&ReportQuery {
            limit: 1,
            offset: 1,
            ..ReportQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(paged.iter().map(|r| r.id).collect::<Vec<_>>(), vec![first]);
    assert_eq!(store.open_report_count().await.unwrap(), 2);

    store
        .move_report(first, &mv(ReportState::New, ReportState::Rejected, ""))
        .await
        .unwrap();
    assert_eq!(store.open_report_count().await.unwrap(), 1);
    assert_eq!(store.count_error_reports(None).await.unwrap(), 2);
    assert_eq!(
        store
            .count_error_reports(Some(ReportState::Rejected))
            .await
            .unwrap(),
        1
    );
    let rejected = store
        .error_reports(&ReportQuery {
            state: Some(ReportState::Rejected),
            limit: 10,
            offset: 0,
        })
        .await
        .unwrap();
    assert_eq!(
        rejected.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![first]
    );
    db.cleanup().await;
}

async fn filing_is_capped_per_article_and_in_all(backend: Backend) {
    let (store, db, article) = fresh(backend).await;
    let tight = ReportLimits {
        per_article_per_hour: 2,
        max_new: 100,
    };
    for _ in 0..2 {
        assert!(matches!(
            store
                .file_report(&report(article, "q", None), tight)
                .await
                .unwrap(),
            Filed::Stored(_)
        ));
    }
    assert_eq!(
        store
            .file_report(&report(article, "q", None), tight)
            .await
            .unwrap(),
        Filed::ArticleBusy
    );
    // An hour later the article takes reports again.
    let later = NewReport {
        at: Utc::now() + Duration::minutes(61),
        ..report(article, "q", None)
    };
    assert!(matches!(
        store.file_report(&later, tight).await.unwrap(),
        Filed::Stored(_)
    ));
    let full = ReportLimits {
        per_article_per_hour: 100,
        max_new: 3,
    };
    assert_eq!(
        store.file_report(&later, full).await.unwrap(),
        Filed::DeskFull
    );
    assert_eq!(
        store.count_error_reports(None).await.unwrap(),
        3,
        "nothing more stored"
    );
    assert!(matches!(
        store
            .file_report(&report(article + 99, "q", None), ReportLimits::default())
            .await,
        Err(StoreError::NotFound)
    ));
    db.cleanup().await;
}

async fn triage_is_compare_and_set_with_events(backend: Backend) {
    let (store, db, article) = fresh(backend).await;
    let Filed::Stored(id) = store
        .file_report(
            &report(article, "q", Some("r@example.org")),
            ReportLimits::default(),
        )
        .await
        .unwrap()
    else {
        panic!("stored")
    };
    let event = store
        .move_report(
            id,
            &mv(
                ReportState::New,
                ReportState::Accepted,
                "Thanks, we are checking.",
            ),
        )
        .await
        .unwrap();
    assert_eq!(
        (event.from, event.to),
        (ReportState::New, ReportState::Accepted)
    );
    assert_eq!(event.reply, "Thanks, we are checking.");
    // Someone else saw it as new: a conflict, nothing changes.
    assert!(matches!(
        store
            .move_report(id, &mv(ReportState::New, ReportState::Rejected, ""))
            .await,
        Err(StoreError::Conflict(_))
    ));
    // A transition the states forbid is refused before anything is written.
    assert!(matches!(
        store
            .move_report(id, &mv(ReportState::Accepted, ReportState::New, ""))
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(matches!(
        store
            .move_report(id + 50, &mv(ReportState::New, ReportState::Accepted, ""))
            .await,
        Err(StoreError::NotFound)
    ));
    store
        .move_report(id, &mv(ReportState::Accepted, ReportState::Fixed, ""))
        .await
        .unwrap();
    let got = store.error_report(id).await.unwrap().unwrap();
    assert_eq!(got.state, ReportState::Fixed);
    assert!(got.closed_at.is_some());
    let events = store.report_events(id).await.unwrap();
    assert_eq!(
        events.iter().map(|e| (e.from, e.to)).collect::<Vec<_>>(),
        vec![
            (ReportState::New, ReportState::Accepted),
            (ReportState::Accepted, ReportState::Fixed)
        ]
    );
    assert!(events.iter().all(|e| e.staff_name == "Olena"));
    db.cleanup().await;
}

async fn addresses_are_erased_after_closing(backend: Backend) {
    let (store, db, article) = fresh(backend).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let Filed::Stored(id) = store
            .file_report(
                &report(article, "q", Some("r@example.org")),
                ReportLimits::default(),
            )
            .await
            .unwrap()
        else {
            panic!("stored")
        };
        ids.push(id);
    }
    // One closed, one open (accepted), one closed but the cut-off is before its closing.
    store
        .move_report(ids[0], &mv(ReportState::New, ReportState::Rejected, ""))
        .await
        .unwrap();
    store
        .move_report(ids[1], &mv(ReportState::New, ReportState::Accepted, ""))
        .await
        .unwrap();
    assert_eq!(
        store
            .erase_report_emails(Utc::now() - Duration::days(30))
            .await
            .unwrap(),
        0,
        "closed just now: kept"
    );
    assert_eq!(
        store
            .erase_report_emails(Utc::now() + Duration::seconds(5))
            .await
            .unwrap(),
        1
    );
    let erased = store.error_report(ids[0]).await.unwrap().unwrap();
    assert_eq!((erased.email, erased.email_erased), (None, true));
    for open in [ids[1], ids[2]] {
        let kept = store.error_report(open).await.unwrap().unwrap();
        assert_eq!(kept.email.as_deref(), Some("r@example.org"));
        assert!(!kept.email_erased);
    }
    assert_eq!(
        store
            .erase_report_emails(Utc::now() + Duration::seconds(5))
            .await
            .unwrap(),
        0,
        "a second run erases nothing more"
    );
    db.cleanup().await;
}

byline_store::on_both_backends!(
    reports_are_filed_listed_and_counted,
    filing_is_capped_per_article_and_in_all,
    triage_is_compare_and_set_with_events,
    addresses_are_erased_after_closing,
);
