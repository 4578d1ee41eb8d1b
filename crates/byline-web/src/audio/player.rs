//! The article page's player: shown only when the article has audio that plays (never a
//! broken player while it is being made), native `<audio controls>` that never
//! autoplays, Opus first and MP3 for the rest, the length, the AI disclosure (or, for a
//! staff recording, who read it) and a download link.

use byline_i18n::Lang;
use byline_store::{ArticleAudio, AudioSource};

use crate::view::paths;

/// What the template shows.
#[derive(Debug, Clone)]
pub struct Player {
    pub opus_url: String,
    pub mp3_url: String,
    pub heading: String,
    /// "4 minutes".
    pub duration: String,
    /// ISO 8601 duration for machines (`PT4M12S`).
    pub duration_iso: String,
    pub disclosure: Option<String>,
    pub recorded: Option<String>,
    pub download: String,
    pub no_player: String,
}

impl Player {
    /// The player for `audio`, or None when nothing plays. `disclosure` overrides the
    /// catalog's line (`narration_disclosure`).
    pub fn new(audio: &ArticleAudio, lang: Lang, disclosure: &str) -> Option<Self> {
        if !audio.playable() {
            return None;
        }
        let (opus, mp3) = (audio.opus.as_ref()?, audio.mp3.as_ref()?);
        let secs = audio.duration_ms.max(0) / 1000;
        let minutes = ((audio.duration_ms.max(0) + 30_000) / 60_000).max(1);
        let human = audio.source == AudioSource::Human;
        Some(Self {
            opus_url: paths::media(&opus.name),
            mp3_url: paths::media(&mp3.name),
            heading: lang.t("audio-heading"),
            duration: lang.t_n("audio-duration", minutes),
            duration_iso: format!("PT{}M{}S", secs / 60, secs % 60),
            disclosure: (!human).then(|| {
                if disclosure.trim().is_empty() {
                    lang.t("audio-disclosure")
                } else {
                    disclosure.trim().to_owned()
                }
            }),
            recorded: human.then(|| lang.t("audio-recorded")),
            download: lang.t("audio-download"),
            no_player: lang.t("audio-no-player"),
        })
    }
}

/// The player of a published article (None for a section whose narration is off).
pub(crate) async fn for_article(
    app: &crate::AppState,
    article: &byline_domain::Article,
    lang: Lang,
) -> Result<Option<Player>, crate::AppError> {
    let Some(audio) = app.store.article_audio(article.id).await? else {
        return Ok(None);
    };
    if !audio.playable() {
        return Ok(None);
    }
    if app
        .store
        .narration_off_sections()
        .await?
        .contains(&article.section.slug)
    {
        return Ok(None);
    }
    Ok(Player::new(&audio, lang, &app.config.narration_disclosure))
}
