//! Fresh, throw-away databases for tests of any crate: a temporary SQLite file, or a new
//! PostgreSQL database on the server named by `BYLINE_TEST_POSTGRES_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`).
//!
//! Compiled only with the `testing` feature, which crates enable from their
//! dev-dependencies, so neither this module nor `tempfile` is in the production binary.
//! A [`TestDatabase`] drops its PostgreSQL database when it goes out of scope, also when
//! the test panics; [`TestDatabase::cleanup`] does the same without blocking.

use std::sync::Arc;

use sqlx::Connection;

use crate::{Store, StoreError, StoreResult};

/// The backends every storage and HTTP test runs against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const ALL_BACKENDS: [Backend; 2] = [Backend::Sqlite, Backend::Postgres];

/// The maintenance database test databases are created from and dropped through.
pub fn postgres_admin_url() -> String {
    std::env::var("BYLINE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that exists for one test and is removed when dropped.
pub struct TestDatabase {
    pub url: String,
    /// The PostgreSQL database still to drop (`None` for SQLite or once dropped).
    pg_name: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// Creates an empty database of `backend` (not yet migrated).
    pub async fn create(backend: Backend) -> StoreResult<Self> {
        match backend {
            Backend::Sqlite => {
                let dir =
                    tempfile::tempdir().map_err(|e| StoreError::Unavailable(e.to_string()))?;
                let url = format!("sqlite://{}/byline.db", dir.path().display());
                Ok(Self {
                    url,
                    pg_name: None,
                    _dir: Some(dir),
                })
            }
            Backend::Postgres => {
                let name = format!("byline_test_{:016x}", rand_u64());
                let admin = postgres_admin_url();
                let mut conn = sqlx::PgConnection::connect(&admin).await.map_err(|e| {
                    StoreError::Unavailable(format!("test PostgreSQL at {admin}: {e}"))
                })?;
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await?;
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                Ok(Self {
                    url: format!("{base}/{name}"),
                    pg_name: Some(name),
                    _dir: None,
                })
            }
        }
    }

    /// The PostgreSQL database's name while it exists (`None` for SQLite).
    pub fn postgres_name(&self) -> Option<&str> {
        self.pg_name.as_deref()
    }

    /// Opens and migrates the store on this database.
    pub async fn store(&self) -> StoreResult<Arc<dyn Store>> {
        let store = crate::connect(&self.url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Drops the PostgreSQL database now, without blocking the runtime (SQLite files go
    /// with their temporary folder). Dropping the value does the same.
    pub async fn cleanup(mut self) {
        if let Some(name) = self.pg_name.take() {
            if let Err(e) = drop_postgres_database(&name).await {
                eprintln!("test database {name} was not dropped: {e}");
            }
        }
    }
}

impl Drop for TestDatabase {
    /// Drops a PostgreSQL database the test did not clean up, typically because it panicked.
    /// Drop runs inside the test's runtime, which cannot be blocked on, so the `DROP DATABASE`
    /// runs on a thread of its own with a small runtime, and this waits for it.
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        let dropper = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| StoreError::Unavailable(e.to_string()))?;
            runtime.block_on(drop_postgres_database(&name))
        });
        match dropper.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("test database was not dropped: {e}"),
            Err(_) => eprintln!("test database was not dropped: the dropping thread panicked"),
        }
    }
}

/// `DROP DATABASE … WITH (FORCE)`: connections the test left open (a server's pool) are
/// ended first.
async fn drop_postgres_database(name: &str) -> StoreResult<()> {
    let admin = postgres_admin_url();
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .map_err(|e| StoreError::Unavailable(format!("test PostgreSQL at {admin}: {e}")))?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut conn)
        .await?;
    // Best effort: the database is gone either way.
    let _ = conn.close().await;
    Ok(())
}

fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0),
    );
    h.write_u32(std::process::id());
    h.finish()
}

/// Runs each listed async test function (taking a [`Backend`]) on SQLite and on
/// PostgreSQL, as `sqlite::NAME` and `postgres::NAME`, on a two-thread runtime.
#[macro_export]
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $test() { super::$test($crate::testing::Backend::Sqlite).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $test() { super::$test($crate::testing::Backend::Postgres).await })*
        }
    };
}
