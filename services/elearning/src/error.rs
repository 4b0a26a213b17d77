//! The e-learning crate's error. It converts into [`kernel::Error`], which alone becomes a
//! response.

use kernel::problem::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum ElearningError {
    #[error(transparent)]
    Kernel(#[from] kernel::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0} not found")]
    NotFound(String),
    #[error("invalid answers")]
    Invalid(Vec<FieldError>),
    /// A failed attempt's cooldown has not passed yet.
    #[error("next attempt allowed in {0} s")]
    Cooldown(u64),
    #[error("stored course is unreadable: {0}")]
    Corrupt(String),
}

pub type Result<T, E = ElearningError> = std::result::Result<T, E>;

impl From<ElearningError> for kernel::Error {
    fn from(e: ElearningError) -> Self {
        match e {
            ElearningError::Kernel(e) => e,
            ElearningError::Database(e) => kernel::Error::Database(e),
            ElearningError::NotFound(what) => kernel::Error::NotFound(what),
            ElearningError::Invalid(errors) => kernel::Error::Invalid(errors),
            ElearningError::Cooldown(secs) => kernel::Error::TooManyAttempts {
                retry_after_secs: secs,
            },
            ElearningError::Corrupt(m) => kernel::Error::Internal(m),
        }
    }
}
