//! The routes behind the supervisor's campaign builder and order list: the live count of a
//! target, the edit of a draft, and the orders with their filters. Launching, pausing and
//! the order actions are in `routes`.

use axum::extract::{FromRef, State};
use axum::http::Method;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::{ApiJson, ApiPath, ApiQuery};
use kernel::Kernel;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::model::{Campaign, NewCampaign};
use crate::orders::{self, OrderFilter, OrderList};
use crate::scope;
use crate::states::CampaignStatus;
use kernel::Result;

const MANAGERS: &[Role] = &[Role::Supervisor];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(
        Method::POST,
        "/api/v1/campaigns/count",
        Access::Roles(MANAGERS),
    ),
    RoutePolicy::new(
        Method::PUT,
        "/api/v1/campaigns/{id}",
        Access::Roles(MANAGERS),
    ),
    RoutePolicy::new(Method::GET, "/api/v1/orders", Access::Roles(MANAGERS)),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(count))
        .routes(routes!(update))
        .routes(routes!(list_orders))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TargetCount {
    /// The cases the campaign would call if launched now (already in another campaign or
    /// not: a case is called once per campaign).
    pub cases: i64,
}

/// How many cases a campaign as written would call: the builder's live count. Nothing is
/// stored; the settings are checked as for a new campaign, each refusal naming its field.
#[utoipa::path(post, path = "/api/v1/campaigns/count", tag = "campaigns", request_body = NewCampaign,
    responses((status = 200, body = TargetCount), (status = 422)))]
async fn count(
    State(k): State<Kernel>,
    p: Principal,
    ApiJson(mut body): ApiJson<NewCampaign>,
) -> Result<ApiJson<TargetCount>> {
    body.teams = scope::teams_for(&p, &body.teams)?;
    // A team supervisor counts within their team's jurisdiction, as the launch would call.
    let target = crate::fit::target_for_script(&k, &body).await?;
    let draft = Campaign {
        id: String::new(),
        name: body.name,
        purpose: body.purpose,
        script_id: body.script_id,
        release_id: body.release_id,
        status: CampaignStatus::Draft,
        languages: body.languages,
        teams: body.teams,
        required_courses: body.required_courses,
        policy: body.policy,
        target,
        script_override: body.script_override,
    };
    if draft.languages.is_empty() {
        return Ok(ApiJson(TargetCount { cases: 0 }));
    }
    Ok(ApiJson(TargetCount {
        cases: crate::generate::count(&k, &draft).await?,
    }))
}

/// Rewrites a draft campaign (a launched one is cloned instead), checked as a new one.
#[utoipa::path(put, path = "/api/v1/campaigns/{id}", tag = "campaigns", params(("id" = String, Path)),
    request_body = NewCampaign, responses((status = 200, body = Campaign), (status = 404), (status = 409), (status = 422)))]
async fn update(
    State(k): State<Kernel>,
    p: Principal,
    ApiPath(id): ApiPath<String>,
    ApiJson(mut body): ApiJson<NewCampaign>,
) -> Result<ApiJson<Campaign>> {
    scope::campaign(&k, &p, &id).await?;
    body.teams = scope::teams_for(&p, &body.teams)?;
    Ok(ApiJson(
        crate::store::update_draft(&k, &id, &body, &p.actor()).await?,
    ))
}

/// The orders of the campaigns the supervisor steers, filtered, nearest deadline first
/// (case codes, never names: see `orders`).
#[utoipa::path(get, path = "/api/v1/orders", tag = "campaigns", params(OrderFilter),
    responses((status = 200, body = OrderList), (status = 404)))]
async fn list_orders(
    State(k): State<Kernel>,
    p: Principal,
    ApiQuery(filter): ApiQuery<OrderFilter>,
) -> Result<ApiJson<OrderList>> {
    Ok(ApiJson(orders::list(&k, &p, &filter).await?))
}
