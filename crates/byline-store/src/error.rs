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

impl StoreError {
    /// The database is unreachable, shutting down, overloaded or locked: the request may
    /// succeed later (503), as opposed to a bug or bad data (500).
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Unavailable(_) => true,
            Self::Database(e) => match e {
                sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::Io(_)
                | sqlx::Error::Tls(_)
                | sqlx::Error::WorkerCrashed
                | sqlx::Error::Protocol(_) => true,
                // PostgreSQL: connection exceptions (08), operator intervention such as a
                // shutdown (57P), too many connections; SQLite: busy and locked.
                sqlx::Error::Database(d) => d.code().is_some_and(|c| {
                    c.starts_with("08")
                        || c.starts_with("57P")
                        || c == "53300"
                        || c == "5"
                        || c == "6"
                        || c == "517"
                }),
                _ => false,
            },
            _ => false,
        }
    }
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
