//! HTTP routes of accounts: login, logout, me, users, API tokens, and the audit log.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{Method, StatusCode};
use axum::response::IntoResponse;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::guard::{Access, RoutePolicy};
use super::throttle;
use super::tokens::{self, CreatedToken, NewToken, TokenInfo};
use super::users::{self, NewUser, User};
use super::{password, sessions, Principal, Role};
use crate::audit::{self, Event, Record};
use crate::error::{Error, Result};
use crate::http::RequestId;
use crate::problem::{ApiJson, ApiPath, ApiQuery};
use crate::Kernel;

const ADMIN: &[Role] = &[Role::Admin];
const ADMIN_SUPERVISOR: &[Role] = &[Role::Admin, Role::Supervisor];
/// The audit log holds no personal data (ids, kinds, counts), so admins read it beside the
/// DPO: it is how they see what happened to accounts and tokens.
const AUDITORS: &[Role] = &[Role::Admin, Role::Dpo];

/// Access decisions for the routes below.
pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::POST, "/api/v1/session", Access::Public),
    RoutePolicy::new(Method::DELETE, "/api/v1/session", Access::Authenticated),
    RoutePolicy::new(Method::GET, "/api/v1/me", Access::Authenticated),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/users",
        Access::Roles(ADMIN_SUPERVISOR),
    ),
    RoutePolicy::new(Method::POST, "/api/v1/users", Access::Roles(ADMIN)),
    RoutePolicy::new(Method::GET, "/api/v1/tokens", Access::Roles(ADMIN)),
    RoutePolicy::new(Method::POST, "/api/v1/tokens", Access::Roles(ADMIN)),
    RoutePolicy::new(Method::DELETE, "/api/v1/tokens/{id}", Access::Roles(ADMIN)),
    RoutePolicy::new(Method::GET, "/api/v1/audit", Access::Roles(AUDITORS)),
    RoutePolicy::new(Method::GET, "/api/v1/audit/verify", Access::Roles(ADMIN)),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(login, logout))
        .routes(routes!(me))
        .routes(routes!(list_users, create_user))
        .routes(routes!(list_tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(list_audit))
        .routes(routes!(verify_audit))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Login {
    pub email: String,
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserEnvelope {
    pub user: User,
}

/// Logs in and sets the session cookie.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = Login,
    responses((status = 200, body = UserEnvelope), (status = 401), (status = 429)))]
