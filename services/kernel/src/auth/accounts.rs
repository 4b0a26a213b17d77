//! Managing accounts: deactivate and reactivate, change role, team and languages, reset a
//! password (the user must choose a new one at next login), end every session. Each change
//! is audited in its own transaction, and any change of who a user is or may be (role, team,
//! activity, password) ends their sessions and closes their live connections on every node
//! (a [`Notice::SessionsEnded`] the console forwards on its bus).
//!
//! Two rules no admin can break: nobody changes their own role or deactivates themselves
//! (no raising oneself, no locking oneself out by mistake), and the last active admin stays
//! an active admin.

use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sqlx::Row;
use utoipa::ToSchema;

use super::users::{self, User, MIN_PASSWORD_LEN};
use super::{password, Principal, Role};
use crate::audit::{self, Event};
use crate::db::{millis, Tx};
use crate::error::{Error, Result};
use crate::notices::Notice;
use crate::Kernel;

/// A change to an account; fields left out stay as they are. `team: null` makes the user
/// national (no team).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserChange {
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub team: Option<Option<String>>,
    pub languages: Option<Vec<String>>,
    pub active: Option<bool>,
}

/// A field that is present (even as `null`) is `Some`; absent is `None` (by `default`).
fn present<'de, D>(d: D) -> std::result::Result<Option<Option<String>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    Option::<String>::deserialize(d).map(Some)
}

/// Who is changing an account: an admin's principal, or the command line.
#[derive(Debug, Clone, Copy)]
pub enum Changer<'a> {
    Admin(&'a Principal),
    Cli,
}

impl Changer<'_> {
    fn actor(&self) -> String {
        match self {
            Changer::Admin(p) => p.actor(),
            Changer::Cli => "cli".into(),
        }
    }

    fn is(&self, id: i64) -> bool {
        matches!(self, Changer::Admin(p) if p.id == id)
    }
}

fn refused(detail: impl Into<String>) -> Error {
    Error::refused(axum::http::StatusCode::CONFLICT, "account-rule", detail)
}

/// The user with this email (any state), for the command line.
pub async fn by_email(k: &Kernel, email: &str) -> Result<User> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.trim().to_lowercase())
        .fetch_optional(k.db.pool())
        .await?;
    let id = id.ok_or_else(|| Error::NotFound(format!("user {email}")))?;
    get(k, id).await
}

/// The user with this id (any state).
pub async fn get(k: &Kernel, id: i64) -> Result<User> {
    let row = sqlx::query(&format!(
        "SELECT {} FROM users WHERE id = $1",
        users::USER_COLUMNS
    ))
    .bind(id)
    .fetch_optional(k.db.pool())
    .await?
    .ok_or_else(|| Error::NotFound(format!("user {id}")))?;
    users::user_from_row(&row)
}

/// Active admins other than `id`, inside `tx`. On PostgreSQL every active admin row is
/// locked (in id order) first, so two admins demoting each other at once are serialised and
/// the second sees the first's change; SQLite has one writer at a time.
async fn other_admins(k: &Kernel, tx: &mut Tx, id: i64) -> Result<i64> {
    let lock = match k.db.backend() {
        crate::db::Backend::Postgres => " FOR UPDATE",
        crate::db::Backend::Sqlite => "",
    };
    let admins: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT id FROM users WHERE role = 'admin' AND active = TRUE ORDER BY id{lock}"
    ))
    .fetch_all(&mut **tx)
    .await?;
    Ok(admins.iter().filter(|a| **a != id).count() as i64)
}

/// Ends every session of `id` inside `tx`.
async fn end_sessions(tx: &mut Tx, id: i64) -> Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// Applies `change` to user `id`.
pub async fn update(
    k: &Kernel,
    by: Changer<'_>,
    id: i64,
    change: &UserChange,
    request_id: Option<&str>,
) -> Result<User> {
    let before = get(k, id).await?;
    if let Some(role) = change.role {
        if role.is_machine() {
            return Err(Error::invalid(
                "role",
                "machine_role",
                "a machine role belongs to an API token, not to a person",
            ));
        }
        if by.is(id) && role != before.role {
            return Err(refused("nobody changes their own role"));
        }
    }
    if change.active == Some(false) && by.is(id) {
        return Err(refused("nobody deactivates themselves"));
    }
    if let Some(Some(team)) = &change.team {
        if !super::teams::exists(&k.db, team).await? {
            return Err(Error::invalid(
                "team",
                "unknown_team",
                format!("no team is named {team:?}"),
            ));
        }
    }
    let languages = match &change.languages {
        Some(l) => Some(users::clean_languages(l)?),
        None => None,
    };
    let mut tx = k.db.begin().await?;
    let demoted = before.role == Role::Admin
        && (change.active == Some(false) || change.role.is_some_and(|r| r != Role::Admin));
    if demoted && other_admins(k, &mut tx, id).await? == 0 {
        return Err(refused("the last active admin stays an active admin"));
    }
    let role = change.role.unwrap_or(before.role);
    let team = change.team.clone().unwrap_or(before.team.clone());
    let active = change.active.unwrap_or(before.active);
    let langs = languages.clone().unwrap_or(before.languages.clone());
    sqlx::query("UPDATE users SET role = $2, team = $3, languages = $4, active = $5 WHERE id = $1")
        .bind(id)
        .bind(role.as_str())
        .bind(&team)
        .bind(langs.join(","))
        .bind(active)
        .execute(&mut *tx)
        .await?;
    // Who the user is or may be changed: their sessions end, so nothing keeps the old rights.
    let reauthenticate = role != before.role || team != before.team || active != before.active;
    if reauthenticate {
        end_sessions(&mut tx, id).await?;
    }
    record(
        &mut tx,
        k,
        &by.actor(),
        "user.updated",
        id,
        request_id,
        serde_json::json!({
            "role": change.role, "team": change.team, "languages": languages,
            "active": change.active, "sessions_ended": reauthenticate,
        }),
    )
    .await?;
    tx.commit().await?;
    if reauthenticate {
        k.notices.publish(Notice::SessionsEnded { user: id });
    }
    get(k, id).await
}

