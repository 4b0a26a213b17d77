//! The requests crate's error; it converts into [`kernel::Error`], which alone becomes a
//! response.

#[derive(Debug, thiserror::Error)]
pub enum RequestsError {
    #[error(transparent)]
    Kernel(#[from] kernel::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0}")]
    Invalid(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Internal(String),
}

pub type Result<T, E = RequestsError> = std::result::Result<T, E>;

impl From<RequestsError> for kernel::Error {
    fn from(e: RequestsError) -> Self {
        match e {
            RequestsError::Kernel(e) => e,
            RequestsError::Database(e) => kernel::Error::Database(e),
            RequestsError::Invalid(m) => kernel::Error::invalid("request", "invalid", m),
            RequestsError::NotFound(w) => kernel::Error::NotFound(w),
            RequestsError::Internal(m) => kernel::Error::Internal(m),
        }
    }
}
