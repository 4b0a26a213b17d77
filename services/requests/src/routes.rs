//! Staff routes of requests. Reading one is a read of what a requester wrote: allowed to
//! the agents and supervisors of the request's team (national supervisors, of no team, read
//! every team's), audited `request.read` each time.

use axum::extract::State;
use axum::http::Method;
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::problem::{ApiJson, ApiPath};
use kernel::{Kernel, Result};
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::store::open;

const STAFF: &[Role] = &[Role::Agent, Role::Supervisor];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::GET, "/api/v1/requests/{ref}", Access::Roles(STAFF)),
    RoutePolicy::new(Method::GET, "/api/v1/requests", Access::Roles(STAFF)),
    // The public web form: no account; a signed page token and a hidden field stand in.
    RoutePolicy::new(Method::POST, "/api/v1/requests", Access::Public),
    RoutePolicy::new(Method::GET, "/api/v1/requests/form-token", Access::Public),
    RoutePolicy::new(Method::GET, "/api/v1/requests/topics", Access::Public),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/requests/{ref}/messages",
        Access::Roles(STAFF),
    ),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/requests/{ref}/status",
        Access::Roles(STAFF),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(get_request))
        .routes(routes!(file_request, queue))
        .routes(routes!(form_token))
        .routes(routes!(topics))
        .routes(routes!(add_message))
        .routes(routes!(set_status))
}

pub use crate::thread::{AttachmentView, MessageView};

/// A request as staff read it (API.md).
#[derive(Debug, Serialize, ToSchema)]
pub struct RequestView {
    #[serde(rename = "ref")]
    pub reference: String,
    pub topic: String,
    pub subject: String,
    pub status: String,
    pub priority: String,
    pub team: String,
    pub channel: String,
    pub language: String,
    /// The agent who has it.
    pub assignee: Option<i64>,
    /// The code of the requester's case, when the request is linked to one.
    pub case_code: Option<String>,
    pub requester_name: Option<String>,
    pub requester_email: Option<String>,
    pub first_response_due: i64,
    pub resolution_due: i64,
    pub created_at: i64,
    pub messages: Vec<MessageView>,
}

/// A public reply (mailed to the requester, threaded) or an internal note; staff of the
/// request's team; audited.
#[utoipa::path(post, path = "/api/v1/requests/{ref}/messages", tag = "requests", params(("ref" = String, Path)),
    request_body = crate::work::MessageIn,
    responses((status = 204), (status = 404), (status = 409), (status = 422), (status = 502), (status = 503)))]
async fn add_message(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(reference): ApiPath<String>,
    ApiJson(body): ApiJson<crate::work::MessageIn>,
) -> Result<axum::http::StatusCode> {
    crate::work::add(&k, &who, &reference, &body).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// Sets a request's status; staff of its team; audited.
#[utoipa::path(post, path = "/api/v1/requests/{ref}/status", tag = "requests", params(("ref" = String, Path)),
    request_body = crate::work::StatusIn, responses((status = 204), (status = 404)))]
async fn set_status(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(reference): ApiPath<String>,
    ApiJson(body): ApiJson<crate::work::StatusIn>,
) -> Result<axum::http::StatusCode> {
    crate::work::set_status(&k, &who, &reference, body.status).await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// A team's queue, the most urgent first, with each request's standing against its next
/// target; a team's staff see only their team's; audited.
#[utoipa::path(get, path = "/api/v1/requests", tag = "requests", params(crate::queue::QueueQuery),
    responses((status = 200, body = Vec<crate::queue::QueueRow>)))]
async fn queue(
    State(k): State<Kernel>,
    who: Principal,
    kernel::problem::ApiQuery(q): kernel::problem::ApiQuery<crate::queue::QueueQuery>,
) -> Result<ApiJson<Vec<crate::queue::QueueRow>>> {
    Ok(ApiJson(crate::queue::list(&k, &who, &q).await?))
}

/// A topic as the public form offers it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TopicView {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The form filed with it, if any (its fields are the call form's).
    pub form: Option<String>,
    pub languages: Vec<String>,
}

/// Which language to describe topics in.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LanguageQuery {
    /// fr, nl or en (French when absent or another).
    pub lang: Option<String>,
}

/// The topics a request can be filed on, in the asked language (public: the web form's
/// list; nothing about any request).
#[utoipa::path(get, path = "/api/v1/requests/topics", tag = "requests", params(LanguageQuery),
    responses((status = 200, body = Vec<TopicView>)))]
async fn topics(
    State(k): State<Kernel>,
    kernel::problem::ApiQuery(q): kernel::problem::ApiQuery<LanguageQuery>,
) -> Result<ApiJson<Vec<TopicView>>> {
    let lang = q
        .lang
        .filter(|l| crate::topic::LANGUAGES.contains(&l.as_str()))
        .unwrap_or_else(|| "fr".into());
    let out = crate::store::topics(&k)
        .await?
        .into_iter()
        .map(|r| {
            let t = r.topic;
            TopicView {
                title: t.title_in(&lang).to_string(),
                description: t.description.get(&lang).cloned().unwrap_or_default(),
                id: t.id,
                form: t.form,
                languages: t.languages,
            }
        })
        .collect();
    Ok(ApiJson(out))
}

