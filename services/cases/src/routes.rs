//! HTTP routes for cases: search, open (audited), history, status, import.

use axum::body::Bytes;
use axum::extract::{FromRef, State};
use axum::http::Method;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::http::RequestId;
use kernel::problem::{ApiJson, ApiPath, ApiQuery};
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::CasesError;
use crate::import::{import, ImportReport};
use crate::person::CaseStatus;
use crate::search::Hit;
use crate::store::{case_by_code, event, CaseRow};
use kernel::Result;

/// Who works on cases. Admins are not among them: they manage accounts and keys and read no
/// personal data (separation of duties).
const CASE_WORKERS: &[Role] = &[Role::Agent, Role::Supervisor];
const IMPORTERS: &[Role] = &[Role::Supervisor];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(
        Method::GET,
        "/api/v1/cases/search",
        Access::Roles(CASE_WORKERS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/cases/{code}/open",
        Access::Roles(CASE_WORKERS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/cases/{code}/history",
        Access::Roles(CASE_WORKERS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/cases/{code}/status",
        Access::Roles(CASE_WORKERS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/cases/import",
        Access::Roles(IMPORTERS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/audit/people/{code}",
        Access::Roles(DPO),
    ),
];

const DPO: &[Role] = &[Role::Dpo];

/// What the routes need besides the kernel.
#[derive(Debug, Clone, Default)]
pub struct CasesState {
    /// Set when `cases.search_backend = "meilisearch"`.
    pub meili: Option<crate::meili::Meili>,
}

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
    CasesState: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(search_cases))
        .routes(routes!(open_case))
        .routes(routes!(case_history))
        .routes(routes!(set_status))
        .routes(routes!(import_cases))
        .routes(routes!(person_report))
}

/// Who looked at the person of this case, when, and why (the DPO's report; audited).
#[utoipa::path(get, path = "/api/v1/audit/people/{code}", tag = "audit", params(("code" = String, Path)),
    responses((status = 200, body = crate::dpo::PersonReport), (status = 404)))]
async fn person_report(
    State(k): State<Kernel>,
    who: Principal,
    RequestId(rid): RequestId,
    ApiPath(code): ApiPath<String>,
) -> Result<ApiJson<crate::dpo::PersonReport>> {
    Ok(ApiJson(
        crate::dpo::person_report(&k, &who.actor(), &code, Some(&rid)).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// A phone (any common format), national number, case code, birth date or name(s).
    pub q: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    pub results: Vec<Hit>,
}

/// Finds cases within the caller's jurisdiction; personal data in the results is masked
/// until a case is opened. Audited (never the query text) and rate-limited; weak queries
/// return nothing to agents (see `lookup`).
#[utoipa::path(get, path = "/api/v1/cases/search", tag = "cases", params(SearchQuery),
    responses((status = 200, body = SearchResults), (status = 429)))]
async fn search_cases(
    State(k): State<Kernel>,
    State(cs): State<CasesState>,
    who: Principal,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> Result<ApiJson<SearchResults>> {
    if q.q.chars().count() > 200 {
        return Err(kernel::Error::invalid(
            "q",
            "too_long",
            "at most 200 characters",
        ));
    }
    Ok(ApiJson(SearchResults {
        results: crate::lookup::search_as(&k, cs.meili.as_ref(), &who, &q.q, 50).await?,
    }))
}

pub use crate::access::{CaseDetail, HistoryEntry, OpenReason};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenRequest {
    pub reason: OpenReason,
    /// The call order being worked on, when the reason is `call_order`.
    #[serde(default)]
    pub order_id: Option<i64>,
    /// Why the glass is broken (at least 10 characters), when the reason is `break_glass`.
    #[serde(default)]
    pub justification: Option<String>,
}

/// Opens a case when the server can check the purpose (see `purpose`): decrypts the person
/// and records who opened which case and why.
#[utoipa::path(post, path = "/api/v1/cases/{code}/open", tag = "cases", params(("code" = String, Path)),
    request_body = OpenRequest, responses((status = 200, body = CaseDetail), (status = 403), (status = 404), (status = 422)))]
