//! Accounts and access: roles, password hashing, server-side sessions, API tokens, login
//! throttling, and the one guard that decides access for every route.

pub mod guard;
pub mod password;
pub mod routes;
pub mod sessions;
pub mod throttle;
pub mod tokens;
pub mod users;

use std::str::FromStr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::Error;

/// What a person (or a machine client) may do. A role is one of six fixed values; a
/// supervisor's reach is further limited to their team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Agent,
    Supervisor,
    Author,
    Epidemiologist,
    Trainer,
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Agent,
        Role::Supervisor,
        Role::Author,
        Role::Epidemiologist,
        Role::Trainer,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Supervisor => "supervisor",
            Role::Author => "author",
            Role::Epidemiologist => "epidemiologist",
            Role::Trainer => "trainer",
            Role::Admin => "admin",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown role {s:?}; expected one of agent, supervisor, author, epidemiologist, trainer, admin"
                )
            })
    }
}

/// Languages the interface is written in (the catalogue's).
pub const UI_LANGUAGES: [&str; 4] = crate::i18n::LANGUAGES;

/// The first of `languages` that the interface is written in, else English.
pub fn ui_language(languages: &[String]) -> &'static str {
    languages
        .iter()
        .find_map(|l| UI_LANGUAGES.iter().find(|u| **u == l.as_str()))
        .copied()
        .unwrap_or("en")
}

/// Who is making the request: a logged-in user or a machine client with an API token.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct Principal {
    pub kind: PrincipalKind,
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub team: Option<String>,
    pub languages: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PrincipalKind {
    User,
    Token,
}

impl Principal {
    /// How the audit log names this principal.
    pub fn actor(&self) -> String {
        match self.kind {
            PrincipalKind::User => format!("user:{}", self.id),
            PrincipalKind::Token => format!("token:{}", self.id),
        }
    }

    /// The language of the interface for this user: the first language they speak that
    /// the interface is written in, else English.
    pub fn ui_language(&self) -> &'static str {
        ui_language(&self.languages)
    }

    /// Whether this principal may see data of `team` (admins see every team; a principal
    /// without a team sees every team too, as in a single-team pilot).
    pub fn reaches_team(&self, team: Option<&str>) -> bool {
        self.role == Role::Admin
            || self.team.is_none()
            || team.is_none()
            || self.team.as_deref() == team
    }
}

/// Handlers take the principal the guard resolved; a route reached without one is a bug in
/// the access table, answered 401 rather than served.
impl<S: Send + Sync> FromRequestParts<S> for Principal {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Principal>()
            .cloned()
            .ok_or(Error::Unauthenticated)
    }
}

/// Pages open to everyone (the login page) take `Option<Principal>`.
impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for Principal {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Principal>().cloned())
    }
}
