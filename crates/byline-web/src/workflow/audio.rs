//! Narrated audio's staff actions: regenerate, switch off or on (per article and per
//! section), upload a human recording that replaces the generated audio, and remove it.
//! The desk, the Admin API and the CLI call these; the `narrate_article` job does the
//! synthesis. Who may: whoever may publish the article (authors their own, editors any)
//! for an article; editors for a section.

use byline_audio::{AudioError, Narrator, RecordingProblem};
use byline_domain::staff::Action;
use byline_domain::{Article, ArticleStatus};
use byline_jobs::narrate_article::{audio_file, NarrateArticle, Narration};
use byline_store::{ArticleAudio, AudioSource, NewNarration};
use chrono::Utc;

use super::error::{FieldError, WorkflowError, WorkflowResult};
use super::{policy, Actor, Workflows};

/// Largest recording upload, bytes (an hour of 128 kbit/s MP3 is ~58 MB; a longer or
/// richer file can be sent as Opus).
pub const MAX_RECORDING_BYTES: usize = 100 * 1024 * 1024;

fn check_audio(actor: Actor<'_>, article: &Article) -> WorkflowResult<()> {
    policy::check_edit(actor, article)?;
    policy::require(actor, Action::PublishOwnArticle)
}

impl Workflows<'_> {
    /// Queues narration of a revision that just became public (deduplicated per
    /// revision). Publishing never waits for it and never fails because of it.
    pub(crate) async fn narrate_if_published(&self, saved: &Article) {
        if saved.status != ArticleStatus::Published || saved.deleted_at.is_some() {
            return;
        }
        let job = Narration {
            article_id: saved.id,
            version: saved.version,
            force: false,
        };
        if let Err(e) = self.enqueue::<NarrateArticle>(&job, Utc::now()).await {
            tracing::warn!(slug = %saved.slug, "cannot queue narration: {e:?}");
        }
    }

    /// The article's narration, for the desk and the API.
    pub async fn narration(
        &self,
        actor: Actor<'_>,
        article: &Article,
    ) -> WorkflowResult<Option<ArticleAudio>> {
        policy::check_view(actor, article)?;
        Ok(self.store.article_audio(article.id).await?)
    }

    /// Synthesises the article again, even if its words did not change.
    pub async fn regenerate_narration(
        &self,
        actor: Actor<'_>,
        article: &Article,
    ) -> WorkflowResult<()> {
        check_audio(actor, article)?;
        if article.status != ArticleStatus::Published {
            return Err(WorkflowError::field(FieldError::new(
                "audio",
                "wf-audio-not-published",
            )));
        }
        let audio = self.store.article_audio(article.id).await?;
        if audio
            .as_ref()
            .is_some_and(|a| a.source == AudioSource::Human)
        {
            return Err(WorkflowError::field(FieldError::new(
                "audio",
                "wf-audio-recording-in-place",
            )));
        }
        self.store
            .set_audio_state(article.id, byline_store::AudioState::Queued, "")
            .await?;
        let job = Narration {
            article_id: article.id,
            version: article.version,
            force: true,
        };
        self.enqueue::<NarrateArticle>(&job, Utc::now()).await?;
        self.audit(actor, "audio.regenerate", &article.slug, "")
            .await;
        Ok(())
    }

    /// Switches narration off (no player, no podcast episode) or on again (queued).
    pub async fn set_narration_enabled(
        &self,
        actor: Actor<'_>,
        article: &Article,
        enabled: bool,
    ) -> WorkflowResult<()> {
        check_audio(actor, article)?;
        self.store
            .set_narration_disabled(article.id, !enabled)
            .await?;
        if enabled {
            self.narrate_if_published(article).await;
        }
        let action = if enabled {
            "audio.enable"
        } else {
            "audio.disable"
        };
        self.audit(actor, action, &article.slug, "").await;
        Ok(())
    }

    /// Replaces the article's audio with a staff member's recording (Opus, MP3 or WAV,
    /// checked by decoding it, then normalised and encoded like generated audio). It is
    /// shown without the AI disclosure and never overwritten by generated audio.
    pub async fn upload_recording(
        &self,
        actor: Actor<'_>,
        article: &Article,
        bytes: &[u8],
        narrator: &Narrator,
    ) -> WorkflowResult<ArticleAudio> {
        check_audio(actor, article)?;
        if bytes.len() > MAX_RECORDING_BYTES {
            return Err(WorkflowError::field(
                FieldError::new("file", "wf-audio-too-large")
                    .num("megabytes", MAX_RECORDING_BYTES / (1024 * 1024)),
            ));
        }
        let audio = narrator.recording(bytes).await.map_err(recording_error)?;
        let digest = byline_trust::manifest::sha256_hex(bytes);
        let stem = &digest[..12];
        let narration = NewNarration {
            source: AudioSource::Human,
            script_hash: format!("recording:{digest}"),
            engine: String::new(),
            voice: actor.name(),
            opus: audio_file(article.id, stem, "opus", audio.opus),
            mp3: audio_file(article.id, stem, "mp3", audio.mp3),
            duration_ms: i64::try_from(audio.duration_ms).unwrap_or(i64::MAX),
            warning: String::new(),
        };
        self.store.save_narration(article.id, &narration).await?;
        self.audit(
            actor,
            "audio.recording",
            &article.slug,
            &format!("{} ms", audio.duration_ms),
        )
        .await;
        self.store
            .article_audio(article.id)
            .await?
            .ok_or(WorkflowError::NotFound)
    }

    /// Removes the recording; the article is narrated by the engine again.
    pub async fn remove_recording(
        &self,
        actor: Actor<'_>,
        article: &Article,
    ) -> WorkflowResult<()> {
        check_audio(actor, article)?;
        self.store.remove_recording(article.id).await?;
        self.narrate_if_published(article).await;
        self.audit(actor, "audio.remove_recording", &article.slug, "")
            .await;
        Ok(())
    }

    /// Switches narration off or on for every article of a section (editors).
    pub async fn set_section_narration(
        &self,
        actor: Actor<'_>,
        section: &str,
        enabled: bool,
    ) -> WorkflowResult<()> {
        policy::require(actor, Action::ManageTaxonomy)?;
        self.store.set_section_narration(section, enabled).await?;
        let detail = if enabled { "on" } else { "off" };
        self.audit(actor, "audio.section", section, detail).await;
        Ok(())
    }
}

/// A refused recording as the upload field's error.
fn recording_error(e: AudioError) -> WorkflowError {
    let field = |key| WorkflowError::field(FieldError::new("file", key));
    match e {
        AudioError::Recording(RecordingProblem::NotAudio) => field("wf-audio-not-audio"),
        AudioError::Recording(RecordingProblem::OggNotOpus) => field("wf-audio-ogg-not-opus"),
        AudioError::Recording(RecordingProblem::Unreadable(detail)) => WorkflowError::field(
            FieldError::new("file", "wf-audio-unreadable").text("detail", detail),
        ),
        AudioError::Recording(RecordingProblem::TooShort) => field("wf-audio-too-short"),
        AudioError::Recording(RecordingProblem::TooLong(minutes)) => WorkflowError::field(
            FieldError::new("file", "wf-audio-too-long").num("minutes", minutes),
        ),
        // The encoders are missing or failed: the operator's problem, not the file's.
        other => WorkflowError::Internal(format!("cannot encode the recording: {other}")),
    }
}
