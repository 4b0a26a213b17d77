//! The cases crate's error, answered as `application/problem+json` in one place.

use axum::response::{IntoResponse, Response};
use kernel::problem::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum CasesError {
    #[error(transparent)]
    Kernel(#[from] kernel::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0} not found")]
    NotFound(String),
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Input(String),
    #[error("internal: {0}")]
    Internal(String),
}

pub type Result<T, E = CasesError> = std::result::Result<T, E>;

impl CasesError {
    pub fn invalid(field: &str, code: &str, message: &str) -> Self {
        Self::Invalid(vec![FieldError::new(field, code, message)])
    }
}

impl IntoResponse for CasesError {
    fn into_response(self) -> Response {
        match self {
            CasesError::Kernel(e) => e.into_response(),
            CasesError::Database(e) => kernel::Error::Database(e).into_response(),
            CasesError::NotFound(w) => kernel::Error::NotFound(w).into_response(),
            CasesError::Invalid(errors) => kernel::Error::Invalid(errors).into_response(),
            CasesError::Input(m) => {
                kernel::Error::invalid("file", "invalid_file", m).into_response()
            }
            CasesError::Internal(m) => kernel::Error::Internal(m).into_response(),
        }
    }
}
