//! Staff routes that work on requests beyond reading and answering them: who has one (and
//! the skills assignment reads), the notices staff receive, merging a duplicate, quick
//! requests in one click, saved queue views. Each write is audited where it touches a
//! request.

use axum::extract::State;
use axum::http::{Method, StatusCode};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::{ApiJson, ApiPath};
use kernel::{Kernel, Result};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

const STAFF: &[Role] = &[Role::Agent, Role::Supervisor];
const SUPERVISORS: &[Role] = &[Role::Supervisor, Role::Admin];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(
        Method::POST,
        "/api/v1/requests/{ref}/assignee",
        Access::Roles(STAFF),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/requests/{ref}/merge",
        Access::Roles(STAFF),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/requests/{ref}/case",
        Access::Roles(STAFF),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/requests/notices",
        Access::Roles(STAFF),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/requests/notices/{id}/read",
        Access::Roles(STAFF),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/requests/skills",
        Access::Roles(SUPERVISORS),
    ),
    RoutePolicy::new(
        Method::PUT,
        "/api/v1/requests/skills/{user}",
        Access::Roles(SUPERVISORS),
    ),
    RoutePolicy::new(Method::POST, "/api/v1/requests/quick", Access::Roles(STAFF)),
    RoutePolicy::new(Method::GET, "/api/v1/requests/search", Access::Roles(STAFF)),
    RoutePolicy::new(Method::GET, "/api/v1/requests/views", Access::Roles(STAFF)),
    RoutePolicy::new(Method::POST, "/api/v1/requests/views", Access::Roles(STAFF)),
    RoutePolicy::new(
        Method::DELETE,
        "/api/v1/requests/views/{id}",
        Access::Roles(STAFF),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(set_assignee))
        .routes(routes!(merge))
        .routes(routes!(link_case))
        .routes(routes!(my_notices))
        .routes(routes!(read_notice))
        .routes(routes!(skills))
        .routes(routes!(set_skills))
        .routes(routes!(quick))
        .routes(routes!(search))
        .routes(routes!(views, save_view))
        .routes(routes!(delete_view))
}

/// Who works a request: an agent takes it (or gives it back), a supervisor hands it to an
/// agent of its team, who is told; audited.
#[utoipa::path(post, path = "/api/v1/requests/{ref}/assignee", tag = "requests", params(("ref" = String, Path)),
    request_body = crate::assign::AssigneeIn,
    responses((status = 204), (status = 403), (status = 404), (status = 422)))]
async fn set_assignee(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(reference): ApiPath<String>,
    ApiJson(body): ApiJson<crate::assign::AssigneeIn>,
) -> Result<StatusCode> {
    crate::assign::set(&k, &who, &reference, body.user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's notices about requests (mentions, reminders, escalations, assignments),
/// unread first.
#[utoipa::path(get, path = "/api/v1/requests/notices", tag = "requests",
    responses((status = 200, body = Vec<crate::notices::NoticeView>)))]
async fn my_notices(
    State(k): State<Kernel>,
    who: Principal,
) -> Result<ApiJson<Vec<crate::notices::NoticeView>>> {
    Ok(ApiJson(crate::notices::of_user(&k, who.id).await?))
}

/// Marks one of the caller's notices read.
#[utoipa::path(post, path = "/api/v1/requests/notices/{id}/read", tag = "requests", params(("id" = String, Path)),
    responses((status = 204), (status = 404)))]
async fn read_notice(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode> {
    if crate::notices::mark_read(&k, who.id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(kernel::Error::NotFound(format!("notice {id}")))
    }
}

/// The agents the caller supervises, with their request skills and load.
#[utoipa::path(get, path = "/api/v1/requests/skills", tag = "requests",
    responses((status = 200, body = Vec<crate::assign::AgentSkills>)))]
async fn skills(
    State(k): State<Kernel>,
    who: Principal,
) -> Result<ApiJson<Vec<crate::assign::AgentSkills>>> {
    Ok(ApiJson(crate::assign::list(&k, &who).await?))
}

/// Replaces an agent's request skills (routing gives them the requests that need one);
/// supervisors of the agent's team; audited.
#[utoipa::path(put, path = "/api/v1/requests/skills/{user}", tag = "requests", params(("user" = i64, Path)),
    request_body = crate::assign::SkillsIn, responses((status = 204), (status = 404), (status = 422)))]
