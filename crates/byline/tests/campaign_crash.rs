//! Stop the server in the middle of a campaign to a few thousand subscribers, start it
//! again, and check that nobody got the newsletter twice and nobody was skipped.
//!
//! - SIGTERM (a deploy, `systemctl stop`): messages in flight finish and are recorded, the
//!   rest is handed back; everybody gets exactly one copy.
//! - SIGKILL (a crash, the OOM killer): messages are recorded sent at the commit point
//!   before their content leaves, so nothing is ever sent twice. A message can be lost only
//!   if the kill lands in the instant (a thread wake-up) between that record and the socket writes; the
//!   test allows that window (at most one message per connection in flight) and reports it.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use byline_mail::sink::SmtpSink;

const SUBSCRIBERS: usize = 2000;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start(dir: &std::path::Path, port: u16, smtp: &str) -> Server {
    Server(
        Command::new(env!("CARGO_BIN_EXE_byline"))
            .args([
                "serve",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--base-url",
                "http://news.example",
                "--data-dir",
            ])
            .arg(dir)
            .args(["--smtp-url", smtp])
            .env("BYLINE_JOB_LEASE_SECS", "2")
            .env("BYLINE_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("serve"),
    )
}

async fn ready(client: &reqwest::Client, base: &str) {
    for _ in 0..150 {
        if client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not start");
}

#[derive(Clone, Copy, Debug)]
enum Stop {
    Term,
    Kill,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_stopped_by_sigterm_resumes_and_everyone_gets_exactly_one() {
    let report = stop_mid_campaign_and_restart(Stop::Term).await;
    assert_eq!(report.skipped, 0, "{report:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_killed_by_sigkill_resumes_and_never_sends_twice() {
    let report = stop_mid_campaign_and_restart(Stop::Kill).await;
    // At most one message per SMTP connection in flight can fall in the window.
    assert!(report.skipped <= 4, "{report:?}");
}

#[derive(Debug)]
#[allow(dead_code)] // read through Debug in assertion messages
struct Report {
    before_stop: usize,
    skipped: usize,
}

/// Runs the campaign, stops the server with `how` once a fifth has gone out, restarts it,
/// waits for the campaign to finish and checks that no reader got two copies.
async fn stop_mid_campaign_and_restart(how: Stop) -> Report {
    let sink = SmtpSink::start().await.expect("sink");
    let dir = tempfile::tempdir().expect("dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port");
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut server = start(dir.path(), port, &sink.url());
    ready(&client, &base).await;

    let store = byline_store::connect(&format!("sqlite://{}/byline.db", dir.path().display()))
        .await
        .expect("store");
    let now = chrono::Utc::now();
    for i in 0..SUBSCRIBERS {
        let email = format!("reader{i}@readers.example");
        let confirm = format!("c{i}");
        store
            .subscribe_to_lists(
                &email,
                &["morning-briefing".to_owned()],
                "test",
                &confirm,
                &format!("u{i}"),
                now + chrono::Duration::days(1),
                now,
            )
            .await
            .expect("subscribe");
        store
            .confirm_subscription(&confirm, now)
            .await
            .expect("confirm");
    }
    byline::staff_cli::add_user(
        store.as_ref(),
        "chief@news.example",
        "editor",
        None,
        "a long enough passphrase",
    )
    .await
    .expect("user");
    let token = byline::staff_cli::create_token(store.as_ref(), "chief@news.example", "crash test")
        .await
        .expect("token");

    let r = client
        .post(format!("{base}/api/admin/campaigns"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"list": "morning-briefing", "subject": "Morning Briefing", "body": "Today's news."}))
        .send()
        .await
        .expect("create");
    let id = r.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("id");
    client
        .post(format!("{base}/api/admin/campaigns/{id}/send"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("send");

    // Stop the server mid-send.
    sink.wait_for(SUBSCRIBERS / 5, Duration::from_secs(60))
        .await;
    // A varying delay, so that runs catch sends in different phases.
    let jitter = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_micros() % 20_000);
    tokio::time::sleep(Duration::from_micros(u64::from(jitter))).await;
    let before_stop = sink.messages().len();
    match how {
        Stop::Kill => server.0.kill().expect("kill"),
        Stop::Term => {
            let status = Command::new("kill")
                .args(["-TERM", &server.0.id().to_string()])
                .status()
                .expect("kill -TERM");
            assert!(status.success());
        }
    }
    let exit = server.0.wait().expect("wait");
    assert!(
        before_stop < SUBSCRIBERS,
        "the stop came during the campaign ({before_stop} sent)"
    );
    if let Stop::Term = how {
        assert!(exit.success(), "a clean exit on SIGTERM: {exit:?}");
        assert!(
            sink.messages().len() < SUBSCRIBERS,
            "the campaign was still going when the server stopped"
        );
    }
    drop(server);

    let _server = start(dir.path(), port, &sink.url());
    ready(&client, &base).await;
    let mut status = String::new();
    for _ in 0..600 {
        let c: serde_json::Value = client
            .get(format!("{base}/api/admin/campaigns/{id}"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        status = c["status"].as_str().unwrap_or("").to_owned();
        if status == "sent" {
            assert_eq!(c["progress"]["sent"], SUBSCRIBERS as i64);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, "sent", "the campaign finished after the restart");

    let mut per_reader: HashMap<String, Vec<String>> = HashMap::new();
    for mail in sink.messages() {
        let to = mail.rcpt_to.first().cloned().expect("recipient");
        per_reader
            .entry(to)
            .or_default()
            .push(mail.header("Message-ID").expect("message id"));
    }
    for (reader, ids) in &per_reader {
        assert_eq!(ids.len(), 1, "{reader} got {} copies: {ids:?}", ids.len());
    }
    let skipped = SUBSCRIBERS - per_reader.len();
    println!("campaign stop test ({how:?}): {before_stop} sent before the stop, {} readers got it once, {skipped} skipped", per_reader.len());
    Report {
        before_stop,
        skipped,
    }
}
