//! Reads a migrated SQLite database's schema from `sqlite_master` and the table pragmas.

use sqlx::{Connection, SqliteConnection};

use super::{type_family, Column, ForeignKey, Index, Schema, Table};

pub async fn read(url: &str) -> Schema {
    let mut conn = SqliteConnection::connect(url).await.expect("open SQLite");
    let names: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    let mut schema = Schema::default();
    for (name,) in names {
        let table = read_table(&mut conn, &name).await;
        schema.tables.insert(name, table.normalised());
    }
    schema
}

async fn read_table(conn: &mut SqliteConnection, table: &str) -> Table {
    // (name, declared type, not null, has default, position in the primary key or 0)
    let columns: Vec<(String, String, i64, bool, i64)> = sqlx::query_as(
        "SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk \
         FROM pragma_table_info(?1) ORDER BY cid",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await
    .expect("columns");
    let mut key: Vec<(i64, String)> = columns
        .iter()
        .filter(|c| c.4 > 0)
        .map(|c| (c.4, c.0.clone()))
        .collect();
    key.sort();
    let primary_key: Vec<String> = key.into_iter().map(|(_, name)| name).collect();
    // An `INTEGER PRIMARY KEY` is the rowid: never NULL, although not declared NOT NULL.
    let rowid_alias = |name: &str, declared: &str| {
        primary_key.len() == 1 && primary_key[0] == name && declared.eq_ignore_ascii_case("integer")
    };
    let columns = columns
        .iter()
        .map(|(name, declared, not_null, has_default, _)| Column {
            name: name.clone(),
            family: type_family(declared),
            nullable: *not_null == 0 && !rowid_alias(name, declared),
            has_default: *has_default,
        })
        .collect();
    Table {
        columns,
        foreign_keys: foreign_keys(conn, table).await,
        indexes: indexes(conn, table).await,
        primary_key,
    }
}

async fn foreign_keys(conn: &mut SqliteConnection, table: &str) -> Vec<ForeignKey> {
    // (constraint id, referenced table, column, referenced column, ON DELETE)
    let rows: Vec<(i64, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT id, \"table\", \"from\", \"to\", on_delete \
         FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await
    .expect("foreign keys");
    let mut keys: Vec<(i64, ForeignKey)> = Vec::new();
    for (id, target, from, to, on_delete) in rows {
        if keys.last().is_none_or(|(last, _)| *last != id) {
            keys.push((
                id,
                ForeignKey {
                    columns: Vec::new(),
                    target,
                    target_columns: Vec::new(),
                    on_delete: on_delete.to_ascii_lowercase(),
                },
            ));
        }
        if let Some((_, key)) = keys.last_mut() {
            key.columns.push(from);
            // `REFERENCES t` without columns means t's primary key.
            key.target_columns
                .push(to.unwrap_or_else(|| "<primary key>".to_owned()));
        }
    }
    keys.into_iter().map(|(_, key)| key).collect()
}

async fn indexes(conn: &mut SqliteConnection, table: &str) -> Vec<Index> {
    // (name, unique, origin: c = CREATE INDEX, u = UNIQUE constraint, pk = primary key, partial)
    let list: Vec<(String, bool, String, bool)> =
        sqlx::query_as("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1)")
            .bind(table)
            .fetch_all(&mut *conn)
            .await
            .expect("indexes");
    let mut out = Vec::new();
    for (name, unique, origin, partial) in list {
        if origin == "pk" {
            continue;
        }
        let columns: Vec<(Option<String>,)> =
            sqlx::query_as("SELECT name FROM pragma_index_info(?1) ORDER BY seqno")
                .bind(&name)
                .fetch_all(&mut *conn)
                .await
                .expect("index columns");
        out.push(Index {
            name: (origin == "c").then_some(name),
            columns: columns
                .into_iter()
                .map(|(c,)| c.unwrap_or_else(|| "<expression>".to_owned()))
                .collect(),
            unique,
            partial,
        });
    }
    out
}
