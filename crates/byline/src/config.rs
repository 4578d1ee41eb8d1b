//! Configuration in one place: built-in defaults, then an optional TOML file, then
//! `BYLINE_*` environment variables, then flags. Every setting is one row of
//! [`settings::SETTINGS`] (key, variable, flag, default, meaning, reader); a value that
//! cannot be read stops the start with one line naming the setting and the value.
//! No global settings object: `serve` resolves a [`ServeConfig`] and hands its parts on.

mod settings;
mod sources;
mod table;
mod values;

use std::path::PathBuf;

use anyhow::Context;
use byline_jobs::{JobSettings, RunnerConfig};
use byline_mail::MailConfig;
use byline_web::WebConfig;

pub use settings::{DefaultValue, Scope, Setting, SETTINGS};
pub use sources::{process_env, EnvReader, FileConfig, Given, LogFlag, Origin, ServeFlags};

use settings::Draft;

/// Everything `byline serve` runs with. `Debug` hides the metrics token (the SMTP
/// password is hidden by `MailConfig`, the DKIM key by [`Dkim`]).
#[derive(Clone)]
pub struct ServeConfig {
    /// Address to listen on (`127.0.0.1:0` picks a free port).
    pub addr: String,
    /// Load the demo newsroom into an empty database.
    pub demo: bool,
    pub web: WebConfig,
    pub mail: MailConfig,
    pub dkim: Option<Dkim>,
    /// How the job worker takes and retries jobs.
    pub runner: RunnerConfig,
    /// The settings of the jobs that have any (the newsletter rate and retry).
    pub jobs: JobSettings,
}

impl Default for ServeConfig {
    fn default() -> Self {
        Self {
            addr: "127.0.0.1:8080".into(),
            demo: true,
            web: WebConfig {
                // `byline serve` narrates with espeak-ng unless told otherwise; the
                // library's default (tests, embedders) is off.
                narration: byline_audio::NarrationSettings::with_engine(
                    byline_audio::EngineKind::Espeak,
                    "",
                ),
                ..WebConfig::default()
            },
            mail: MailConfig {
                smtp_url: None,
                outbox_dir: PathBuf::from("data/outbox"),
                from_name: "Byline".into(),
                from_address: "newsroom@localhost.localdomain".into(),
            },
            dkim: None,
            runner: RunnerConfig::default(),
            jobs: JobSettings::default(),
        }
    }
}

impl std::fmt::Debug for ServeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut web = self.web.clone();
        if web.metrics_token.is_some() {
            web.metrics_token = Some("<hidden>".into());
        }
        f.debug_struct("ServeConfig")
            .field("addr", &self.addr)
            .field("demo", &self.demo)
            .field("web", &web)
            .field("mail", &self.mail)
            .field("dkim", &self.dkim)
            .field("runner", &self.runner)
            .field("jobs", &self.jobs)
            .finish()
    }
}

/// DKIM signing of outgoing mail.
#[derive(Clone)]
pub struct Dkim {
    pub domain: String,
    pub selector: String,
    pub key_file: PathBuf,
    /// The PEM text of the key (a secret: not in `Debug`).
    pub key_pem: String,
}

impl std::fmt::Debug for Dkim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dkim")
            .field("domain", &self.domain)
            .field("selector", &self.selector)
            .field("key_file", &self.key_file)
            .finish_non_exhaustive()
    }
}

impl ServeConfig {
    /// Reads every `serve` setting from the file, the environment and the flags, in that
    /// order; `storage` gives the outbox folder. Errors are one line.
    pub fn resolve(
        file: &FileConfig,
        env: EnvReader<'_>,
        flags: &ServeFlags,
        storage: &Storage,
    ) -> anyhow::Result<Self> {
        let mut draft = Draft::default();
        for given in sources::layers(file, env, &flags.given, Scope::Serve) {
            (given.setting.apply)(&mut draft, &given.text)
                .map_err(|why| anyhow::anyhow!("{}: {why}", given.label()))?;
        }
        let mut config = draft.config;
        config.web.base_url = draft
            .base_url
            .unwrap_or_else(|| default_base_url(&config.addr));
        config.mail.outbox_dir = storage.data_dir.join("outbox");
        config.web.signing_key_dir = Some(storage.signing_key_dir.clone());
        config.web.search_dir = Some(storage.search_dir.clone());
        config.dkim = match (draft.dkim_domain, draft.dkim_selector, draft.dkim_key) {
            (None, None, None) => None,
            (Some(domain), Some(selector), Some((key_file, key_pem))) => Some(Dkim {
                domain,
                selector,
                key_file,
                key_pem,
            }),
            (domain, selector, key) => {
                let missing: Vec<&str> = [
                    ("dkim_domain", domain.is_none()),
                    ("dkim_selector", selector.is_none()),
                    ("dkim_key_file", key.is_none()),
                ]
                .into_iter()
                .filter_map(|(name, absent)| absent.then_some(name))
                .collect();
                anyhow::bail!(
                    "DKIM needs dkim_domain, dkim_selector and dkim_key_file together; {} not set",
                    missing.join(" and ")
                );
            }
        };
        Ok(config)
    }

