//! Text-to-speech engines behind one trait. Each is a program run once per chunk: it
//! reads the chunk's text on stdin and writes WAV to stdout or to a file named in its
//! arguments. Which one runs is configuration ([`EngineConfig`], `narration_engine`).
//!
//! - [`Espeak`]: Debian's `espeak-ng`, voices for about a hundred languages (English,
//!   Ukrainian, Russian, Belarusian…); the default, and the one the tests use.
//! - [`Piper`]: Piper neural voices (`pip install piper-tts`), one local `.onnx` model per
//!   language; never downloads anything (the model path is the operator's).
//! - [`CommandEngine`]: any program that reads text on stdin and writes WAV to stdout,
//!   with `{language}` and `{voice}` in its arguments replaced.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::process::Invocation;

/// Which engine narrates, from the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum EngineConfig {
    /// No narration on this node.
    #[default]
    Off,
    Espeak {
        program: String,
    },
    Piper {
        /// The launcher, split on spaces (`python3 -m piper`, or a venv's `piper`).
        command: String,
        /// Voice model per language code.
        models: BTreeMap<String, PathBuf>,
    },
    Command {
        /// Program and arguments, split on spaces.
        command: String,
    },
}

/// Which engine `narration_engine` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EngineKind {
    #[default]
    Off,
    Espeak,
    Piper,
    Command,
}

impl std::str::FromStr for EngineKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "off" => Ok(Self::Off),
            "espeak-ng" => Ok(Self::Espeak),
            "piper" => Ok(Self::Piper),
            "command" => Ok(Self::Command),
            _ => Err("must be espeak-ng, piper, command or off".into()),
        }
    }
}

/// Voice models per language from `en=/voices/en.onnx,uk=/voices/uk.onnx`.
pub fn parse_models(text: &str) -> Result<BTreeMap<String, PathBuf>, String> {
    let mut models = BTreeMap::new();
    for pair in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (lang, path) = pair
            .split_once('=')
            .ok_or_else(|| format!("{pair:?} is not LANGUAGE=PATH"))?;
        let (lang, path) = (lang.trim(), path.trim());
        if lang.is_empty() || path.is_empty() {
            return Err(format!("{pair:?} is not LANGUAGE=PATH"));
        }
        models.insert(lang.to_ascii_lowercase(), PathBuf::from(path));
    }
    Ok(models)
}

impl EngineConfig {
    /// From the three settings: the kind, the command (empty: the kind's default) and
    /// Piper's models. A command engine without a command, or Piper without a model, is
    /// an error for the start-up line.
    pub fn from_parts(
        kind: EngineKind,
        command: &str,
        models: &BTreeMap<String, PathBuf>,
    ) -> Result<Self, String> {
        let command = command.trim();
        Ok(match kind {
            EngineKind::Off => Self::Off,
            EngineKind::Espeak => Self::Espeak {
                program: if command.is_empty() { "espeak-ng" } else { command }.to_owned(),
            },
            EngineKind::Piper if models.is_empty() => {
                return Err("narration_engine = piper needs narration_piper_models (LANGUAGE=PATH of a local .onnx voice)".into())
            }
            EngineKind::Piper => Self::Piper {
                command: if command.is_empty() { "python3 -m piper" } else { command }.to_owned(),
                models: models.clone(),
            },
            EngineKind::Command if command.is_empty() => {
                return Err("narration_engine = command needs narration_command (a program reading text on stdin, writing WAV to stdout)".into())
            }
            EngineKind::Command => Self::Command {
                command: command.to_owned(),
            },
        })
    }

    /// The engine, or None when narration is off.
    pub fn build(&self) -> Option<Box<dyn TtsEngine>> {
        match self {
            Self::Off => None,
            Self::Espeak { program } => Some(Box::new(Espeak::new(program))),
            Self::Piper { command, models } => Some(Box::new(Piper {
                command: words(command),
                models: models.clone(),
            })),
            Self::Command { command } => Some(Box::new(CommandEngine {
                command: words(command),
            })),
        }
    }
}

fn words(command: &str) -> Vec<String> {
    command.split_whitespace().map(str::to_owned).collect()
}

/// Where an engine leaves its WAV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
}

