//! API tokens for machine clients (telephony, schedulers): created by an admin, shown once,
//! stored as a SHA-256 hash, sent as `Authorization: Bearer TOKEN`, revocable.
//!
//! A token holds a machine role only, so it is never taken for a user. Each token also gets
//! a signing secret, shown once beside it, that the client signs what it posts with: the
//! bearer value alone (which a proxy log may keep) cannot forge an event. The secret must be
//! read back to check signatures, so it is sealed, not hashed.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::ToSchema;

use super::sessions::{new_token, token_hash};
use super::{Principal, PrincipalKind, Role};
use crate::audit::{self, Event};
use crate::crypto::envelope::Aad;
use crate::db::{millis, Db};
use crate::error::{Error, Result};
use crate::Kernel;

/// Tokens carry a prefix so a leaked one is recognisable in logs and secret scanners.
pub const PREFIX: &str = "tct_";

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    /// What the token is for, e.g. `telephony`.
    pub name: String,
    /// The machine role the client acts with (`telephony`).
    pub role: Role,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenInfo {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub created_at: i64,
    pub revoked: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedToken {
    pub id: i64,
    /// Shown once; only its hash is kept.
    pub token: String,
    /// The secret the client signs its requests with (hex), shown once.
    pub signing_secret: String,
}

fn secret_aad(id: &str) -> Aad<'_> {
    Aad {
        table: "api_tokens",
        column: "signing_secret",
        row: id,
    }
}

pub async fn create(
    k: &Kernel,
    new: &NewToken,
    creator: &Principal,
    request_id: Option<&str>,
) -> Result<CreatedToken> {
    let name = new.name.trim();
    if name.is_empty() || name.len() > 100 {
        return Err(Error::invalid(
            "name",
            "invalid_length",
            "a name of 1 to 100 characters is required",
        ));
    }
    if !new.role.is_machine() {
        return Err(Error::invalid(
            "role",
            "not_a_machine_role",
            "a token acts with a machine role (telephony); people log in",
        ));
    }
    let now = k.now();
    let token = format!("{PREFIX}{}", new_token());
    let secret = new_token();
    let created_by = (creator.kind == PrincipalKind::User).then_some(creator.id);
    let mut tx = k.db.begin().await?;
    let row = sqlx::query(
        "INSERT INTO api_tokens (name, token_hash, role, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(name)
    .bind(token_hash(&token))
    .bind(new.role.as_str())
    .bind(created_by)
    .bind(millis(now))
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = row.try_get("id")?;
    let sealed = k.envelope.seal_str(secret_aad(&id.to_string()), &secret)?;
    sqlx::query("UPDATE api_tokens SET signing_secret = $2 WHERE id = $1")
        .bind(id)
        .bind(sealed)
        .execute(&mut *tx)
        .await?;
    audit::append(
        &mut tx,
        &k.db,
        now,
        &Event {
            actor: &creator.actor(),
            action: "token.created",
            subject: &format!("token:{id}"),
            request_id,
            detail: serde_json::json!({ "role": new.role, "name": name }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(CreatedToken {
        id,
        token,
        signing_secret: secret,
    })
}

/// The signing secret of active token `id`, for checking a signature.
pub async fn signing_secret(k: &Kernel, id: i64) -> Result<Option<String>> {
    let sealed: Option<Option<Vec<u8>>> = sqlx::query_scalar(
        "SELECT signing_secret FROM api_tokens WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(id)
    .fetch_optional(k.db.pool())
    .await?;
    sealed
        .flatten()
        .map(|s| k.envelope.open_str(secret_aad(&id.to_string()), &s))
        .transpose()
}

pub async fn list(db: &Db) -> Result<Vec<TokenInfo>> {
    let rows =
        sqlx::query("SELECT id, name, role, created_at, revoked_at FROM api_tokens ORDER BY id")
            .fetch_all(db.pool())
            .await?;
    rows.iter()
        .map(|r| {
            let role: String = r.try_get("role")?;
            Ok(TokenInfo {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                role: role.parse().map_err(Error::Internal)?,
                created_at: r.try_get("created_at")?,
                revoked: r.try_get::<Option<i64>, _>("revoked_at")?.is_some(),
            })
        })
        .collect()
}

pub async fn revoke(
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
    id: i64,
    by: &Principal,
    request_id: Option<&str>,
) -> Result<()> {
    let mut tx = db.begin().await?;
    let done =
        sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
            .bind(id)
            .bind(millis(now))
            .execute(&mut *tx)
            .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound(format!("active token {id}")));
    }
    audit::append(
        &mut tx,
        db,
        now,
        &Event {
            actor: &by.actor(),
            action: "token.revoked",
            subject: &format!("token:{id}"),
            request_id,
            detail: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The machine client behind a bearer token, if it is known and not revoked.
pub async fn principal(db: &Db, token: &str) -> Result<Option<Principal>> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let row = sqlx::query(
        "SELECT id, name, role FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(token_hash(token))
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        let role: String = r.try_get("role")?;
        Ok(Principal {
            kind: PrincipalKind::Token,
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            role: role.parse().map_err(Error::Internal)?,
            team: None,
            languages: Vec::new(),
            must_change_password: false,
            interface_language: None,
        })
    })
    .transpose()
}
