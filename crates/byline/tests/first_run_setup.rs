//! First-run setup: `byline serve` on an empty data directory prints a one-time setup URL
//! on its own line; the page creates the first admin and signs in; the link then answers
//! 410 and later starts print nothing. Two submissions at once create exactly one admin
//! (both backends).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use byline_store::testing::Backend;
use common::desk::csrf_in;
use common::TestApp;

const PASSWORD: &str = "a long enough first password";

/// `byline serve` on `data_dir` and a free port, with its stdout lines.
struct Served {
    child: Child,
    lines: mpsc::Receiver<String>,
    base: String,
}

impl Served {
    fn start(data_dir: &std::path::Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_byline"))
            .args(["serve", "--no-demo", "--addr", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(data_dir)
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start byline");
        let stdout = child.stdout.take().expect("stdout");
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            lines,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Lines printed up to and including "Byline is serving at …".
    fn lines_until_serving(&self) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(60))
                .unwrap_or_else(|_| panic!("byline never said it was serving: {seen:?}"));
            let done = line.starts_with("Byline is serving at");
            seen.push(line);
            if done {
                return seen;
            }
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

async fn submit(
    client: &reqwest::Client,
    url: &str,
    csrf: &str,
    name: &str,
    email: &str,
) -> reqwest::Response {
    client
        .post(url)
        .form(&[
            ("_csrf", csrf),
            ("name", name),
            ("email", email),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .expect("post")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printed_link_creates_the_first_admin_once() {
    let data = tempfile::tempdir().expect("data dir");
    let served = Served::start(data.path());
    let lines = served.lines_until_serving();
    let link = lines
        .iter()
        .find(|l| l.contains("/desk/setup/"))
        .unwrap_or_else(|| panic!("no setup link printed: {lines:?}"))
        .clone();
    assert!(
        link.starts_with(&format!("{}/desk/setup/", served.base)) && !link.contains(' '),
        "the URL is on its own line: {link:?}"
    );

    let client = browser();
    let form = client.get(&link).send().await.expect("get");
    assert_eq!(form.status(), 200);
    let html = form.text().await.expect("body");
    assert!(html.contains("Set up your newsroom") && html.contains("name=\"password\""));
    let csrf = csrf_in(&html).expect("csrf");

    // Form errors keep the link usable.
    let r = submit(&client, &link, &csrf, "Olena", "not-an-address").await;
    assert_eq!(r.status(), 400);
    assert!(r
        .text()
        .await
        .expect("body")
        .contains("Enter an email address"));
    let r = client
        .post(&link)
        .form(&[
            ("_csrf", csrf.as_str()),
            ("name", "Olena"),
            ("email", "olena@news.example"),
            ("password", "short"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status(), 400);
    assert!(r
        .text()
        .await
        .expect("body")
        .contains("Use at least 12 characters."));

    let r = submit(&client, &link, &csrf, "Olena Founder", "Olena@News.example").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/desk/");
    let desk = client
        .get(format!("{}/desk/staff", served.base))
        .send()
        .await
        .expect("desk");
    assert_eq!(desk.status(), 200, "signed in as an admin");
    let staff_page = desk.text().await.expect("body");
    assert!(staff_page.contains("olena@news.example"));

    // The link is gone, for this browser and any other.
    let again = browser().get(&link).send().await.expect("get");
    assert_eq!(again.status(), 410);
    let r = submit(&client, &link, &csrf, "Mallory", "mallory@news.example").await;
    assert_eq!(r.status(), 410);
    let old_base = served.base.clone();
    drop(served);

    // A later start prints nothing.
    let served = Served::start(data.path());
    let link = link.replace(&old_base, &served.base);
    let lines = served.lines_until_serving();
    assert!(
        !lines.iter().any(|l| l.contains("/desk/setup/")),
        "{lines:?}"
    );
    let gone = browser().get(&link).send().await.expect("get");
    assert_eq!(gone.status(), 410);
}

async fn two_submissions_at_once_create_one_admin(backend: Backend) {
    let app = TestApp::start(backend).await;
    let link = byline_web::desk::setup::first_run_link(&app.server.state)
        .await
        .expect("link")
        .expect("no staff yet");
    let path = link.trim_start_matches("http://news.example");
    let url = app.url(path);
    // A made-up token, or one from an earlier start, shows no form.
    let (status, _) = app
        .text("/desk/setup/not-a-real-token-0123456789abcdef0123")
        .await;
    assert_eq!(status, 404);

    let client = browser();
    let html = app.page_as(&client, path).await;
    let csrf = csrf_in(&html).expect("csrf");
    let mut tasks = Vec::new();
    for i in 0..6 {
        let client = client.clone();
        let url = url.clone();
        let csrf = csrf.clone();
        tasks.push(tokio::spawn(async move {
            submit(
                &client,
                &url,
                &csrf,
                "Racer",
                &format!("racer{i}@news.example"),
            )
            .await
            .status()
            .as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.expect("task"));
    }
    statuses.sort_unstable();
    // One submission wins; the others find the link used (410) or, on a loaded machine,
    // the password hasher busy (503 "try again", by design): neither writes anything.
    assert_eq!(statuses[0], 303, "{statuses:?}");
    assert!(
        statuses[1..].iter().all(|s| *s == 410 || *s == 503),
        "{statuses:?}"
    );
    let staff = app.store().list_staff().await.expect("staff");
    assert_eq!(staff.len(), 1);
    assert_eq!(staff[0].role, byline_domain::staff::Role::Admin);
    let audit = app.store().audit_log(10, 0).await.expect("audit");
    assert!(audit.iter().any(|e| e.action == "staff.setup"));
    // Once someone exists, no new link is made.
    assert!(byline_web::desk::setup::first_run_link(&app.server.state)
        .await
        .expect("link")
        .is_none());
    app.stop().await;
}

byline_store::on_both_backends!(two_submissions_at_once_create_one_admin);
