//! SSE fan-out benchmark (not a test). Starts the release `byline serve` on loopback with
//! a temporary SQLite database and the demo newsroom, opens `BENCH_CONNECTIONS` (default
//! 10,000) Server-Sent Events streams to `/news-feed/events` from 127.0.0.x source
//! addresses, and prints:
//!
//! - the server's resident memory (VmRSS) before and after, and KiB per idle stream;
//! - after one News Feed item is published through the Admin API, the time until 50 %,
//!   99 % and 100 % of the streams received it;
//! - how long a graceful stop (SIGTERM) takes with every stream still open.
//!
//! What is published and looked for can be changed (`BENCH_PUBLISH_PATH`,
//! `BENCH_PUBLISH_JSON`, `BENCH_MARKER`; `{nonce}` in them is replaced by a unique text).
//!
//! Bounded: gives up after `BENCH_TIMEOUT_SECS` (default 120) per phase; stops the server
//! and removes its data directory on the way out. Loopback only. Run `bench/sse/run.sh`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::{watch, Semaphore};

type Error = Box<dyn std::error::Error + Send + Sync>;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The server process and its data directory, both gone when this is dropped.
struct Server {
    child: Child,
    dir: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn byline(bin: &str, dir: &Path, args: &[&str]) -> Result<String, Error> {
    let out = Command::new(bin)
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env("BYLINE_PASSWORD", "a long enough benchmark passphrase")
        .env("BYLINE_LOG", "warn")
        .stderr(Stdio::inherit())
        .output()?;
    if !out.status.success() {
        return Err(format!("byline {args:?} failed: {}", out.status).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// One plain HTTP/1.1 request on its own connection: the status code and the body.
async fn request(addr: SocketAddr, head: &str, body: &str) -> Result<(u16, String), Error> {
    let mut stream = TcpStream::connect(addr).await?;
    let message = format!(
        "{head}\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(message.as_bytes()).await?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await?;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    Ok((status, body))
}

/// One reader: opens its stream, says when it is open, then reports when `marker`
/// arrives (`None` if the stream ends or the phase times out first).
async fn reader(
    addr: SocketAddr,
    source: IpAddr,
    opened: Arc<AtomicUsize>,
    slots: Arc<Semaphore>,
    mut marker: watch::Receiver<Option<String>>,
) -> Option<Instant> {
    let mut stream = {
        let _slot = slots.acquire().await.ok()?;
        let socket = TcpSocket::new_v4().ok()?;
        socket.bind(SocketAddr::new(source, 0)).ok()?;
        let mut stream = socket.connect(addr).await.ok()?;
        let get = "GET /news-feed/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
        stream.write_all(get.as_bytes()).await.ok()?;
        let mut seen = Vec::new();
        let mut buf = [0u8; 2048];
        while !contains(&seen, b"retry:") {
            let n = stream.read(&mut buf).await.ok()?;
            if n == 0 {
                return None;
            }
            seen.extend_from_slice(&buf[..n]);
        }
        if !seen.starts_with(b"HTTP/1.1 200") {
            return None;
        }
        stream
    };
    opened.fetch_add(1, Ordering::Relaxed);
    let wanted = marker.wait_for(Option::is_some).await.ok()?.clone()?;
    let wanted = wanted.as_bytes();
    let mut window: Vec<u8> = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).await.ok()?;
        if n == 0 {
            return None;
        }
        window.extend_from_slice(&buf[..n]);
        if contains(&window, wanted) {
            return Some(Instant::now());
        }
        // Keep only a tail that could still hold the start of the marker.
        let keep = wanted.len().min(window.len());
        window.drain(..window.len() - keep);
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let n: usize = env_or("BENCH_CONNECTIONS", 10_000);
    let sources: u8 = env_or("BENCH_SOURCES", 50).clamp(1, 250);
    let phase = Duration::from_secs(env_or("BENCH_TIMEOUT_SECS", 120));
    let bin = std::env::var("BYLINE_BIN").unwrap_or_else(|_| "target/release/byline".into());

    let dir = std::env::temp_dir().join(format!("byline-sse-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let limit = (n + 100).to_string();
    let child = Command::new(&bin)
        .args(["serve", "--addr", &addr.to_string(), "--data-dir"])
        .arg(&dir)
        .env("BYLINE_LOG", "warn")
        .env("BYLINE_LIVE_MAX_STREAMS", &limit)
        .env("BYLINE_LIVE_STREAMS_PER_CLIENT", &limit)
        .stdout(Stdio::null())
        .spawn()?;
    let mut server = Server { child, dir };
    let pid = server.child.id();
    let started = Instant::now();
    while !matches!(
        request(addr, "GET /healthz HTTP/1.1", "").await,
        Ok((200, _))
    ) {
        if started.elapsed() > phase {
            return Err("the server did not start".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    byline(
        &bin,
        &server.dir,
        &["user", "add", "bench@news.example", "--role", "editor"],
    )?;
    let token_out = byline(
        &bin,
        &server.dir,
        &[
            "token",
            "create",
            "bench@news.example",
            "--name",
            "sse bench",
        ],
    )?;
    let token = token_out.lines().last().unwrap_or("").trim().to_owned();
    // Warm the routes and the site chrome, then let the allocator settle.
    let _ = request(addr, "GET /news-feed/events HTTP/1.1", "").await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let rss_before = rss_kib(pid);

    let opened = Arc::new(AtomicUsize::new(0));
    let slots = Arc::new(Semaphore::new(256));
    let (publish, marker) = watch::channel::<Option<String>>(None);
    let opening = Instant::now();
    let readers: Vec<_> = (0..n)
        .map(|i| {
            let source = IpAddr::V4(Ipv4Addr::new(
                127,
                0,
                0,
                1 + (i % usize::from(sources)) as u8,
            ));
            tokio::spawn(reader(
                addr,
                source,
                Arc::clone(&opened),
                Arc::clone(&slots),
                marker.clone(),
            ))
        })
        .collect();
    while opened.load(Ordering::Relaxed) < n && opening.elapsed() < phase {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let open_now = opened.load(Ordering::Relaxed);
    println!(
        "opened {open_now} of {n} streams in {:.1} s",
        opening.elapsed().as_secs_f64()
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    let rss_after = rss_kib(pid);
    let per_stream = rss_after.saturating_sub(rss_before) as f64 / open_now.max(1) as f64;
    println!(
        "server RSS: {rss_before} KiB before, {rss_after} KiB with {open_now} idle streams: {per_stream:.1} KiB per stream"
    );

    let nonce = format!("Bench item {}", std::process::id());
    let with_nonce = |name: &str, default: &str| {
        std::env::var(name)
            .unwrap_or_else(|_| default.to_owned())
            .replace("{nonce}", &nonce)
    };
    let path = with_nonce("BENCH_PUBLISH_PATH", "/api/admin/feed-items");
    let body = with_nonce("BENCH_PUBLISH_JSON", r#"{"headline":"{nonce}"}"#);
    publish.send_replace(Some(with_nonce("BENCH_MARKER", "{nonce}")));
    let t0 = Instant::now();
    let head = format!(
        "POST {path} HTTP/1.1\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json"
    );
    let (status, answer) = request(addr, &head, &body).await?;
    println!("POST {path}: {status} in {}", ms(t0.elapsed()));
    if status != 201 {
        return Err(format!("publishing failed ({status}): {answer}").into());
    }
    let mut latencies = Vec::with_capacity(n);
    let deadline = tokio::time::Instant::now() + phase;
    for handle in readers {
        if let Ok(Ok(Some(at))) = tokio::time::timeout_at(deadline, handle).await {
            latencies.push(at.saturating_duration_since(t0));
        }
    }
    latencies.sort();
    println!(
        "received by {} of {open_now} streams: 50 % in {}, 99 % in {}, 100 % in {}",
        latencies.len(),
        ms(percentile(&latencies, 50.0)),
        ms(percentile(&latencies, 99.0)),
        ms(latencies.last().copied().unwrap_or_default()),
    );

    // A graceful stop with every stream open: the hub ends them before the drain.
    let stopping = Instant::now();
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    while server.child.try_wait()?.is_none() && stopping.elapsed() < phase {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    println!(
        "graceful stop with {open_now} streams open: {}",
        ms(stopping.elapsed())
    );
    let complete = open_now == n && latencies.len() == n;
    drop(server);
    if !complete {
        return Err("not every stream opened or received the item".into());
    }
    Ok(())
}
