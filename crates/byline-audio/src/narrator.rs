//! The [`Narrator`]: turns a [`Script`] into Opus and MP3 with the configured engine, or
//! checks and re-encodes an uploaded recording, at most `concurrency` at a time (a
//! semaphore shared by every caller on the node), each program bounded by a timeout.

use std::time::{Duration, Instant};

use tokio::sync::Semaphore;

use crate::encode::{self, RecordingKind};
use crate::engine::{EngineConfig, EngineKind, Output, TtsEngine};
use crate::process::run;
use crate::script::{Script, ScriptInput};
use crate::wav::Pcm;
use crate::{AudioError, RecordingProblem};

/// Most WAV bytes one chunk may produce (a runaway engine stops here).
const MAX_CHUNK_WAV: usize = 128 * 1024 * 1024;
/// Shortest recording accepted, ms.
const MIN_RECORDING_MS: u64 = 500;

/// Narration settings (`narration_*` in the configuration).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NarrationSettings {
    /// `narration_engine`.
    pub engine: EngineKind,
    /// `narration_command`: the engine's program (empty: espeak-ng, `python3 -m piper`).
    pub command: String,
    /// `narration_piper_models`: Piper's voice model per language.
    pub piper_models: std::collections::BTreeMap<String, std::path::PathBuf>,
    /// Voice (language code) used when an article's language has none, with a warning.
    pub fallback_voice: String,
    /// Longest one program (one chunk's synthesis, one encoding) may run.
    pub timeout: Duration,
    /// Syntheses at once on this node.
    pub concurrency: usize,
    /// Longest uploaded recording accepted.
    pub max_recording: Duration,
}

impl Default for NarrationSettings {
    fn default() -> Self {
        Self {
            engine: EngineKind::Off,
            command: String::new(),
            piper_models: std::collections::BTreeMap::new(),
            fallback_voice: "en".into(),
            timeout: Duration::from_secs(120),
            concurrency: 1,
            max_recording: Duration::from_secs(4 * 3600),
        }
    }
}

/// What to synthesise for one article: the script, the voice and the hash that decides
/// whether it is needed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub script: Script,
    pub voice: String,
    /// `engine:voice…` as kept with the audio.
    pub voice_identity: String,
    pub hash: String,
    /// Set when the article's language has no voice and the fallback is used.
    pub warning: Option<String>,
}

/// Audio ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narration {
    pub opus: Vec<u8>,
    pub mp3: Vec<u8>,
    pub duration_ms: u64,
    /// CPU-free wall time the synthesis and encoding took.
    pub took: Duration,
}

/// Narrates on this node.
#[derive(Debug)]
pub struct Narrator {
    engine: Option<Box<dyn TtsEngine>>,
    settings: NarrationSettings,
    permits: Semaphore,
}

impl Default for Narrator {
    /// Narration off.
    fn default() -> Self {
        Self::new(NarrationSettings::default())
    }
}

impl NarrationSettings {
    /// The engine these settings describe (an error names the missing setting).
    pub fn engine_config(&self) -> Result<EngineConfig, String> {
        EngineConfig::from_parts(self.engine, &self.command, &self.piper_models)
    }

    /// Settings for `engine` with the other values at their defaults.
    pub fn with_engine(engine: EngineKind, command: &str) -> Self {
        Self {
            engine,
            command: command.to_owned(),
            ..Self::default()
        }
    }
}

impl Narrator {
    /// A narrator for `settings`; settings that name no usable engine (checked at start
    /// by [`NarrationSettings::engine_config`]) narrate nothing.
    pub fn new(settings: NarrationSettings) -> Self {
        Self {
            engine: settings.engine_config().ok().and_then(|c| c.build()),
            permits: Semaphore::new(settings.concurrency.max(1)),
            settings,
        }
    }

    /// Is an engine configured?
    pub fn is_on(&self) -> bool {
        self.engine.is_some()
    }