async fn open_case(
    State(k): State<Kernel>,
    principal: Principal,
    RequestId(rid): RequestId,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<OpenRequest>,
) -> Result<ApiJson<CaseDetail>> {
    Ok(ApiJson(
        crate::access::open(
            &k,
            &principal,
            &code,
            crate::purpose::Purpose {
                reason: body.reason,
                order_id: body.order_id,
                justification: body.justification.as_deref(),
            },
            Some(&rid),
        )
        .await?,
    ))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct History {
    pub events: Vec<HistoryEntry>,
}

/// Every change of a case: earlier calls, outcomes, who.
#[utoipa::path(get, path = "/api/v1/cases/{code}/history", tag = "cases", params(("code" = String, Path)), responses((status = 200, body = History), (status = 404)))]
async fn case_history(
    State(k): State<Kernel>,
    who: Principal,
    RequestId(rid): RequestId,
    ApiPath(code): ApiPath<String>,
) -> Result<ApiJson<History>> {
    Ok(ApiJson(History {
        events: crate::access::history_read(&k, &who, &code, Some(&rid)).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    pub status: CaseStatus,
}

/// Moves a case through its lifecycle (open, in progress, closed; a closed case can reopen).
#[utoipa::path(post, path = "/api/v1/cases/{code}/status", tag = "cases", params(("code" = String, Path)),
    request_body = StatusRequest, responses((status = 200, body = CaseRow), (status = 404)))]
async fn set_status(
    State(k): State<Kernel>,
    principal: Principal,
    RequestId(rid): RequestId,
    ApiPath(code): ApiPath<String>,
    ApiJson(body): ApiJson<StatusRequest>,
) -> Result<ApiJson<CaseRow>> {
    let status = body.status;
    {
        let mut conn = k.db.pool().acquire().await.map_err(kernel::Error::from)?;
        let case = case_by_code(&mut conn, &code)
            .await?
            .ok_or_else(|| CasesError::NotFound(format!("case {code}")))?;
        crate::purpose::require_jurisdiction(&k, &principal, &case).await?;
    }
    let closed = (status == CaseStatus::Closed).then(|| kernel::db::millis(k.now()));
    let now = kernel::db::millis(k.now());
    let mut tx = k.db.begin().await?;
    let done = sqlx::query("UPDATE cases SET status = $2, closed_at = $3, updated_at = $4 WHERE code = $1 AND purged_at IS NULL")
        .bind(&code)
        .bind(status.as_str())
        .bind(closed)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(kernel::Error::NotFound(format!("case {code}")));
    }
    let case = case_by_code(&mut tx, &code)
        .await?
        .ok_or_else(|| CasesError::NotFound(format!("case {code}")))?;
    event(
        &mut tx,
        &case.id,
        now,
        &principal.actor(),
        "case.status",
        serde_json::json!({ "status": status }),
    )
    .await?;
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &principal.actor(),
            action: "case.status",
            subject: &format!("case:{}", case.id),
            request_id: Some(&rid),
            detail: serde_json::json!({ "status": status }),
        },
    )
    .await?;
    crate::store::reindex(&k, &mut tx, &case.person_id).await?;
    tx.commit().await?;
    Ok(ApiJson(case))
}

/// Imports people and cases from a CSV body (as `tracecall import cases`); the report lists
/// every rejected line and every merge.
#[utoipa::path(post, path = "/api/v1/cases/import", tag = "cases", request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportReport), (status = 422)))]
async fn import_cases(
    State(k): State<Kernel>,
    principal: Principal,
    body: Bytes,
) -> Result<ApiJson<ImportReport>> {
    crate::import::check_utf8(&body[..])?;
    let report = import(&k, std::io::Cursor::new(body), &principal.actor(), &|_| {}).await?;
    Ok(ApiJson(report))
}
