//! The campaigns crate's error. It converts into [`kernel::Error`], which alone becomes a
//! response; errors of the services it calls arrive already converted.

#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    #[error(transparent)]
    Kernel(#[from] kernel::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
}

pub type Result<T, E = CampaignError> = std::result::Result<T, E>;

impl From<cases::error::CasesError> for CampaignError {
    fn from(e: cases::error::CasesError) -> Self {
        Self::Kernel(e.into())
    }
}

impl From<scripting::error::ScriptingError> for CampaignError {
    fn from(e: scripting::error::ScriptingError) -> Self {
        Self::Kernel(e.into())
    }
}

impl From<elearning::error::ElearningError> for CampaignError {
    fn from(e: elearning::error::ElearningError) -> Self {
        Self::Kernel(e.into())
    }
}

impl From<CampaignError> for kernel::Error {
    fn from(e: CampaignError) -> Self {
        match e {
            CampaignError::Kernel(e) => e,
            CampaignError::Database(e) => kernel::Error::Database(e),
            CampaignError::NotFound(w) => kernel::Error::NotFound(w),
            CampaignError::Conflict(m) => kernel::Error::Conflict(m),
            CampaignError::Invalid { field, message } => {
                kernel::Error::invalid(field, "invalid", message)
            }
        }
    }
}
