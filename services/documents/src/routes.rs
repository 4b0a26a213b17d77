//! HTTP routes: the public keys (public, cacheable, pinnable) and a document's PDF.
//!
//! A PDF names its holder, so downloading one is a read of personal data: allowed to whoever
//! issued it (the agent of the call that asked for it, or who issued it by hand), refused
//! to anyone else until the citizen's link and the supervisors' view exist, and audited
//! `document.downloaded` each time.

use axum::extract::State;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::ApiPath;
use kernel::{Kernel, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::sign::DocumentSigner;

const READERS: &[Role] = &[Role::Agent, Role::Supervisor];
const REVOKERS: &[Role] = &[Role::Supervisor];
const ISSUERS: &[Role] = &[Role::Agent];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/api/v1/documents/keys", Access::Public),
    // What a checker asks when online: revoked or not, and the whole signed list.
    RoutePolicy::new(Method::GET, "/api/v1/documents/revoked", Access::Public),
    RoutePolicy::new(Method::GET, "/api/v1/documents/{id}/status", Access::Public),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/documents/{id}/revoke",
        Access::Roles(REVOKERS),
    ),
    RoutePolicy::new(Method::POST, "/api/v1/documents", Access::Roles(ISSUERS)),
    RoutePolicy::new(Method::GET, "/api/v1/documents", Access::Roles(READERS)),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/documents/{id}/email",
        Access::Roles(READERS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/documents/{id}/pdf",
        Access::Roles(READERS),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(keys))
        .routes(routes!(document_pdf))
        .routes(routes!(revoked_list))
        .routes(routes!(document_status))
        .routes(routes!(revoke_document))
        .routes(routes!(issue_document, case_documents))
        .routes(routes!(email_document))
}

/// The signer of this deployment.
pub fn signer(k: &Kernel) -> Result<DocumentSigner> {
    Ok(DocumentSigner::derive(k.envelope.index_root())?)
}

/// The keys documents are signed with, as a JWK Set (RFC 7517; Ed25519 per RFC 8037), `kid`
/// as in each code's COSE header.
#[utoipa::path(get, path = "/api/v1/documents/keys", tag = "documents",
    responses((status = 200, content_type = "application/jwk-set+json")))]
async fn keys(State(k): State<Kernel>) -> Result<Response> {
    let body = signer(&k)?.jwks().to_string();
    Ok((
        [
            (header::CONTENT_TYPE, "application/jwk-set+json"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response())
}

/// A document's PDF, for whoever issued it; audited.
#[utoipa::path(get, path = "/api/v1/documents/{id}/pdf", tag = "documents", params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404)))]
async fn document_pdf(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    // Checked before anything is opened. Not theirs: as if it did not exist, so ids
    // cannot be probed.
    if crate::store::issued_by(&k, &id).await?.as_deref() != Some(who.actor().as_str()) {
        return Err(kernel::Error::NotFound(format!("document {id}")));
    }
    let crate::store::Rendered { doc, pdf, .. } = crate::store::render(&k, &id).await?;
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "document.downloaded",
            subject: &format!("document:{id}"),
            request_id: None,
            detail: serde_json::json!({ "kind": doc.kind.as_str() }),
        },
    )
    .await?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}-{}.pdf\"",
                    doc.kind,
                    &id[..8.min(id.len())]
                ),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        pdf,
    )
        .into_response())
}

/// The revoked documents, signed: `list` is the exact JSON text signed (Ed25519, base64url in
/// `signature`) with the key `kid` of the JWK Set, so a checker verifies it with the pinned
/// key before trusting it.
#[utoipa::path(get, path = "/api/v1/documents/revoked", tag = "documents",
    responses((status = 200, content_type = "application/json")))]
async fn revoked_list(State(k): State<Kernel>) -> Result<Response> {
    let signer = signer(&k)?;
    let list = serde_json::json!({
        "issued_at": kernel::db::millis(k.now()),
        "revoked": crate::manual::revoked(&k).await?,
    })
    .to_string();
    let body = serde_json::json!({
        "list": list,
        "kid": signer.kid_text(),
        "signature": signer.sign_detached(list.as_bytes()),
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        body.to_string(),
    )
        .into_response())
}

