//! Newsletter pacing: at most `rate` messages a second, shared by every run of this
//! server, so two campaigns at once still respect the relay's limit.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Spaces messages `1 / rate` seconds apart, across every run at once.
pub(super) struct Pacer {
    interval: Option<Duration>,
    next: Mutex<tokio::time::Instant>,
}

impl Pacer {
    pub(super) fn new(rate: f64) -> Self {
        Self {
            interval: (rate > 0.0 && rate.is_finite()).then(|| Duration::from_secs_f64(1.0 / rate)),
            next: Mutex::new(tokio::time::Instant::now()),
        }
    }

    /// Waits for the next free slot.
    pub(super) async fn wait(&self) {
        let Some(interval) = self.interval else {
            return;
        };
        let slot = {
            let mut next = self.next.lock().unwrap_or_else(PoisonError::into_inner);
            let slot = (*next).max(tokio::time::Instant::now());
            *next = slot + interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Instant;

    use super::*;

    #[tokio::test]
    async fn the_pacer_spaces_messages_across_runs() {
        let pacer = Arc::new(Pacer::new(20.0));
        let started = Instant::now();
        let runs: Vec<_> = (0..2)
            .map(|_| {
                let pacer = Arc::clone(&pacer);
                tokio::spawn(async move {
                    for _ in 0..3 {
                        pacer.wait().await;
                    }
                })
            })
            .collect();
        for run in runs {
            run.await.expect("run");
        }
        // Six slots 50 ms apart: the last one starts 250 ms in.
        assert!(
            started.elapsed() >= Duration::from_millis(250),
            "{:?}",
            started.elapsed()
        );
        let unlimited = Pacer::new(0.0);
        let again = Instant::now();
        for _ in 0..1000 {
            unlimited.wait().await;
        }
        assert!(again.elapsed() < Duration::from_millis(100));
    }
}
