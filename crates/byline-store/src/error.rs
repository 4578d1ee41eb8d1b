//! Storage errors: what callers can act on, with internals kept for logs.

use byline_domain::article::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// The input breaks a rule that needs the database to check (unknown section …).
    #[error("{0}")]
    Invalid(#[from] FieldError),
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database cannot be reached or opened.
    #[error("{0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Self::Unavailable(format!("migration failed: {e}"))
    }
}

/// Hides a password in a database URL before it reaches a message or a log.
pub(crate) fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Turns a connection failure into one readable line.
pub(crate) fn unavailable(url: &str, e: &sqlx::Error) -> StoreError {
    StoreError::Unavailable(format!("cannot open database {}: {e}", redact_url(url)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords_only() {
        assert_eq!(
            super::redact_url("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(super::redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(
            super::redact_url("sqlite://data/b.db"),
            "sqlite://data/b.db"
        );
    }
}
