//! `narrate_article`: makes an article's narrated audio (`byline_audio`). Enqueued when a
//! revision becomes public (each save of a published article, a scheduled publication,
//! an import) and by "Regenerate" in the desk. Idempotent: the speech script's hash
//! decides, so a run for a revision whose words did not change (a new tag, a new hero
//! image) ends at once, and a second run of the same job finds the audio made.
//!
//! Never in publishing's way: publishing only enqueues this; a failing, hanging or
//! garbage-writing engine is stopped by its timeout, the error is kept for the desk and
//! the job retried a bounded number of times. A run that finishes after the article's
//! words changed again throws its audio away (the newer revision's job makes the right
//! one), and generated audio never replaces a staff member's recording.

use std::sync::Arc;

use byline_audio::narrator::Plan;
use byline_audio::{AudioError, Narrator, ScriptInput};
use byline_domain::{Article, ArticleStatus, MediaFile};
use byline_i18n::Lang;
use byline_store::{AudioSource, AudioState, NewNarration};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::job::{Job, JobContext, Outcome};

/// Narrates articles with this node's [`Narrator`].
pub struct NarrateArticle {
    narrator: Arc<Narrator>,
}

impl NarrateArticle {
    pub fn new(narrator: Arc<Narrator>) -> Self {
        Self { narrator }
    }
}

/// The article to narrate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narration {
    pub article_id: i64,
    /// The revision that asked (one job per revision).
    #[serde(default)]
    pub version: i64,
    /// Synthesise even when the script is unchanged ("Regenerate" in the desk).
    #[serde(default)]
    pub force: bool,
}

impl Job for NarrateArticle {
    const KIND: &'static str = "narrate_article";
    const MAX_ATTEMPTS: i64 = 3;
    type Payload = Narration;

    fn idempotency_key(p: &Narration, run_at: DateTime<Utc>) -> Option<String> {
        Some(if p.force {
            format!(
                "narrate:{}:force:{}",
                p.article_id,
                run_at.timestamp_millis()
            )
        } else {
            format!("narrate:{}:{}", p.article_id, p.version)
        })
    }

    async fn run(&self, ctx: &JobContext, p: Narration) -> Outcome {
        match self.narrate(ctx, &p).await {
            Ok(()) => Outcome::Done,
            Err(Stop::Nothing) => Outcome::Done,
            Err(Stop::Store(e)) => Outcome::Retry(e.to_string()),
            Err(Stop::Audio(e)) => {
                tracing::warn!(article = p.article_id, "narration failed: {e}");
                if let Err(store) = ctx
                    .store
                    .set_audio_state(p.article_id, AudioState::Failed, &e.to_string())
                    .await
                {
                    tracing::warn!(article = p.article_id, "cannot record the failure: {store}");
                }
                match e {
                    AudioError::Empty => Outcome::Fatal(e.to_string()),
                    _ => Outcome::Retry(e.to_string()),
                }
            }
        }
    }
}

/// Why a run stopped early.
enum Stop {
    /// Nothing to do (off, not public, unchanged, a recording in place).
    Nothing,
    Store(byline_store::StoreError),
    Audio(AudioError),
}

impl From<byline_store::StoreError> for Stop {
    fn from(e: byline_store::StoreError) -> Self {
        Self::Store(e)
    }
}

