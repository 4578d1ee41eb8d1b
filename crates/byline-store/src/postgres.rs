//! The PostgreSQL backend: for larger newsrooms and several app nodes over one database.

use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use tokio::sync::broadcast;

use crate::error::unavailable;
use crate::{ContentChange, StoreResult};

/// A [`crate::Store`] on a PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    changes: broadcast::Sender<ContentChange>,
}

impl PgStore {
    /// Connects to a `postgres://` URL, failing within seconds if it is unreachable.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(|e| unavailable(url, &e))?;
        Ok(Self {
            pool,
            changes: broadcast::channel(256).0,
        })
    }

    /// A write transaction (read committed; conflicting writers are handled in the SQL).
    async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.pool.begin().await
    }

    async fn run_migrations(&self) -> StoreResult<()> {
        sqlx::migrate!("./migrations/postgres")
            .run(&self.pool)
            .await?;
        Ok(())
    }

    /// The underlying pool, for tests and future LISTEN/NOTIFY.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

crate::sql::impl_store!(
    PgStore,
    sqlx::Postgres,
    "postgres",
    "FOR UPDATE SKIP LOCKED"
);
