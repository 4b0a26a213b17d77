//! The documents crate's error. It converts into [`kernel::Error`], which alone becomes a
//! response; errors of the services it calls arrive already converted.

#[derive(Debug, thiserror::Error)]
pub enum DocumentsError {
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

pub type Result<T, E = DocumentsError> = std::result::Result<T, E>;

impl From<cases::error::CasesError> for DocumentsError {
    fn from(e: cases::error::CasesError) -> Self {
        Self::Kernel(e.into())
    }
}

impl From<DocumentsError> for kernel::Error {
    fn from(e: DocumentsError) -> Self {
        match e {
            DocumentsError::Kernel(e) => e,
            DocumentsError::Database(e) => kernel::Error::Database(e),
            DocumentsError::Invalid(m) => kernel::Error::invalid("request", "invalid", m),
            DocumentsError::NotFound(w) => kernel::Error::NotFound(w),
            DocumentsError::Internal(m) => kernel::Error::Internal(m),
        }
    }
}
