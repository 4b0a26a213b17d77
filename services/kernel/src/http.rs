//! Small request extractors shared by every service.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::convert::Infallible;

/// The header carrying the request id, set by the server when the client sent none.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The id of the current request, as the audit log records it.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .headers
                .get(REQUEST_ID_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .chars()
                .take(64)
                .collect(),
        ))
    }
}
