//! Narrated audio's storage on both backends: states, saving a narration (files, row and
//! change tags in one transaction, old files removed), a human recording that generated
//! audio never overwrites, switching narration off per article and per section, and the
//! podcast episodes (published and playable only, by section and edition).
#![expect(
    clippy::unwrap_used,
    reason = "test scenarios: a failed unwrap is a failed test"
)]

use byline_domain::{ArticleDraft, ArticleStatus, MediaFile, NewAuthor, NewSection, Slug};
use byline_store::prelude::*;
use byline_store::testing::{Backend, TestDatabase};
use byline_store::{AudioSource, AudioState, LanguageFilter, NewNarration, StoreError};
use chrono::Utc;

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

async fn article(
    store: &dyn Store,
    slug: &str,
    section: &str,
    language: &str,
    status: ArticleStatus,
) -> i64 {
    store
        .save_article(&ArticleDraft {
            slug: Slug::parse(slug).unwrap(),
            headline: slug.into(),
            standfirst: String::new(),
            body_markdown: "Text.".into(),
            section: section.into(),
            tags: vec![],
            authors: vec!["desk".into()],
            status,
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

fn narration(tag: &str, source: AudioSource) -> NewNarration {
    let file = |ext: &str, ct: &str| MediaFile {
        name: format!("narration-{tag}.0123456789ab.{ext}"),
        content_type: ct.into(),
        bytes: format!("{tag}-{ext}").into_bytes(),
    };
    NewNarration {
        source,
        script_hash: format!("hash-{tag}"),
        engine: "espeak-ng".into(),
        voice: "en-gb".into(),
        opus: file("opus", "audio/ogg"),
        mp3: file("mp3", "audio/mpeg"),
        duration_ms: 61_000,
        warning: String::new(),
    }
}

async fn narrations_are_stored_whole_and_listed_as_episodes(backend: Backend) {
    let db = TestDatabase::create(backend).await.unwrap();
    let store = db.store().await.unwrap();
    for (slug, name) in [("news", "News"), ("sport", "Sport")] {
        store
            .upsert_section(&NewSection {
                slug: slug.into(),
                name: name.into(),
                description: String::new(),
                position: 0,
            })
            .await
            .unwrap();
    }
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
    let a = article(
        store.as_ref(),
        "ferry",
        "news",
        "en",
        ArticleStatus::Published,
    )
    .await;
    let b = article(
        store.as_ref(),
        "match",
        "sport",
        "uk",
        ArticleStatus::Published,
    )
    .await;
    let draft = article(store.as_ref(), "draft", "news", "en", ArticleStatus::Draft).await;

    assert_eq!(store.article_audio(a).await.unwrap(), None);
    store
        .set_audio_state(a, AudioState::Running, "")
        .await
        .unwrap();
    let running = store.article_audio(a).await.unwrap().unwrap();
    assert_eq!(
        (running.state, running.playable()),
        (AudioState::Running, false)
    );

    assert!(store
        .save_narration(a, &narration("one", AudioSource::Generated))
        .await
        .unwrap());
    let tags = latest_tags(store.as_ref()).await;
    for tag in [
        "article:ferry",
        "podcast",
        "media:narration-one.0123456789ab.opus",
    ] {
        assert!(tags.iter().any(|t| t == tag), "{tag} in {tags:?}");
    }
    let done = store.article_audio(a).await.unwrap().unwrap();
    assert_eq!(done.state, AudioState::Done);
    assert_eq!(done.script_hash, "hash-one");
    assert_eq!(done.mp3.as_ref().unwrap().bytes, 7);
    assert!(done.playable());
    assert_eq!(
        store
            .media("narration-one.0123456789ab.mp3")
            .await
            .unwrap()
            .unwrap()
            .bytes,
        b"one-mp3"
    );

    // A failed later run keeps the files that play; a new narration replaces them.
    store
        .set_audio_state(a, AudioState::Failed, "espeak-ng failed")
        .await
        .unwrap();
    let failed = store.article_audio(a).await.unwrap().unwrap();
    assert_eq!(
        (failed.state, failed.error.as_str(), failed.playable()),
        (AudioState::Failed, "espeak-ng failed", true)
    );
    assert!(store
        .save_narration(a, &narration("two", AudioSource::Generated))
        .await
        .unwrap());
    assert!(
        store
            .media("narration-one.0123456789ab.mp3")
            .await
            .unwrap()
            .is_none(),
        "old file removed"
    );
    assert_eq!(store.article_audio(a).await.unwrap().unwrap().error, "");

    // A human recording is never overwritten by generated audio; removing it re-queues.
    assert!(store
        .save_narration(a, &narration("human", AudioSource::Human))
        .await
        .unwrap());
    assert!(!store
        .save_narration(a, &narration("three", AudioSource::Generated))
        .await
        .unwrap());
    let human = store.article_audio(a).await.unwrap().unwrap();
    assert_eq!(
        (human.source, human.script_hash.as_str()),
        (AudioSource::Human, "hash-human")
    );
    assert!(
        store
            .media("narration-three.0123456789ab.opus")
            .await
            .unwrap()
            .is_none(),
        "nothing half-written"
    );
    store.remove_recording(a).await.unwrap();
    let removed = store.article_audio(a).await.unwrap().unwrap();
    assert_eq!(
        (removed.source, removed.playable(), removed.state),
        (AudioSource::Generated, false, AudioState::Queued)
    );
    assert!(
        matches!(store.remove_recording(a).await, Err(StoreError::NotFound)),
        "no recording left"
    );
    assert!(store
        .save_narration(a, &narration("four", AudioSource::Generated))
        .await
        .unwrap());

    assert!(store
        .save_narration(b, &narration("five", AudioSource::Generated))
        .await
        .unwrap());
    assert!(store
        .save_narration(draft, &narration("six", AudioSource::Generated))
        .await
        .unwrap());
    let ids = |v: Vec<byline_store::ArticleAudio>| {
        v.into_iter().map(|x| x.article_id).collect::<Vec<_>>()
    };
    let mut all = ids(store.podcast_episodes(None, None, 50).await.unwrap());
    all.sort_unstable();
    assert_eq!(all, vec![a, b], "drafts are not episodes");
    assert_eq!(
        ids(store
            .podcast_episodes(Some("sport"), None, 50)
            .await
            .unwrap()),
        vec![b]
    );
    assert_eq!(
        ids(store
            .podcast_episodes(Some("nowhere"), None, 50)
            .await
            .unwrap()),
        Vec::<i64>::new()
    );
    let uk = LanguageFilter::Only("uk".into());
    assert_eq!(
        ids(store.podcast_episodes(None, Some(&uk), 50).await.unwrap()),
        vec![b]
    );
    assert_eq!(
        store
            .article_audios(&[a, b, draft, 999])
            .await
            .unwrap()
            .len(),
        3
    );

    // Off for one article, then for a section.
    store.set_narration_disabled(a, true).await.unwrap();
    assert!(!store.article_audio(a).await.unwrap().unwrap().playable());
    assert_eq!(
        ids(store.podcast_episodes(None, None, 50).await.unwrap()),
        vec![b]
    );
    assert!(latest_tags(store.as_ref())
        .await
        .contains(&"article:ferry".to_owned()));
    store.set_narration_disabled(a, false).await.unwrap();
    store.set_section_narration("sport", false).await.unwrap();
    assert_eq!(
        store.narration_off_sections().await.unwrap(),
        vec!["sport".to_owned()]
    );
    assert_eq!(
        ids(store.podcast_episodes(None, None, 50).await.unwrap()),
        vec![a]
    );
    store.set_section_narration("sport", true).await.unwrap();
    assert!(store.narration_off_sections().await.unwrap().is_empty());
    assert!(matches!(
        store.set_section_narration("nowhere", false).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.set_narration_disabled(999, true).await,
        Err(StoreError::NotFound)
    ));

    // Audio is not listed in the desk's image library.
    assert!(store
        .media_library(100, 0)
        .await
        .unwrap()
        .iter()
        .all(|m| m.content_type.starts_with("image/")));
    db.cleanup().await;
}

byline_store::on_both_backends!(narrations_are_stored_whole_and_listed_as_episodes);
