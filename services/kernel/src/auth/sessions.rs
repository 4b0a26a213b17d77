//! Server-side sessions: the cookie holds a random token, the database holds only its SHA-256,
//! so a leaked database does not hand out sessions and deleting a row revokes one at once.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::users::split_languages;
use super::{Principal, PrincipalKind};
use crate::db::{millis, Db, Tx};
use crate::error::{Error, Result};

pub const COOKIE: &str = "tracecall_session";

/// A new random token (256 bits, URL-safe).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores instead of a token. Tokens are 256 random bits, so a plain hash
/// is enough: there is nothing to guess that a slow hash would protect.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Opens a session for `user_id` and returns the token for the cookie.
pub async fn create(
    tx: &mut Tx,
    user_id: i64,
    now: chrono::DateTime<chrono::Utc>,
    hours: i64,
) -> Result<String> {
    let token = new_token();
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash(&token))
    .bind(user_id)
    .bind(millis(now))
    .bind(millis(now + chrono::Duration::hours(hours)))
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

/// The user behind a session token, if the session exists, has not expired and the account
/// is active.
pub async fn principal(
    db: &Db,
    token: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<Principal>> {
    let row = sqlx::query(
        "SELECT u.id, u.name, u.role, u.team, u.languages, u.ui_language, \
         CAST(CASE WHEN u.must_change_password THEN 1 ELSE 0 END AS BIGINT) AS must_change \
         FROM sessions s \
         JOIN users u ON u.id = s.user_id \
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.active = TRUE",
    )
    .bind(token_hash(token))
    .bind(millis(now))
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        let role: String = r.try_get("role")?;
        let languages: String = r.try_get("languages")?;
        Ok(Principal {
            kind: PrincipalKind::User,
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            role: role.parse().map_err(Error::Internal)?,
            team: r.try_get("team")?,
            languages: split_languages(&languages),
            must_change_password: r.try_get::<i64, _>("must_change")? == 1,
            interface_language: r.try_get("ui_language")?,
        })
    })
    .transpose()
}

/// Ends a session.
pub async fn delete(tx: &mut Tx, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(token_hash(token))
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The stored form of the session cookie a request carries, if any: how a live connection
/// remembers the session it was opened with.
pub fn hash_of_request(headers: &axum::http::HeaderMap) -> Option<String> {
    axum_extra::extract::cookie::CookieJar::from_headers(headers)
        .get(COOKIE)
        .map(|c| token_hash(c.value()))
}

/// Which of the sessions `hashes` are still live, on an active account: the console closes
/// the connections opened with the others (logged out, expired, revoked, deactivated).
pub async fn live(
    db: &Db,
    hashes: &[String],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<std::collections::HashSet<String>> {
    let mut alive = std::collections::HashSet::new();
    for chunk in hashes.chunks(500) {
        let sql = format!(
            "SELECT s.id_hash FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE u.active = TRUE AND s.expires_at > $1 AND s.id_hash IN ({})",
            crate::db::placeholders(2, chunk.len())
        );
        let mut q = sqlx::query_scalar::<_, String>(&sql).bind(millis(now));
        for h in chunk {
            q = q.bind(h);
        }
        alive.extend(q.fetch_all(db.pool()).await?);
    }
    Ok(alive)
}

/// Removes expired sessions (run periodically).
pub async fn purge_expired(db: &Db, now: chrono::DateTime<chrono::Utc>) -> Result<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(millis(now))
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected())
}
