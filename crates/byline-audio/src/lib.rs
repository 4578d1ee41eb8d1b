//! Narrated audio for articles.
//!
//! - [`script`]: what is read (headline, standfirst, byline line, body by blocks) grouped
//!   into chunks an engine speaks at once, and the hash that decides whether an article
//!   needs new audio (unchanged text is never synthesised again);
//! - [`engine`]: the [`TtsEngine`] trait and its engines (espeak-ng, Piper, a generic
//!   command), each a subprocess reading text on stdin;
//! - [`process`]: running one subprocess with a timeout and bounded output;
//! - [`wav`]: reading engines' WAV, joining chunks with pauses, loudness normalisation;
//! - [`encode`]: Opus (`opusenc`) and MP3 (`lame`), and decoding uploaded recordings;
//! - [`narrator`]: the [`Narrator`] that does all of it at most N at a time.
//!
//! Nothing here touches the database or HTTP: the `narrate_article` job and the desk's
//! recording upload call it and store what it returns.
#![forbid(unsafe_code)]

pub mod encode;
pub mod engine;
mod error;
pub mod narrator;
pub mod process;
pub mod script;
pub mod wav;

pub use engine::{EngineConfig, EngineKind, TtsEngine};
pub use error::{AudioError, RecordingProblem};
pub use narrator::{Narration, NarrationSettings, Narrator};
pub use script::{Script, ScriptInput};
