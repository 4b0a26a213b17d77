//! The campaigns crate's error, answered as `application/problem+json` in one place.

use axum::response::{IntoResponse, Response};

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

impl IntoResponse for CampaignError {
    fn into_response(self) -> Response {
        match self {
            CampaignError::Kernel(e) => e.into_response(),
            CampaignError::Database(e) => kernel::Error::Database(e).into_response(),
            CampaignError::NotFound(w) => kernel::Error::NotFound(w).into_response(),
            CampaignError::Conflict(m) => kernel::Error::Conflict(m).into_response(),
            CampaignError::Invalid { field, message } => {
                kernel::Error::invalid(field, "invalid", message).into_response()
            }
        }
    }
}
