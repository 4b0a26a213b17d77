//! The kernel's error type. It becomes an HTTP answer in exactly one place
//! ([`IntoResponse`] below); internal details are logged there and never shown to clients.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::problem::{FieldError, Problem};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("configuration: {0}")]
    Config(String),
    #[error("not logged in")]
    Unauthenticated,
    #[error("this role may not do that")]
    Forbidden,
    #[error("{0} not found")]
    NotFound(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Definition files (scripts, forms, courses, templates) with problems, each named by
    /// `path:line:column`; nothing was published.
    #[error("{} problem(s) in the files", .0.len())]
    Lint(Vec<FieldError>),
    #[error("too many failed attempts")]
    TooManyAttempts { retry_after_secs: u64 },
    /// A refusal with its own status and slug (a bad signature, a purpose the server cannot
    /// check, a rate limit), so clients can tell the reasons apart.
    #[error("{slug}: {detail}")]
    Refused {
        status: u16,
        slug: &'static str,
        detail: String,
        retry_after_secs: Option<u64>,
    },
    #[error("crypto: {0}")]
    Crypto(String),
    #[error("internal: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A refusal with its own status and slug.
    pub fn refused(status: StatusCode, slug: &'static str, detail: impl Into<String>) -> Self {
        Self::Refused {
            status: status.as_u16(),
            slug,
            detail: detail.into(),
            retry_after_secs: None,
        }
    }

    /// One invalid field, for the common single-field case.
    pub fn invalid(field: &str, code: &str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, code, message)])
    }

    /// Turns a unique-constraint violation into a 409 naming what clashed, and passes every
    /// other database error through.
    pub fn on_unique(err: sqlx::Error, what: &str) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                Self::Conflict(format!("{what} already exists"))
            }
            _ => Self::Database(err),
        }
    }

    pub fn problem(&self) -> Problem {
        match self {
            Error::Unauthenticated => Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "log in first: no valid session or token",
            ),
            Error::Forbidden => Problem::new(
                StatusCode::FORBIDDEN,
                "forbidden",
                "your role does not allow this",
            ),
            Error::NotFound(what) => Problem::new(
                StatusCode::NOT_FOUND,
                "not-found",
                format!("{what} not found"),
            ),
            Error::Conflict(detail) => Problem::new(StatusCode::CONFLICT, "conflict", detail),
            Error::Invalid(errors) => {
                let mut p = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "validation",
                    format!("{} field(s) are invalid", errors.len()),
                );
                p.errors = errors.clone();
                p
            }
            Error::Lint(errors) => {
                let mut p = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "lint",
                    format!(
                        "{} problem(s) in the files; nothing was published",
                        errors.len()
                    ),
                );
                p.errors = errors.clone();
                p
            }
            Error::TooManyAttempts { retry_after_secs } => {
                let mut p = Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too-many-attempts",
                    "too many failed attempts; try again later",
                );
                p.retry_after = Some(*retry_after_secs);
                p
            }
            Error::Refused {
                status,
                slug,
                detail,
                retry_after_secs,
            } => {
                let status =
                    StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let mut p = Problem::new(status, slug, detail.clone());
                p.retry_after = *retry_after_secs;
                p
            }
            Error::Database(e) if database_unreachable(e) => {
                let mut p = Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    "the database cannot be reached just now; try again in a moment",
                );
                p.retry_after = Some(1);
                p
            }
            Error::Database(_)
            | Error::Migration(_)
            | Error::Config(_)
            | Error::Crypto(_)
            | Error::Internal(_) => Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "an internal error occurred; it has been logged",
            ),
        }
    }
}

/// Whether a database error means the database is out of reach for a moment (a restart,
/// a failover, a connection cut) rather than a fault of ours: the client is told 503 and to
/// retry, and the log says so without an alarm. SQLSTATE class 08 is a connection
/// exception; 57P01-57P03 a server shutting down or starting; 25006 a write that reached a
/// standby during a failover.
pub fn database_unreachable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::Protocol(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|c| {
            c.starts_with("08") || matches!(c.as_ref(), "57P01" | "57P02" | "57P03" | "25006")
        }),
        _ => false,
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let problem = self.problem();
        if problem.status == 503 {
            tracing::warn!(error = %self, "request refused: database unreachable");
        } else if problem.status >= 500 {
            tracing::error!(error = %self, "request failed");
        }
        problem.into_response()
    }
}

#[cfg(test)]
mod unreachable_tests {
    use super::*;

    #[test]
    fn a_lost_database_is_a_503_to_retry_and_a_fault_of_ours_a_500() {
        let p = Error::Database(sqlx::Error::PoolTimedOut).problem();
        assert_eq!(p.status, 503);
        assert_eq!(p.retry_after, Some(1));
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
        assert_eq!(Error::Database(sqlx::Error::Io(io)).problem().status, 503);
        assert_eq!(
            Error::Database(sqlx::Error::RowNotFound).problem().status,
            500
        );
    }
}