    /// The domain of the sender address, for Message-IDs.
    pub fn mail_domain(&self) -> String {
        self.mail
            .from_address
            .rsplit_once('@')
            .map_or("localhost", |(_, d)| d)
            .to_owned()
    }
}

/// The log filter: `--log`, then `BYLINE_LOG`, then the file's `log`, then the default;
/// one line naming the value when it is not a filter.
pub fn log_filter(file: &FileConfig, env: EnvReader<'_>, flag: &LogFlag) -> anyhow::Result<String> {
    let chosen = sources::layers(file, env, &flag.given, Scope::Logging).pop();
    let Some(given) = chosen else {
        return Ok(settings::setting("log")
            .map_or("info", Setting::default_text)
            .to_owned());
    };
    tracing_subscriber::EnvFilter::try_new(&given.text)
        .map_err(|e| anyhow::anyhow!("{}: not a log filter ({e})", given.label()))?;
    Ok(given.text)
}

/// What `byline config` prints: each `serve` setting's value and where it came from, as
/// TOML (secrets hidden, derived defaults as comments).
pub fn describe(file: &FileConfig, env: EnvReader<'_>, flags: &ServeFlags) -> String {
    let given = sources::layers(file, env, &flags.given, Scope::Serve);
    let mut out =
        String::from("# The settings `byline serve` would use: value, then where it came from.\n");
    for setting in SETTINGS.iter().filter(|s| s.scope == Scope::Serve) {
        let value = |text: &str| {
            if setting.secret {
                "\"<hidden>\"".to_owned()
            } else {
                format!("{text:?}")
            }
        };
        let line = match (
            given.iter().rev().find(|g| g.setting.key == setting.key),
            setting.default,
        ) {
            (Some(g), _) => format!("{} = {}  # {}\n", setting.key, value(&g.text), g.source()),
            (None, DefaultValue::Literal(text)) => {
                format!("{} = {}  # default\n", setting.key, value(text))
            }
            (None, DefaultValue::Derived(why)) => format!("# {}: {why}  # default\n", setting.key),
        };
        out.push_str(&line);
    }
    out
}

/// Where the data lives, resolved from flags, environment and file.
#[derive(Debug, Clone)]
pub struct Storage {
    pub data_dir: PathBuf,
    pub database_url: String,
    /// The outlet's private signing keys (`signing_key_dir`, default `DATA_DIR/keys`).
    pub signing_key_dir: PathBuf,
    /// This node's search index (`search_dir`, default `DATA_DIR/search`); never shared.
    pub search_dir: PathBuf,
}

impl Storage {
    /// `data_dir` and `database_url` come from the flags or environment (clap reads both).
    pub fn resolve(
        data_dir: Option<PathBuf>,
        database_url: Option<String>,
        file: &FileConfig,
    ) -> Self {
        let data_dir = data_dir
            .or_else(|| file.get("data_dir").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("data"));
        let database_url = database_url
            .or_else(|| file.get("database_url").map(str::to_owned))
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("byline.db").display()));
        Self {
            signing_key_dir: file
                .get("signing_key_dir")
                .map_or_else(|| data_dir.join("keys"), PathBuf::from),
            search_dir: file
                .get("search_dir")
                .map_or_else(|| data_dir.join("search"), PathBuf::from),
            data_dir,
            database_url,
        }
    }

    /// The key directory given by `--signing-key-dir` (or its variable), else the file's,
    /// else `DATA_DIR/keys`.
    #[must_use]
    pub fn with_signing_key_dir(mut self, flag: Option<PathBuf>, file: &FileConfig) -> Self {
        if let Some(dir) = flag.or_else(|| file.get("signing_key_dir").map(PathBuf::from)) {
            self.signing_key_dir = dir;
        }
        self
    }

    /// The search index directory given by `--search-dir` (or its variable), else the
    /// file's, else `DATA_DIR/search`.
    #[must_use]
    pub fn with_search_dir(mut self, flag: Option<PathBuf>) -> Self {
        if let Some(dir) = flag {
            self.search_dir = dir;
        }
        self
    }

    /// The signer over this key directory.
    pub fn signer(&self) -> byline_jobs::Signer {
        byline_jobs::Signer::new(byline_trust::KeyDir::new(self.signing_key_dir.clone()))
    }

    /// Creates the data directory and opens the migrated store.
    pub async fn open(&self) -> anyhow::Result<std::sync::Arc<dyn byline_store::Store>> {
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("cannot create data directory {}", self.data_dir.display()))?;
        let store = byline_store::connect(&self.database_url).await?;
        store.migrate().await?;
        Ok(store)
    }
}

/// The public origin for an address when none is configured.
pub fn default_base_url(addr: &str) -> String {
    let (host, port) = addr.rsplit_once(':').unwrap_or((addr, "80"));
    let host = match host {
        "0.0.0.0" | "[::]" | "" => "localhost",
        h => h,
    };
    format!("http://{host}:{port}")
}

#[cfg(test)]
mod tests;