/// One text-to-speech engine.
pub trait TtsEngine: Send + Sync + std::fmt::Debug {
    /// Its name, shown in the desk and kept with the audio.
    fn name(&self) -> &'static str;
    /// The voice it uses for `language` (a BCP 47 code), or None when it has none.
    fn voice_for(&self, language: &str) -> Option<String>;
    /// The process that speaks one chunk with `voice`; `out` is a file it may write.
    fn invocation(&self, voice: &str, out: &Path) -> (Invocation, Output);
    /// What identifies the sound of `voice` (engine, voice, model): part of the script
    /// hash, so changing the voice regenerates audio and nothing else does.
    fn identity(&self, voice: &str) -> String {
        format!("{}:{voice}", self.name())
    }
    /// Longest text given to it at once (chunks are joined afterwards).
    fn max_chunk_chars(&self) -> usize {
        1500
    }
}

/// The best of `available` for `language`: the code itself, else its primary subtag.
fn pick<'a>(available: impl Iterator<Item = &'a str> + Clone, language: &str) -> Option<String> {
    let wanted = language.trim().to_ascii_lowercase();
    if wanted.is_empty() {
        return None;
    }
    let primary = wanted
        .split(['-', '_'])
        .next()
        .unwrap_or(&wanted)
        .to_owned();
    available
        .clone()
        .find(|v| v.eq_ignore_ascii_case(&wanted))
        .or_else(|| available.clone().find(|v| v.eq_ignore_ascii_case(&primary)))
        .map(str::to_owned)
}

/// `espeak-ng`, with the voices it reports (`espeak-ng --voices`, read once at start).
#[derive(Debug)]
pub struct Espeak {
    program: String,
    /// (language, voice, priority: lower is preferred), as listed.
    languages: Vec<(String, String, u32)>,
}

impl Espeak {
    pub fn new(program: &str) -> Self {
        let languages = std::process::Command::new(program)
            .arg("--voices")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| parse_voice_list(&String::from_utf8_lossy(&o.stdout)))
            .unwrap_or_default();
        if languages.is_empty() {
            tracing::warn!(
                program,
                "espeak-ng lists no voices (is it installed?): narration will fail until it is"
            );
        }
        Self {
            program: program.to_owned(),
            languages,
        }
    }
}

/// `espeak-ng --voices` (`Pty Language Age/Gender VoiceName File Other Languages`): each
/// voice under its own language code, and under the other languages it names as
/// `(code priority)`, e.g. `en-gb … (en 2)`.
fn parse_voice_list(listing: &str) -> Vec<(String, String, u32)> {
    let mut out = Vec::new();
    for line in listing.lines().skip(1) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let (Some(pty), Some(code)) = (cols.first(), cols.get(1)) else {
            continue;
        };
        let pty = pty.parse().unwrap_or(5);
        out.push(((*code).to_owned(), (*code).to_owned(), pty));
        let others = cols.get(5..).map(|c| c.join(" ")).unwrap_or_default();
        for group in others.split('(').skip(1) {
            let mut parts = group.trim_end_matches(')').split_whitespace();
            if let (Some(lang), Some(prio)) = (parts.next(), parts.next()) {
                let prio = prio.trim_end_matches(')').parse().unwrap_or(5);
                out.push((lang.to_owned(), (*code).to_owned(), prio));
            }
        }
    }
    out
}

impl TtsEngine for Espeak {
    fn name(&self) -> &'static str {
        "espeak-ng"
    }

    fn voice_for(&self, language: &str) -> Option<String> {
        let best = |lang: &str| {
            self.languages
                .iter()
                .filter(|(l, _, _)| l.eq_ignore_ascii_case(lang))
                .min_by_key(|(_, _, prio)| *prio)
                .map(|(_, voice, _)| voice.clone())
        };
        let lang = pick(self.languages.iter().map(|(l, _, _)| l.as_str()), language)?;
        best(&lang)
    }

    fn invocation(&self, voice: &str, _out: &Path) -> (Invocation, Output) {
        let args = ["-v", voice, "--stdin", "--stdout"].map(str::to_owned);
        (Invocation::new(&self.program, args), Output::Stdout)
    }
}

/// Piper (`piper-tts`): one local voice model per language.
#[derive(Debug)]
pub struct Piper {
    command: Vec<String>,
    models: BTreeMap<String, PathBuf>,
}

