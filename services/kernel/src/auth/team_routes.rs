//! HTTP routes of teams: admins create them; supervisors and the DPO read them.

use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::IntoResponse;
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{Access, RoutePolicy};
use super::teams::{self, NewTeam, Team};
use super::{Principal, Role};
use crate::error::Result;
use crate::http::RequestId;
use crate::problem::ApiJson;
use crate::Kernel;

const ADMIN: &[Role] = &[Role::Admin];
const READERS: &[Role] = &[Role::Admin, Role::Supervisor, Role::Dpo];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/api/v1/teams", Access::Roles(READERS)),
    RoutePolicy::new(Method::POST, "/api/v1/teams", Access::Roles(ADMIN)),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new().routes(routes!(list_teams, create_team))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TeamList {
    pub teams: Vec<Team>,
}

/// Teams and their jurisdictions.
#[utoipa::path(get, path = "/api/v1/teams", tag = "users", responses((status = 200, body = TeamList)))]
async fn list_teams(State(k): State<Kernel>) -> Result<ApiJson<TeamList>> {
    Ok(ApiJson(TeamList {
        teams: teams::list(&k.db).await?,
    }))
}

/// Creates a team: national, or postal ranges and region or province names.
#[utoipa::path(post, path = "/api/v1/teams", tag = "users", request_body = NewTeam,
    responses((status = 201, body = Team), (status = 409), (status = 422)))]
async fn create_team(
    State(k): State<Kernel>,
    p: Principal,
    RequestId(rid): RequestId,
    ApiJson(body): ApiJson<NewTeam>,
) -> Result<impl IntoResponse> {
    let team = teams::create(&k.db, k.now(), &body, &p.actor(), Some(&rid)).await?;
    Ok((StatusCode::CREATED, ApiJson(team)))
}