impl NarrateArticle {
    async fn narrate(&self, ctx: &JobContext, p: &Narration) -> Result<(), Stop> {
        if !self.narrator.is_on() {
            return Err(Stop::Nothing);
        }
        let store = ctx.store.as_ref();
        let Some(plan) = self.plan_for(ctx, p.article_id).await? else {
            return Err(Stop::Nothing);
        };
        let current = store.article_audio(p.article_id).await?;
        let unchanged = current
            .as_ref()
            .is_some_and(|a| a.script_hash == plan.hash && a.mp3.is_some());
        if unchanged && !p.force {
            if current
                .as_ref()
                .is_some_and(|a| a.state != AudioState::Done)
            {
                store
                    .set_audio_state(p.article_id, AudioState::Done, "")
                    .await?;
            }
            return Err(Stop::Nothing);
        }
        store
            .set_audio_state(p.article_id, AudioState::Running, "")
            .await?;
        let audio = self.narrator.synthesise(&plan).await.map_err(Stop::Audio)?;
        // The words may have changed while this ran: then a newer job makes the audio.
        let still = self.plan_for(ctx, p.article_id).await?;
        if still.as_ref().map(|s| &s.hash) != Some(&plan.hash) {
            tracing::info!(
                article = p.article_id,
                "article changed during narration: audio discarded"
            );
            return Err(Stop::Nothing);
        }
        let stem = if p.force {
            unique_id(&format!(
                "{}{}",
                plan.hash,
                Utc::now().timestamp_nanos_opt().unwrap_or(0)
            ))
        } else {
            plan.hash[..12].to_owned()
        };
        let narration = NewNarration {
            source: AudioSource::Generated,
            script_hash: plan.hash.clone(),
            engine: self.narrator.engine_name().to_owned(),
            voice: plan.voice_identity.clone(),
            opus: audio_file(p.article_id, &stem, "opus", audio.opus),
            mp3: audio_file(p.article_id, &stem, "mp3", audio.mp3),
            duration_ms: i64::try_from(audio.duration_ms).unwrap_or(i64::MAX),
            warning: plan.warning.clone().unwrap_or_default(),
        };
        if store.save_narration(p.article_id, &narration).await? {
            tracing::info!(
                article = p.article_id,
                words = plan.script.words(),
                duration_ms = audio.duration_ms,
                took_ms = u64::try_from(audio.took.as_millis()).unwrap_or(u64::MAX),
                "article narrated"
            );
        }
        Ok(())
    }

    /// The plan for the article as it is now, or None when it is not to be narrated
    /// (not public, narration off for it or its section, a recording in place).
    async fn plan_for(&self, ctx: &JobContext, article_id: i64) -> Result<Option<Plan>, Stop> {
        let store = ctx.store.as_ref();
        let Some(article) = store.article_by_id(article_id).await? else {
            return Ok(None);
        };
        if article.status != ArticleStatus::Published || article.deleted_at.is_some() {
            return Ok(None);
        }
        if let Some(audio) = store.article_audio(article_id).await? {
            if audio.disabled || audio.source == AudioSource::Human {
                return Ok(None);
            }
        }
        if store
            .narration_off_sections()
            .await?
            .contains(&article.section.slug)
        {
            return Ok(None);
        }
        match self.narrator.plan(&script_input(&article)) {
            Ok(plan) => Ok(Some(plan)),
            Err(AudioError::Off) => Ok(None),
            Err(e) => Err(Stop::Audio(e)),
        }
    }
}

/// The speech script's input for `article`, the byline line in its language's catalog
/// (only the names when Byline has no catalog for the language).
pub fn script_input(article: &Article) -> ScriptInput {
    let names: Vec<&str> = article.authors.iter().map(|a| a.name.as_str()).collect();
    let byline_line = match article.language.parse::<Lang>() {
        Ok(lang) => byline_line(lang, &names),
        Err(_) => names.join(", "),
    };
    ScriptInput {
        headline: article.headline.clone(),
        standfirst: article.standfirst.clone(),
        byline_line,
        body_markdown: article.body_markdown.clone(),
        language: article.language.clone(),
    }
}

/// "By A", "By A and B", "By A, B and C".
pub fn byline_line(lang: Lang, names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => lang.t_s("audio-byline-one", "name", one),
        [rest @ .., last] => lang.t_s2("audio-byline-many", "rest", &rest.join(", "), "last", last),
    }
}

/// Twelve hex digits derived from `seed` (a regenerated file's name part).
fn unique_id(seed: &str) -> String {
    byline_trust::manifest::sha256_hex(seed.as_bytes())[..12].to_owned()
}

/// A narration file's media row: `narration-ID.HASH12.EXT`, an upload-style name that is
/// never given other bytes, so it is served as immutable.
pub fn audio_file(article_id: i64, stem: &str, ext: &str, bytes: Vec<u8>) -> MediaFile {
    MediaFile {
        name: format!("narration-{article_id}.{stem}.{ext}"),
        content_type: if ext == "opus" {
            "audio/ogg"
        } else {
            "audio/mpeg"
        }
        .into(),
        bytes,
    }
}
