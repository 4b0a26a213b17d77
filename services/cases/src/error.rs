//! The cases crate's error. It converts into [`kernel::Error`], which alone becomes a response.

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
    /// An uploaded file that cannot be read at all (not CSV, wrong header).
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

impl From<CasesError> for kernel::Error {
    fn from(e: CasesError) -> Self {
        match e {
            CasesError::Kernel(e) => e,
            CasesError::Database(e) => kernel::Error::Database(e),
            CasesError::NotFound(w) => kernel::Error::NotFound(w),
            CasesError::Invalid(errors) => kernel::Error::Invalid(errors),
            CasesError::Input(m) => kernel::Error::invalid("file", "invalid_file", m),
            CasesError::Internal(m) => kernel::Error::Internal(m),
        }
    }
}
