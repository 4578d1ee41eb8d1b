//! The database flags every command that opens the store takes (`--data-dir`,
//! `--database-url`, or their `BYLINE_*` variables).

use std::path::PathBuf;

use clap::Args;

use crate::config::{FileConfig, Storage};

#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// Directory for the SQLite database and other data [default: ./data].
    #[arg(long, env = "BYLINE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB [default: SQLite in the data dir].
    #[arg(long, env = "BYLINE_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Directory of the outlet's private signing keys [default: DATA_DIR/keys].
    #[arg(long, env = "BYLINE_SIGNING_KEY_DIR")]
    pub signing_key_dir: Option<PathBuf>,
    /// Directory of this node's search index [default: DATA_DIR/search].
    #[arg(long, env = "BYLINE_SEARCH_DIR")]
    pub search_dir: Option<PathBuf>,
}

impl DbArgs {
    /// Where the store is, from these flags and the configuration file.
    pub fn storage(self, file: &FileConfig) -> Storage {
        Storage::resolve(self.data_dir, self.database_url, file)
            .with_signing_key_dir(self.signing_key_dir, file)
            .with_search_dir(self.search_dir)
    }
}
