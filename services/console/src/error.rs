//! The console crate's error. It converts into [`kernel::Error`], which alone becomes an HTTP
//! answer; over the WebSocket it becomes an `error` message with the same code
//! ([`ConsoleError::code`]). Errors of the services it calls arrive already converted into
//! the kernel's error, so this crate never looks inside another crate's error.

use kernel::problem::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    #[error(transparent)]
    Kernel(#[from] kernel::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
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

macro_rules! through_kernel {
    ($($t:ty),*) => {$(
        impl From<$t> for ConsoleError {
            fn from(e: $t) -> Self {
                Self::Kernel(e.into())
            }
        }
    )*};
}
through_kernel!(
    campaigns::error::CampaignError,
    cases::error::CasesError,
    scripting::error::ScriptingError
);

impl ConsoleError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, "invalid", message)])
    }

    /// The protocol's error code (PROTOCOL.md).
    pub fn code(&self) -> &'static str {
        use kernel::Error as E;
        match self {
            ConsoleError::Invalid(_) | ConsoleError::Kernel(E::Invalid(_)) => "invalid",
            ConsoleError::Validation(_) => "validation",
            ConsoleError::Conflict(_)
            | ConsoleError::NotFound(_)
            | ConsoleError::Kernel(E::Conflict(_) | E::NotFound(_)) => "conflict",
            ConsoleError::Forbidden | ConsoleError::Kernel(E::Forbidden) => "forbidden",
            ConsoleError::Kernel(E::TooManyAttempts { .. }) => "cooldown",
            // The server found no purpose for this open: the console offers to break the glass.
            ConsoleError::Kernel(E::Refused {
                slug: "purpose-refused",
                ..
            }) => "purpose_refused",
            // The search rate limit: wait, as after too many attempts.
            ConsoleError::Kernel(E::Refused {
                slug: "search-rate-limited",
                ..
            }) => "cooldown",
            ConsoleError::Database(e) | ConsoleError::Kernel(E::Database(e))
                if kernel::error::database_unreachable(e) =>
            {
                "unavailable"
            }
            _ => "internal",
        }
    }

    /// The field errors behind an `invalid` or `validation` code.
    pub fn errors(&self) -> Vec<FieldError> {
        match self {
            ConsoleError::Invalid(e)
            | ConsoleError::Validation(e)
            | ConsoleError::Kernel(kernel::Error::Invalid(e)) => e.clone(),
            _ => Vec::new(),
        }
    }

    /// What the client may be told: internal details stay in the log.
    pub fn public_message(&self) -> String {
        match self.code() {
            "internal" => "an internal error occurred; it has been logged".into(),
            "unavailable" => {
                "the database cannot be reached just now; try again in a moment".into()
            }
            _ => self.to_string(),
        }
    }
}

impl From<ConsoleError> for kernel::Error {
    fn from(e: ConsoleError) -> Self {
        match e {
            ConsoleError::Kernel(e) => e,
            ConsoleError::Database(e) => kernel::Error::Database(e),
            ConsoleError::Invalid(e) | ConsoleError::Validation(e) => kernel::Error::Invalid(e),
            ConsoleError::Conflict(m) => kernel::Error::Conflict(m),
            ConsoleError::Forbidden => kernel::Error::Forbidden,
            ConsoleError::NotFound(w) => kernel::Error::NotFound(w),
        }
    }
}
