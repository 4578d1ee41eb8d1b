//! Newsletter sending benchmark (not a test): a campaign to N synthetic confirmed
//! subscribers, sent by the release `byline` binary through a local SMTP sink on loopback.
//! Prints messages per second and the server's peak memory. Bounded: gives up after
//! `BENCH_TIMEOUT_SECS` (default 900). Run it with `bench/newsletter-send.sh`.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use byline_mail::sink::SmtpSink;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: usize = env_or("BENCH_SUBSCRIBERS", 100_000);
    let timeout = Duration::from_secs(env_or("BENCH_TIMEOUT_SECS", 900));
    let bin = std::env::var("BYLINE_BIN").unwrap_or_else(|_| "target/release/byline".into());
    let sink = SmtpSink::start().await?;
    let dir = tempfile::tempdir()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = Command::new(&bin)
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--data-dir",
        ])
        .arg(dir.path())
        .args(["--smtp-url", &sink.url()])
        .env("BYLINE_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()?;
    let client = reqwest::Client::new();
    let started = Instant::now();
    while client.get(format!("{base}/healthz")).send().await.is_err() {
        anyhow::ensure!(
            started.elapsed() < Duration::from_secs(60),
            "server did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let store =
        byline_store::connect(&format!("sqlite://{}/byline.db", dir.path().display())).await?;
    let seeding = Instant::now();
    let subscribers: Vec<(String, String)> = (0..n)
        .map(|i| {
            (
                format!("reader{i}@bench.example"),
                format!("bench-token-{i}"),
            )
        })
        .collect();
    for chunk in subscribers.chunks(10_000) {
        store
            .add_confirmed_many("morning-briefing", chunk, "bench", chrono::Utc::now())
            .await?;
    }
    println!(
        "seeded {n} confirmed subscribers in {:.1} s",
        seeding.elapsed().as_secs_f64()
    );
    byline::staff_cli::add_user(
        store.as_ref(),
        "bench@news.example",
        "editor",
        None,
        "a long enough passphrase",
    )
    .await?;
    let token =
        byline::staff_cli::create_token(store.as_ref(), "bench@news.example", "bench").await?;

    let campaign: serde_json::Value = client
        .post(format!("{base}/api/admin/campaigns"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"list": "morning-briefing", "subject": "Benchmark briefing", "body": "## Today\n\nA typical briefing of a few paragraphs.\n\n".repeat(8)}))
        .send()
        .await?
        .json()
        .await?;
    let id = campaign["id"]
        .as_i64()
        .ok_or_else(|| anyhow::anyhow!("no campaign id: {campaign}"))?;
    let sending = Instant::now();
    client
        .post(format!("{base}/api/admin/campaigns/{id}/send"))
        .bearer_auth(&token)
        .send()
        .await?
        .error_for_status()?;
    let mut peak = 0;
    loop {
        peak = peak.max(peak_rss_kib(server.id()).unwrap_or(0));
        let c: serde_json::Value = client
            .get(format!("{base}/api/admin/campaigns/{id}"))
            .bearer_auth(&token)
            .send()
            .await?
            .json()
            .await?;
        if c["status"] == "sent" {
            break;
        }
        if sending.elapsed() > timeout {
            let _ = server.kill();
            anyhow::bail!("gave up after {:?}: {c}", timeout);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let secs = sending.elapsed().as_secs_f64();
    let received = sink.messages().len();
    let _ = server.kill();
    let _ = server.wait();
    println!(
        "sent {received} messages to {n} subscribers in {secs:.1} s: {:.0} messages/s",
        received as f64 / secs
    );
    println!(
        "server peak memory (VmHWM): {:.1} MiB",
        peak as f64 / 1024.0
    );
    anyhow::ensure!(
        received == n,
        "the sink received {received} messages for {n} subscribers"
    );
    Ok(())
}
