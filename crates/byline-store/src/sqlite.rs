//! The SQLite backend: the embedded default, in WAL mode, one file in the data directory.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use tokio::sync::broadcast;

use crate::error::unavailable;
use crate::{ContentChange, StoreResult};

/// A [`crate::Store`] on a SQLite file.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    changes: broadcast::Sender<ContentChange>,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at a `sqlite://PATH` URL.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| unavailable(url, &e))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // 2 MiB of page cache per connection (SQLite's default); the rest of a warm
            // archive comes from the kernel's page cache. Listings and sitemaps read
            // covering indexes, so bodies are only read for the article itself. No mmap:
            // mapped pages would count towards the process's resident memory.
            .pragma("cache_size", "-2048")
            .pragma("temp_store", "memory")
            // Each prepared statement holds SQLite memory on each connection; the queries
            // with variable IN lists would otherwise fill 100 slots per connection.
            .statement_cache_capacity(32);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await
            .map_err(|e| unavailable(url, &e))?;
        Ok(Self {
            pool,
            changes: broadcast::channel(256).0,
        })
    }

    /// A write transaction. `BEGIN IMMEDIATE` takes the write lock up front, so a
    /// transaction that reads before it writes waits its turn (busy timeout) instead of
    /// failing with SQLITE_BUSY_SNAPSHOT when another connection wrote in between.
    async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// One process writes a SQLite file: no cross-process notification is sent.
    const NOTIFY_CHANGE: Option<&'static str> = None;

    fn change_signal_impl(&self) -> Option<std::sync::Arc<tokio::sync::Notify>> {
        None
    }

    /// The embedded migrations of this backend.
    fn migrator() -> &'static sqlx::migrate::Migrator {
        static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
        &MIGRATOR
    }
}

crate::sql::impl_store!(SqliteStore, sqlx::Sqlite, "sqlite", "");
