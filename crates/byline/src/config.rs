//! Configuration: defaults, then an optional TOML file, then command-line flags and
//! `BYLINE_*` environment variables (clap reads both).

use std::path::{Path, PathBuf};

use anyhow::Context;
use byline_mail::MailConfig;
use serde::Deserialize;

/// Settings a TOML file may give; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub addr: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub base_url: Option<String>,
    pub demo: Option<bool>,
    pub page_size: Option<i64>,
    pub sitemap_chunk: Option<usize>,
    pub change_poll_ms: Option<u64>,
    pub max_body_bytes: Option<usize>,
    pub smtp_url: Option<String>,
    pub subscribe_limit: Option<u32>,
    /// Reverse proxies whose X-Forwarded-For is believed, e.g. `["10.0.0.0/8"]`.
    pub trusted_proxies: Option<Vec<String>>,
    pub mail_from: Option<String>,
    pub mail_from_name: Option<String>,
}

impl FileConfig {
    /// Reads `path`, or `./byline.toml` when no path is given and that file exists.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Self> {
        let path = match path {
            Some(p) => p.to_owned(),
            None if Path::new("byline.toml").exists() => PathBuf::from("byline.toml"),
            None => return Ok(Self::default()),
        };
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        toml::from_str(&text).with_context(|| format!("invalid config file {}", path.display()))
    }
}

/// Where the data lives, resolved from flags, environment and file.
#[derive(Debug, Clone)]
pub struct Storage {
    pub data_dir: PathBuf,
    pub database_url: String,
}

impl Storage {
    pub fn resolve(
        data_dir: Option<PathBuf>,
        database_url: Option<String>,
        file: &FileConfig,
    ) -> Self {
        let data_dir = data_dir
            .or_else(|| file.data_dir.clone())
            .unwrap_or_else(|| PathBuf::from("data"));
        let database_url = database_url
            .or_else(|| file.database_url.clone())
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("byline.db").display()));
        Self {
            data_dir,
            database_url,
        }
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

/// Outgoing mail: SMTP when a URL is given, else `.eml` files in `DATA_DIR/outbox`.
pub fn mail_config(
    smtp_url: Option<String>,
    from: Option<String>,
    storage: &Storage,
    file: &FileConfig,
) -> MailConfig {
    MailConfig {
        smtp_url: smtp_url
            .or_else(|| file.smtp_url.clone())
            .filter(|u| !u.trim().is_empty()),
        outbox_dir: storage.data_dir.join("outbox"),
        from_name: file
            .mail_from_name
            .clone()
            .unwrap_or_else(|| "Byline".into()),
        from_address: from
            .or_else(|| file.mail_from.clone())
            .unwrap_or_else(|| "newsroom@localhost.localdomain".into()),
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
mod tests {
    use super::*;

    #[test]
    fn defaults_put_sqlite_in_the_data_dir() {
        let s = Storage::resolve(Some("/tmp/x".into()), None, &FileConfig::default());
        assert_eq!(s.database_url, "sqlite:///tmp/x/byline.db");
        let file = FileConfig {
            database_url: Some("postgres://h/db".into()),
            ..FileConfig::default()
        };
        assert_eq!(
            Storage::resolve(None, None, &file).database_url,
            "postgres://h/db"
        );
        let flag = Storage::resolve(None, Some("sqlite://a.db".into()), &file);
        assert_eq!(flag.database_url, "sqlite://a.db", "flags beat the file");
    }

    #[test]
    fn base_url_from_address() {
        assert_eq!(default_base_url("0.0.0.0:8080"), "http://localhost:8080");
        assert_eq!(default_base_url("127.0.0.1:9000"), "http://127.0.0.1:9000");
    }

    #[test]
    fn unknown_config_keys_are_refused() {
        assert!(toml::from_str::<FileConfig>("adr = \"x\"").is_err());
        assert!(toml::from_str::<FileConfig>("addr = \"127.0.0.1:1\"\ndemo = false").is_ok());
    }
}
