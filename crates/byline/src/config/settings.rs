//! What a setting is: its TOML key, environment variable, flag, default, meaning and how
//! its text becomes a value. The settings themselves are the rows of [`SETTINGS`]
//! (`table.rs`); `byline --help`, the README's configuration table (checked by a test)
//! and `byline config` come from that list.

use std::path::PathBuf;

use super::ServeConfig;

pub use super::table::SETTINGS;

/// Which commands read a setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every command that opens the database (`--data-dir`, `--database-url`).
    Storage,
    /// Every command, before anything else (the log filter).
    Logging,
    /// `byline serve`.
    Serve,
}

/// A setting's default, as the documentation shows it.
#[derive(Debug, Clone, Copy)]
pub enum DefaultValue {
    /// This text, read like any other value (a test checks it gives the built-in default).
    Literal(&'static str),
    /// Worked out at start (from another setting, or the machine).
    Derived(&'static str),
}

/// One setting.
pub struct Setting {
    /// TOML key, e.g. `mail_rate`.
    pub key: &'static str,
    pub env: &'static str,
    /// Long flag without its dashes.
    pub flag: &'static str,
    /// What the flag takes, for help (`N`, `URL`); empty for a switch.
    pub value: &'static str,
    /// For a switch (a flag without a value): the value the flag stands for.
    pub switch: Option<&'static str>,
    pub default: DefaultValue,
    pub meaning: &'static str,
    pub scope: Scope,
    /// Never shown: errors and `byline config` print `<hidden>`.
    pub secret: bool,
    /// Reads the text into the draft, or says why it cannot.
    pub apply: fn(&mut Draft, &str) -> Result<(), String>,
}

impl std::fmt::Debug for Setting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Setting").field(&self.key).finish()
    }
}

impl Setting {
    pub fn default_text(&self) -> &'static str {
        match self.default {
            DefaultValue::Literal(v) | DefaultValue::Derived(v) => v,
        }
    }
}

/// The configuration being put together, with what is only known once every source is read.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub config: ServeConfig,
    pub base_url: Option<String>,
    pub dkim_domain: Option<String>,
    pub dkim_selector: Option<String>,
    /// The key file and its content.
    pub dkim_key: Option<(PathBuf, String)>,
}

pub(super) const fn serve(
    key: &'static str,
    env: &'static str,
    flag: &'static str,
    value: &'static str,
    default: DefaultValue,
    meaning: &'static str,
    apply: fn(&mut Draft, &str) -> Result<(), String>,
) -> Setting {
    Setting {
        key,
        env,
        flag,
        value,
        switch: None,
        default,
        meaning,
        scope: Scope::Serve,
        secret: false,
        apply,
    }
}

impl Setting {
    /// Never shown.
    pub(super) const fn secret(self) -> Self {
        Self {
            secret: true,
            ..self
        }
    }

    /// Read by other commands than `serve` too.
    pub(super) const fn scope(self, scope: Scope) -> Self {
        Self { scope, ..self }
    }

    /// A flag without a value, standing for `means`.
    pub(super) const fn switch(self, means: &'static str) -> Self {
        Self {
            switch: Some(means),
            ..self
        }
    }
}

/// Stores a read value.
pub(super) fn set<T>(slot: &mut T, value: Result<T, String>) -> Result<(), String> {
    *slot = value?;
    Ok(())
}

/// Empty text means unset.
pub(super) fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

pub(super) fn ignore(_: &mut Draft, _: &str) -> Result<(), String> {
    Ok(())
}

/// The setting with TOML key `key`.
pub fn setting(key: &str) -> Option<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key)
}
