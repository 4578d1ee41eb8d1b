//! The two backends' schemas after every migration: a fresh SQLite and a fresh PostgreSQL
//! database are migrated and must have the same tables; per table the same columns (name,
//! type family, nullability, whether there is a default), primary key, foreign keys and
//! indexes (name, columns, uniqueness, partial or not). Migration file names alone
//! (`conformance.rs`) cannot catch a column that drifted on one side.

mod schema;

use byline_store::testing::{Backend, TestDatabase};
use schema::Schema;

async fn migrated_schema(backend: Backend) -> (Schema, TestDatabase) {
    let db = TestDatabase::create(backend).await.expect("test database");
    db.store().await.expect("migrated store");
    let schema = match backend {
        Backend::Sqlite => schema::sqlite::read(&db.url).await,
        Backend::Postgres => schema::postgres::read(&db.url).await,
    };
    (schema, db)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_have_the_same_schema_after_migration() {
    let (sqlite, sqlite_db) = migrated_schema(Backend::Sqlite).await;
    let (postgres, postgres_db) = migrated_schema(Backend::Postgres).await;
    assert!(
        sqlite.tables.len() > 10,
        "the schema reader found the tables: {:?}",
        sqlite.tables.keys()
    );
    let differences = schema::differences(&sqlite, &postgres);
    assert!(
        differences.is_empty(),
        "the backends' schemas differ (fix with a new migration, never by editing one):\n{}",
        differences.join("\n")
    );
    sqlite_db.cleanup().await;
    postgres_db.cleanup().await;
}

#[test]
fn the_comparison_reports_drift_in_each_part() {
    use schema::{Column, ForeignKey, Index, Table};
    let table = Table {
        columns: vec![
            Column {
                name: "id".into(),
                family: "integer".into(),
                nullable: false,
                has_default: false,
            },
            Column {
                name: "headline".into(),
                family: "text".into(),
                nullable: false,
                has_default: false,
            },
        ],
        primary_key: vec!["id".into()],
        foreign_keys: vec![ForeignKey {
            columns: vec!["section_id".into()],
            target: "sections".into(),
            target_columns: vec!["id".into()],
            on_delete: "cascade".into(),
        }],
        indexes: vec![Index {
            name: Some("articles_by_headline".into()),
            columns: vec!["headline".into()],
            unique: false,
            partial: false,
        }],
    };
    let mut a = Schema::default();
    a.tables.insert("articles".into(), table.clone());
    a.tables.insert("only_here".into(), table.clone());
    let mut drifted = table;
    drifted.columns[1].nullable = true;
    drifted.columns[1].family = "blob".into();
    drifted.foreign_keys[0].on_delete = "no action".into();
    drifted.indexes[0].unique = true;
    let mut b = Schema::default();
    b.tables.insert("articles".into(), drifted);
    let found = schema::differences(&a, &b).join("\n");
    for expected in [
        "only_here",
        "articles.headline",
        "foreign key",
        "index",
        "nullable",
        "blob",
    ] {
        assert!(found.contains(expected), "{expected} missing in:\n{found}");
    }
    assert!(schema::differences(&a, &a).is_empty());
}
