//! The console crate's error. Over HTTP it is answered as `application/problem+json`; over the
//! WebSocket it becomes an `error` message with the same code ([`ConsoleError::code`]).

use axum::response::{IntoResponse, Response};
use kernel::problem::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    #[error(transparent)]
    Kernel(#[from] kernel::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Campaigns(#[from] campaigns::error::CampaignError),
    #[error(transparent)]
    Cases(#[from] cases::error::CasesError),
    #[error(transparent)]
    Scripting(#[from] scripting::error::ScriptingError),
    /// The request's arguments are missing or malformed.
    #[error("invalid request")]
    Invalid(Vec<FieldError>),
    /// The state does not allow this (no such call, order not held, a call already running).
    #[error("{0}")]
    Conflict(String),
    /// Finishing a call whose form does not validate.
    #[error("the form has errors")]
    Validation(Vec<FieldError>),
    #[error("this role may not do that")]
    Forbidden,
    #[error("{0} not found")]
    NotFound(String),
}

pub type Result<T, E = ConsoleError> = std::result::Result<T, E>;

impl ConsoleError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, "invalid", message)])
    }

    /// The protocol's error code (PROTOCOL.md).
    pub fn code(&self) -> &'static str {
        use campaigns::error::CampaignError as C;
        use cases::error::CasesError as K;
        use scripting::error::ScriptingError as S;
        match self {
            ConsoleError::Invalid(_)
            | ConsoleError::Campaigns(C::Invalid { .. })
            | ConsoleError::Cases(K::Invalid(_))
            | ConsoleError::Scripting(S::Invalid(_))
            | ConsoleError::Kernel(kernel::Error::Invalid(_)) => "invalid",
            ConsoleError::Validation(_) => "validation",
            ConsoleError::Conflict(_)
            | ConsoleError::NotFound(_)
            | ConsoleError::Campaigns(C::Conflict(_) | C::NotFound(_))
            | ConsoleError::Cases(K::NotFound(_))
            | ConsoleError::Scripting(S::NotFound(_))
            | ConsoleError::Kernel(kernel::Error::Conflict(_) | kernel::Error::NotFound(_)) => {
                "conflict"
            }
            ConsoleError::Forbidden | ConsoleError::Kernel(kernel::Error::Forbidden) => "forbidden",
            ConsoleError::Kernel(kernel::Error::TooManyAttempts { .. }) => "cooldown",
            _ => "internal",
        }
    }

    /// The field errors behind an `invalid` or `validation` code.
    pub fn errors(&self) -> Vec<FieldError> {
        use campaigns::error::CampaignError as C;
        match self {
            ConsoleError::Invalid(e)
            | ConsoleError::Validation(e)
            | ConsoleError::Cases(cases::error::CasesError::Invalid(e))
            | ConsoleError::Scripting(scripting::error::ScriptingError::Invalid(e))
            | ConsoleError::Kernel(kernel::Error::Invalid(e)) => e.clone(),
            ConsoleError::Campaigns(C::Invalid { field, message }) => {
                vec![FieldError::new(*field, "invalid", message.clone())]
            }
            _ => Vec::new(),
        }
    }

    /// What the client may be told: internal details stay in the log.
    pub fn public_message(&self) -> String {
        match self.code() {
            "internal" => "an internal error occurred; it has been logged".into(),
            _ => self.to_string(),
        }
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        match self {
            ConsoleError::Kernel(e) => e.into_response(),
            ConsoleError::Database(e) => kernel::Error::Database(e).into_response(),
            ConsoleError::Campaigns(e) => e.into_response(),
            ConsoleError::Cases(e) => e.into_response(),
            ConsoleError::Scripting(e) => e.into_response(),
            ConsoleError::Invalid(e) | ConsoleError::Validation(e) => {
                kernel::Error::Invalid(e).into_response()
            }
            ConsoleError::Conflict(m) => kernel::Error::Conflict(m).into_response(),
            ConsoleError::Forbidden => kernel::Error::Forbidden.into_response(),
            ConsoleError::NotFound(w) => kernel::Error::NotFound(w).into_response(),
        }
    }
}
