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

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let problem = self.problem();
        if problem.status >= 500 {
            tracing::error!(error = %self, "request failed");
        }
        problem.into_response()
    }
}