async fn login(
    State(k): State<Kernel>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    RequestId(rid): RequestId,
    jar: CookieJar,
    ApiJson(body): ApiJson<Login>,
) -> Result<impl IntoResponse> {
    let now = k.now();
    let email = body.email.trim().to_lowercase();
    let ip = crate::http::client_ip(addr.ip(), &headers, &k.config.http.trusted_proxies);
    let keys = throttle::Keys::new(k.envelope.index_root(), &email, ip);
    // Counted before the password is checked: a burst cannot win more checks than the limit.
    let delay = match throttle::admit(&k.db, &k.config.auth, &keys, now).await {
        Ok(d) => d,
        Err(e) => {
            k.metrics.logins_throttled.inc();
            return Err(e);
        }
    };
    let found = users::find_for_login(&k.db, &email).await?;
    let (user, hash) = match found {
        Some((u, h)) => (Some(u), Some(h)),
        None => (None, None),
    };
    k.metrics.password_checks.inc();
    let ok = password::verify(body.password, hash).await?;
    let Some(user) = user.clone().filter(|_| ok) else {
        // Who was tried: a known account by its id; an unknown name only as a bounded hash,
        // since a mistyped name is often a password or another person's address.
        let subject = match &user {
            Some(u) => format!("user:{}", u.id),
            None => format!(
                "account:{}",
                throttle::account_hash(k.envelope.index_root(), &email)
            ),
        };
        audit::record(
            &k.db,
            now,
            &Event {
                actor: "anonymous",
                action: "session.login_failed",
                subject: &subject,
                request_id: Some(&rid),
                detail: serde_json::json!({}),
            },
        )
        .await?;
        tokio::time::sleep(delay).await;
        return Err(Error::Unauthenticated);
    };
    throttle::succeeded(&k.db, &keys).await?;
    let mut tx = k.db.begin().await?;
    let token = sessions::create(&mut tx, user.id, now, k.config.auth.session_hours).await?;
    audit::append(
        &mut tx,
        &k.db,
        now,
        &Event {
            actor: &format!("user:{}", user.id),
            action: "session.created",
            subject: &format!("user:{}", user.id),
            request_id: Some(&rid),
            detail: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    let cookie = Cookie::build((sessions::COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(k.config.secure_cookies())
        .path("/")
        .max_age(time_hours(k.config.auth.session_hours))
        .build();
    Ok((jar.add(cookie), ApiJson(UserEnvelope { user })))
}

fn time_hours(h: i64) -> time::Duration {
    time::Duration::hours(h)
}

/// Logs out: the session is deleted server-side and the cookie cleared.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session", responses((status = 204)))]
async fn logout(
    State(k): State<Kernel>,
    principal: Principal,
    RequestId(rid): RequestId,
    jar: CookieJar,
) -> Result<impl IntoResponse> {
    let mut tx = k.db.begin().await?;
    if let Some(c) = jar.get(sessions::COOKIE) {
        sessions::delete(&mut tx, c.value()).await?;
    }
    audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &Event {
            actor: &principal.actor(),
            action: "session.ended",
            subject: &principal.actor(),
            request_id: Some(&rid),
            detail: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    // Close the live consoles of this user on every node; those of their other sessions
    // reconnect at once with their own, still valid, cookie.
    if let Ok(user) = principal.user_id() {
        k.notices
            .publish(crate::notices::Notice::SessionsEnded { user });
    }
    let jar = jar.remove(Cookie::build(sessions::COOKIE).path("/"));
    Ok((StatusCode::NO_CONTENT, jar))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub user: Principal,
}

/// The current user or machine client.
#[utoipa::path(get, path = "/api/v1/me", tag = "session", responses((status = 200, body = Me), (status = 401)))]
async fn me(principal: Principal) -> ApiJson<Me> {
    ApiJson(Me { user: principal })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserList {
    pub users: Vec<User>,
}

/// Users; a supervisor sees their own team only.
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    responses((status = 200, body = UserList), (status = 401), (status = 403)))]
async fn list_users(State(k): State<Kernel>, principal: Principal) -> Result<ApiJson<UserList>> {
    let team = match principal.role {
        Role::Admin => None,
        _ => principal.team.as_deref(),
    };
    Ok(ApiJson(UserList {
        users: users::list(&k.db, team).await?,
    }))
}

/// Creates a user (admin).
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUser,
    responses((status = 201, body = User), (status = 409), (status = 422)))]
async fn create_user(
    State(k): State<Kernel>,
    principal: Principal,
    RequestId(rid): RequestId,
    ApiJson(body): ApiJson<NewUser>,
) -> Result<impl IntoResponse> {
    let user = users::create(&k.db, k.now(), body, &principal.actor(), Some(&rid)).await?;
    Ok((StatusCode::CREATED, ApiJson(user)))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenList {
    pub tokens: Vec<TokenInfo>,
}

/// API tokens (never their values).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "tokens", responses((status = 200, body = TokenList)))]
async fn list_tokens(State(k): State<Kernel>) -> Result<ApiJson<TokenList>> {
    Ok(ApiJson(TokenList {
        tokens: tokens::list(&k.db).await?,
    }))
}

/// Creates an API token; its value is shown in this answer only.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "tokens", request_body = NewToken,
    responses((status = 201, body = CreatedToken), (status = 422)))]
async fn create_token(
    State(k): State<Kernel>,
    principal: Principal,
    RequestId(rid): RequestId,
    ApiJson(body): ApiJson<NewToken>,
) -> Result<impl IntoResponse> {
    let created = tokens::create(&k, &body, &principal, Some(&rid)).await?;
    Ok((StatusCode::CREATED, ApiJson(created)))
}

/// Revokes an API token at once.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "tokens",
    params(("id" = i64, Path)), responses((status = 204), (status = 404)))]
async fn revoke_token(
    State(k): State<Kernel>,
    principal: Principal,
    RequestId(rid): RequestId,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode> {
    tokens::revoke(&k.db, k.now(), id, &principal, Some(&rid)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    /// Rows with an id below this one (paging backwards).
    pub before_id: Option<i64>,
    /// At most this many rows (1 to 500, default 100).
    pub limit: Option<i64>,
    /// Only rows of this actor (`user:12`).
    pub actor: Option<String>,
    /// Only rows of this action (`case.opened`).
    pub action: Option<String>,
    /// Only rows about this subject (`case:...`).
    pub subject: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPage {
    pub events: Vec<Record>,
}

/// The audit log, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = AuditPage)))]
async fn list_audit(
    State(k): State<Kernel>,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<ApiJson<AuditPage>> {
    Ok(ApiJson(AuditPage {
        events: audit::list_filtered(
            &k.db,
            &audit::Filter {
                actor: q.actor.as_deref(),
                action: q.action.as_deref(),
                subject: q.subject.as_deref(),
                before_id: q.before_id,
                limit: q.limit.unwrap_or(100),
            },
        )
        .await?,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditVerdict {
    pub ok: bool,
    pub rows: Option<i64>,
    pub broken: Option<String>,
}

/// Walks the audit chain, as `tracecall audit verify` does.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit", responses((status = 200, body = AuditVerdict)))]
async fn verify_audit(State(k): State<Kernel>) -> Result<ApiJson<AuditVerdict>> {
    Ok(ApiJson(match audit::verify(&k.db).await? {
        Ok(rows) => AuditVerdict {
            ok: true,
            rows: Some(rows),
            broken: None,
        },
        Err(b) => AuditVerdict {
            ok: false,
            rows: None,
            broken: Some(b.to_string()),
        },
    }))
}
