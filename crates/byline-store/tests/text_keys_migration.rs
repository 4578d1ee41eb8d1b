//! Migration 0009 rebuilds four SQLite tables so their text primary keys are NOT NULL:
//! a newsroom that already has sessions, tokens, throttles and job effects keeps them.

use std::path::Path;
use std::str::FromStr;

use byline_store::testing::{Backend, TestDatabase};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};

/// Applies the SQLite migrations numbered below `before`, as an older Byline would have.
async fn migrate_before(pool: &SqlitePool, before: i64) {
    let dir = format!("{}/migrations/sqlite", env!("CARGO_MANIFEST_DIR"));
    let mut migrator = Migrator::new(Path::new(&dir)).await.expect("migrations");
    migrator.migrations = migrator
        .migrations
        .iter()
        .filter(|m| m.version < before)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    migrator.run(pool).await.expect("older migrations");
}

#[tokio::test]
async fn rows_survive_the_rebuild_and_null_keys_are_refused_after_it() {
    let db = TestDatabase::create(Backend::Sqlite)
        .await
        .expect("test database");
    let options = SqliteConnectOptions::from_str(&db.url)
        .expect("url")
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = SqlitePool::connect_with(options).await.expect("open");
    migrate_before(&pool, 9).await;
    sqlx::raw_sql(
        "INSERT INTO staff (email, name, role, password_hash, created_at) \
             VALUES ('ed@news.example', 'Ed', 'editor', 'x', 1);
         INSERT INTO sessions VALUES ('session-hash', 1, 'csrf', 1, 2);
         INSERT INTO one_time_tokens (token_hash, purpose, email, created_at, expires_at) \
             VALUES ('token-hash', 'reset', 'ed@news.example', 1, 2);
         INSERT INTO login_throttle (throttle_key, attempts, window_ends, window_started) \
             VALUES ('account:ed', 3, 10, 5);
         INSERT INTO job_effects VALUES ('mail:1', 7);",
    )
    .execute(&pool)
    .await
    .expect("rows of an older newsroom");
    // SQLite took a NULL key before 0009.
    sqlx::query("INSERT INTO job_effects VALUES (NULL, 8)")
        .execute(&pool)
        .await
        .expect("a NULL text key is accepted before 0009");
    pool.close().await;

    // The real migration path: the store applies what is left (0009 on).
    let store = db.store().await.expect("migrated");
    assert!(store.effect_done("mail:1").await.expect("effect lookup"));
    drop(store);

    let pool = SqlitePool::connect(&db.url).await.expect("reopen");
    let kept: (String, i64, String, i64, i64, i64) = sqlx::query_as(
        "SELECT s.id_hash, s.staff_id, t.purpose, l.attempts, l.window_ends, \
                (SELECT COUNT(*) FROM job_effects) \
         FROM sessions s, one_time_tokens t, login_throttle l",
    )
    .fetch_one(&pool)
    .await
    .expect("rows after 0009");
    assert_eq!(
        kept,
        ("session-hash".into(), 1, "reset".into(), 3, 10, 1),
        "every row kept, the NULL-keyed effect dropped"
    );
    for insert in [
        "INSERT INTO sessions VALUES (NULL, 1, 'c', 1, 2)",
        "INSERT INTO one_time_tokens (token_hash, purpose, email, created_at, expires_at) \
         VALUES (NULL, 'reset', 'a@b', 1, 2)",
        "INSERT INTO login_throttle VALUES (NULL, 1, 1, 1)",
        "INSERT INTO job_effects VALUES (NULL, 9)",
    ] {
        let refused = sqlx::query(insert).execute(&pool).await;
        assert!(
            refused.is_err_and(|e| e.to_string().contains("NOT NULL")),
            "{insert} must be refused"
        );
    }
    // Deleting a member still ends their sessions (the rebuilt foreign key; sqlx turns
    // foreign keys on for every connection).
    sqlx::query("DELETE FROM staff WHERE id = 1")
        .execute(&pool)
        .await
        .expect("delete staff");
    let sessions: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sessions")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(sessions.0, 0, "ON DELETE CASCADE kept");
    pool.close().await;
}
