//! HTTP routes of account management (admins) and of a user's own password.

use axum::extract::State;
use axum::http::{Method, StatusCode};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::accounts::{self, Changer, UserChange};
use super::guard::{Access, RoutePolicy};
use super::users::User;
use super::{Principal, Role};
use crate::error::Result;
use crate::http::RequestId;
use crate::problem::{ApiJson, ApiPath};
use crate::Kernel;

const ADMIN: &[Role] = &[Role::Admin];

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(Method::PATCH, "/api/v1/users/{id}", Access::Roles(ADMIN)),
    RoutePolicy::new(
        Method::POST,
        "/api/v1/users/{id}/password",
        Access::Roles(ADMIN),
    ),
    RoutePolicy::new(
        Method::DELETE,
        "/api/v1/users/{id}/sessions",
        Access::Roles(ADMIN),
    ),
    RoutePolicy::new(Method::POST, "/api/v1/me/password", Access::Authenticated),
    RoutePolicy::new(Method::PUT, "/api/v1/me/language", Access::Authenticated),
];

/// Routes a user who must change their password may still use: the change itself, who they
/// are, logging out, and the page that asks for the new password (`/` shows it to them, see
/// `admin_pages::password_page`) with its style sheet and script.
pub const WHILE_PASSWORD_CHANGE_REQUIRED: &[(Method, &str)] = &[
    (Method::POST, "/api/v1/me/password"),
    (Method::GET, "/api/v1/me"),
    (Method::DELETE, "/api/v1/session"),
    (Method::GET, "/"),
    (Method::GET, "/account/password"),
    (Method::GET, "/static/kernel/{file}"),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(update_user))
        .routes(routes!(reset_password))
        .routes(routes!(revoke_sessions))
        .routes(routes!(change_password))
        .routes(routes!(choose_language))
}

/// Changes a user's role, team, languages or activity; a change of role, team or activity
/// ends their sessions and closes their live connections.
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", params(("id" = i64, Path)),
    request_body = UserChange, responses((status = 200, body = User), (status = 404), (status = 409), (status = 422)))]
async fn update_user(
    State(k): State<Kernel>,
    p: Principal,
    RequestId(rid): RequestId,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<UserChange>,
) -> Result<ApiJson<User>> {
    Ok(ApiJson(
        accounts::update(&k, Changer::Admin(&p), id, &body, Some(&rid)).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemporaryPassword {
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
}

/// Sets a temporary password; the user must choose a new one at next login.
#[utoipa::path(post, path = "/api/v1/users/{id}/password", tag = "users", params(("id" = i64, Path)),
    request_body = TemporaryPassword, responses((status = 204), (status = 404), (status = 422)))]
async fn reset_password(
    State(k): State<Kernel>,
    p: Principal,
    RequestId(rid): RequestId,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<TemporaryPassword>,
) -> Result<StatusCode> {
    accounts::reset_password(&k, Changer::Admin(&p), id, body.password, Some(&rid)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Revoked {
    pub sessions: u64,
}

/// Ends every session of a user at once, and their live connections.
#[utoipa::path(delete, path = "/api/v1/users/{id}/sessions", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = Revoked), (status = 404)))]
async fn revoke_sessions(
    State(k): State<Kernel>,
    p: Principal,
    RequestId(rid): RequestId,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<Revoked>> {
    Ok(ApiJson(Revoked {
        sessions: accounts::revoke_sessions(&k, Changer::Admin(&p), id, Some(&rid)).await?,
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    #[schema(value_type = String, format = Password)]
    pub current: SecretString,
    #[schema(value_type = String, format = Password)]
    pub new: SecretString,
}

/// Chooses a new password (required after an admin's reset).
#[utoipa::path(post, path = "/api/v1/me/password", tag = "session", request_body = PasswordChange,
    responses((status = 204), (status = 422)))]
async fn change_password(
    State(k): State<Kernel>,
    p: Principal,
    RequestId(rid): RequestId,
    ApiJson(body): ApiJson<PasswordChange>,
) -> Result<StatusCode> {
    accounts::change_own_password(&k, &p, body.current, body.new, Some(&rid)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LanguageChoice {
    /// `fr`, `nl`, `de` or `en`.
    pub language: String,
}

/// Keeps the interface language the user chose on a page, for every later page and login
/// (the languages they speak, which route calls to them, stay as the admin set them).
#[utoipa::path(put, path = "/api/v1/me/language", tag = "session", request_body = LanguageChoice,
    responses((status = 204), (status = 422)))]
async fn choose_language(
    State(k): State<Kernel>,
    p: Principal,
    ApiJson(body): ApiJson<LanguageChoice>,
) -> Result<StatusCode> {
    let id = p.user_id()?;
    if !crate::i18n::LANGUAGES.contains(&body.language.as_str()) {
        return Err(crate::Error::invalid(
            "language",
            "invalid_language",
            format!("the interface speaks {}", crate::i18n::LANGUAGES.join(", ")),
        ));
    }
    sqlx::query("UPDATE users SET ui_language = $2 WHERE id = $1")
        .bind(id)
        .bind(&body.language)
        .execute(k.db.writer())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
