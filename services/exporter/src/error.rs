//! The exporter's error. It converts into [`kernel::Error`], which alone becomes a response;
//! errors of the services it calls arrive already converted (as [`ExportError::Kernel`]).

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Kernel(#[from] kernel::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("configuration: {0}")]
    Config(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = ExportError> = std::result::Result<T, E>;

impl From<cases::error::CasesError> for ExportError {
    fn from(e: cases::error::CasesError) -> Self {
        Self::Kernel(e.into())
    }
}

impl From<campaigns::error::CampaignError> for ExportError {
    fn from(e: campaigns::error::CampaignError) -> Self {
        Self::Kernel(e.into())
    }
}

impl From<ExportError> for kernel::Error {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Kernel(e) => e,
            ExportError::Database(e) => kernel::Error::Database(e),
            ExportError::Invalid(m) => kernel::Error::invalid("request", "invalid", m),
            ExportError::NotFound(w) => kernel::Error::NotFound(w),
            e @ (ExportError::Config(_) | ExportError::Io(_)) => {
                kernel::Error::Internal(e.to_string())
            }
        }
    }
}
