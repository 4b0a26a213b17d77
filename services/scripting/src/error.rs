//! The scripting crate's error. It converts into [`kernel::Error`], which alone becomes a
//! response.

use kernel::problem::FieldError;

use crate::lint::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum ScriptingError {
    #[error(transparent)]
    Kernel(#[from] kernel::Error),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("{} problem(s) in the files", .0.len())]
    Lint(Vec<Diagnostic>),
    #[error("{0} not found")]
    NotFound(String),
    #[error("invalid answers")]
    Invalid(Vec<FieldError>),
    #[error("stored release is unreadable: {0}")]
    Corrupt(String),
}

pub type Result<T, E = ScriptingError> = std::result::Result<T, E>;

impl From<ScriptingError> for kernel::Error {
    fn from(e: ScriptingError) -> Self {
        match e {
            ScriptingError::Kernel(e) => e,
            ScriptingError::Database(e) => kernel::Error::Database(e),
            ScriptingError::Corrupt(m) => kernel::Error::Internal(m),
            ScriptingError::NotFound(what) => kernel::Error::NotFound(what),
            ScriptingError::Invalid(errors) => kernel::Error::Invalid(errors),
            ScriptingError::Lint(diags) => kernel::Error::Lint(
                diags
                    .iter()
                    .map(|d| {
                        FieldError::new(
                            format!("{}:{}:{}", d.path.display(), d.line, d.column),
                            "lint",
                            d.message.clone(),
                        )
                    })
                    .collect(),
            ),
        }
    }
}
