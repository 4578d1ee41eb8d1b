//! Reading a live stream (Server-Sent Events) in tests.

use std::time::{Duration, Instant};

/// A stream's body read until `done` says so or `within` passes: the text so far.
pub async fn read_until(
    response: &mut reqwest::Response,
    within: Duration,
    done: impl Fn(&str) -> bool,
) -> String {
    let deadline = Instant::now() + within;
    let mut text = String::new();
    while !done(&text) {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, response.chunk()).await {
            Ok(Ok(Some(chunk))) => text.push_str(&String::from_utf8_lossy(&chunk)),
            Ok(Ok(None)) | Ok(Err(_)) | Err(_) => break,
        }
    }
    text
}
