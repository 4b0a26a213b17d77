//! The scripting crate's error, answered as `application/problem+json` in one place.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kernel::problem::{FieldError, Problem};

use crate::lint::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum ScriptingError {
    #[error(transparent)]
    Kernel(#[from] kernel::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{} problem(s) in the files", .0.len())]
    Lint(Vec<Diagnostic>),
    #[error("{0} not found")]
    NotFound(String),
    #[error("invalid answers")]
    Invalid(Vec<FieldError>),
    #[error("stored release is unreadable: {0}")]
    Corrupt(String),
}

pub type Result<T, E = ScriptingError> = std::result::Result<T, E>;

impl IntoResponse for ScriptingError {
    fn into_response(self) -> Response {
        match self {
            ScriptingError::Kernel(e) => e.into_response(),
            ScriptingError::Database(e) => kernel::Error::Database(e).into_response(),
            ScriptingError::Corrupt(m) => kernel::Error::Internal(m).into_response(),
            ScriptingError::NotFound(what) => kernel::Error::NotFound(what).into_response(),
            ScriptingError::Invalid(errors) => kernel::Error::Invalid(errors).into_response(),
            ScriptingError::Lint(diags) => {
                let mut p = Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "lint",
                    format!(
                        "{} problem(s) in the files; nothing was published",
                        diags.len()
                    ),
                );
                p.errors = diags
                    .iter()
                    .map(|d| {
                        FieldError::new(
                            format!("{}:{}:{}", d.path.display(), d.line, d.column),
                            "lint",
                            d.message.clone(),
                        )
                    })
                    .collect();
                p.into_response()
            }
        }
    }
}