/// A fresh token for the web form (what the form page carries).
#[utoipa::path(get, path = "/api/v1/requests/form-token", tag = "requests",
    responses((status = 200)))]
async fn form_token(State(k): State<Kernel>) -> ApiJson<serde_json::Value> {
    ApiJson(serde_json::json!({ "token": crate::web::token(&k) }))
}

/// Files a request from the web form: 201 with its reference; 422 naming every wrong field
/// (the topic form's as `answers.FIELD`); 403 for a robot's form. Logged-in staff file for
/// themselves, or for a caller (`for_caller`), without the public form's checks.
#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", request_body = crate::web::WebRequestIn,
    responses((status = 201), (status = 403), (status = 404), (status = 422), (status = 429)))]
async fn file_request(
    State(k): State<Kernel>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
    who: Option<Principal>,
    ApiJson(body): ApiJson<crate::web::WebRequestIn>,
) -> Result<(axum::http::StatusCode, ApiJson<serde_json::Value>)> {
    let client = kernel::http::client_ip(peer.ip(), &headers, &k.config.http.trusted_proxies);
    let filer = match &who {
        Some(p) if STAFF.contains(&p.role) => crate::web::Filer::Staff(p),
        _ => crate::web::Filer::Public(client),
    };
    let reference = crate::web::file(&k, &body, filer).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        ApiJson(serde_json::json!({ "ref": reference })),
    ))
}

/// One request with its thread, for staff of its team; audited.
#[utoipa::path(get, path = "/api/v1/requests/{ref}", tag = "requests", params(("ref" = String, Path)),
    responses((status = 200, body = RequestView), (status = 404)))]
async fn get_request(
    State(k): State<Kernel>,
    who: Principal,
    kernel::http::RequestId(rid): kernel::http::RequestId,
    ApiPath(reference): ApiPath<String>,
) -> Result<ApiJson<RequestView>> {
    Ok(ApiJson(read(&k, &who, &reference, Some(&rid)).await?))
}

/// Request `reference` as `who` may read it: another team's is as if it did not exist.
pub async fn read(
    k: &Kernel,
    who: &Principal,
    reference: &str,
    request_id: Option<&str>,
) -> crate::error::Result<RequestView> {
    let not_found = || crate::error::RequestsError::NotFound(format!("request {reference}"));
    let r = sqlx::query(
        "SELECT id, ref, topic_id, subject, status, priority, team, channel, language, requester, assignee, case_id, \
           first_response_due, resolution_due, created_at FROM requests WHERE ref = $1",
    )
    .bind(reference)
    .fetch_optional(k.db.pool())
    .await?
    .ok_or_else(not_found)?;
    let team: String = r.try_get("team")?;
    if who.team.as_ref().is_some_and(|t| *t != team) {
        return Err(not_found());
    }
    let id: String = r.try_get("id")?;
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "request.read",
            subject: &format!("request:{id}"),
            request_id,
            detail: serde_json::json!({}),
        },
    )
    .await?;
    let key = crate::store::key_of(k, &id).await?;
    let requester: crate::store::Requester = serde_json::from_str(&open(
        k,
        &key,
        "requests",
        "requester",
        &id,
        &r.try_get::<Vec<u8>, _>("requester")?,
    )?)
    .map_err(|e| crate::error::RequestsError::Internal(e.to_string()))?;
    let mut messages = crate::thread::messages(k, &key, &id, true).await?;
    // Staff are shown by name (`user:7` is what the thread and the audit log keep).
    let ids: Vec<i64> = messages
        .iter()
        .filter_map(|m| m.author.strip_prefix("user:")?.parse().ok())
        .collect();
    let names = kernel::auth::users::names(&k.db, &ids).await?;
    for m in &mut messages {
        let named = m
            .author
            .strip_prefix("user:")
            .and_then(|n| n.parse::<i64>().ok())
            .and_then(|n| names.get(&n));
        if let Some(name) = named {
            m.author = name.clone();
        }
    }
    Ok(RequestView {
        subject: open(
            k,
            &key,
            "requests",
            "subject",
            &id,
            &r.try_get::<Vec<u8>, _>("subject")?,
        )?,
        reference: r.try_get("ref")?,
        topic: r.try_get("topic_id")?,
        status: r.try_get("status")?,
        priority: r.try_get("priority")?,
        team,
        channel: r.try_get("channel")?,
        language: r.try_get("language")?,
        assignee: r.try_get("assignee")?,
        case_code: crate::case_link::code_of(
            k,
            r.try_get::<Option<String>, _>("case_id")?.as_deref(),
        )
        .await?,
        requester_name: requester.name,
        requester_email: requester.email,
        first_response_due: r.try_get("first_response_due")?,
        resolution_due: r.try_get("resolution_due")?,
        created_at: r.try_get("created_at")?,
        messages,
    })
}
