//! The supervisors' case list (`GET /api/v1/cases`): the cases in their team's jurisdiction,
//! filtered by type, status, region and registration date, newest first, a page at a time.
//!
//! A row holds what the case table keeps in clear for dispatch and figures (code, type,
//! status, region, age band, when registered and closed), never a name, a number or a
//! date of the person: reading a person goes through opening the case (purpose checked,
//! audited). The listing itself is audited with its filters and how many rows it showed,
//! so "who browsed which cases" has an answer too.

use axum::extract::State;
use axum::http::Method;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::{ApiJson, ApiQuery};
use kernel::{Kernel, Result};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::person::{CaseStatus, CaseType};

const LISTERS: &[Role] = &[Role::Supervisor];
/// Rows per page.
pub const PAGE: i64 = 50;

pub const POLICIES: &[RoutePolicy] = &[RoutePolicy::new(
    Method::GET,
    "/api/v1/cases",
    Access::Roles(LISTERS),
)];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new().routes(routes!(list_cases))
}

#[derive(Debug, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CaseFilter {
    pub case_type: Option<CaseType>,
    pub status: Option<CaseStatus>,
    /// A region code as the case holds it (`BRU`, `VLG`, `WAL`).
    pub region: Option<String>,
    /// Registered on or after this day (YYYY-MM-DD, UTC).
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<chrono::NaiveDate>,
    /// Registered on or before this day.
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<chrono::NaiveDate>,
    /// 0-based page of [`PAGE`] rows.
    #[serde(default)]
    pub page: i64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CaseListRow {
    pub code: String,
    pub case_type: CaseType,
    pub status: CaseStatus,
    pub region: Option<String>,
    pub age_band: Option<String>,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CaseList {
    pub rows: Vec<CaseListRow>,
    /// Every case the filters match in the viewer's jurisdiction.
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// The cases in the supervisor's jurisdiction matching the filters (pseudonymous facts
/// only; audited `cases.listed`).
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases", params(CaseFilter),
    responses((status = 200, body = CaseList), (status = 422)))]
async fn list_cases(
    State(k): State<Kernel>,
    who: Principal,
    ApiQuery(f): ApiQuery<CaseFilter>,
) -> Result<ApiJson<CaseList>> {
    Ok(ApiJson(list(&k, &who, &f).await?))
}

pub async fn list(k: &Kernel, who: &Principal, f: &CaseFilter) -> Result<CaseList> {
    if f.page < 0 || f.page > 100_000 {
        return Err(kernel::Error::invalid(
            "page",
            "out_of_range",
            "page is 0 or more",
        ));
    }
    if let Some(r) = &f.region {
        if r.len() > 8 || !r.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(kernel::Error::invalid(
                "region",
                "invalid",
                "a region is a short code such as BRU",
            ));
        }
    }
    let day = |d: chrono::NaiveDate, end: bool| {
        let t = if end {
            d.and_hms_opt(23, 59, 59)
        } else {
            d.and_hms_opt(0, 0, 0)
        };
        t.map(|t| t.and_utc().timestamp_millis())
    };
    let jurisdiction = crate::purpose::jurisdiction_of(k, who).await?;
    // The jurisdiction's ranges are integers the server validated, written into the
    // statement; every value the client sent is bound.
    let filter = format!(
        "FROM cases c JOIN people p ON p.id = c.person_id \
         WHERE c.purged_at IS NULL AND {} \
           AND ($1 IS NULL OR c.case_type = $1) AND ($2 IS NULL OR c.status = $2) \
           AND ($3 IS NULL OR c.region = $3) AND ($4 IS NULL OR c.created_at >= $4) \
           AND ($5 IS NULL OR c.created_at <= $5)",
        jurisdiction.sql_condition("p.postal_code")
    );
    let (case_type, status) = (
        f.case_type.map(|t| t.as_str()),
        f.status.map(|s| s.as_str()),
    );
    let (from, to) = (
        f.from.and_then(|d| day(d, false)),
        f.to.and_then(|d| day(d, true)),
    );
    let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) AS n {filter}");
    let total: i64 = sqlx::query(&count_sql)
        .bind(case_type)
        .bind(status)
        .bind(f.region.as_deref())
        .bind(from)
        .bind(to)
        .fetch_one(k.db.pool())
        .await?
        .try_get("n")?;
    let rows_sql = format!(
        "SELECT c.code, c.case_type, c.status, c.region, c.age_band, c.created_at, c.closed_at \
         {filter} ORDER BY c.created_at DESC, c.code LIMIT {PAGE} OFFSET {}",
        f.page * PAGE
    );
    let rows = sqlx::query(&rows_sql)
        .bind(case_type)
        .bind(status)
        .bind(f.region.as_deref())
        .bind(from)
        .bind(to)
        .fetch_all(k.db.pool())
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(CaseListRow {
            code: r.try_get("code")?,
            case_type: r.try_get::<String, _>("case_type")?.parse()?,
            status: r.try_get::<String, _>("status")?.parse()?,
            region: r.try_get("region")?,
            age_band: r.try_get("age_band")?,
            created_at: r.try_get("created_at")?,
            closed_at: r.try_get("closed_at")?,
        });
    }
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "cases.listed",
            subject: "cases",
            request_id: None,
            detail: serde_json::json!({ "filter": f, "shown": out.len(), "total": total }),
        },
    )
    .await?;
    Ok(CaseList {
        rows: out,
        total,
        page: f.page,
        page_size: PAGE,
    })
}