/// Whether a document still holds: `{"state": "issued"|"revoked"}` (nothing about whom).
#[utoipa::path(get, path = "/api/v1/documents/{id}/status", tag = "documents", params(("id" = String, Path)),
    responses((status = 200), (status = 404)))]
async fn document_status(
    State(k): State<Kernel>,
    ApiPath(id): ApiPath<String>,
) -> Result<kernel::problem::ApiJson<serde_json::Value>> {
    let state = crate::manual::status(&k, &id)
        .await?
        .ok_or_else(|| kernel::Error::NotFound(format!("document {id}")))?;
    Ok(kernel::problem::ApiJson(
        serde_json::json!({ "state": state.as_str() }),
    ))
}

/// Revokes a document with a reason from a fixed list; audited `document.revoked`.
#[utoipa::path(post, path = "/api/v1/documents/{id}/revoke", tag = "documents", params(("id" = String, Path)),
    request_body = crate::manual::RevokeIn,
    responses((status = 204), (status = 404), (status = 409)))]
async fn revoke_document(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(id): ApiPath<String>,
    kernel::problem::ApiJson(body): kernel::problem::ApiJson<crate::manual::RevokeIn>,
) -> Result<StatusCode> {
    crate::manual::revoke(&k, &who, &id, body.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issues (or issues again, revoking the one in force as replaced) a document for an agent
/// on a call with the case; the case is opened through the access decision and audited.
#[utoipa::path(post, path = "/api/v1/documents", tag = "documents",
    request_body = crate::manual::IssueRequest,
    responses((status = 201), (status = 403), (status = 404)))]
async fn issue_document(
    State(k): State<Kernel>,
    who: Principal,
    kernel::http::RequestId(rid): kernel::http::RequestId,
    kernel::problem::ApiJson(body): kernel::problem::ApiJson<crate::manual::IssueRequest>,
) -> Result<(StatusCode, kernel::problem::ApiJson<serde_json::Value>)> {
    let id = crate::manual::issue_by_agent(
        &k,
        &who,
        &body.case,
        body.kind,
        body.language.as_deref(),
        Some(&rid),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        kernel::problem::ApiJson(serde_json::json!({ "id": id })),
    ))
}

/// Which case's documents to list.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseQuery {
    /// The case's code.
    pub case: String,
}

/// The documents of a case, newest first (nothing of the holder): for an agent on a call
/// with it, or a supervisor of its jurisdiction; audited `documents.listed`.
#[utoipa::path(get, path = "/api/v1/documents", tag = "documents", params(CaseQuery),
    responses((status = 200, body = [crate::case_documents::StaffListed]), (status = 403), (status = 404)))]
async fn case_documents(
    State(k): State<Kernel>,
    who: Principal,
    kernel::http::RequestId(rid): kernel::http::RequestId,
    kernel::problem::ApiQuery(q): kernel::problem::ApiQuery<CaseQuery>,
) -> Result<kernel::problem::ApiJson<Vec<crate::case_documents::StaffListed>>> {
    Ok(kernel::problem::ApiJson(
        crate::case_documents::list(&k, &who, &q.case, Some(&rid)).await?,
    ))
}

/// Sends a document to the address its holder has on file, the PDF attached with a
/// one-time link to their page of documents; for whoever issued it. 204 once the mail
/// server accepted it; 409 without an address on file; 502/503 when mail cannot go.
#[utoipa::path(post, path = "/api/v1/documents/{id}/email", tag = "documents", params(("id" = String, Path)),
    responses((status = 204), (status = 404), (status = 409), (status = 502), (status = 503)))]
async fn email_document(
    State(k): State<Kernel>,
    who: Principal,
    kernel::http::RequestId(rid): kernel::http::RequestId,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode> {
    crate::delivery::email_by(&k, &who, &id, Some(&rid)).await?;
    Ok(StatusCode::NO_CONTENT)
}
