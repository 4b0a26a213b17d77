//! Signed requests from machine clients: `Tracecall-Timestamp: UNIX_SECONDS` and
//! `Tracecall-Signature: sha256=HEX`, HEX being HMAC-SHA256 under the token's signing secret
//! over `TIMESTAMP.BODY` (the exact bytes sent).
//!
//! The bearer token says who is calling; the signature says this very body came from whoever
//! holds the secret, recently. A token copied from a proxy log, or a captured request replayed
//! after five minutes, is refused. Replays inside the window are refused by the route, which
//! records each event id once.

use axum::body::Bytes;
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{HeaderMap, StatusCode};
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use sha2::Sha256;

use super::{tokens, Principal};
use crate::error::{Error, Result};
use crate::Kernel;

pub const TIMESTAMP: &str = "tracecall-timestamp";
pub const SIGNATURE: &str = "tracecall-signature";

/// The most a request's timestamp may differ from our clock, either way.
pub const MAX_SKEW_SECS: i64 = 300;

/// The largest body a signed route reads.
const MAX_BODY: usize = 64 * 1024;

/// The signature header value for `body` sent at `timestamp` (for clients and tests).
pub fn sign(secret: &str, timestamp: i64, body: &[u8]) -> Result<String> {
    let mac = mac(secret, timestamp, body)?;
    Ok(format!(
        "sha256={}",
        hex::encode(mac.finalize().into_bytes())
    ))
}

fn mac(secret: &str, timestamp: i64, body: &[u8]) -> Result<Hmac<Sha256>> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .map_err(|e| Error::Internal(format!("HMAC key: {e}")))?;
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    Ok(mac)
}

fn unsigned(detail: &str) -> Error {
    Error::refused(StatusCode::UNAUTHORIZED, "bad-signature", detail)
}

/// Checks the signature headers of a request from `who` over `body` at `now`.
pub async fn verify(k: &Kernel, who: &Principal, headers: &HeaderMap, body: &[u8]) -> Result<()> {
    if !who.is_machine() {
        return Err(Error::Forbidden);
    }
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let timestamp: i64 = header(TIMESTAMP)
        .ok_or_else(|| unsigned("the Tracecall-Timestamp header is missing"))?
        .trim()
        .parse()
        .map_err(|_| unsigned("Tracecall-Timestamp is not a number of seconds"))?;
    let hex_sig = header(SIGNATURE)
        .and_then(|v| v.trim().strip_prefix("sha256="))
        .ok_or_else(|| unsigned("the Tracecall-Signature header (sha256=HEX) is missing"))?;
    let skew = k
        .now()
        .timestamp()
        .saturating_sub(timestamp)
        .saturating_abs();
    if skew > MAX_SKEW_SECS {
        return Err(Error::refused(
            StatusCode::UNAUTHORIZED,
            "stale-request",
            format!("the timestamp is {skew} s away from the server's clock (at most {MAX_SKEW_SECS} s)"),
        ));
    }
    let given = hex::decode(hex_sig).map_err(|_| unsigned("the signature is not hex"))?;
    let secret = tokens::signing_secret(k, who.id)
        .await?
        .ok_or_else(|| unsigned("this token has no signing secret"))?;
    // Constant-time comparison.
    mac(&secret, timestamp, body)?
        .verify_slice(&given)
        .map_err(|_| unsigned("the signature does not match the body"))
}

/// A JSON body whose signature was checked before it was parsed.
pub struct SignedJson<T>(pub T);

impl<T, S> FromRequest<S> for SignedJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
    Kernel: FromRef<S>,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let k = Kernel::from_ref(state);
        let who = req
            .extensions()
            .get::<Principal>()
            .cloned()
            .ok_or(Error::Unauthenticated)?;
        let headers = req.headers().clone();
        let body = axum::body::to_bytes(req.into_body(), MAX_BODY)
            .await
            .map_err(|_| {
                Error::refused(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "body-too-large",
                    format!("a signed body has at most {MAX_BODY} bytes"),
                )
            })?;
        verify(&k, &who, &headers, &body).await?;
        parse(&body).map(SignedJson)
    }
}

fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| {
        Error::invalid(
            "body",
            "invalid_json",
            format!("line {}:{}: {e}", e.line(), e.column()),
        )
    })
}
