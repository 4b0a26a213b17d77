//! The exporter's error, answered as `application/problem+json` in one place.

use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Kernel(#[from] kernel::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Cases(#[from] cases::error::CasesError),
    #[error(transparent)]
    Campaigns(#[from] campaigns::error::CampaignError),
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

impl IntoResponse for ExportError {
    fn into_response(self) -> Response {
        match self {
            ExportError::Kernel(e) => e.into_response(),
            ExportError::Database(e) => kernel::Error::Database(e).into_response(),
            ExportError::Cases(e) => e.into_response(),
            ExportError::Campaigns(e) => e.into_response(),
            ExportError::Invalid(m) => {
                kernel::Error::invalid("request", "invalid", m).into_response()
            }
            ExportError::NotFound(w) => kernel::Error::NotFound(w).into_response(),
            e @ (ExportError::Config(_) | ExportError::Io(_)) => {
                kernel::Error::Internal(e.to_string()).into_response()
            }
        }
    }
}
