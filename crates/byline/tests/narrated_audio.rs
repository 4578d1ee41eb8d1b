//! Narrated audio end to end, on both backends, with the real espeak-ng, opusenc and
//! lame: an article published through the Admin API gets its audio within a minute (the
//! player, the AI disclosure, 200 and 206 for its file), a plausible length for its
//! words, the podcast feeds with their iTunes fields; a text change makes new audio and
//! a metadata-only change does not; a failing engine leaves a clear error and no broken
//! player; a staff recording replaces the generated audio, without the disclosure.

mod common;

use std::time::Duration;

use byline_audio::{EngineKind, NarrationSettings};
use byline_store::testing::Backend;
use byline_store::{ArticleAudio, AudioSource, AudioState};
use common::TestApp;
use serde_json::json;

async fn narrating_app(backend: Backend, engine: EngineKind, command: &str) -> TestApp {
    TestApp::start_with(backend, |web| {
        web.narration = NarrationSettings {
            timeout: Duration::from_secs(5),
            ..NarrationSettings::with_engine(engine, command)
        };
    })
    .await
}

/// Waits (at most a minute) until the article's audio satisfies `done`.
async fn audio_until(app: &TestApp, id: i64, done: impl Fn(&ArticleAudio) -> bool) -> ArticleAudio {
    for _ in 0..600 {
        if let Some(audio) = app.store.article_audio(id).await.expect("read") {
            if done(&audio) {
                return audio;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "audio of article {id}: {:?}",
        app.store.article_audio(id).await
    );
}

const BODY: &str = "## At the port\n\nThe ferry left Odesa at dawn with grain on board, the first in a week. \
    Dock workers said the night had been quiet.\n\n- twelve thousand tonnes of wheat\n- sunflower oil\n\n\
    > We waited all night for the all-clear, said a crane operator.\n\n\
    Officials expect two more ships to sail before the weekend, weather allowing.";

async fn publish(api: &common::api::ApiClient<'_>, headline: &str) -> (i64, String) {
    let (status, created) = api
        .post(
            "/api/admin/articles",
            json!({"headline": headline, "body": BODY, "section": "news", "authors": ["news-desk"], "status": "published"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("id");
    let path = created["url"]
        .as_str()
        .expect("url")
        .replace("http://news.example", "");
    (id, path)
}

async fn published_articles_are_narrated_and_podcast(backend: Backend) {
    let app = narrating_app(backend, EngineKind::Espeak, "").await;
    let api = app.api_as("editor").await;
    let (id, path) = publish(&api, "Grain ferry sails from Odesa").await;
    let audio = audio_until(&app, id, |a| a.state == AudioState::Done).await;
    assert!(audio.playable());
    assert_eq!(
        (audio.engine.as_str(), audio.voice.as_str()),
        ("espeak-ng", "espeak-ng:en-gb")
    );
    // ~75 words read at 120–260 a minute, plus pauses.
    assert!(
        (12_000..60_000).contains(&audio.duration_ms),
        "{} ms",
        audio.duration_ms
    );

    let (status, page) = app.text(&path).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<audio class=\"narration-audio\" controls preload=\"none\""),
        "{page}"
    );
    assert!(!page.contains("autoplay"));
    assert!(page.contains("This audio is created with AI assistance"));
    let mp3 = audio.mp3.clone().expect("mp3");
    let mp3_url = format!("/media/{}", mp3.name);
    assert!(page.contains(&format!("href=\"{mp3_url}\" download")));

    let whole = app.get(&mp3_url).await;
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.headers()["content-type"], "audio/mpeg");
    assert_eq!(whole.bytes().await.expect("bytes").len() as i64, mp3.bytes);
    let part = app
        .client
        .get(app.url(&mp3_url))
        .header("range", "bytes=100-199")
        .send()
        .await
        .expect("range");
    assert_eq!(part.status(), 206);
    assert_eq!(
        part.headers()["content-range"],
        format!("bytes 100-199/{}", mp3.bytes).as_str()
    );
    assert_eq!(part.bytes().await.expect("bytes").len(), 100);
    let opus = app
        .get(&format!(
            "/media/{}",
            audio.opus.as_ref().expect("opus").name
        ))
        .await;
    assert_eq!(opus.headers()["content-type"], "audio/ogg");

    // The podcast feed: advertised on the home page, parses, with iTunes fields.
    let (_, home) = app.text("/").await;
    assert!(
        home.contains("type=\"application/rss+xml\"") && home.contains("href=\"/podcast.xml\""),
        "{home}"
    );
    for feed_path in ["/podcast.xml", "/sections/news/podcast.xml"] {
        let (status, xml) = app.text(feed_path).await;
        assert_eq!(status, 200, "{feed_path}");
        let channel = rss::Channel::read_from(xml.as_bytes()).expect("podcast rss");
        assert!(channel
            .itunes_ext()
            .is_some_and(|i| i.author().is_some() && i.explicit() == Some("false")));
        let item = channel
            .items()
            .iter()
            .find(|i| i.title() == Some("Grain ferry sails from Odesa"))
            .unwrap_or_else(|| panic!("episode in {feed_path}: {xml}"));
        let enclosure = item.enclosure().expect("enclosure");
        assert_eq!(enclosure.mime_type(), "audio/mpeg");
        assert_eq!(enclosure.length(), mp3.bytes.to_string());
        assert!(enclosure.url().ends_with(&mp3_url));
        assert_eq!(
            item.guid().map(|g| g.value()),
            Some(format!("http://news.example{path}").as_str())
        );
        let duration = item
            .itunes_ext()
            .and_then(|i| i.duration())
            .expect("duration");
        assert!(duration.starts_with("00:00:"), "{duration}");
    }

    // A metadata-only change keeps the audio; a text change makes new audio.
    let (status, _) = api
        .patch(
            &format!("/api/admin/articles/{id}"),
            json!({"tags": ["Ports"], "version": 1}),
        )
        .await;
    assert_eq!(status, 200);
    tokio::time::sleep(Duration::from_secs(2)).await;
    let after_tags = app
        .store
        .article_audio(id)
        .await
        .expect("read")
        .expect("audio");
    assert_eq!(after_tags.mp3, audio.mp3, "not synthesised again");
    let (status, _) = api
        .patch(
            &format!("/api/admin/articles/{id}"),
            json!({"body": format!("{BODY}\n\nA third ship was turned back by a storm."), "version": 2}),
        )
        .await;
    assert_eq!(status, 200);
    let regenerated = audio_until(&app, id, |a| {
        a.script_hash != audio.script_hash && a.state == AudioState::Done
    })
    .await;
    assert_ne!(regenerated.mp3, audio.mp3);
    assert!(regenerated.duration_ms > audio.duration_ms);
    assert_eq!(
        app.get(&mp3_url).await.status(),
        404,
        "the old file is gone"
    );

    // A staff recording replaces it and is shown without the AI disclosure.
    let article = app
        .store
        .article_by_id(id)
        .await
        .expect("read")
        .expect("article");
    let wf = byline_web::workflow::Workflows::new(
        app.store.as_ref(),
        "http://news.example",
        byline_web::workflow::Channel::Cli,
    );
    let actor = byline_web::workflow::Actor::Operator;
    let recording = app
        .get(&format!(
            "/media/{}",
            regenerated.mp3.as_ref().expect("mp3").name
        ))
        .await
        .bytes()
        .await
        .expect("mp3");
    let refused = wf
        .upload_recording(
            actor,
            &article,
            b"<html>not audio</html>",
            &app.server.state.narrator,
        )
        .await
        .expect_err("not audio");
    assert!(
        matches!(&refused, byline_web::workflow::WorkflowError::Invalid(f) if f[0].field == "file"),
        "{refused:?}"
    );
    let human = wf
        .upload_recording(actor, &article, &recording, &app.server.state.narrator)
        .await
        .expect("recording");
    assert_eq!(human.source, AudioSource::Human);
    let (_, page) = app.text(&path).await;
    assert!(page.contains("<audio class=\"narration-audio\""));
    assert!(
        !page.contains("This audio is created with AI assistance"),
        "no disclosure on a recording"
    );
    assert!(page.contains("Read by a member of our newsroom"));

    // Narration switched off: no player, no episode.
    wf.set_narration_enabled(actor, &article, false)
        .await
        .expect("off");
    let (_, page) = app.text(&path).await;
    assert!(!page.contains("<audio"));
    let (_, xml) = app.text("/podcast.xml").await;
    assert!(!xml.contains("Grain ferry sails from Odesa"));
    app.db.cleanup().await;
}

async fn a_failing_engine_never_touches_publishing(backend: Backend) {
    let app = narrating_app(backend, EngineKind::Command, "sleep 30").await;
    let api = app.api_as("editor").await;
    let started = std::time::Instant::now();
    let (id, path) = publish(&api, "Storm closes the port").await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "publishing did not wait"
    );
    let (status, page) = app.text(&path).await;
    assert_eq!(status, 200);
    let failed = audio_until(&app, id, |a| a.state == AudioState::Failed).await;
    assert!(
        failed.error.contains("did not finish within 5 s"),
        "{}",
        failed.error
    );
    assert!(!failed.playable());
    let (_, page_after) = app.text(&path).await;
    assert!(
        !page.contains("<audio") && !page_after.contains("<audio"),
        "no broken player"
    );
    let (status, xml) = app.text("/podcast.xml").await;
    assert_eq!(status, 200);
    assert!(!xml.contains("Storm closes the port"));
    app.db.cleanup().await;
}

byline_store::on_both_backends!(
    published_articles_are_narrated_and_podcast,
    a_failing_engine_never_touches_publishing,
);
