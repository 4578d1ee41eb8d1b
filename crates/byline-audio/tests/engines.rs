//! The narrator with the real programs: espeak-ng speaks, opusenc and lame encode,
//! opusdec and lame decode uploads; failing, hanging and garbage-writing engines.

use std::time::Duration;

use byline_audio::{AudioError, EngineKind, NarrationSettings, Narrator, ScriptInput};

fn narrator(engine: EngineKind, command: &str, timeout: Duration) -> Narrator {
    Narrator::new(NarrationSettings {
        timeout,
        ..NarrationSettings::with_engine(engine, command)
    })
}

fn espeak() -> Narrator {
    narrator(EngineKind::Espeak, "", Duration::from_secs(60))
}

fn article(words: usize, language: &str) -> ScriptInput {
    let sentence = match language {
        "uk" => "Пором вийшов з Одеси на світанку з зерном на борту. ",
        _ => "The ferry left Odesa at dawn with grain on board. ",
    };
    let per = sentence.split_whitespace().count();
    let paragraph = sentence.repeat(5);
    ScriptInput {
        headline: "Grain moves again".into(),
        standfirst: String::new(),
        byline_line: "By Ilse Varn".into(),
        body_markdown: vec![paragraph; words / (per * 5)].join("\n\n"),
        language: language.into(),
    }
}

#[tokio::test]
async fn espeak_narrates_in_the_articles_language_with_a_plausible_length() {
    let narrator = espeak();
    for language in ["en", "uk"] {
        let plan = narrator.plan(&article(200, language)).expect("plan");
        assert_eq!(
            plan.voice,
            if language == "en" { "en-gb" } else { language }
        );
        assert!(plan.warning.is_none());
        let audio = narrator.synthesise(&plan).await.expect("narration");
        // espeak-ng reads at ~160–180 words a minute; pauses add a little.
        let words = plan.script.words() as f64;
        let minutes = audio.duration_ms as f64 / 60_000.0;
        let rate = words / minutes;
        assert!(
            (90.0..260.0).contains(&rate),
            "{language}: {words} words in {minutes:.2} min"
        );
        assert!(audio.opus.starts_with(b"OggS"), "opus");
        assert!(audio.mp3.starts_with(b"ID3") || audio.mp3[0] == 0xFF, "mp3");
        // 32 kbit/s Opus: about 240 KB a minute at most.
        assert!(audio.opus.len() as f64 / minutes < 300_000.0);
    }
}

#[tokio::test]
async fn a_language_without_a_voice_falls_back_with_a_warning() {
    let mut input = article(20, "en");
    input.language = "xx-unknown".into();
    let plan = espeak().plan(&input).expect("plan");
    assert_eq!(plan.voice, "en-gb");
    let warning = plan.warning.expect("warned");
    assert!(warning.contains("xx-unknown"), "{warning}");
}

#[tokio::test]
async fn failing_hanging_and_garbage_engines_give_clear_errors() {
    let input = article(20, "en");
    let failing = narrator(EngineKind::Command, "false", Duration::from_secs(10));
    let err = failing
        .synthesise(&failing.plan(&input).expect("plan"))
        .await
        .expect_err("fails");
    assert!(matches!(err, AudioError::Failed { .. }), "{err:?}");

    let started = std::time::Instant::now();
    let hanging = narrator(EngineKind::Command, "sleep 30", Duration::from_millis(500));
    let err = hanging
        .synthesise(&hanging.plan(&input).expect("plan"))
        .await
        .expect_err("hangs");
    assert!(matches!(err, AudioError::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(10));

    // `cat` writes the text back: not audio.
    let garbage = narrator(EngineKind::Command, "cat", Duration::from_secs(10));
    let err = garbage
        .synthesise(&garbage.plan(&input).expect("plan"))
        .await
        .expect_err("garbage");
    assert!(err.to_string().contains("not usable WAV audio"), "{err}");

    let missing = narrator(
        EngineKind::Command,
        "/nonexistent/tts",
        Duration::from_secs(10),
    );
    let err = missing
        .synthesise(&missing.plan(&input).expect("plan"))
        .await
        .expect_err("missing");
    assert!(err.to_string().starts_with("cannot start tts"), "{err}");

    assert_eq!(
        narrator(EngineKind::Off, "", Duration::from_secs(1)).plan(&input),
        Err(AudioError::Off)
    );
    let empty = ScriptInput {
        language: "en".into(),
        ..ScriptInput::default()
    };
    assert_eq!(espeak().plan(&empty), Err(AudioError::Empty));
}

#[tokio::test]
async fn uploaded_recordings_are_decoded_checked_and_reencoded() {
    let narrator = espeak();
    let made = narrator
        .synthesise(&narrator.plan(&article(40, "en")).expect("plan"))
        .await
        .expect("narration");
    for (what, bytes) in [("opus", &made.opus), ("mp3", &made.mp3)] {
        let again = narrator.recording(bytes).await.expect(what);
        let drift = again.duration_ms.abs_diff(made.duration_ms);
        assert!(
            drift < 300,
            "{what}: {} vs {} ms",
            again.duration_ms,
            made.duration_ms
        );
    }
    // A truncated MP3 (its frame sync kept) and random bytes are refused with a reason.
    let err = narrator
        .recording(&made.mp3[..200])
        .await
        .expect_err("truncated");
    assert!(matches!(err, AudioError::Recording(_)), "{err:?}");
    let err = narrator
        .recording(b"GIF89a not audio")
        .await
        .expect_err("not audio");
    assert!(err.to_string().contains("not a recording"), "{err}");
}
