//! Live coverage storage on both backends: News Feed items, live pages and entries,
//! pinning, archiving (by hand and when idle), the banner, and the change log tags the
//! live streams follow.
#![allow(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use std::sync::Arc;

use byline_domain::{
    ArticleDraft, ArticleStatus, BannerStyle, LiveStatus, NewAuthor, NewBanner, NewFeedItem,
    NewLiveEntry, NewLivePage, NewSection, Slug,
};
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{EntryQuery, FeedQuery, LiveWrite, StoreError};
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
    for slug in ["desk", "olena"] {
        store
            .upsert_author(&NewAuthor {
                slug: slug.into(),
                name: slug.to_uppercase(),
                kind: "person".into(),
                bio: String::new(),
                photo: String::new(),
            })
            .await
            .unwrap();
    }
    store
        .save_article(&ArticleDraft {
            slug: Slug::parse("imf-tranche").unwrap(),
            headline: "IMF tranche".into(),
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
    (store, db)
}

fn item(headline: &str, published: bool) -> NewFeedItem {
    NewFeedItem {
        headline: headline.into(),
        body: "The funds arrive **today**.".into(),
        published,
        authors: vec!["olena".into(), "desk".into()],
        ..NewFeedItem::default()
    }
}

fn now() -> LiveWrite {
    LiveWrite::at(Utc::now())
}

fn public(limit: i64) -> FeedQuery {
    FeedQuery {
        published_only: true,
        limit,
        ..FeedQuery::default()
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

async fn feed_items_drafts_links_pins_and_deletes(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let store = store.as_ref();
    let draft = store
        .save_feed_item(None, &item("Draft one", false), &now())
        .await
        .unwrap();
    assert_eq!(draft.version, 1);
    assert!(!draft.published);
    assert_eq!(
        draft
            .authors
            .iter()
            .map(|a| a.slug.as_str())
            .collect::<Vec<_>>(),
        ["olena", "desk"],
        "bylines keep their order"
    );
    assert!(
        store.feed_items(&public(10)).await.unwrap().is_empty(),
        "drafts are not public"
    );
    let tags = latest_tags(store).await;
    for tag in ["news-feed", "home", &format!("feed-item:{}", draft.id)] {
        assert!(tags.iter().any(|t| t == tag), "{tag} in {tags:?}");
    }

    let linked = store
        .save_feed_item(
            None,
            &NewFeedItem {
                article: "imf-tranche".into(),
                pinned: true,
                ..item("IMF money arrives", true)
            },
            &now(),
        )
        .await
        .unwrap();
    assert_eq!(
        linked.article.as_ref().map(|a| a.slug.as_str()),
        Some("imf-tranche")
    );
    assert!(latest_tags(store)
        .await
        .iter()
        .any(|t| t == "article:imf-tranche"));
    let article = store.article("imf-tranche").await.unwrap().unwrap();
    let on_article = store
        .feed_items(&FeedQuery {
            article_id: Some(article.id),
            ..public(10)
        })
        .await
        .unwrap();
    assert_eq!(on_article.len(), 1);

    let unknown = store
        .save_feed_item(
            None,
            &NewFeedItem {
                article: "no-such".into(),
                ..item("x", true)
            },
            &now(),
        )
        .await;
    assert!(
        matches!(unknown, Err(StoreError::Invalid(_))),
        "{unknown:?}"
    );
    let bad_author = store
        .save_feed_item(
            None,
            &NewFeedItem {
                authors: vec!["nobody".into()],
                ..item("x", true)
            },
            &now(),
        )
        .await;
    assert!(matches!(bad_author, Err(StoreError::Invalid(_))));
    assert_eq!(
        store.count_feed_items(&FeedQuery::default()).await.unwrap(),
        2,
        "refused writes left nothing behind"
    );

    // Publishing the draft gives it the time of publication; pinning it unpins the other.
    let later = LiveWrite::at(Utc::now() + Duration::seconds(5));
    let published = store
        .save_feed_item(
            Some(draft.id),
            &NewFeedItem {
                pinned: true,
                ..item("Draft one, now out", true)
            },
            &LiveWrite {
                expected_version: Some(1),
                ..later
            },
        )
        .await
        .unwrap();
    assert_eq!(published.version, 2);
    assert!(published.published_at >= later.now - Duration::seconds(1));
    let tags = latest_tags(store).await;
    assert!(
        tags.iter()
            .any(|t| *t == format!("feed-item:{}", linked.id)),
        "the unpinned item changed too: {tags:?}"
    );
    let listed = store
        .feed_items(&FeedQuery {
            pinned_first: true,
            ..public(10)
        })
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|i| (i.id, i.pinned)).collect::<Vec<_>>(),
        [(draft.id, true), (linked.id, false)]
    );

    let stale = store
        .save_feed_item(
            Some(draft.id),
            &item("Stale", true),
            &LiveWrite {
                expected_version: Some(1),
                ..now()
            },
        )
        .await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");

    store.delete_feed_item(linked.id).await.unwrap();
    assert!(store.feed_item(linked.id).await.unwrap().is_none());
    assert!(latest_tags(store)
        .await
        .iter()
        .any(|t| t == "article:imf-tranche"));
    assert!(matches!(
        store.delete_feed_item(linked.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .save_feed_item(Some(linked.id), &item("Gone", true), &now())
            .await,
        Err(StoreError::NotFound)
    ));
    db.cleanup().await;
}

async fn feed_pages_are_newest_first(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let start = Utc::now() - Duration::hours(30);
    for n in 0..7 {
        store
            .save_feed_item(
                None,
                &NewFeedItem {
                    published_at: Some(start + Duration::hours(n * 4)),
                    ..item(&format!("Item {n}"), true)
                },
                &now(),
            )
            .await
            .unwrap();
    }
    let first = store.feed_items(&public(3)).await.unwrap();
    let second = store
        .feed_items(&FeedQuery {
            offset: 3,
            ..public(3)
        })
        .await
        .unwrap();
    let heads =
        |v: &[byline_domain::FeedItem]| v.iter().map(|i| i.headline.clone()).collect::<Vec<_>>();
    assert_eq!(heads(&first), ["Item 6", "Item 5", "Item 4"]);
    assert_eq!(heads(&second), ["Item 3", "Item 2", "Item 1"]);
    assert_eq!(store.count_feed_items(&public(0)).await.unwrap(), 7);
    db.cleanup().await;
}

async fn live_pages_entries_and_archiving(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let store = store.as_ref();
    let page = store
        .save_live_page(
            None,
            &NewLivePage {
                slug: String::new(),
                headline: "Missile attack on Kyiv — live".into(),
                summary: "- Air defence active".into(),
                edition: String::new(),
            },
            &now(),
        )
        .await
        .unwrap();
    assert_eq!(page.slug, "missile-attack-on-kyiv-live");
    assert_eq!(page.status, LiveStatus::Live);
    assert!(page.last_entry_at.is_none());
    assert_eq!(
        store.live_page(&page.slug).await.unwrap().map(|p| p.id),
        Some(page.id)
    );
    let taken = store
        .save_live_page(
            None,
            &NewLivePage {
                slug: page.slug.clone(),
                headline: "Again".into(),
                summary: String::new(),
                edition: String::new(),
            },
            &now(),
        )
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");

    let entry = |body: &str, key_event: bool, pinned: bool| NewLiveEntry {
        headline: String::new(),
        body: body.into(),
        key_event,
        pinned,
        published: true,
        authors: vec!["olena".into()],
    };
    let first = store
        .save_live_entry(
            page.id,
            None,
            &entry("Explosions heard", true, true),
            &now(),
        )
        .await
        .unwrap();
    let tags = latest_tags(store).await;
    assert!(tags.contains(&format!("live:{}", page.id)));
    assert!(tags.contains(&format!("live-entry:{}:{}", page.id, first.id)));
    let second = store
        .save_live_entry(
            page.id,
            None,
            &entry("All clear", false, true),
            &LiveWrite::at(Utc::now() + Duration::seconds(2)),
        )
        .await
        .unwrap();
    let draft = store
        .save_live_entry(
            page.id,
            None,
            &NewLiveEntry {
                published: false,
                ..entry("Unchecked report", false, false)
            },
            &now(),
        )
        .await
        .unwrap();
    let first = store.live_entry(first.id).await.unwrap().unwrap();
    assert!(!first.pinned, "one pinned entry per page");
    let query = EntryQuery {
        live_id: page.id,
        published_only: true,
        limit: 50,
        ..EntryQuery::default()
    };
    let newest: Vec<i64> = store
        .live_entries(&query)
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(newest, [second.id, first.id], "drafts are not listed");
    let oldest: Vec<i64> = store
        .live_entries(&EntryQuery {
            oldest_first: true,
            ..query.clone()
        })
        .await
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(oldest, [first.id, second.id]);
    let keys = store
        .live_entries(&EntryQuery {
            key_events_only: true,
            ..query.clone()
        })
        .await
        .unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(store.count_live_entries(&query).await.unwrap(), 2);
    let page_now = store.live_page_by_id(page.id).await.unwrap().unwrap();
    assert_eq!(page_now.last_entry_at, Some(second.published_at));

    store.delete_live_entry(draft.id).await.unwrap();
    assert!(matches!(
        store.delete_live_entry(draft.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .save_live_entry(
                page.id,
                Some(draft.id),
                &entry("edit of a deleted one", false, false),
                &now()
            )
            .await,
        Err(StoreError::NotFound)
    ));

    let archived = store
        .set_live_status(page.id, LiveStatus::Archived, Utc::now())
        .await
        .unwrap();
    assert_eq!(archived.status, LiveStatus::Archived);
    assert!(archived.archived_at.is_some());
    let refused = store
        .save_live_entry(page.id, None, &entry("Too late", false, false), &now())
        .await;
    assert!(
        matches!(refused, Err(StoreError::Conflict(_))),
        "{refused:?}"
    );
    assert!(matches!(
        store.delete_live_entry(first.id).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        store.count_live_entries(&query).await.unwrap(),
        2,
        "the refused entry left nothing"
    );
    let reopened = store
        .set_live_status(page.id, LiveStatus::Live, Utc::now())
        .await
        .unwrap();
    assert!(reopened.archived_at.is_none());
    assert!(matches!(
        store
            .save_live_entry(9_999_999, None, &entry("x", false, false), &now())
            .await,
        Err(StoreError::NotFound)
    ));
    db.cleanup().await;
}

async fn idle_live_pages_are_archived(backend: Backend) {
    let (store, db) = fresh(backend).await;
    let hours_ago = |h: i64| LiveWrite::at(Utc::now() - Duration::hours(h));
    let new_page = |headline: &str| NewLivePage {
        slug: String::new(),
        headline: headline.into(),
        summary: String::new(),
        edition: String::new(),
    };
    let quiet = store
        .save_live_page(None, &new_page("Quiet"), &hours_ago(30))
        .await
        .unwrap();
    let busy = store
        .save_live_page(None, &new_page("Busy"), &hours_ago(30))
        .await
        .unwrap();
    store
        .save_live_entry(
            busy.id,
            None,
            &NewLiveEntry {
                body: "Fresh".into(),
                published: true,
                ..NewLiveEntry::default()
            },
            &hours_ago(1),
        )
        .await
        .unwrap();
    let archived = store
        .archive_idle_live_pages(Utc::now() - Duration::hours(24), Utc::now())
        .await
        .unwrap();
    assert_eq!(
        archived.iter().map(|p| p.id).collect::<Vec<_>>(),
        [quiet.id]
    );
    assert_eq!(
        store
            .live_pages(Some(LiveStatus::Live), None, 10, 0)
            .await
            .unwrap()
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>(),
        [busy.id]
    );
    assert!(store
        .archive_idle_live_pages(Utc::now() - Duration::hours(24), Utc::now())
        .await
        .unwrap()
        .is_empty());
    // Reopened by hand: its entries are old, but it was just changed.
    store
        .set_live_status(quiet.id, LiveStatus::Live, Utc::now())
        .await
        .unwrap();
    assert!(
        store
            .archive_idle_live_pages(Utc::now() - Duration::hours(24), Utc::now())
            .await
            .unwrap()
            .is_empty(),
        "a reopened page is not archived again at once"
    );
    db.cleanup().await;
}

async fn the_banner_is_set_replaced_and_cleared(backend: Backend) {
    let (store, db) = fresh(backend).await;
    assert!(store.banner().await.unwrap().is_none());
    let first = store
        .set_banner(
            Some(&NewBanner {
                text: "Air raid alert in Kyiv".into(),
                link: "/live/air-raid".into(),
                style: BannerStyle::Breaking,
                starts_at: None,
                ends_at: Some(Utc::now() + Duration::hours(1)),
            }),
            Utc::now(),
        )
        .await
        .unwrap()
        .unwrap();
    assert!(first.showing_at(Utc::now()));
    let tags = latest_tags(store.as_ref()).await;
    assert!(tags.contains(&"site".to_owned()) && tags.contains(&"banner".to_owned()));
    let second = store
        .set_banner(
            Some(&NewBanner {
                text: "Our magazine: pre-order now".into(),
                link: String::new(),
                style: BannerStyle::Notice,
                starts_at: None,
                ends_at: None,
            }),
            Utc::now(),
        )
        .await
        .unwrap()
        .unwrap();
    assert!(second.id > first.id, "a new banner has a new id");
    assert_eq!(store.banner().await.unwrap().map(|b| b.id), Some(second.id));
    assert!(store.set_banner(None, Utc::now()).await.unwrap().is_none());
    assert!(store.banner().await.unwrap().is_none());
    let touched = store
        .touch(&["site".into(), "banner".into()])
        .await
        .unwrap();
    assert_eq!(store.latest_change_id().await.unwrap(), touched.id);
    db.cleanup().await;
}

async fn other_processes_hear_of_changes(backend: Backend) {
    let (store, db) = fresh(backend).await;
    // A second handle on the same database stands for a second app node.
    let other = db.store().await.unwrap();
    let Some(signal) = other.change_signal() else {
        assert_eq!(backend, Backend::Sqlite, "PostgreSQL announces changes");
        db.cleanup().await;
        return;
    };
    // The listener announces itself once connected; wait for that first wake-up.
    tokio::time::timeout(std::time::Duration::from_secs(5), signal.notified())
        .await
        .expect("the listener connects");
    let before = other.latest_change_id().await.unwrap();
    let woken = tokio::spawn({
        let signal = std::sync::Arc::clone(&signal);
        async move { signal.notified().await }
    });
    store
        .save_feed_item(None, &item("From the other node", true), &now())
        .await
        .unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(1), woken)
        .await
        .expect("woken within a second")
        .unwrap();
    let changes = other.changes_since(before).await.unwrap();
    assert!(
        changes
            .iter()
            .any(|c| c.tags.iter().any(|t| t == "news-feed")),
        "{changes:?}"
    );
    db.cleanup().await;
}

byline_store::on_both_backends!(
    other_processes_hear_of_changes,
    feed_items_drafts_links_pins_and_deletes,
    feed_pages_are_newest_first,
    live_pages_entries_and_archiving,
    idle_live_pages_are_archived,
    the_banner_is_set_replaced_and_cleared,
);
