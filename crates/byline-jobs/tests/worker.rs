//! The worker over a real SQLite store and a real outbox folder: typed jobs run through the
//! registry, an unreadable payload fails once without retries, and a row of a kind this
//! version does not know (enqueued by a newer one) is left exactly as it was.

use std::sync::Arc;
use std::time::Duration;

use byline_jobs::{Jobs, MailJob, RunnerConfig, SendMail, Worker};
use byline_mail::{MailConfig, Mailer};
use byline_store::jobs::JobStatus;
use byline_store::{NewJob, Store};
use chrono::Utc;

struct Newsroom {
    store: Arc<dyn Store>,
    jobs: Jobs,
    outbox: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

async fn newsroom() -> Newsroom {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("byline.db").display());
    let store = byline_store::connect(&url).await.expect("store");
    store.migrate().await.expect("migrate");
    let jobs = Jobs::new(Arc::clone(&store));
    Newsroom {
        store,
        jobs,
        outbox: dir.path().join("outbox"),
        _dir: dir,
    }
}

fn worker(outbox: &std::path::Path) -> Worker {
    let mailer = Mailer::new(&MailConfig {
        smtp_url: None,
        outbox_dir: outbox.to_owned(),
        from_name: "The Meridian Courier".into(),
        from_address: "desk@news.example".into(),
    })
    .expect("mailer");
    Worker {
        registry: byline_jobs::registry(&byline_jobs::JobSettings::default()),
        mailer,
        base_url: "http://news.example".into(),
        mail_domain: "news.example".into(),
        signer: None,
        config: RunnerConfig {
            poll: Duration::from_millis(50),
            concurrency: 2,
            ..RunnerConfig::default()
        },
    }
}

/// Waits until job `id` has status `status` (five seconds at most).
async fn until_status(store: &dyn Store, id: i64, status: JobStatus) -> byline_store::Job {
    for _ in 0..100 {
        let job = store.job(id).await.expect("job").expect("exists");
        if job.status == status {
            return job;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("job {id} never reached {status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_jobs_run_and_unknown_kinds_are_left_alone() {
    let n = newsroom().await;
    // From a newer version, and due before everything else.
    let newer = n
        .store
        .enqueue(&NewJob {
            kind: "render_audio".into(),
            payload: serde_json::json!({"article": "winter-aid"}),
            idempotency_key: None,
            run_at: Utc::now() - chrono::Duration::minutes(5),
            max_attempts: 3,
        })
        .await
        .expect("enqueue")
        .expect("id");
    let mail = MailJob {
        to: "reader@readers.example".into(),
        subject: "Your confirmation".into(),
        text: "Hello.".into(),
        html: None,
    };
    let sent = n
        .jobs
        .send_mail("confirm:abc", mail.clone())
        .await
        .expect("enqueue")
        .expect("id");
    assert_eq!(
        n.jobs.send_mail("confirm:abc", mail).await.expect("again"),
        None,
        "the same message is one job"
    );
    let published = n
        .jobs
        .schedule_publication("no-such-article", Utc::now())
        .await
        .expect("enqueue")
        .expect("id");
    let unreadable = byline_jobs::new_job::<SendMail>(
        &byline_jobs::KeyedMail {
            key: "bad".into(),
            mail: MailJob {
                to: "x@readers.example".into(),
                subject: "s".into(),
                text: "t".into(),
                html: None,
            },
        },
        Utc::now(),
    )
    .map(|job| NewJob {
        payload: serde_json::json!({"key": 7}),
        ..job
    })
    .expect("job");
    let unreadable = n
        .store
        .enqueue(&unreadable)
        .await
        .expect("enqueue")
        .expect("id");

    let running = worker(&n.outbox).spawn(&n.jobs);
    until_status(n.store.as_ref(), sent, JobStatus::Done).await;
    until_status(n.store.as_ref(), published, JobStatus::Done).await;
    let failed = until_status(n.store.as_ref(), unreadable, JobStatus::Failed).await;
    assert_eq!(
        failed.attempts, 1,
        "no retries for a payload that cannot be read"
    );
    assert!(
        failed.last_error.contains("unreadable send_mail payload"),
        "{}",
        failed.last_error
    );
    let letters: Vec<_> = std::fs::read_dir(&n.outbox)
        .expect("outbox")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(letters.len(), 1, "one message in the outbox");

    n.jobs.shutdown().stop();
    tokio::time::timeout(Duration::from_secs(5), running)
        .await
        .expect("the worker stops")
        .expect("cleanly");
    let left = n.store.job(newer).await.expect("job").expect("exists");
    assert_eq!(
        (left.status, left.attempts, left.last_error.as_str()),
        (JobStatus::Pending, 0, ""),
        "the newer kind's row is untouched"
    );
}

/// A job from outside the crate: holds its slot until released.
struct HoldTheFrontPage(Arc<tokio::sync::Notify>);

#[derive(serde::Serialize, serde::Deserialize)]
struct Edition {
    number: u32,
}

impl byline_jobs::Job for HoldTheFrontPage {
    const KIND: &'static str = "hold_the_front_page";
    const MAX_ATTEMPTS: i64 = 1;
    type Payload = Edition;

    fn idempotency_key(payload: &Edition, _: chrono::DateTime<Utc>) -> Option<String> {
        Some(format!("edition:{}", payload.number))
    }

    async fn run(&self, _: &byline_jobs::JobContext, _: Edition) -> byline_jobs::Outcome {
        self.0.notified().await;
        byline_jobs::Outcome::Done
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_job_does_not_hold_up_the_others() {
    let n = newsroom().await;
    let release = Arc::new(tokio::sync::Notify::new());
    let mut w = worker(&n.outbox);
    w.registry = byline_jobs::Registry::default()
        .with(HoldTheFrontPage(Arc::clone(&release)))
        .with(SendMail);
    let held = n
        .jobs
        .enqueue::<HoldTheFrontPage>(&Edition { number: 1 }, Utc::now())
        .await
        .expect("enqueue")
        .expect("id");
    let running = w.spawn(&n.jobs);
    until_status(n.store.as_ref(), held, JobStatus::Running).await;
    let mail = n
        .jobs
        .send_mail(
            "reset:1",
            MailJob {
                to: "editor@news.example".into(),
                subject: "Reset".into(),
                text: "Link.".into(),
                html: None,
            },
        )
        .await
        .expect("enqueue")
        .expect("id");
    until_status(n.store.as_ref(), mail, JobStatus::Done).await;
    assert_eq!(
        n.store
            .job(held)
            .await
            .expect("job")
            .expect("exists")
            .status,
        JobStatus::Running,
        "still holding while the mail went out"
    );
    release.notify_one();
    until_status(n.store.as_ref(), held, JobStatus::Done).await;
    n.jobs.shutdown().stop();
    tokio::time::timeout(Duration::from_secs(5), running)
        .await
        .expect("the worker stops")
        .expect("cleanly");
}
