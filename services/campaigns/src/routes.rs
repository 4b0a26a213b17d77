//! HTTP routes: campaigns for supervisors, the next order and its outcome for agents.

use axum::extract::{FromRef, State};
use axum::http::{Method, StatusCode};
use axum::response::IntoResponse;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::{ApiJson, ApiPath};
use kernel::Kernel;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::dispatch::{self, Order, OutcomeIn, Scheduled};
use crate::model::{Campaign, NewCampaign};
use crate::scope;
use crate::states::CampaignStatus;
use crate::store;
use kernel::Result;

/// Supervisors steer campaigns (their teams' only, see `scope`); admins manage accounts and
/// keys, not the calling.
const MANAGERS: &[Role] = &[Role::Supervisor];
const AGENTS: &[Role] = &[Role::Agent];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/api/v1/campaigns", Access::Roles(MANAGERS)),
    RoutePolicy::new(Method::POST, "/api/v1/campaigns", Access::Roles(MANAGERS)),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/campaigns/{id}/launch",
        Access::Roles(MANAGERS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/campaigns/{id}/pause",
        Access::Roles(MANAGERS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/campaigns/{id}/complete",
        Access::Roles(MANAGERS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/campaigns/{id}/cancel",
        Access::Roles(MANAGERS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/orders/{id}/supervise",
        Access::Roles(MANAGERS),
    ),
    RoutePolicy::new(Method::POST, "/api/v1/agent/next", Access::Roles(AGENTS)),
    RoutePolicy::new(Method::GET, "/api/v1/agent/training", Access::Roles(AGENTS)),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/orders/{id}/heartbeat",
        Access::Roles(AGENTS),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/orders/{id}/outcome",
        Access::Roles(AGENTS),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(list_campaigns, create_campaign))
        .routes(routes!(launch))
        .routes(routes!(pause))
        .routes(routes!(complete))
        .routes(routes!(cancel))
        .routes(routes!(supervise_order))
        .routes(routes!(next_order))
        .routes(routes!(training))
        .routes(routes!(heartbeat))
        .routes(routes!(outcome))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignView {
    pub campaign: Campaign,
    /// Orders per state (`open`, `leased`, `done`, `cancelled`).
    pub orders: std::collections::BTreeMap<String, i64>,
}

async fn view(k: &Kernel, c: Campaign) -> Result<CampaignView> {
    let orders = store::counts(k, &c.id).await?.into_iter().collect();
    Ok(CampaignView {
        campaign: c,
        orders,
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignList {
    pub campaigns: Vec<CampaignView>,
}

/// Campaigns with their order counts.
#[utoipa::path(get, path = "/api/v1/campaigns", tag = "campaigns", responses((status = 200, body = CampaignList)))]
async fn list_campaigns(State(k): State<Kernel>, p: Principal) -> Result<ApiJson<CampaignList>> {
    let mut campaigns = Vec::new();
    for c in store::list(&k)
        .await?
        .into_iter()
        .filter(|c| scope::reaches(&p, c))
    {
        campaigns.push(view(&k, c).await?);
    }
    Ok(ApiJson(CampaignList { campaigns }))
}

/// Creates a campaign as a draft.
#[utoipa::path(post, path = "/api/v1/campaigns", tag = "campaigns", request_body = NewCampaign, responses((status = 201, body = Campaign), (status = 422)))]
async fn create_campaign(
    State(k): State<Kernel>,
    p: Principal,
    ApiJson(mut body): ApiJson<NewCampaign>,
) -> Result<impl IntoResponse> {
    body.teams = scope::teams_for(&p, &body.teams)?;
    Ok((
        StatusCode::CREATED,
        ApiJson(store::create(&k, &body, &p.actor()).await?),
    ))
}

/// Starts (or resumes) a campaign and generates its orders; launching again adds none twice.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/launch", tag = "campaigns", params(("id" = String, Path)), responses((status = 200, body = CampaignView), (status = 409)))]
async fn launch(
    State(k): State<Kernel>,
    p: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<ApiJson<CampaignView>> {
    scope::campaign(&k, &p, &id).await?;
    let (c, _) = store::launch(&k, &id, &p.actor()).await?;
    Ok(ApiJson(view(&k, c).await?))
}

/// Pauses a running campaign: its orders are no longer offered.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/pause", tag = "campaigns", params(("id" = String, Path)), responses((status = 200, body = CampaignView), (status = 409)))]
async fn pause(
    State(k): State<Kernel>,
    p: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<ApiJson<CampaignView>> {
    scope::campaign(&k, &p, &id).await?;
    let c = store::set_status(&k, &id, CampaignStatus::Paused, &p.actor()).await?;
    Ok(ApiJson(view(&k, c).await?))
}

/// Ends a campaign: its open orders are no longer offered (they stay as they are, for the
/// record). A campaign also completes by itself when its last order is done.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/complete", tag = "campaigns", params(("id" = String, Path)), responses((status = 200, body = CampaignView), (status = 409)))]
async fn complete(
    State(k): State<Kernel>,
    p: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<ApiJson<CampaignView>> {
    scope::campaign(&k, &p, &id).await?;
    let c = store::set_status(&k, &id, CampaignStatus::Completed, &p.actor()).await?;
    Ok(ApiJson(view(&k, c).await?))
}

/// Cancels a campaign and every order of it not done yet.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/cancel", tag = "campaigns", params(("id" = String, Path)), responses((status = 200, body = CampaignView), (status = 409)))]
async fn cancel(
    State(k): State<Kernel>,
    p: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<ApiJson<CampaignView>> {
    scope::campaign(&k, &p, &id).await?;
    let c = store::cancel(&k, &id, &p.actor()).await?;
    Ok(ApiJson(view(&k, c).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NextOrder {
    pub order: Order,
}

/// Claims the next call order for the calling agent (the held one if any): 200, or 204 when
/// none is eligible.
#[utoipa::path(post, path = "/api/v1/agent/next", tag = "dispatch", responses((status = 200, body = NextOrder), (status = 204)))]
async fn next_order(State(k): State<Kernel>, p: Principal) -> Result<axum::response::Response> {
    Ok(match dispatch::next(&k, &p).await? {
        Some(order) => ApiJson(NextOrder { order }).into_response(),
        None => StatusCode::NO_CONTENT.into_response(),
    })
}

/// The courses the agent has passed, and the running campaigns of their team that wait for
/// courses they have not passed yet (the console's training notice).
#[utoipa::path(get, path = "/api/v1/agent/training", tag = "dispatch", responses((status = 200, body = crate::gating::TrainingStatus)))]
async fn training(
    State(k): State<Kernel>,
    p: Principal,
) -> Result<ApiJson<crate::gating::TrainingStatus>> {
    Ok(ApiJson(crate::gating::training_status(&k, &p).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Lease {
    pub lease_until: i64,
}

/// Keeps the order: the console calls this while the agent works on it.
#[utoipa::path(post, path = "/api/v1/orders/{id}/heartbeat", tag = "dispatch", params(("id" = i64, Path)), responses((status = 200, body = Lease), (status = 409)))]
async fn heartbeat(
    State(k): State<Kernel>,
    p: Principal,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<Lease>> {
    Ok(ApiJson(Lease {
        lease_until: dispatch::heartbeat(&k, &p, id).await?,
    }))
}

/// Records how the attempt ended and schedules what follows.
#[utoipa::path(post, path = "/api/v1/orders/{id}/outcome", tag = "dispatch", params(("id" = i64, Path)), request_body = OutcomeIn,
    responses((status = 200, body = Scheduled), (status = 409), (status = 422)))]
async fn outcome(
    State(k): State<Kernel>,
    p: Principal,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<OutcomeIn>,
) -> Result<ApiJson<Scheduled>> {
    Ok(ApiJson(dispatch::record_outcome(&k, &p, id, &body).await?))
}

/// A supervisor reassigns, cancels or raises the priority of an order.
#[utoipa::path(post, path = "/api/v1/orders/{id}/supervise", tag = "campaigns", params(("id" = i64, Path)),
    request_body = crate::supervise::OrderAction, responses((status = 204), (status = 409), (status = 422)))]
async fn supervise_order(
    State(k): State<Kernel>,
    p: Principal,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<crate::supervise::OrderAction>,
) -> Result<StatusCode> {
    scope::order(&k, &p, id).await?;
    crate::supervise::apply(&k, &p, id, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}