/// Sets a temporary password for user `id`; they must choose a new one at next login. Their
/// sessions end.
pub async fn reset_password(
    k: &Kernel,
    by: Changer<'_>,
    id: i64,
    temporary: SecretString,
    request_id: Option<&str>,
) -> Result<()> {
    check_length(&temporary)?;
    get(k, id).await?;
    let hash = password::hash(temporary).await?;
    let mut tx = k.db.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $2, must_change_password = TRUE WHERE id = $1")
        .bind(id)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    end_sessions(&mut tx, id).await?;
    record(
        &mut tx,
        k,
        &by.actor(),
        "user.password_reset",
        id,
        request_id,
        serde_json::json!({}),
    )
    .await?;
    tx.commit().await?;
    k.notices.publish(Notice::SessionsEnded { user: id });
    Ok(())
}

/// Ends every session of user `id` at once.
pub async fn revoke_sessions(
    k: &Kernel,
    by: Changer<'_>,
    id: i64,
    request_id: Option<&str>,
) -> Result<u64> {
    get(k, id).await?;
    let mut tx = k.db.begin().await?;
    let ended = end_sessions(&mut tx, id).await?;
    record(
        &mut tx,
        k,
        &by.actor(),
        "user.sessions_revoked",
        id,
        request_id,
        serde_json::json!({ "sessions": ended }),
    )
    .await?;
    tx.commit().await?;
    k.notices.publish(Notice::SessionsEnded { user: id });
    Ok(ended)
}

/// Appends the audit event of an account change (`action` on user `id`) inside `tx`.
async fn record(
    tx: &mut Tx,
    k: &Kernel,
    actor: &str,
    action: &str,
    id: i64,
    request_id: Option<&str>,
    detail: serde_json::Value,
) -> Result<()> {
    audit::append(
        tx,
        &k.db,
        k.now(),
        &Event {
            actor,
            action,
            subject: &format!("user:{id}"),
            request_id,
            detail,
        },
    )
    .await?;
    Ok(())
}

fn check_length(p: &SecretString) -> Result<()> {
    if p.expose_secret().chars().count() < MIN_PASSWORD_LEN {
        return Err(Error::invalid(
            "password",
            "too_short",
            format!("at least {MIN_PASSWORD_LEN} characters"),
        ));
    }
    Ok(())
}

/// The user `who` chooses a new password, giving their current one; clears a required change.
pub async fn change_own_password(
    k: &Kernel,
    who: &Principal,
    current: SecretString,
    new: SecretString,
    request_id: Option<&str>,
) -> Result<()> {
    let id = who.user_id()?;
    check_length(&new)?;
    // A stolen session must not become a way to guess the current password.
    let window = k.config.auth.failure_window_minutes.max(1) * 60;
    let tries = crate::rate::hit(&k.db, &format!("password-change:{id}"), window, k.now()).await?;
    if tries > k.config.auth.account_max_failures {
        return Err(Error::TooManyAttempts {
            retry_after_secs: crate::rate::retry_after(window, k.now()),
        });
    }
    let row = sqlx::query("SELECT password_hash FROM users WHERE id = $1 AND active = TRUE")
        .bind(id)
        .fetch_optional(k.db.pool())
        .await?
        .ok_or(Error::Unauthenticated)?;
    let hash: String = row.try_get("password_hash")?;
    if !password::verify(current, Some(hash)).await? {
        return Err(Error::invalid(
            "current",
            "wrong_password",
            "this is not your current password",
        ));
    }
    let hash = password::hash(new).await?;
    let mut tx = k.db.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $2, must_change_password = FALSE WHERE id = $1")
        .bind(id)
        .bind(&hash)
        .execute(&mut *tx)
        .await?;
    record(
        &mut tx,
        k,
        &who.actor(),
        "user.password_changed",
        id,
        request_id,
        serde_json::json!({ "at": millis(k.now()) }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