    pub fn engine_name(&self) -> &'static str {
        self.engine.as_ref().map_or("off", |e| e.name())
    }

    /// The script, voice and hash for `input` (cheap: nothing runs).
    pub fn plan(&self, input: &ScriptInput) -> Result<Plan, AudioError> {
        let engine = self.engine.as_ref().ok_or(AudioError::Off)?;
        let script = Script::build(input, engine.max_chunk_chars());
        if script.is_empty() {
            return Err(AudioError::Empty);
        }
        let (voice, warning) = match engine.voice_for(&script.language) {
            Some(voice) => (voice, None),
            None => {
                let fallback = engine
                    .voice_for(&self.settings.fallback_voice)
                    .unwrap_or_else(|| self.settings.fallback_voice.clone());
                let warning = format!(
                    "{} has no voice for language {:?}: read with the fallback voice {fallback:?}",
                    engine.name(),
                    script.language
                );
                (fallback, Some(warning))
            }
        };
        let voice_identity = engine.identity(&voice);
        let hash = script.hash(&voice_identity);
        Ok(Plan {
            script,
            voice,
            voice_identity,
            hash,
            warning,
        })
    }

    /// Speaks `plan`, joins, normalises and encodes it.
    pub async fn synthesise(&self, plan: &Plan) -> Result<Narration, AudioError> {
        let engine = self.engine.as_ref().ok_or(AudioError::Off)?;
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AudioError::Io(e.to_string()))?;
        let started = Instant::now();
        let dir = tempfile::tempdir()?;
        let mut joined: Option<Pcm> = None;
        for (i, chunk) in plan.script.chunks.iter().enumerate() {
            let out = dir.path().join(format!("chunk-{i}.wav"));
            let (invocation, output) = engine.invocation(&plan.voice, &out);
            let stdout = run(
                &invocation,
                chunk.text.as_bytes(),
                self.settings.timeout,
                MAX_CHUNK_WAV,
            )
            .await?;
            let wav = match output {
                Output::Stdout => stdout,
                Output::File(path) => tokio::fs::read(&path).await.map_err(|e| {
                    AudioError::BadAudio(format!("{} wrote no audio file: {e}", engine.name()))
                })?,
            };
            let pcm = Pcm::from_wav(&wav, &format!("{}'s output", engine.name()))?;
            let all = joined.get_or_insert_with(|| Pcm {
                rate: pcm.rate,
                samples: Vec::new(),
            });
            all.append(&pcm);
            all.pause(chunk.pause_after_ms);
        }
        let pcm = joined.ok_or(AudioError::Empty)?;
        self.encode(pcm, dir.path(), started).await
    }

    /// Checks an uploaded recording (by decoding it) and encodes it like a narration.
    pub async fn recording(&self, bytes: &[u8]) -> Result<Narration, AudioError> {
        let kind: RecordingKind = encode::sniff(bytes)?;
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| AudioError::Io(e.to_string()))?;
        let started = Instant::now();
        let dir = tempfile::tempdir()?;
        let pcm = encode::decode(kind, bytes, dir.path(), self.settings.timeout).await?;
        let ms = pcm.duration_ms();
        if ms < MIN_RECORDING_MS {
            return Err(AudioError::Recording(RecordingProblem::TooShort));
        }
        if u128::from(ms) > self.settings.max_recording.as_millis() {
            return Err(AudioError::Recording(RecordingProblem::TooLong(
                self.settings.max_recording.as_secs() / 60,
            )));
        }
        self.encode(pcm, dir.path(), started).await
    }

    async fn encode(
        &self,
        mut pcm: Pcm,
        dir: &std::path::Path,
        started: Instant,
    ) -> Result<Narration, AudioError> {
        pcm.normalise();
        let wav = dir.join("narration.wav");
        pcm.write_wav(&wav)?;
        let timeout = self.settings.timeout;
        let opus_path = dir.join("narration.opus");
        let mp3_path = dir.join("narration.mp3");
        let (opus, mp3) = tokio::join!(
            encode::to_opus(&wav, &opus_path, timeout),
            encode::to_mp3(&wav, &mp3_path, timeout)
        );
        Ok(Narration {
            opus: opus?,
            mp3: mp3?,
            duration_ms: pcm.duration_ms(),
            took: started.elapsed(),
        })
    }
}
