//! The test harness itself: a test database is removed when its test panics, and the
//! PostgreSQL one is gone from the server (no leaked `byline_test_*` databases).

use byline_store::testing::{postgres_admin_url, Backend, TestDatabase};
use sqlx::Connection;

/// A test body, boxed so a closure can hand one to [`panicking_test`].
type TestBody = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;

/// Whether the PostgreSQL server still lists `name` in `pg_database`.
async fn postgres_lists(name: &str) -> bool {
    let mut conn = sqlx::PgConnection::connect(&postgres_admin_url())
        .await
        .expect("test PostgreSQL");
    let listed: Option<(String,)> =
        sqlx::query_as("SELECT datname::text FROM pg_database WHERE datname = $1")
            .bind(name)
            .fetch_optional(&mut conn)
            .await
            .expect("pg_database");
    listed.is_some()
}

/// Runs `test` on a runtime of its own in a child thread, as a test body would run, and
/// returns what it reported before it panicked. The thread must panic.
fn panicking_test<T: Send + 'static>(
    test: impl FnOnce(std::sync::mpsc::Sender<T>) -> TestBody + Send + 'static,
) -> T {
    let (report, reported) = std::sync::mpsc::channel();
    let outcome = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(test(report));
    })
    .join();
    assert!(outcome.is_err(), "the test body was meant to panic");
    reported.recv().expect("reported before panicking")
}

#[tokio::test]
async fn a_postgres_test_database_is_dropped_when_its_test_panics() {
    let name = panicking_test(|report| {
        Box::pin(async move {
            let db = TestDatabase::create(Backend::Postgres)
                .await
                .expect("test database");
            // A store with open connections, as a real test holds one.
            let store = db.store().await.expect("migrated store");
            assert!(store.is_empty().await.expect("is_empty"));
            let name = db.postgres_name().expect("a PostgreSQL name").to_owned();
            assert!(postgres_lists(&name).await, "created");
            report.send(name).expect("report");
            panic!("the test fails half way (expected in this test)");
        })
    });
    assert!(name.starts_with("byline_test_"), "{name}");
    assert!(
        !postgres_lists(&name).await,
        "{name} is still in pg_database after its test panicked"
    );
}

#[tokio::test]
async fn a_sqlite_test_database_is_removed_when_its_test_panics() {
    let path = panicking_test(|report| {
        Box::pin(async move {
            let db = TestDatabase::create(Backend::Sqlite)
                .await
                .expect("test database");
            let _store = db.store().await.expect("migrated store");
            let file = db
                .url
                .strip_prefix("sqlite://")
                .expect("a sqlite URL")
                .to_owned();
            assert!(std::path::Path::new(&file).exists(), "created");
            report.send(file).expect("report");
            panic!("the test fails half way (expected in this test)");
        })
    });
    assert!(
        !std::path::Path::new(&path).exists(),
        "{path} is still on disk after its test panicked"
    );
}

#[tokio::test]
async fn cleanup_drops_the_database_and_a_later_drop_does_nothing() {
    let db = TestDatabase::create(Backend::Postgres)
        .await
        .expect("test database");
    let name = db.postgres_name().expect("a PostgreSQL name").to_owned();
    assert!(postgres_lists(&name).await);
    db.cleanup().await;
    assert!(!postgres_lists(&name).await, "cleanup dropped {name}");
}
