//! Small request extractors and the outermost middleware shared by every service.

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;

use crate::problem::Problem;

/// The longest request target served; longer ones get 414 with a problem body. hyper's own
/// limit (about 400 KB for the whole head) answers larger heads with an empty 414/431 itself.
pub const MAX_URI_BYTES: usize = 8 * 1024;
/// The most header bytes (names and values) served; more get 431 with a problem body.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;

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

/// Refuses oversized request heads with a problem body, so a 414 or 431 says what was wrong
/// in the same shape as every other error.
pub async fn limit_head(req: Request, next: Next) -> Response {
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_URI_BYTES {
        return Problem::new(
            StatusCode::URI_TOO_LONG,
            "uri-too-long",
            format!("the request target is longer than {MAX_URI_BYTES} bytes"),
        )
        .into_response();
    }
    let head: usize = req
        .headers()
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    if head > MAX_HEADER_BYTES {
        return Problem::new(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers-too-large",
            format!("the request headers are larger than {MAX_HEADER_BYTES} bytes"),
        )
        .into_response();
    }
    next.run(req).await
}

/// The safety net of the one error path: an error answer that no handler shaped (axum's own
/// rejections of a form or an upgrade, a body limit hit inside a layer) becomes
/// `application/problem+json` with the same status. Pages answer their errors as HTML
/// themselves and are left alone.
pub async fn problem_for_bare_errors(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let shaped = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.starts_with("application/problem+json") || ct.starts_with("text/html")
        });
    if shaped {
        return response;
    }
    let (parts, body) = response.into_parts();
    // The bare answer's text is axum's description of the rejection: short and safe to show.
    let detail = match axum::body::to_bytes(body, 4096).await {
        Ok(bytes) if !bytes.is_empty() => String::from_utf8_lossy(&bytes).into_owned(),
        _ => status.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let slug = match status {
        StatusCode::METHOD_NOT_ALLOWED => "method-not-allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "body-too-large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported-media-type",
        s if s.is_server_error() => "internal",
        _ => "bad-request",
    };
    let mut shaped = Problem::new(status, slug, detail).into_response();
    for (name, value) in parts.headers.iter() {
        if name == header::ALLOW || name == header::RETRY_AFTER || name == header::WWW_AUTHENTICATE
        {
            shaped.headers_mut().insert(name.clone(), value.clone());
        }
    }
    shaped
}

/// The content security policy of every answer: scripts, styles, fonts and connections
/// (WebSocket included) from this origin only, never inline (pages link their files, see
/// [`crate::pages`]); images from here or `data:`; no framing by other sites, no plugins,
/// no foreign base URL, forms posting only here.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action 'self'";

/// Headers every answer carries: no MIME sniffing, no framing by other sites (clickjacking),
/// no referrer leaving the site (a URL can name a case), the [`CONTENT_SECURITY_POLICY`],
/// and HSTS when the public URL is https.
pub async fn security_headers(
    axum::extract::State(k): axum::extract::State<crate::Kernel>,
    req: Request,
    next: Next,
) -> Response {
    use axum::http::HeaderValue;
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    if k.config.secure_cookies() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// The client's address: the peer's, or, when the peer is a trusted proxy, the nearest
/// address in `X-Forwarded-For` that is not itself a trusted proxy (the header is read from
/// the right: what the proxies appended is true, what the client wrote on the left is not).
pub fn client_ip(
    peer: std::net::IpAddr,
    headers: &axum::http::HeaderMap,
    trusted: &[crate::config::TrustedProxy],
) -> std::net::IpAddr {
    let is_trusted = |ip: std::net::IpAddr| trusted.iter().any(|t| t.contains(ip.to_canonical()));
    let peer = peer.to_canonical();
    if !is_trusted(peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    // From the right: skip our own proxies; the first other entry is the client. An entry
    // that is not an address ends the walk: nothing left of it can be trusted.
    for hop in hops.iter().rev() {
        match hop.parse::<std::net::IpAddr>() {
            Ok(ip) if is_trusted(ip.to_canonical()) => continue,
            Ok(ip) => return ip.to_canonical(),
            Err(_) => return peer,
        }
    }
    peer
}
