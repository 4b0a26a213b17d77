//! Slowing and then locking repeated failed logins, per account and per client address.
//!
//! Counters live in the database so every app node sees the same ones. Failures are counted
//! within a window; from `slow_after_failures` on, each failed answer is delayed (doubling,
//! capped); at the maximum the key is locked for `lock_minutes` and every attempt gets 429,
//! whether or not the password is right. Keys are the typed email, not the account id, so an
//! unknown email is throttled exactly like a known one and nothing reveals which exists.

use std::time::Duration;

use sqlx::Row;

use crate::config::AuthConfig;
use crate::db::{millis, Db};
use crate::error::{Error, Result};

/// The throttle key for an account.
pub fn account_key(email: &str) -> String {
    format!("account:{email}")
}

/// The throttle key for a client address.
pub fn address_key(ip: std::net::IpAddr) -> String {
    format!("address:{ip}")
}

/// Refuses with 429 while any of `keys` is locked.
pub async fn check(db: &Db, keys: &[&str], now: chrono::DateTime<chrono::Utc>) -> Result<()> {
    for key in keys {
        let row = sqlx::query("SELECT locked_until FROM login_throttle WHERE key = $1")
            .bind(*key)
            .fetch_optional(db.pool())
            .await?;
        if let Some(row) = row {
            let until: i64 = row.try_get("locked_until")?;
            let left = until - millis(now);
            if left > 0 {
                return Err(Error::TooManyAttempts {
                    retry_after_secs: (left as u64).div_ceil(1000),
                });
            }
        }
    }
    Ok(())
}

/// What a failure led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Answer after this delay.
    Delay(Duration),
    /// The key is now locked.
    Locked { retry_after_secs: u64 },
}

/// Counts one failure for `key`, whose limit is `max`.
pub async fn fail(
    db: &Db,
    cfg: &AuthConfig,
    key: &str,
    max: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Verdict> {
    let now_ms = millis(now);
    let window_start = now_ms - cfg.failure_window_minutes * 60_000;
    let mut tx = db.begin().await?;
    let row = sqlx::query(
        "INSERT INTO login_throttle (key, failures, first_at, locked_until) VALUES ($1, 1, $2, 0) \
         ON CONFLICT (key) DO UPDATE SET \
           failures = CASE WHEN login_throttle.first_at < $3 THEN 1 ELSE login_throttle.failures + 1 END, \
           first_at = CASE WHEN login_throttle.first_at < $3 THEN $2 ELSE login_throttle.first_at END \
         RETURNING failures",
    )
    .bind(key)
    .bind(now_ms)
    .bind(window_start)
    .fetch_one(&mut *tx)
    .await?;
    let failures: i64 = row.try_get("failures")?;
    let verdict = if failures >= max {
        let until = now_ms + cfg.lock_minutes * 60_000;
        // The count starts again after the lock, so the owner gets a fresh set of tries.
        sqlx::query("UPDATE login_throttle SET locked_until = $2, failures = 0, first_at = $3 WHERE key = $1")
            .bind(key)
            .bind(until)
            .bind(now_ms)
            .execute(&mut *tx)
            .await?;
        Verdict::Locked {
            retry_after_secs: (cfg.lock_minutes * 60) as u64,
        }
    } else if failures >= cfg.slow_after_failures {
        let steps = (failures - cfg.slow_after_failures).min(4) as u32;
        Verdict::Delay(Duration::from_millis(250 * 2u64.pow(steps)))
    } else {
        Verdict::Delay(Duration::ZERO)
    };
    tx.commit().await?;
    Ok(verdict)
}

/// Forgets the failures of `key` (after a successful login).
pub async fn clear(db: &Db, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE key = $1")
        .bind(key)
        .execute(db.writer())
        .await?;
    Ok(())
}
