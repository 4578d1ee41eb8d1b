//! Narrated audio's storage: each article's narration state and files. The audio bytes are
//! rows of `media` (served by `/media/NAME` with Range requests like any upload); saving a
//! narration writes both files, the state and the change-log tags in one transaction, so
//! a page never points at audio that is not there.

use async_trait::async_trait;
use byline_domain::MediaFile;
use chrono::{DateTime, Utc};

use crate::StoreResult;

/// Cache tag of the podcast feeds.
pub const PODCAST_TAG: &str = "podcast";

/// Where a narration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioState {
    Queued,
    Running,
    Done,
    Failed,
}

impl AudioState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Self {
        match s {
            "running" => Self::Running,
            "done" => Self::Done,
            "failed" => Self::Failed,
            _ => Self::Queued,
        }
    }
}

/// Where the current audio came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioSource {
    Generated,
    /// Uploaded by staff: replaces the generated one, shown without the AI disclosure.
    Human,
}

impl AudioSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Generated => "generated",
            Self::Human => "human",
        }
    }
}

/// One encoded file of a narration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AudioFile {
    /// Media name, served under `/media/`.
    pub name: String,
    pub bytes: i64,
}

/// An article's narration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleAudio {
    pub article_id: i64,
    pub state: AudioState,
    pub source: AudioSource,
    pub script_hash: String,
    pub engine: String,
    pub voice: String,
    pub opus: Option<AudioFile>,
    pub mp3: Option<AudioFile>,
    pub duration_ms: i64,
    /// The last failure, for the desk (empty when the last run worked).
    pub error: String,
    /// E.g. the fallback voice was used.
    pub warning: String,
    pub disabled: bool,
    pub updated_at: DateTime<Utc>,
}

impl ArticleAudio {
    /// Audio a listener can play now (files present, narration not switched off).
    pub fn playable(&self) -> bool {
        !self.disabled && self.mp3.is_some() && self.opus.is_some()
    }
}

/// A finished narration to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNarration {
    pub source: AudioSource,
    pub script_hash: String,
    pub engine: String,
    pub voice: String,
    pub opus: MediaFile,
    pub mp3: MediaFile,
    pub duration_ms: i64,
    pub warning: String,
}

#[async_trait]
pub trait AudioStore: Send + Sync {
    async fn article_audio(&self, article_id: i64) -> StoreResult<Option<ArticleAudio>>;
    /// The narrations of these articles (any state), for the desk's lists.
    async fn article_audios(&self, ids: &[i64]) -> StoreResult<Vec<ArticleAudio>>;
    /// Records a run's state (and its error or warning), creating the row if needed.
    /// Leaves the current files alone.
    async fn set_audio_state(
        &self,
        article_id: i64,
        state: AudioState,
        error: &str,
    ) -> StoreResult<()>;
    /// Stores a finished narration: both files, the row, and the tags of the article's
    /// pages and the podcast feeds, in one transaction; the previous files are removed.
    /// A generated narration never replaces a human recording (false, nothing written).
    async fn save_narration(&self, article_id: i64, narration: &NewNarration) -> StoreResult<bool>;
    /// Drops a human recording (its files too), so the article is narrated again.
    async fn remove_recording(&self, article_id: i64) -> StoreResult<()>;
    /// Switches narration off (or on again) for one article.
    async fn set_narration_disabled(&self, article_id: i64, disabled: bool) -> StoreResult<()>;
    /// Slugs of the sections whose articles are not narrated.
    async fn narration_off_sections(&self) -> StoreResult<Vec<String>>;
    /// Switches narration off (or on) for a section; an unknown slug is NotFound.
    async fn set_section_narration(&self, section: &str, enabled: bool) -> StoreResult<()>;
    /// Published, playable narrations newest first, optionally of one section and of
    /// the editions `languages` admits (article ids; dress them with `summaries_by_ids`).
    async fn podcast_episodes(
        &self,
        section: Option<&str>,
        languages: Option<&crate::LanguageFilter>,
        limit: i64,
    ) -> StoreResult<Vec<ArticleAudio>>;
}
