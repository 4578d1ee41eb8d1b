//! Helpers every query file shares: times from their stored seconds, `$n` lists, writes by
//! slug in a [`crate::WriteMode`], and a taken slug as a conflict.

use chrono::{DateTime, Utc};

pub(crate) fn to_time(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// `$start, $start+1, …` for an IN list of `n` values.
pub(crate) fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The statement for a write by slug in `mode`: `insert` alone (Create), `insert` plus
/// `on_conflict` (Upsert), or `update` (Update), each followed by `returning`.
pub(crate) fn keyed_write(
    mode: crate::WriteMode,
    insert: &str,
    on_conflict: &str,
    update: &str,
    returning: &str,
) -> String {
    match mode {
        crate::WriteMode::Create => format!("{insert} {returning}"),
        crate::WriteMode::Upsert => format!("{insert} {on_conflict} {returning}"),
        crate::WriteMode::Update => format!("{update} {returning}"),
    }
}

/// A unique-constraint failure as a conflict naming the taken slug; other errors unchanged.
pub(crate) fn taken(e: sqlx::Error, what: &str, slug: &str) -> crate::StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() => crate::StoreError::Conflict(
            format!("the slug `{slug}` is already used by another {what}"),
        ),
        _ => e.into(),
    }
}

/// `column = 'uk'` or `column NOT IN ('uk', 'ru')` for an edition filter, with the codes
/// inlined (the integer-bound queries have no text binds). Codes are language codes
/// (`a-z` and `-`); any other code matches nothing rather than reaching the SQL.
pub(crate) fn edition_clause(column: &str, filter: &crate::LanguageFilter) -> Option<String> {
    let safe = |code: &str| {
        !code.is_empty()
            && code.len() <= 16
            && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
    };
    match filter {
        crate::LanguageFilter::Only(code) if safe(code) => Some(format!("{column} = '{code}'")),
        crate::LanguageFilter::Only(_) => Some("1 = 0".into()),
        crate::LanguageFilter::Except(codes) => {
            let codes: Vec<String> = codes
                .iter()
                .filter(|c| safe(c))
                .map(|c| format!("'{c}'"))
                .collect();
            (!codes.is_empty()).then(|| format!("{column} NOT IN ({})", codes.join(", ")))
        }
    }
}
