//! The exports API: only epidemiologists see exports, their files and their delivery ledger,
//! and run one on demand; the public key that verifies the signatures is public.

use axum::extract::{FromRef, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::{ApiJson, ApiPath};
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::datasets::Dataset;
use crate::store::{self, Attempt, ExportInfo};
use crate::Exporter;
use kernel::Result;

pub const EPIDEMIOLOGISTS: &[Role] = &[Role::Epidemiologist];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(
        Method::GET,
        "/api/v1/exports",
        Access::Roles(EPIDEMIOLOGISTS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/exports",
        Access::Roles(EPIDEMIOLOGISTS),
    ),
    RoutePolicy::new(Method::GET, "/api/v1/exports/public-key", Access::Public),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/exports/{id}",
        Access::Roles(EPIDEMIOLOGISTS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/exports/{id}/attempts",
        Access::Roles(EPIDEMIOLOGISTS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/exports/{id}/files/{name}",
        Access::Roles(EPIDEMIOLOGISTS),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
    Exporter: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(list_exports, run_export))
        .routes(routes!(public_key))
        .routes(routes!(get_export))
        .routes(routes!(export_attempts))
        .routes(routes!(export_file))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExportList {
    pub exports: Vec<ExportInfo>,
}

/// The 200 newest exports, with their delivery state and alerts.
#[utoipa::path(get, path = "/api/v1/exports", tag = "exports", responses((status = 200, body = ExportList)))]
async fn list_exports(State(k): State<Kernel>) -> Result<ApiJson<ExportList>> {
    Ok(ApiJson(ExportList {
        exports: store::list(&k, 200).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RunRequest {
    pub dataset: Dataset,
    /// The day, `YYYY-MM-DD`.
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// Send it to the configured endpoint or directory (else keep it for download).
    #[serde(default)]
    pub deliver: bool,
    /// Rebuild the day as its next version (a correction), suppressed against the earlier
    /// versions; without it, a day built already answers its stored export.
    #[serde(default)]
    pub correct: bool,
}

/// The export of a closed day: built once, then the same bytes on every request; a
/// correction (`correct`) is the day's next version.
#[utoipa::path(post, path = "/api/v1/exports", tag = "exports", request_body = RunRequest,
    responses((status = 201, body = ExportInfo), (status = 422)))]
async fn run_export(
    State(k): State<Kernel>,
    State(ex): State<Exporter>,
    who: Principal,
    ApiJson(body): ApiJson<RunRequest>,
) -> Result<(StatusCode, ApiJson<ExportInfo>)> {
    let actor = who.actor();
    let info = if body.correct {
        crate::correct(&k, &ex, body.dataset, body.date, &actor, body.deliver)
            .await?
            .0
    } else {
        crate::run(
            &k,
            &ex,
            body.dataset,
            body.date,
            "manual",
            &actor,
            body.deliver,
        )
        .await?
        .0
    };
    Ok((StatusCode::CREATED, ApiJson(info)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PublicKey {
    pub algorithm: &'static str,
    /// Base64 of the 32-byte Ed25519 public key.
    pub public_key: String,
}

/// The key that verifies `Tracecall-Signature` on every delivered export.
#[utoipa::path(get, path = "/api/v1/exports/public-key", tag = "exports", responses((status = 200, body = PublicKey)))]
async fn public_key(State(ex): State<Exporter>) -> ApiJson<PublicKey> {
    ApiJson(PublicKey {
        algorithm: "ed25519",
        public_key: ex.signer.public_key(),
    })
}

/// One export.
#[utoipa::path(get, path = "/api/v1/exports/{id}", tag = "exports", params(("id" = String, Path)),
    responses((status = 200, body = ExportInfo), (status = 404)))]
async fn get_export(
    State(k): State<Kernel>,
    ApiPath(id): ApiPath<String>,
) -> Result<ApiJson<ExportInfo>> {
    Ok(ApiJson(store::get(&k, &id).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Ledger {
    pub attempts: Vec<Attempt>,
}

/// Every delivery attempt of an export: when, where, what the receiver answered.
#[utoipa::path(get, path = "/api/v1/exports/{id}/attempts", tag = "exports", params(("id" = String, Path)),
    responses((status = 200, body = Ledger), (status = 404)))]
async fn export_attempts(
    State(k): State<Kernel>,
    ApiPath(id): ApiPath<String>,
) -> Result<ApiJson<Ledger>> {
    store::get(&k, &id).await?;
    Ok(ApiJson(Ledger {
        attempts: store::attempts(&k, &id).await?,
    }))
}

/// A file of an export: `<dataset>.csv`, `<dataset>.json` or `manifest.json`.
#[utoipa::path(get, path = "/api/v1/exports/{id}/files/{name}", tag = "exports",
    params(("id" = String, Path), ("name" = String, Path)), responses((status = 200), (status = 404)))]
async fn export_file(
    State(k): State<Kernel>,
    ApiPath((id, name)): ApiPath<(String, String)>,
) -> Result<Response> {
    let (kind, text) = store::file(&k, &id, &name).await?;
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        text,
    )
        .into_response())
}
