//! `application/problem+json` (RFC 9457) responses and the JSON extractor whose rejections use
//! them, so that malformed bodies get the same machine-readable shape as every other error.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use utoipa::ToSchema;

/// One problem with one field of a submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
pub struct FieldError {
    /// Path of the field, e.g. `contacts[2].phone`.
    pub field: String,
    /// Stable machine-readable code, e.g. `required`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }
}

/// The body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Seconds to wait before trying again (429).
    #[serde(skip)]
    pub retry_after: Option<u64>,
}

impl Problem {
    pub fn new(status: StatusCode, slug: &str, detail: impl Into<String>) -> Self {
        Self {
            type_: format!("https://tracecall.invalid/problems/{slug}"),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail: detail.into(),
            errors: Vec::new(),
            retry_after: None,
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let retry_after = self.retry_after;
        let mut response = (status, axum::Json(self)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(secs) = retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// `axum::Json` whose rejections are problems: 400 for syntax, 422 for wrong types or unknown
/// fields, 413 for a body over the limit, 415 without a JSON content type.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(json_problem(&rejection)),
        }
    }
}

impl<T: Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

fn json_problem(rejection: &JsonRejection) -> Problem {
    // The body read timeout (tower-http's, on the router) surfaces as a body that could not
    // be buffered; the client was too slow, which is 408, not a bad request.
    if rejection
        .body_text()
        .contains("within the designated timeout")
    {
        return Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "body-timeout",
            "the request body was not received in time",
        );
    }
    let status = rejection.status();
    let slug = match rejection {
        JsonRejection::JsonDataError(_) => "invalid-body",
        JsonRejection::JsonSyntaxError(_) => "malformed-json",
        JsonRejection::MissingJsonContentType(_) => "unsupported-media-type",
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => "body-too-large",
        _ => "bad-request",
    };
    Problem::new(status, slug, rejection.body_text())
}

/// `axum::extract::Query` whose rejection is a 400 problem naming the bad parameter.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiQuery<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Self(q.0))
            .map_err(|r| Problem::new(StatusCode::BAD_REQUEST, "invalid-query", r.body_text()))
    }
}

/// `axum::extract::Path` whose rejection is a 400 problem naming the bad segment (a number
/// out of range, a malformed id), instead of axum's plain-text answer.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiPath<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| Self(p.0))
            .map_err(|r| Problem::new(StatusCode::BAD_REQUEST, "invalid-path", r.body_text()))
    }
}
