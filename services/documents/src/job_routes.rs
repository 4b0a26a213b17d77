//! The bulk issue's routes (supervisors): start, follow, resume, and download the print run.

use axum::extract::State;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::{ApiJson, ApiPath};
use kernel::{Kernel, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::jobs::{Job, JobIn};

const SUPERVISORS: &[Role] = &[Role::Supervisor];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(
        Method::POST,
        "/api/v1/documents/jobs",
        Access::Roles(SUPERVISORS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/documents/jobs",
        Access::Roles(SUPERVISORS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/documents/jobs/{id}",
        Access::Roles(SUPERVISORS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/documents/jobs/{id}/resume",
        Access::Roles(SUPERVISORS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/documents/jobs/{id}/letters",
        Access::Roles(SUPERVISORS),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(start_job, list_jobs))
        .routes(routes!(get_job))
        .routes(routes!(resume_job))
        .routes(routes!(print_run))
}

/// Issues a document of `kind` for every person of a campaign the supervisor reaches,
/// mailing each to the address on file when `email`; 202 with the job at once.
#[utoipa::path(post, path = "/api/v1/documents/jobs", tag = "documents", request_body = JobIn,
    responses((status = 202, body = Job), (status = 404), (status = 503)))]
async fn start_job(
    State(k): State<Kernel>,
    who: Principal,
    ApiJson(body): ApiJson<JobIn>,
) -> Result<(StatusCode, ApiJson<Job>)> {
    let job = crate::jobs::start(&k, &who, &body).await?;
    Ok((StatusCode::ACCEPTED, ApiJson(job)))
}

/// The caller's ten latest bulk issues, newest first (counts only).
#[utoipa::path(get, path = "/api/v1/documents/jobs", tag = "documents",
    responses((status = 200, body = Vec<Job>)))]
async fn list_jobs(State(k): State<Kernel>, who: Principal) -> Result<ApiJson<Vec<Job>>> {
    Ok(ApiJson(crate::jobs::mine(&k, &who).await?))
}

/// How far a bulk issue is (counts only).
#[utoipa::path(get, path = "/api/v1/documents/jobs/{id}", tag = "documents", params(("id" = String, Path)),
    responses((status = 200, body = Job), (status = 404)))]
async fn get_job(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<ApiJson<Job>> {
    Ok(ApiJson(crate::jobs::get(&k, &who, &id).await?.0))
}

/// Resumes a bulk issue whose node stopped (or that failed): nothing is issued twice.
#[utoipa::path(post, path = "/api/v1/documents/jobs/{id}/resume", tag = "documents", params(("id" = String, Path)),
    responses((status = 202, body = Job), (status = 404), (status = 409)))]
async fn resume_job(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<(StatusCode, ApiJson<Job>)> {
    let job = crate::jobs::resume(&k, &who, &id).await?;
    Ok((StatusCode::ACCEPTED, ApiJson(job)))
}

/// The print run: the job's documents in force that were not mailed, one PDF, a letter a
/// page; for whoever started the job; audited.
#[utoipa::path(get, path = "/api/v1/documents/jobs/{id}/letters", tag = "documents", params(("id" = String, Path)),
    responses((status = 200, content_type = "application/pdf"), (status = 404), (status = 422)))]
async fn print_run(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<Response> {
    let pdf = crate::jobs::print_run(&k, &who, &id).await?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"print-run-{}.pdf\"",
                    &id[..8.min(id.len())]
                ),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        pdf,
    )
        .into_response())
}
