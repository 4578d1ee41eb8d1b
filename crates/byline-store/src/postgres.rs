//! The PostgreSQL backend: for larger newsrooms and several app nodes over one database.
//! Every recorded change is also announced with `NOTIFY byline_changes` (sent on commit),
//! so other nodes read the change log at once instead of at their next poll.

use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use sqlx::postgres::{PgListener, PgPool, PgPoolOptions};
use tokio::sync::{broadcast, Notify};

use crate::error::unavailable;
use crate::{ContentChange, StoreResult};

/// The channel changes are announced on.
const CHANNEL: &str = "byline_changes";

/// A [`crate::Store`] on a PostgreSQL database.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    changes: broadcast::Sender<ContentChange>,
    /// Woken by other nodes' changes; the listener starts on first use.
    signal: Arc<OnceLock<Arc<Notify>>>,
    /// Held while any handle lives; the listener ends when it is gone.
    alive: Arc<()>,
}

impl PgStore {
    /// Connects to a `postgres://` URL, failing within seconds if it is unreachable.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            // A request waits at most this long for a connection; when the database is
            // down, pages not in the cache are answered 503 after it (then at once, see
            // the web crate's store health) instead of hanging.
            .acquire_timeout(Duration::from_secs(3))
            .connect(url)
            .await
            .map_err(|e| unavailable(url, &e))?;
        Ok(Self {
            pool,
            changes: broadcast::channel(256).0,
            signal: Arc::new(OnceLock::new()),
            alive: Arc::new(()),
        })
    }

    /// A write transaction (read committed; conflicting writers are handled in the SQL).
    async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.pool.begin().await
    }

    /// Announces a recorded change (its id) to the other nodes, on commit.
    const NOTIFY_CHANGE: Option<&'static str> = Some("SELECT pg_notify('byline_changes', $1)");

    /// The signal of other nodes' changes, starting its listener the first time.
    fn change_signal_impl(&self) -> Option<Arc<Notify>> {
        let notify = self.signal.get_or_init(|| {
            let notify = Arc::new(Notify::new());
            tokio::spawn(listen(
                self.pool.clone(),
                Arc::clone(&notify),
                Arc::downgrade(&self.alive),
            ));
            notify
        });
        Some(Arc::clone(notify))
    }

    /// The embedded migrations of this backend.
    fn migrator() -> &'static sqlx::migrate::Migrator {
        static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");
        &MIGRATOR
    }

    /// The underlying pool, for tests.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

/// Listens on [`CHANNEL`] for as long as a store handle lives, waking `notify` for each
/// notification and after every (re)connection: notifications sent while the listener
/// was disconnected are lost, so the log must be read again then.
async fn listen(pool: PgPool, notify: Arc<Notify>, alive: Weak<()>) {
    const RETRY: Duration = Duration::from_secs(1);
    const CHECK: Duration = Duration::from_secs(5);
    while alive.upgrade().is_some() {
        let mut listener = match PgListener::connect_with(&pool).await {
            Ok(l) => l,
            Err(e) => {
                tracing::debug!(error = %e, "cannot listen for changes; retrying");
                tokio::time::sleep(RETRY).await;
                continue;
            }
        };
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::debug!(error = %e, "cannot listen for changes; retrying");
            tokio::time::sleep(RETRY).await;
            continue;
        }
        notify.notify_one();
        loop {
            match tokio::time::timeout(CHECK, listener.try_recv()).await {
                // Quiet: is anybody still using the store?
                Err(_) if alive.upgrade().is_none() => return,
                Err(_) => {}
                Ok(Ok(Some(_))) => notify.notify_one(),
                // The connection was lost and is back: what was sent meanwhile is gone.
                Ok(Ok(None)) => notify.notify_one(),
                Ok(Err(e)) => {
                    tracing::debug!(error = %e, "the change listener failed; reconnecting");
                    break;
                }
            }
        }
        tokio::time::sleep(RETRY).await;
    }
}

crate::sql::impl_store!(
    PgStore,
    sqlx::Postgres,
    "postgres",
    "FOR UPDATE SKIP LOCKED"
);
