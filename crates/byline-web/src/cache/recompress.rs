//! Best-effort compression off the request path: a cold render answers with fast
//! compression; when the page is read again (its first cache hit), one background
//! worker recompresses it (brotli 10, gzip 9) and swaps it in if it is still the
//! current entry. A page read only once (a crawler) never costs it. The queue is bounded; when it is
//! full a page simply keeps its fast variants.

use std::sync::{Arc, Mutex};

use tokio::sync::mpsc;

use super::{CachedPage, RenderCache};

/// Pages waiting for recompression at most.
const QUEUE: usize = 512;

type Job = (String, Arc<CachedPage>);

/// The sending side, filled by [`spawn`].
#[derive(Debug, Default)]
pub struct Queue(Mutex<Option<mpsc::Sender<Job>>>);

impl Queue {
    /// Asks for `page` (stored under `key`) to be recompressed; false if no worker runs
    /// or the queue is full.
    pub fn push(&self, key: String, page: Arc<CachedPage>) -> bool {
        let Ok(slot) = self.0.lock() else {
            return false;
        };
        slot.as_ref()
            .is_some_and(|tx| tx.try_send((key, page)).is_ok())
    }
}

/// Starts the worker for `cache`; it ends when the cache is dropped.
pub fn spawn(cache: &Arc<RenderCache>) -> tokio::task::JoinHandle<()> {
    let (tx, mut rx) = mpsc::channel::<Job>(QUEUE);
    if let Ok(mut slot) = cache.recompress.0.lock() {
        *slot = Some(tx);
    }
    let weak = Arc::downgrade(cache);
    tokio::spawn(async move {
        while let Some((key, page)) = rx.recv().await {
            let Some(cache) = weak.upgrade() else { return };
            if page.is_stale() {
                continue;
            }
            let old = Arc::clone(&page);
            match tokio::task::spawn_blocking(move || page.recompressed()).await {
                Ok(Some(better)) => {
                    cache.replace_if_current(&key, &old, Arc::new(better));
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "recompression failed"),
            }
        }
    })
}
