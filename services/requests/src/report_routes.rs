//! The figures of requests: the live dashboard of a team (staff), and reports over a period
//! as JSON or CSV (supervisors; a team's supervisor sees their team's). Counts and times
//! only; reading a report is audited all the same, like every listing.

use axum::extract::State;
use axum::http::{header, Method};
use axum::response::{IntoResponse, Response};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::{ApiJson, ApiQuery};
use kernel::{Kernel, Result};
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(
        Method::GET,
        "/api/v1/requests/dashboard",
        Access::Roles(&[Role::Agent, Role::Supervisor]),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/requests/report",
        Access::Roles(&[Role::Supervisor]),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(dashboard))
        .routes(routes!(report))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TeamQuery {
    pub team: Option<String>,
}

/// A team's open requests by topic: open, waiting, at risk, breached, unassigned.
#[utoipa::path(get, path = "/api/v1/requests/dashboard", tag = "requests", params(TeamQuery),
    responses((status = 200, body = crate::dashboard::Dashboard)))]
async fn dashboard(
    State(k): State<Kernel>,
    who: Principal,
    ApiQuery(q): ApiQuery<TeamQuery>,
) -> Result<ApiJson<crate::dashboard::Dashboard>> {
    Ok(ApiJson(
        crate::dashboard::build(&k, &who, q.team.as_deref()).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// The first day (YYYY-MM-DD, UTC).
    #[param(value_type = String, format = Date)]
    pub from: chrono::NaiveDate,
    /// The last day, included.
    #[param(value_type = String, format = Date)]
    pub to: chrono::NaiveDate,
    pub team: Option<String>,
    /// `csv` for a spreadsheet; JSON otherwise.
    pub format: Option<String>,
}

/// Volume by channel and topic, first-response and resolution times (median, 90th
/// percentile), resolution, reopen and satisfaction, per team, agent and department.
#[utoipa::path(get, path = "/api/v1/requests/report", tag = "requests", params(ReportQuery),
    responses((status = 200, body = crate::report::Report), (status = 422)))]
async fn report(
    State(k): State<Kernel>,
    who: Principal,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> Result<Response> {
    if q.to < q.from || (q.to - q.from).num_days() > 366 {
        return Err(kernel::Error::invalid(
            "to",
            "range",
            "a period of one day to one year, `to` not before `from`",
        ));
    }
    let r = crate::report::build(&k, &who, q.from, q.to, q.team.as_deref()).await?;
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "requests.reported",
            subject: &format!("team:{}", r.team.as_deref().unwrap_or("*")),
            request_id: None,
            detail: serde_json::json!({ "from": r.from, "to": r.to }),
        },
    )
    .await?;
    if q.format.as_deref() == Some("csv") {
        let name = format!("requests-{}-{}.csv", r.from, r.to);
        return Ok((
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
            ],
            crate::report::csv(&r)?,
        )
            .into_response());
    }
    Ok(ApiJson(r).into_response())
}
