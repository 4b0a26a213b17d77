//! The one guard that decides access for every route.
//!
//! Each service declares, next to its router, a [`RoutePolicy`] for every route it mounts.
//! The binary gathers them into one [`AccessTable`] and wraps the whole router in [`guard`],
//! which resolves the caller (session cookie or bearer token) and applies the route's
//! [`Access`]. A route with no decision is refused with 500 (fail closed), and a test walks the
//! OpenAPI route list against the table with every role, so a new route cannot ship without
//! one.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;

use super::{sessions, tokens, Principal, Role};
use crate::error::{Error, Result};
use crate::problem::Problem;
use crate::Kernel;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, logged in or not (login, health checks, the login page).
    Public,
    /// Any logged-in person (never a machine token).
    Authenticated,
    /// People with these roles.
    Roles(&'static [Role]),
    /// Machine clients (API tokens) with these machine roles; never a person.
    Machine(&'static [Role]),
}

impl Access {
    /// Whether `role` passes. People's and machine roles are disjoint, so the role alone
    /// tells a person from a machine: people's routes refuse machine roles and machine routes
    /// refuse people's.
    pub fn admits(self, role: Role) -> bool {
        match self {
            Access::Public => true,
            Access::Authenticated => !role.is_machine(),
            Access::Roles(roles) => !role.is_machine() && roles.contains(&role),
            Access::Machine(roles) => role.is_machine() && roles.contains(&role),
        }
    }
}

/// The decision for one route, declared next to the route by the service that owns it.
#[derive(Debug, Clone)]
pub struct RoutePolicy {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

impl RoutePolicy {
    pub const fn new(method: Method, path: &'static str, access: Access) -> Self {
        Self {
            method,
            path,
            access,
        }
    }
}

/// Every route's decision, looked up by method and matched path.
#[derive(Debug, Clone, Default)]
pub struct AccessTable(Arc<HashMap<(Method, &'static str), Access>>);

impl AccessTable {
    /// Builds the table; two decisions for one route are an error, not a silent override.
    pub fn new<'a>(policies: impl IntoIterator<Item = &'a RoutePolicy>) -> Result<Self> {
        let mut map = HashMap::new();
        for p in policies {
            if map.insert((p.method.clone(), p.path), p.access).is_some() {
                return Err(Error::Internal(format!(
                    "two access decisions for {} {}",
                    p.method, p.path
                )));
            }
        }
        Ok(Self(Arc::new(map)))
    }

    pub fn decide(&self, method: &Method, path: &str) -> Option<Access> {
        // HEAD is answered by the GET handler, so it follows the GET decision.
        let method = if method == Method::HEAD {
            &Method::GET
        } else {
            method
        };
        self.0.get(&(method.clone(), path)).copied()
    }

    /// The methods a route answers (with HEAD wherever GET is), for a 405's `Allow`.
    pub fn methods_of(&self, path: &str) -> Vec<Method> {
        let mut methods: Vec<Method> = self
            .0
            .keys()
            .filter(|(_, p)| *p == path)
            .map(|(m, _)| m.clone())
            .collect();
        if methods.contains(&Method::GET) {
            methods.push(Method::HEAD);
        }
        methods.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        methods
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Method, &'static str, Access)> {
        self.0.iter().map(|((m, p), a)| (m, *p, *a))
    }
}

/// State of the guard middleware.
#[derive(Clone)]
pub struct GuardState {
    pub kernel: Kernel,
    pub table: AccessTable,
}

/// The middleware. Runs after routing, so the matched route is known.
pub async fn guard(State(state): State<GuardState>, mut req: Request, next: Next) -> Response {
    let Some(path) = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
    else {
        // No route matched: the fallback answers 404 and reveals nothing.
        return next.run(req).await;
    };
    let Some(access) = state.table.decide(req.method(), &path) else {
        let allowed = state.table.methods_of(&path);
        if !allowed.is_empty() {
            return method_not_allowed(&allowed);
        }
        tracing::error!(method = %req.method(), route = %path, "route has no access decision");
        return Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "no-access-decision",
            "this route has no access decision and is refused",
        )
        .into_response();
    };
    let principal = match resolve(&state.kernel, req.headers()).await {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    match (access, &principal) {
        (Access::Public, _) => {}
        (_, None) => return Error::Unauthenticated.into_response(),
        (access, Some(p)) if !access.admits(p.role) || p.is_machine() != p.role.is_machine() => {
            return Error::Forbidden.into_response()
        }
        _ => {}
    }
    if let Some(p) = principal {
        let open = super::account_routes::WHILE_PASSWORD_CHANGE_REQUIRED
            .iter()
            .any(|(m, r)| m == req.method() && *r == path);
        if p.must_change_password && !open {
            return Error::refused(
                StatusCode::FORBIDDEN,
                "password-change-required",
                "choose a new password first (POST /api/v1/me/password)",
            )
            .into_response();
        }
        tracing::Span::current().record("actor", p.actor());
        req.extensions_mut().insert(p);
    }
    next.run(req).await
}

/// The caller: a bearer token wins over a session cookie.
pub async fn resolve(kernel: &Kernel, headers: &HeaderMap) -> Result<Option<Principal>> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(Error::Unauthenticated)?;
        return tokens::principal(&kernel.db, token.trim())
            .await?
            .map(Some)
            .ok_or(Error::Unauthenticated);
    }
    let jar = CookieJar::from_headers(headers);
    match jar.get(sessions::COOKIE) {
        Some(cookie) => sessions::principal(&kernel.db, cookie.value(), kernel.now()).await,
        None => Ok(None),
    }
}

/// 405 with the `Allow` header: the route exists, not with this method.
fn method_not_allowed(allowed: &[Method]) -> Response {
    let list = allowed
        .iter()
        .map(Method::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    let mut response = Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method-not-allowed",
        format!("this route answers {list}"),
    )
    .into_response();
    if let Ok(value) = axum::http::HeaderValue::from_str(&list) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}
