//! A backend-neutral picture of a migrated schema, read from SQLite's pragmas or
//! PostgreSQL's catalogs, and the list of differences between two of them.

pub mod postgres;
pub mod sqlite;

use std::collections::BTreeMap;

/// Every table but sqlx's own `_sqlx_migrations`, by name.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Schema {
    pub tables: BTreeMap<String, Table>,
}

/// One table; lists are sorted so that comparison ignores declaration order where the
/// order carries no meaning (columns are compared by name, indexes by name or columns).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    /// Primary key columns in key order.
    pub primary_key: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    /// Indexes other than the primary key's.
    pub indexes: Vec<Index>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    /// `integer`, `text`, `boolean`, `blob`, `real`, or the declared type when unknown.
    pub family: String,
    pub nullable: bool,
    /// A DEFAULT clause (ignored on primary key columns: a `BIGSERIAL` has one, an
    /// `INTEGER PRIMARY KEY AUTOINCREMENT` has none, and both number rows the same way).
    pub has_default: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub target: String,
    pub target_columns: Vec<String>,
    /// `no action`, `cascade`, `set null`, `restrict` or `set default`.
    pub on_delete: String,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Index {
    /// The name of a `CREATE INDEX`; `None` for one a UNIQUE constraint made, whose name
    /// each backend invents (`sqlite_autoindex_…`, `…_key`).
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub unique: bool,
    /// Has a WHERE clause.
    pub partial: bool,
}

/// The type family of a declared column type, the same word on both backends.
pub fn type_family(declared: &str) -> String {
    let lower = declared.trim().to_ascii_lowercase();
    let base = lower.split('(').next().unwrap_or("").trim();
    let family = match base {
        "integer" | "int" | "bigint" | "smallint" | "int2" | "int4" | "int8" | "bigserial"
        | "serial" => "integer",
        "text" | "varchar" | "character varying" | "character" | "char" => "text",
        "boolean" | "bool" => "boolean",
        "blob" | "bytea" => "blob",
        "real" | "double precision" | "double" | "float" | "float8" | "float4" | "numeric" => {
            "real"
        }
        _ => return lower,
    };
    family.to_owned()
}

impl Table {
    /// Sorts the order-free parts and forgets defaults on key columns.
    pub fn normalised(mut self) -> Self {
        self.columns.sort_by(|a, b| a.name.cmp(&b.name));
        for column in &mut self.columns {
            if self.primary_key.contains(&column.name) {
                column.has_default = false;
            }
        }
        self.foreign_keys.sort();
        self.indexes.sort();
        self
    }
}

/// Human-readable differences, `sqlite` on the left, `postgres` on the right.
pub fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    for name in sqlite.tables.keys() {
        if !postgres.tables.contains_key(name) {
            out.push(format!("table {name}: only on SQLite"));
        }
    }
    for name in postgres.tables.keys() {
        if !sqlite.tables.contains_key(name) {
            out.push(format!("table {name}: only on PostgreSQL"));
        }
    }
    for (name, left) in &sqlite.tables {
        if let Some(right) = postgres.tables.get(name) {
            table_differences(name, left, right, &mut out);
        }
    }
    out
}

fn table_differences(table: &str, left: &Table, right: &Table, out: &mut Vec<String>) {
    for column in &left.columns {
        match right.columns.iter().find(|c| c.name == column.name) {
            None => out.push(format!("column {table}.{}: only on SQLite", column.name)),
            Some(other) if other != column => out.push(format!(
                "column {table}.{}: SQLite {} / PostgreSQL {}",
                column.name,
                describe(column),
                describe(other)
            )),
            Some(_) => {}
        }
    }
    for column in &right.columns {
        if !left.columns.iter().any(|c| c.name == column.name) {
            out.push(format!(
                "column {table}.{}: only on PostgreSQL",
                column.name
            ));
        }
    }
    if left.primary_key != right.primary_key {
        out.push(format!(
            "table {table}: primary key SQLite {:?} / PostgreSQL {:?}",
            left.primary_key, right.primary_key
        ));
    }
    one_sided(
        table,
        "foreign key",
        &left.foreign_keys,
        &right.foreign_keys,
        out,
    );
    one_sided(table, "index", &left.indexes, &right.indexes, out);
}

/// Items of a list present on one side only.
fn one_sided<T: PartialEq + std::fmt::Debug>(
    table: &str,
    what: &str,
    left: &[T],
    right: &[T],
    out: &mut Vec<String>,
) {
    for item in left.iter().filter(|i| !right.contains(i)) {
        out.push(format!("table {table}: {what} only on SQLite: {item:?}"));
    }
    for item in right.iter().filter(|i| !left.contains(i)) {
        out.push(format!(
            "table {table}: {what} only on PostgreSQL: {item:?}"
        ));
    }
}

fn describe(column: &Column) -> String {
    format!(
        "{} {}{}",
        column.family,
        if column.nullable {
            "nullable"
        } else {
            "not null"
        },
        if column.has_default {
            " with default"
        } else {
            ""
        }
    )
}
