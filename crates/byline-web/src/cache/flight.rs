//! Single-flight: concurrent misses for one key cause one render; the others wait for it
//! and then find the page in the cache.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

/// Renders in progress, by cache key.
#[derive(Debug, Default)]
pub struct Flights(Mutex<HashMap<String, Arc<AsyncMutex<()>>>>);

/// Held by the one request rendering a key; dropping it lets the next waiter in.
pub struct Flight<'a> {
    flights: &'a Flights,
    key: String,
    guard: Option<OwnedMutexGuard<()>>,
}

impl Flights {
    /// Waits (at most `wait`) until no other request renders `key`, then holds it.
    /// `None` when the wait ran out.
    pub async fn enter(&self, key: &str, wait: Duration) -> Option<Flight<'_>> {
        let lock = {
            let mut map = self.0.lock().ok()?;
            Arc::clone(map.entry(key.to_owned()).or_default())
        };
        let guard = tokio::time::timeout(wait, lock.lock_owned()).await.ok();
        let flight = Flight {
            flights: self,
            key: key.to_owned(),
            guard,
        };
        flight.guard.is_some().then_some(flight)
    }

    /// Keys with a render in progress or waiters (for tests and metrics).
    pub fn len(&self) -> usize {
        self.0.lock().map(|m| m.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Drop for Flight<'_> {
    fn drop(&mut self) {
        // Only the holder tidies up (a waiter that gave up holds nothing).
        let Some(guard) = self.guard.take() else {
            return;
        };
        let Ok(mut map) = self.flights.0.lock() else {
            return;
        };
        // The map's handle plus ours: nobody else waits, so the entry can go.
        if map
            .get(&self.key)
            .is_some_and(|lock| Arc::strong_count(lock) <= 2)
        {
            map.remove(&self.key);
        }
        drop(guard);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn one_request_at_a_time_per_key_and_the_map_empties() {
        let flights = Arc::new(Flights::default());
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let (flights, inside, most) =
                (Arc::clone(&flights), Arc::clone(&inside), Arc::clone(&most));
            tasks.push(tokio::spawn(async move {
                let _flight = flights
                    .enter("/a", Duration::from_secs(5))
                    .await
                    .expect("entered");
                let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(2)).await;
                inside.fetch_sub(1, Ordering::SeqCst);
            }));
        }
        for t in tasks {
            t.await.expect("task");
        }
        assert_eq!(most.load(Ordering::SeqCst), 1);
        assert!(flights.is_empty(), "no entry left behind");
    }

    #[tokio::test]
    async fn waiting_is_bounded() {
        let flights = Flights::default();
        let _held = flights
            .enter("/a", Duration::from_secs(1))
            .await
            .expect("first");
        assert!(flights
            .enter("/a", Duration::from_millis(20))
            .await
            .is_none());
        assert!(
            flights
                .enter("/b", Duration::from_millis(20))
                .await
                .is_some(),
            "other keys are not blocked"
        );
    }
}
