//! Fresh, throw-away databases for tests of any crate: a temporary SQLite file, or a new
//! PostgreSQL database on the server named by `BYLINE_TEST_POSTGRES_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`).

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

fn admin_url() -> String {
    std::env::var("BYLINE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database that exists for one test. Call [`TestDatabase::cleanup`] at the end.
pub struct TestDatabase {
    pub url: String,
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
                let admin = admin_url();
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

    /// Opens and migrates the store on this database.
    pub async fn store(&self) -> StoreResult<Arc<dyn Store>> {
        let store = crate::connect(&self.url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Drops a PostgreSQL test database (SQLite files go with their temp dir).
    pub async fn cleanup(self) {
        if let Some(name) = &self.pg_name {
            if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url()).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut conn)
                    .await;
            }
        }
    }
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
