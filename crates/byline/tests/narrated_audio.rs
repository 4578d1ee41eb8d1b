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

/// The page at `path` once it satisfies `ok` (pages are re-rendered when the change log
/// reaches this node: at once on PostgreSQL, within a poll on SQLite), at most 10 s.
async fn page_until(app: &TestApp, path: &str, ok: impl Fn(&str) -> bool) -> String {
    for _ in 0..100 {
        let (_, page) = app.text(path).await;
        if ok(&page) {
            return page;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.text(path).await.1
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

    // The Admin API: the state, roles, regenerate, a refused and an accepted recording.
    let (status, state) = api.get(&format!("/api/admin/articles/{id}/audio")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (state["state"].as_str(), state["source"].as_str()),
        (Some("done"), Some("generated"))
    );
    assert!(state["mp3_url"]
        .as_str()
        .is_some_and(|u| u.ends_with(&regenerated.mp3.as_ref().expect("mp3").name)));
    let contributor = app.api_as("contributor").await;
    let (status, _) = contributor
        .post(
            &format!("/api/admin/articles/{id}/audio/regenerate"),
            json!({}),
        )
        .await;
    assert!(
        status == 403 || status == 404,
        "a contributor may not: {status}"
    );
    let author = app.api_as("author").await;
    let (status, _) = author
        .put(
            "/api/admin/sections/news/narration",
            json!({"enabled": false}),
        )
        .await;
    assert_eq!(status, 403, "sections are editors' business");
    assert!(app
        .store
        .narration_off_sections()
        .await
        .expect("read")
        .is_empty());
    let (status, queued) = api
        .post(
            &format!("/api/admin/articles/{id}/audio/regenerate"),
            json!({}),
        )
        .await;
    assert_eq!(status, 202, "{queued}");
    let forced = audio_until(&app, id, |a| {
        a.state == AudioState::Done && a.mp3 != regenerated.mp3
    })
    .await;
    assert_eq!(
        forced.script_hash, regenerated.script_hash,
        "same words, new files"
    );
    let refused = app
        .client
        .put(app.url(&format!("/api/admin/articles/{id}/audio/recording")))
        .bearer_auth(&api.token)
        .body(b"OggS\0\x02 not opus, vorbis".to_vec())
        .send()
        .await
        .expect("put");
    assert_eq!(refused.status(), 422);
    let refused: serde_json::Value = refused.json().await.expect("json");
    assert!(refused.to_string().contains("not Opus"), "{refused}");
    assert_eq!(
        app.store
            .article_audio(id)
            .await
            .expect("read")
            .expect("audio")
            .source,
        AudioSource::Generated,
        "nothing changed"
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
            forced.mp3.as_ref().expect("mp3").name
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
    let page = page_until(&app, &path, |p| {
        p.contains("Read by a member of our newsroom")
    })
    .await;
    assert!(page.contains("<audio class=\"narration-audio\""));
    assert!(
        !page.contains("This audio is created with AI assistance"),
        "no disclosure on a recording"
    );
    assert!(page.contains("Read by a member of our newsroom"));
    let (status, _) = api
        .post(
            &format!("/api/admin/articles/{id}/audio/regenerate"),
            json!({}),
        )
        .await;
    assert_eq!(status, 422, "a recording is in place");

    // Narration switched off: no player, no episode.
    wf.set_narration_enabled(actor, &article, false)
        .await
        .expect("off");
    let page = page_until(&app, &path, |p| !p.contains("<audio")).await;
    assert!(!page.contains("<audio"));
    let xml = page_until(&app, "/podcast.xml", |x| {
        !x.contains("Grain ferry sails from Odesa")
    })
    .await;
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
    let (status, state) = api.get(&format!("/api/admin/articles/{id}/audio")).await;
    assert_eq!(status, 200);
    assert_eq!(state["state"], "failed");
    assert!(
        state["error"].as_str().is_some_and(|e| e.contains("sleep")),
        "{state}"
    );
    app.db.cleanup().await;
}

async fn the_desk_shows_the_state_and_takes_recordings(backend: Backend) {
    let app = narrating_app(backend, EngineKind::Espeak, "").await;
    let editor = app.staff("editor").await;
    let api = app.api_as("editor").await;
    let (id, path) = publish(&api, "Night train to Kharkiv").await;
    let done = audio_until(&app, id, |a| a.state == AudioState::Done).await;
    let desk = format!("/desk/articles/{id}/audio");
    let page = app.page_as(&editor.client, &desk).await;
    assert!(
        page.contains("Done") && page.contains("Generated by espeak-ng"),
        "{page}"
    );
    assert!(app
        .page_as(&editor.client, &format!("/desk/articles/{id}/edit"))
        .await
        .contains(&desk));

    // Without the CSRF token nothing changes; with it, narration goes off.
    let forged = editor
        .client
        .post(app.url(&desk))
        .form(&[("action", "disable")])
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), 403);
    assert!(
        !app.store
            .article_audio(id)
            .await
            .expect("read")
            .expect("audio")
            .disabled
    );
    let csrf = app.csrf(&editor.client, &desk).await;
    let off = editor
        .client
        .post(app.url(&desk))
        .form(&[("_csrf", csrf.as_str()), ("action", "disable")])
        .send()
        .await
        .expect("post");
    assert_eq!(off.status(), 303);
    assert!(
        app.store
            .article_audio(id)
            .await
            .expect("read")
            .expect("audio")
            .disabled
    );
    assert!(!page_until(&app, &path, |p| !p.contains("<audio"))
        .await
        .contains("<audio"));
    let on = editor
        .client
        .post(app.url(&desk))
        .form(&[("_csrf", csrf.as_str()), ("action", "enable")])
        .send()
        .await
        .expect("post");
    assert_eq!(on.status(), 303);

    // A file that is not audio is refused on the page, with its reason; a real one replaces.
    let upload = |bytes: Vec<u8>, csrf: &str| {
        let form = reqwest::multipart::Form::new()
            .text("_csrf", csrf.to_owned())
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name("take.mp3"),
            );
        editor
            .client
            .post(app.url(&format!("{desk}/recording")))
            .multipart(form)
            .send()
    };
    let refused = upload(b"just text".to_vec(), &csrf).await.expect("upload");
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .expect("body")
        .contains("not a recording Byline reads"));
    let forged = upload(b"just text".to_vec(), "forged")
        .await
        .expect("upload");
    assert_eq!(forged.status(), 403);
    let mp3 = app
        .get(&format!("/media/{}", done.mp3.as_ref().expect("mp3").name))
        .await
        .bytes()
        .await
        .expect("mp3");
    let accepted = upload(mp3.to_vec(), &csrf).await.expect("upload");
    assert_eq!(accepted.status(), 303);
    let human = app
        .store
        .article_audio(id)
        .await
        .expect("read")
        .expect("audio");
    assert_eq!(human.source, AudioSource::Human);
    assert!(app
        .page_as(&editor.client, &desk)
        .await
        .contains("A recording by a person"));

    // A contributor does not get to touch a published article's audio.
    let contributor = app.staff("contributor").await;
    let page = contributor
        .client
        .get(app.url(&desk))
        .send()
        .await
        .expect("get");
    assert!(page.status() == 403 || page.status() == 404 || page.status() == 200);
    let csrf = app.csrf(&contributor.client, "/desk/account").await;
    let refused = contributor
        .client
        .post(app.url(&desk))
        .form(&[("_csrf", csrf.as_str()), ("action", "remove-recording")])
        .send()
        .await
        .expect("post");
    assert!(
        refused.status() == 403 || refused.status() == 404,
        "{}",
        refused.status()
    );
    assert_eq!(
        app.store
            .article_audio(id)
            .await
            .expect("read")
            .expect("audio")
            .source,
        AudioSource::Human
    );
    app.db.cleanup().await;
}

byline_store::on_both_backends!(
    the_desk_shows_the_state_and_takes_recordings,
    published_articles_are_narrated_and_podcast,
    a_failing_engine_never_touches_publishing,
);
