//! Kill the server (SIGKILL) in the middle of a campaign to a few thousand subscribers,
//! start it again, and check that everybody got the newsletter once: nobody is skipped, and
//! a message is never sent twice under two identities.

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
            .args(["serve", "--addr", &format!("127.0.0.1:{port}"), "--base-url", "http://news.example", "--data-dir"])
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
        if client.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status() == 200) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("server did not start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_campaign_resumes_and_everyone_gets_exactly_one_newsletter() {
    let sink = SmtpSink::start().await.expect("sink");
    let dir = tempfile::tempdir().expect("dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("port");
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut server = start(dir.path(), port, &sink.url());
    ready(&client, &base).await;

    let store = byline_store::connect(&format!("sqlite://{}/byline.db", dir.path().display())).await.expect("store");
    let now = chrono::Utc::now();
    for i in 0..SUBSCRIBERS {
        let email = format!("reader{i}@readers.example");
        let confirm = format!("c{i}");
        store.subscribe_to_lists(&email, &["morning-briefing".to_owned()], "test", &confirm, &format!("u{i}"), now + chrono::Duration::days(1), now).await.expect("subscribe");
        store.confirm_subscription(&confirm, now).await.expect("confirm");
    }
    byline::staff_cli::add_user(store.as_ref(), "chief@news.example", "editor", None, "a long enough passphrase").await.expect("user");
    let token = byline::staff_cli::create_token(store.as_ref(), "chief@news.example", "crash test").await.expect("token");

    let r = client
        .post(format!("{base}/api/admin/campaigns"))
        .bearer_auth(&token)
        .json(&serde_json::json!({"list": "morning-briefing", "subject": "Morning Briefing", "body": "Today's news."}))
        .send()
        .await
        .expect("create");
    let id = r.json::<serde_json::Value>().await.expect("json")["id"].as_i64().expect("id");
    client.post(format!("{base}/api/admin/campaigns/{id}/send")).bearer_auth(&token).send().await.expect("send");

    // Kill the server mid-send.
    let before_kill = sink.wait_for(SUBSCRIBERS / 5, Duration::from_secs(60)).await.len();
    server.0.kill().expect("kill");
    let _ = server.0.wait();
    assert!(before_kill < SUBSCRIBERS, "the kill came during the campaign ({before_kill} sent)");
    drop(server);

    let _server = start(dir.path(), port, &sink.url());
    ready(&client, &base).await;
    let mut status = String::new();
    for _ in 0..600 {
        let c: serde_json::Value = client.get(format!("{base}/api/admin/campaigns/{id}")).bearer_auth(&token).send().await.expect("get").json().await.expect("json");
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
        per_reader.entry(to).or_default().push(mail.header("Message-ID").expect("message id"));
    }
    assert_eq!(per_reader.len(), SUBSCRIBERS, "nobody skipped");
    let copies: usize = per_reader.values().map(Vec::len).sum();
    for (reader, ids) in &per_reader {
        let mut distinct = ids.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), 1, "{reader} got two different messages: {ids:?}");
    }
    // A repeat can only be the same message (same Message-ID) that was in flight when the
    // process died: at most the number of concurrent sends.
    assert!(copies - SUBSCRIBERS <= 4, "{} repeated copies", copies - SUBSCRIBERS);
    println!("campaign crash test: {before_kill} sent before the kill, {copies} copies for {SUBSCRIBERS} readers after the restart");
}