async fn set_skills(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(user): ApiPath<i64>,
    ApiJson(body): ApiJson<crate::assign::SkillsIn>,
) -> Result<StatusCode> {
    crate::assign::set_skills(&k, &who, user, &body.skills).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Merges a duplicate into the request it repeats: its messages and files move there, it is
/// closed pointing at it; both in the caller's team; audited.
#[utoipa::path(post, path = "/api/v1/requests/{ref}/merge", tag = "requests", params(("ref" = String, Path)),
    request_body = crate::merge::MergeIn,
    responses((status = 204), (status = 404), (status = 409), (status = 422)))]
async fn merge(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(reference): ApiPath<String>,
    ApiJson(body): ApiJson<crate::merge::MergeIn>,
) -> Result<StatusCode> {
    crate::merge::merge(&k, &who, &reference, &body.into).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Files a known issue in one click, for the caller themselves or for a caller on the
/// phone: 201 with its reference.
#[utoipa::path(post, path = "/api/v1/requests/quick", tag = "requests",
    request_body = crate::quick::QuickIn, responses((status = 201), (status = 404), (status = 422)))]
async fn quick(
    State(k): State<Kernel>,
    who: Principal,
    ApiJson(body): ApiJson<crate::quick::QuickIn>,
) -> Result<(StatusCode, ApiJson<serde_json::Value>)> {
    let reference = crate::quick::file(&k, &who, &body).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(serde_json::json!({ "ref": reference })),
    ))
}

/// The caller's saved queue views.
#[utoipa::path(get, path = "/api/v1/requests/views", tag = "requests",
    responses((status = 200, body = Vec<crate::views::View>)))]
async fn views(
    State(k): State<Kernel>,
    who: Principal,
) -> Result<ApiJson<Vec<crate::views::View>>> {
    Ok(ApiJson(crate::views::list(&k, &who).await?))
}

/// Saves a queue view for the caller: 201 with its id.
#[utoipa::path(post, path = "/api/v1/requests/views", tag = "requests",
    request_body = crate::views::ViewIn, responses((status = 201), (status = 409), (status = 422)))]
async fn save_view(
    State(k): State<Kernel>,
    who: Principal,
    ApiJson(body): ApiJson<crate::views::ViewIn>,
) -> Result<(StatusCode, ApiJson<serde_json::Value>)> {
    let id = crate::views::save(&k, &who, &body).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(serde_json::json!({ "id": id })),
    ))
}

/// Deletes one of the caller's saved views.
#[utoipa::path(delete, path = "/api/v1/requests/views/{id}", tag = "requests", params(("id" = String, Path)),
    responses((status = 204), (status = 404)))]
async fn delete_view(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<StatusCode> {
    if crate::views::delete(&k, &who, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(kernel::Error::NotFound(format!("view {id}")))
    }
}

/// Links a request to its requester's case, when the caller may open that case (the same
/// purpose as opening it: a call in progress on it, or a break-glass); audited as an open
/// and as a link.
#[utoipa::path(post, path = "/api/v1/requests/{ref}/case", tag = "requests", params(("ref" = String, Path)),
    request_body = crate::case_link::CaseLinkIn,
    responses((status = 204), (status = 403), (status = 404), (status = 422)))]
async fn link_case(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(reference): ApiPath<String>,
    ApiJson(body): ApiJson<crate::case_link::CaseLinkIn>,
) -> Result<StatusCode> {
    crate::case_link::link(&k, &who, &reference, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The requests whose requester has this e-mail address or name (a caller on the phone),
/// in the caller's team; audited without the query.
#[utoipa::path(get, path = "/api/v1/requests/search", tag = "requests", params(crate::search::SearchQuery),
    responses((status = 200, body = Vec<crate::queue::QueueRow>), (status = 422)))]
async fn search(
    State(k): State<Kernel>,
    who: Principal,
    kernel::problem::ApiQuery(q): kernel::problem::ApiQuery<crate::search::SearchQuery>,
) -> Result<ApiJson<Vec<crate::queue::QueueRow>>> {
    Ok(ApiJson(crate::search::search(&k, &who, &q.q).await?))
}
