//! Why narration or a recording failed, in words an editor can act on (shown in the desk).

/// A failed synthesis, encoding or recording check.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AudioError {
    /// The program could not be started (not installed, not executable).
    #[error("cannot start {program}: {reason}")]
    Spawn { program: String, reason: String },
    /// It ran longer than allowed and was stopped.
    #[error("{program} did not finish within {secs} s and was stopped")]
    Timeout { program: String, secs: u64 },
    /// It exited with an error.
    #[error("{program} failed ({status}): {stderr}")]
    Failed {
        program: String,
        status: String,
        stderr: String,
    },
    /// It wrote more than the limit allows.
    #[error("{program} wrote more than {limit} bytes")]
    TooLarge { program: String, limit: usize },
    /// Its output is not usable audio.
    #[error("{0}")]
    BadAudio(String),
    /// An uploaded recording that is refused (wrong type, unreadable, too long).
    #[error("{0}")]
    Recording(RecordingProblem),
    /// Nothing to read aloud.
    #[error("the article has no text to read")]
    Empty,
    /// Narration is switched off on this node.
    #[error("narration is switched off (narration_engine = off)")]
    Off,
    #[error("{0}")]
    Io(String),
}

impl From<std::io::Error> for AudioError {
    fn from(e: std::io::Error) -> Self {
        Self::Io(e.to_string())
    }
}

/// Why an uploaded recording was refused (each has a catalog message in the desk).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordingProblem {
    #[error("this file is not a recording Byline reads: upload Opus (.opus), MP3 or WAV")]
    NotAudio,
    #[error("this Ogg file is not Opus (Vorbis or another codec): upload Opus, MP3 or WAV")]
    OggNotOpus,
    #[error("this recording cannot be read, it may be damaged ({0})")]
    Unreadable(String),
    #[error("this recording is too short (under half a second)")]
    TooShort,
    #[error("this recording is longer than {0} minutes")]
    TooLong(u64),
}
