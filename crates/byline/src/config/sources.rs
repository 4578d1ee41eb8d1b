//! Where settings come from, lowest first: built-in defaults, the TOML file, `BYLINE_*`
//! environment variables, flags. Each value keeps its origin, so a refused value is
//! reported as exactly what the operator wrote: `BYLINE_MAIL_RATE="fast": …`,
//! `--mail-rate="fast": …` or `byline.toml: mail_rate="fast": …`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Arg, ArgAction, ArgMatches, Command};

use super::settings::{setting, Scope, Setting, SETTINGS};

/// Where one value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(PathBuf),
    Env,
    Flag,
}

/// One setting's value from one source.
#[derive(Debug, Clone)]
pub struct Given {
    pub setting: &'static Setting,
    pub origin: Origin,
    pub text: String,
}

impl Given {
    /// The value as the operator wrote it: `BYLINE_MAIL_RATE="fast"`.
    pub fn label(&self) -> String {
        let value = if self.setting.secret {
            "<hidden>".to_owned()
        } else {
            format!("{:?}", self.text)
        };
        match &self.origin {
            Origin::File(path) => format!("{}: {}={value}", path.display(), self.setting.key),
            Origin::Env => format!("{}={value}", self.setting.env),
            Origin::Flag if self.setting.switch.is_some() => format!("--{}", self.setting.flag),
            Origin::Flag => format!("--{}={value}", self.setting.flag),
        }
    }

    /// The source alone, for `byline config`.
    pub fn source(&self) -> String {
        match &self.origin {
            Origin::File(path) => path.display().to_string(),
            Origin::Env => self.setting.env.to_owned(),
            Origin::Flag => format!("--{}", self.setting.flag),
        }
    }
}

/// The TOML configuration file, read into text values (`--config FILE`, `BYLINE_CONFIG`,
/// or `./byline.toml` when present).
#[derive(Debug, Clone, Default)]
pub struct FileConfig {
    path: Option<PathBuf>,
    values: BTreeMap<String, String>,
}

impl FileConfig {
    /// Reads `path`, or `./byline.toml` when no path is given and that file exists. An
    /// unknown key or a value that is not a single value is refused with one line.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Self> {
        let path = match path {
            Some(p) => p.to_owned(),
            None if Path::new("byline.toml").exists() => PathBuf::from("byline.toml"),
            None => return Ok(Self::default()),
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        Self::parse(&path, &text)
    }

    /// Reads the text of a TOML file found at `path`.
    pub fn parse(path: &Path, text: &str) -> anyhow::Result<Self> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .and_then(|s| text.get(..s.start))
                .map_or(1, |before| before.matches('\n').count() + 1);
            anyhow::anyhow!(
                "{}: line {line}: {}",
                path.display(),
                e.message().trim().replace('\n', "; ")
            )
        })?;
        let mut values = BTreeMap::new();
        for (key, value) in table {
            if setting(&key).is_none() {
                anyhow::bail!("{}: unknown setting {key:?}", path.display());
            }
            let text = match value {
                toml::Value::String(s) => s,
                toml::Value::Integer(n) => n.to_string(),
                toml::Value::Float(f) => f.to_string(),
                toml::Value::Boolean(b) => b.to_string(),
                toml::Value::Array(items) => items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join(", "),
                other => anyhow::bail!("{}: {key}={other}: not a single value", path.display()),
            };
            values.insert(key, text);
        }
        Ok(Self {
            path: Some(path.to_owned()),
            values,
        })
    }

    /// The text of `key`, if the file sets it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    fn given(&self, scope: Scope) -> impl Iterator<Item = Given> + '_ {
        SETTINGS
            .iter()
            .filter(move |s| s.scope == scope)
            .filter_map(|s| {
                Some(Given {
                    setting: s,
                    origin: Origin::File(self.path.clone()?),
                    text: self.get(s.key)?.to_owned(),
                })
            })
    }
}

/// Reads an environment variable; empty means unset.
pub type EnvReader<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process's environment.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var_os(name).map(|v| v.to_string_lossy().into_owned())
}

fn env_given(env: EnvReader<'_>, scope: Scope) -> impl Iterator<Item = Given> + '_ {
    SETTINGS
        .iter()
        .filter(move |s| s.scope == scope)
        .filter_map(move |s| {
            let text = env(s.env).filter(|v| !v.trim().is_empty())?;
            Some(Given {
                setting: s,
                origin: Origin::Env,
                text,
            })
        })
}

/// Every value given for the settings of `scope`, lowest precedence first.
pub fn layers(file: &FileConfig, env: EnvReader<'_>, flags: &[Given], scope: Scope) -> Vec<Given> {
    let mut all: Vec<Given> = file.given(scope).collect();
    all.extend(env_given(env, scope));
    all.extend(flags.iter().filter(|g| g.setting.scope == scope).cloned());
    all
}

/// The flags of one scope's settings, built from the table (see [`ServeFlags`]).
fn augment(cmd: Command, scope: Scope) -> Command {
    SETTINGS
        .iter()
        .filter(|s| s.scope == scope)
        .fold(cmd, |cmd, s| {
            let help = match s.switch {
                Some(means) => format!(
                    "{} [env: {}={means}] [toml: {} = {means}]",
                    s.meaning, s.env, s.key
                ),
                None => format!(
                    "{} [default: {}] [env: {}] [toml: {}]",
                    s.meaning,
                    s.default_text(),
                    s.env,
                    s.key
                ),
            };
            let arg = Arg::new(s.key).long(s.flag).help(help);
            let arg = match s.switch {
                Some(_) => arg.action(ArgAction::SetTrue),
                None => arg.value_name(s.value).action(ArgAction::Set),
            };
            cmd.arg(arg.global(scope == Scope::Logging))
        })
}

fn collect(matches: &ArgMatches, scope: Scope) -> Vec<Given> {
    SETTINGS
        .iter()
        .filter(|s| s.scope == scope)
        .filter_map(|s| {
            let text = match s.switch {
                Some(means) => matches
                    .try_get_one::<bool>(s.key)
                    .ok()
                    .flatten()
                    .copied()
                    .unwrap_or(false)
                    .then(|| means.to_owned())?,
                None => matches.try_get_one::<String>(s.key).ok().flatten()?.clone(),
            };
            Some(Given {
                setting: s,
                origin: Origin::Flag,
                text,
            })
        })
        .collect()
}

macro_rules! table_flags {
    ($name:ident, $scope:expr, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, Default)]
        pub struct $name {
            pub given: Vec<Given>,
        }

        impl clap::FromArgMatches for $name {
            fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
                Ok(Self {
                    given: collect(matches, $scope),
                })
            }

            fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
                self.given = collect(matches, $scope);
                Ok(())
            }
        }

        impl clap::Args for $name {
            fn augment_args(cmd: Command) -> Command {
                augment(cmd, $scope)
            }

            fn augment_args_for_update(cmd: Command) -> Command {
                augment(cmd, $scope)
            }
        }
    };
}

table_flags!(
    ServeFlags,
    Scope::Serve,
    "The flags of every `serve` setting, as given on the command line (not yet read)."
);
table_flags!(
    LogFlag,
    Scope::Logging,
    "The global `--log` flag, as given."
);
