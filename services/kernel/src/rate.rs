//! Fixed-window counters in the database, shared by every node: one atomic upsert counts a
//! hit and answers how many the window holds, so a burst of any concurrency is counted
//! exactly (no read-then-write race). Used to rate-limit searches and to count login
//! attempts before the password is checked.

use crate::db::{millis, Db};
use crate::error::Result;

/// Counts one hit on `key` in the window of `window_secs` that `now` falls in; returns the
/// number of hits in that window, this one included.
pub async fn hit(
    db: &Db,
    key: &str,
    window_secs: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64> {
    let window_ms = window_secs.max(1).saturating_mul(1000);
    let start = millis(now).div_euclid(window_ms) * window_ms;
    let count: i64 = sqlx::query_scalar(
        "INSERT INTO rate_counters (key, window_start, count) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
           count = CASE WHEN rate_counters.window_start < $2 THEN 1 ELSE rate_counters.count + 1 END, \
           window_start = CASE WHEN rate_counters.window_start < $2 THEN $2 ELSE rate_counters.window_start END \
         RETURNING count",
    )
    .bind(key)
    .bind(start)
    .fetch_one(db.writer())
    .await?;
    Ok(count)
}

/// Seconds until the window of `window_secs` that `now` falls in ends.
pub fn retry_after(window_secs: i64, now: chrono::DateTime<chrono::Utc>) -> u64 {
    let window_ms = window_secs.max(1).saturating_mul(1000);
    let left = window_ms - millis(now).rem_euclid(window_ms);
    u64::try_from(left).unwrap_or(0).div_ceil(1000)
}

/// Forgets `key` (e.g. after a successful login).
pub async fn clear(db: &Db, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM rate_counters WHERE key = $1")
        .bind(key)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Takes back one hit of `key` (an attempt that turned out legitimate).
pub async fn undo(db: &Db, key: &str) -> Result<()> {
    sqlx::query("UPDATE rate_counters SET count = count - 1 WHERE key = $1 AND count > 0")
        .bind(key)
        .execute(db.writer())
        .await?;
    Ok(())
}

/// Forgets counters whose window started before `before`.
pub async fn purge_before(db: &Db, before: chrono::DateTime<chrono::Utc>) -> Result<u64> {
    let done = sqlx::query("DELETE FROM rate_counters WHERE window_start < $1")
        .bind(millis(before))
        .execute(db.writer())
        .await?;
    Ok(done.rows_affected())
}
