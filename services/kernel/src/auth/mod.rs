//! Accounts and access: roles, password hashing, server-side sessions, API tokens, login
//! throttling, and the one guard that decides access for every route.

pub mod account_routes;
pub mod accounts;
pub mod admin_pages;
pub mod guard;
pub mod password;
pub mod routes;
pub mod sessions;
pub mod signature;
pub mod team_routes;
pub mod teams;
pub mod throttle;
pub mod tokens;
pub mod users;

use std::str::FromStr;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::Error;

/// What a person or a machine client may do. People's roles and machine roles are disjoint:
/// a user never holds a machine role and a token never holds a person's (the database checks
/// both), so a route open to people is closed to machines by the role alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Agent,
    Supervisor,
    Author,
    Epidemiologist,
    Trainer,
    Admin,
    /// The data protection officer: reads the audit log, answers "who looked at this person".
    Dpo,
    /// A telephony system (PBX) posting call events; a machine role.
    Telephony,
}

impl Role {
    /// Every role, people's and machines'.
    pub const ALL: [Role; 8] = [
        Role::Agent,
        Role::Supervisor,
        Role::Author,
        Role::Epidemiologist,
        Role::Trainer,
        Role::Admin,
        Role::Dpo,
        Role::Telephony,
    ];

    /// The roles of people (user accounts).
    pub const PEOPLE: [Role; 7] = [
        Role::Agent,
        Role::Supervisor,
        Role::Author,
        Role::Epidemiologist,
        Role::Trainer,
        Role::Admin,
        Role::Dpo,
    ];

    /// The roles of machine clients (API tokens).
    pub const MACHINES: [Role; 1] = [Role::Telephony];

    /// Whether this is a machine client's role.
    pub fn is_machine(self) -> bool {
        Role::MACHINES.contains(&self)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Supervisor => "supervisor",
            Role::Author => "author",
            Role::Epidemiologist => "epidemiologist",
            Role::Trainer => "trainer",
            Role::Admin => "admin",
            Role::Dpo => "dpo",
            Role::Telephony => "telephony",
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
                    "unknown role {s:?}; expected one of agent, supervisor, author, epidemiologist, trainer, admin, dpo, telephony"
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
    /// An admin reset the password: until the user chooses a new one, only
    /// `account_routes::WHILE_PASSWORD_CHANGE_REQUIRED` are open to them.
    #[serde(default)]
    pub must_change_password: bool,
    /// The interface language the user chose on a page, kept apart from the languages they
    /// speak (which route calls); none: the first of those the interface is written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface_language: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PrincipalKind {
    User,
    Token,
}

impl Principal {
    /// Whether this is a machine client (an API token), which is never a user.
    pub fn is_machine(&self) -> bool {
        self.kind == PrincipalKind::Token
    }

    /// The user id of a person; `Forbidden` for a machine client, whose id is a token's and
    /// must never be taken for a user's.
    pub fn user_id(&self) -> crate::Result<i64> {
        match self.kind {
            PrincipalKind::User => Ok(self.id),
            PrincipalKind::Token => Err(Error::Forbidden),
        }
    }

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
        self.interface_language
            .as_deref()
            .and_then(|chosen| UI_LANGUAGES.iter().find(|u| **u == chosen))
            .copied()
            .unwrap_or_else(|| ui_language(&self.languages))
    }

    /// Whether this principal reaches people and work of `team`: a principal without a team
    /// is national and reaches every team; one with a team reaches that team only (not the
    /// national staff, who have none).
    pub fn reaches_team(&self, team: Option<&str>) -> bool {
        self.team.is_none() || self.team.as_deref() == team
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
