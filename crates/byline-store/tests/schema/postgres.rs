//! Reads a migrated PostgreSQL database's schema from `information_schema` and the
//! `pg_catalog` tables (the test database's own `public` schema).

use sqlx::{Connection, PgConnection};

use super::{type_family, Column, ForeignKey, Index, Schema, Table};

pub async fn read(url: &str) -> Schema {
    let mut conn = PgConnection::connect(url).await.expect("open PostgreSQL");
    let names: Vec<(String,)> = sqlx::query_as(
        "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() \
         AND tablename <> '_sqlx_migrations' ORDER BY tablename",
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

/// The names of a key's columns (`int2vector` or `int2[]` of attribute numbers) in order.
const KEY_COLUMNS: &str = "ARRAY(SELECT COALESCE(a.attname::text, '<expression>') \
     FROM unnest(KEY::int2[]) WITH ORDINALITY AS k(attnum, ord) \
     LEFT JOIN pg_attribute a ON a.attrelid = REL AND a.attnum = k.attnum ORDER BY k.ord)";

fn key_columns(key: &str, relation: &str) -> String {
    KEY_COLUMNS.replace("KEY", key).replace("REL", relation)
}

async fn read_table(conn: &mut PgConnection, table: &str) -> Table {
    let columns: Vec<(String, String, String, bool)> = sqlx::query_as(
        "SELECT column_name::text, data_type::text, is_nullable::text, column_default IS NOT NULL \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await
    .expect("columns");
    let primary_key: Option<(Vec<String>,)> = sqlx::query_as(&format!(
        "SELECT {} FROM pg_index ix WHERE ix.indrelid = to_regclass($1) AND ix.indisprimary",
        key_columns("ix.indkey", "ix.indrelid")
    ))
    .bind(table)
    .fetch_optional(&mut *conn)
    .await
    .expect("primary key");
    Table {
        columns: columns
            .into_iter()
            .map(|(name, declared, nullable, has_default)| Column {
                name,
                family: type_family(&declared),
                nullable: nullable == "YES",
                has_default,
            })
            .collect(),
        primary_key: primary_key.map(|(k,)| k).unwrap_or_default(),
        foreign_keys: foreign_keys(conn, table).await,
        indexes: indexes(conn, table).await,
    }
}

async fn foreign_keys(conn: &mut PgConnection, table: &str) -> Vec<ForeignKey> {
    let rows: Vec<(Vec<String>, String, Vec<String>, String)> = sqlx::query_as(&format!(
        "SELECT {}, c.confrelid::regclass::text, {}, c.confdeltype::text \
         FROM pg_constraint c WHERE c.conrelid = to_regclass($1) AND c.contype = 'f'",
        key_columns("c.conkey", "c.conrelid"),
        key_columns("c.confkey", "c.confrelid"),
    ))
    .bind(table)
    .fetch_all(&mut *conn)
    .await
    .expect("foreign keys");
    rows.into_iter()
        .map(|(columns, target, target_columns, on_delete)| ForeignKey {
            columns,
            target,
            target_columns,
            on_delete: match on_delete.as_str() {
                "c" => "cascade",
                "n" => "set null",
                "d" => "set default",
                "r" => "restrict",
                _ => "no action",
            }
            .to_owned(),
        })
        .collect()
}

async fn indexes(conn: &mut PgConnection, table: &str) -> Vec<Index> {
    // (name, unique, partial, made by a UNIQUE constraint, columns)
    let rows: Vec<(String, bool, bool, bool, Vec<String>)> = sqlx::query_as(&format!(
        "SELECT i.relname::text, ix.indisunique, ix.indpred IS NOT NULL, \
         EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid \
                 AND c.conrelid = ix.indrelid AND c.contype = 'u'), {} \
         FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid \
         WHERE ix.indrelid = to_regclass($1) AND NOT ix.indisprimary",
        key_columns("ix.indkey", "ix.indrelid")
    ))
    .bind(table)
    .fetch_all(&mut *conn)
    .await
    .expect("indexes");
    rows.into_iter()
        .map(|(name, unique, partial, from_constraint, columns)| Index {
            name: (!from_constraint).then_some(name),
            columns,
            unique,
            partial,
        })
        .collect()
}
