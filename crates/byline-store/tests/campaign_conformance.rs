//! Campaign deliveries on both backends: leases fenced by attempt number, the
//! at-most-once commit point, undoing it after a refusal, and progress counts.
#![allow(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use std::sync::Arc;

use byline_store::newsletters::NewNewsletter;
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::DeliveryResult;
use chrono::{Duration, Utc};

/// A list with three confirmed subscribers and a started campaign to it.
async fn campaign_to_three(backend: Backend) -> (Arc<dyn Store>, TestDatabase, i64) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store = db.store().await.unwrap();
    let list: NewNewsletter =
        serde_json::from_value(serde_json::json!({"slug": "daily", "name": "Daily"})).unwrap();
    store.upsert_newsletter(&list).await.unwrap();
    let now = Utc::now();
    for i in 0..3 {
        let confirm = format!("confirm-{i}");
        store
            .subscribe_to_lists(
                &format!("r{i}@example.org"),
                &["daily".to_owned()],
                "test",
                &confirm,
                &format!("u{i}"),
                now + Duration::days(1),
                now,
            )
            .await
            .unwrap();
        store
            .confirm_subscription(&confirm, now)
            .await
            .unwrap()
            .unwrap();
    }
    let campaign = store
        .create_campaign("daily", "Hello", "Body", None)
        .await
        .unwrap();
    assert_eq!(store.start_campaign(campaign.id, now).await.unwrap(), 3);
    (store, db, campaign.id)
}

async fn the_commit_point_is_fenced_by_the_lease(backend: Backend) {
    let (store, db, id) = campaign_to_three(backend).await;
    let now = Utc::now();
    let claimed = store
        .claim_deliveries(id, 3, now, now + Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 3);
    let (a, b, c) = (&claimed[0], &claimed[1], &claimed[2]);
    assert_eq!(a.attempts, 1);

    assert!(store
        .mark_handed_over(id, a.subscriber_id, a.attempts, now)
        .await
        .unwrap());
    assert!(
        !store
            .mark_handed_over(id, a.subscriber_id, a.attempts, now)
            .await
            .unwrap(),
        "already sent: not twice"
    );
    assert!(
        !store
            .mark_handed_over(id, b.subscriber_id, b.attempts + 1, now)
            .await
            .unwrap(),
        "not the current lease"
    );

    // The holder of b and c dies; after the lease another run takes them over.
    let later = now + Duration::seconds(31);
    let taken = store
        .claim_deliveries(id, 3, later, later + Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!(
        taken
            .iter()
            .map(|r| (r.subscriber_id, r.attempts))
            .collect::<Vec<_>>(),
        vec![(b.subscriber_id, 2), (c.subscriber_id, 2)]
    );
    assert!(
        !store
            .mark_handed_over(id, b.subscriber_id, b.attempts, later)
            .await
            .unwrap(),
        "the old run lost its lease"
    );
    assert!(store
        .mark_handed_over(id, b.subscriber_id, 2, later)
        .await
        .unwrap());

    // The server refused c's content after the commit point: undone, retried later.
    assert!(store
        .mark_handed_over(id, c.subscriber_id, 2, later)
        .await
        .unwrap());
    let retry_at = later + Duration::seconds(60);
    store
        .finish_delivery(
            id,
            c.subscriber_id,
            &DeliveryResult::Retry {
                error: "451 busy".into(),
                at: retry_at,
            },
            later,
        )
        .await
        .unwrap();
    let progress = store.campaign_progress(id).await.unwrap();
    assert_eq!(
        (progress.sent, progress.pending, progress.remaining()),
        (2, 1, 1)
    );
    assert!(
        store
            .claim_deliveries(id, 3, later, later + Duration::seconds(30))
            .await
            .unwrap()
            .is_empty(),
        "not due yet"
    );
    assert!(!store.finish_campaign_if_done(id, later).await.unwrap());
    assert_eq!(
        store.next_retry(id).await.unwrap().map(|t| t.timestamp()),
        Some(retry_at.timestamp())
    );

    // Third attempt: the content leaves but the reply is lost. Sent, never again.
    let third = store
        .claim_deliveries(id, 3, retry_at, retry_at + Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!(third.len(), 1);
    assert!(store
        .mark_handed_over(id, c.subscriber_id, third[0].attempts, retry_at)
        .await
        .unwrap());
    store
        .finish_delivery(
            id,
            c.subscriber_id,
            &DeliveryResult::Unconfirmed {
                error: "connection reset".into(),
            },
            retry_at,
        )
        .await
        .unwrap();
    let progress = store.campaign_progress(id).await.unwrap();
    assert_eq!(
        (progress.sent, progress.unconfirmed, progress.remaining()),
        (3, 1, 0)
    );
    assert!(store.finish_campaign_if_done(id, retry_at).await.unwrap());
    db.cleanup().await;
}

async fn a_bounce_after_the_commit_point_stops_mail_to_the_address(backend: Backend) {
    let (store, db, id) = campaign_to_three(backend).await;
    let now = Utc::now();
    let claimed = store
        .claim_deliveries(id, 1, now, now + Duration::seconds(30))
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1, "one claimed");
    let first = &claimed[0];
    assert!(store
        .mark_handed_over(id, first.subscriber_id, first.attempts, now)
        .await
        .unwrap());
    store
        .finish_delivery(
            id,
            first.subscriber_id,
            &DeliveryResult::Bounced {
                error: "554 refused".into(),
            },
            now,
        )
        .await
        .unwrap();
    let progress = store.campaign_progress(id).await.unwrap();
    assert_eq!(
        (progress.sent, progress.bounced, progress.pending),
        (0, 1, 2)
    );
    // A later campaign to the list leaves the bounced address out.
    let next = store
        .create_campaign("daily", "Again", "Body", None)
        .await
        .unwrap();
    assert_eq!(store.start_campaign(next.id, now).await.unwrap(), 2);
    db.cleanup().await;
}

byline_store::on_both_backends!(
    the_commit_point_is_fenced_by_the_lease,
    a_bounce_after_the_commit_point_stops_mail_to_the_address
);