impl TtsEngine for Piper {
    fn name(&self) -> &'static str {
        "piper"
    }

    fn voice_for(&self, language: &str) -> Option<String> {
        pick(self.models.keys().map(String::as_str), language)
    }

    fn invocation(&self, voice: &str, out: &Path) -> (Invocation, Output) {
        let (program, launcher) = self
            .command
            .split_first()
            .map_or(("piper", &[][..]), |(p, rest)| (p.as_str(), rest));
        let model = self
            .models
            .get(voice)
            .map_or_else(|| voice.to_owned(), |m| m.display().to_string());
        let mut args: Vec<String> = launcher.to_vec();
        args.extend(["-m".into(), model, "-f".into(), out.display().to_string()]);
        (Invocation::new(program, args), Output::File(out.to_owned()))
    }

    fn identity(&self, voice: &str) -> String {
        let model = self.models.get(voice).map(|m| m.display().to_string());
        format!("piper:{voice}:{}", model.unwrap_or_default())
    }

    fn max_chunk_chars(&self) -> usize {
        // Loading a model costs a second or two: fewer, longer chunks.
        4000
    }
}

/// Any program: text on stdin, WAV on stdout.
#[derive(Debug)]
pub struct CommandEngine {
    command: Vec<String>,
}

impl TtsEngine for CommandEngine {
    fn name(&self) -> &'static str {
        "command"
    }

    fn voice_for(&self, language: &str) -> Option<String> {
        let language = language.trim();
        (!language.is_empty()).then(|| language.to_owned())
    }

    fn invocation(&self, voice: &str, _out: &Path) -> (Invocation, Output) {
        let fill = |arg: &String| arg.replace("{language}", voice).replace("{voice}", voice);
        let program = self.command.first().map(fill).unwrap_or_default();
        let args = self.command.iter().skip(1).map(fill);
        (Invocation::new(program, args), Output::Stdout)
    }

    fn identity(&self, voice: &str) -> String {
        format!("command:{}:{voice}", self.command.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voices_are_picked_by_code_then_primary_subtag() {
        let list = "Pty Language       Age/Gender VoiceName          File                 Other Languages\n \
                    5  be              --/M      Belarusian         zle/be\n \
                    5  en-029          --/M      English_(Caribbean) gmw/en-029          (en 10)\n \
                    2  en-gb           --/M      English_(Great_Britain) gmw/en          (en 2)\n \
                    2  en-us           --/M      English_(America)  gmw/en-US            (en 3)\n \
                    5  uk              --/M      Ukrainian          zle/uk\n";
        let languages = parse_voice_list(list);
        assert_eq!(languages.len(), 8);
        let espeak = Espeak {
            program: "espeak-ng".into(),
            languages,
        };
        assert_eq!(espeak.voice_for("uk").as_deref(), Some("uk"));
        assert_eq!(espeak.voice_for("en-US").as_deref(), Some("en-us"));
        assert_eq!(
            espeak.voice_for("en").as_deref(),
            Some("en-gb"),
            "lowest priority number"
        );
        assert_eq!(espeak.voice_for("en-AU").as_deref(), Some("en-gb"));
        assert_eq!(espeak.voice_for("kk"), None);
        assert_eq!(espeak.voice_for(""), None);
    }

    #[test]
    fn piper_and_command_invocations_name_their_model_and_language() {
        let models = BTreeMap::from([("en".to_owned(), PathBuf::from("/voices/joe.onnx"))]);
        let piper = EngineConfig::Piper {
            command: "python3 -m piper".into(),
            models,
        }
        .build()
        .expect("engine");
        assert_eq!(piper.voice_for("en-US").as_deref(), Some("en"));
        assert_eq!(piper.voice_for("uk"), None);
        let (inv, out) = piper.invocation("en", Path::new("/tmp/c.wav"));
        assert_eq!(inv.program, "python3");
        assert_eq!(
            inv.args,
            ["-m", "piper", "-m", "/voices/joe.onnx", "-f", "/tmp/c.wav"]
        );
        assert_eq!(out, Output::File("/tmp/c.wav".into()));

        let command = EngineConfig::Command {
            command: "/opt/tts --lang {language}".into(),
        }
        .build()
        .expect("engine");
        let (inv, out) = command.invocation("uk", Path::new("/tmp/x"));
        assert_eq!(
            (inv.program.as_str(), inv.args.clone()),
            ("/opt/tts", vec!["--lang".to_owned(), "uk".to_owned()])
        );
        assert_eq!(out, Output::Stdout);
        assert!(EngineConfig::Off.build().is_none());
    }
}
