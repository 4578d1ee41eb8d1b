//! A small in-memory rate limiter for public write endpoints: a fixed window per client.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Allows `limit` requests per `window` per key.
#[derive(Debug)]
pub struct RateLimiter {
    limit: u32,
    window: Duration,
    hits: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimiter {
    pub fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            window,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a request from `key`; false when over the limit.
    pub fn allow(&self, key: &str) -> bool {
        let Ok(mut hits) = self.hits.lock() else {
            return true;
        };
        let now = Instant::now();
        if hits.len() > 100_000 {
            hits.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = hits.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= self.limit
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn limits_per_key_and_window() {
        let rl = super::RateLimiter::new(2, std::time::Duration::from_secs(60));
        assert!(rl.allow("a") && rl.allow("a"));
        assert!(!rl.allow("a"));
        assert!(rl.allow("b"));
        let quick = super::RateLimiter::new(1, std::time::Duration::ZERO);
        assert!(
            quick.allow("a") && quick.allow("a"),
            "a new window each time"
        );
    }
}
