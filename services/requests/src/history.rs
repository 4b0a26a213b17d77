//! A request's status and its history. Every change goes through [`change`]: the row's
//! status, when it was resolved, how often it was opened again (reports' reopen rate), and a
//! history row saying who moved it from what to what and when.

use kernel::db::{millis, Backend, Tx};
use kernel::Kernel;

use crate::error::{RequestsError, Result};
use crate::store::Status;

/// Whether `to` reopens a request that was `from`.
fn reopens(from: Status, to: Status) -> bool {
    matches!(from, Status::Resolved | Status::Closed)
        && matches!(to, Status::New | Status::Open | Status::Waiting)
}

/// Moves request `id` to `to` in `tx` by `actor`; returns the status it had (nothing is
/// written when it already was `to`).
pub async fn change(k: &Kernel, tx: &mut Tx, id: &str, to: Status, actor: &str) -> Result<Status> {
    let lock = match k.db.backend() {
        Backend::Postgres => " FOR UPDATE",
        Backend::Sqlite => "",
    };
    let from: String =
        sqlx::query_scalar(&format!("SELECT status FROM requests WHERE id = $1{lock}"))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(|| RequestsError::NotFound(format!("request {id}")))?;
    let from: Status = from.parse()?;
    if from == to {
        return Ok(from);
    }
    let now = millis(k.now());
    sqlx::query(
        "UPDATE requests SET status = $1, updated_at = $2, \
           resolved_at = CASE WHEN $1 = 'resolved' THEN $2 WHEN $1 IN ('new', 'open', 'waiting') THEN NULL ELSE resolved_at END, \
           reopened = reopened + $3 \
         WHERE id = $4",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(i64::from(reopens(from, to)))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO request_status_history (id, request_id, at, actor, from_status, to_status) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(crate::store::new_id())
    .bind(id)
    .bind(now)
    .bind(actor)
    .bind(from.as_str())
    .bind(to.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(from)
}

/// The history's first rows, for requests just filed together.
pub async fn start_many(k: &Kernel, tx: &mut Tx, ids: &[&str], actor: &str) -> Result<()> {
    for chunk in ids.chunks(48) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                format!(
                    "({}, NULL, $1, $2, $3)",
                    kernel::db::placeholders(4 + i * 2, 2)
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO request_status_history (id, request_id, from_status, at, actor, to_status) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql)
            .bind(millis(k.now()))
            .bind(actor)
            .bind(Status::New.as_str());
        for id in chunk {
            q = q.bind(crate::store::new_id()).bind(*id);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The history's first row, for a request just filed.
pub async fn start(k: &Kernel, tx: &mut Tx, id: &str, actor: &str) -> Result<()> {
    start_many(k, tx, &[id], actor).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_finished_request_is_reopened() {
        assert!(reopens(Status::Resolved, Status::Open));
        assert!(reopens(Status::Closed, Status::Waiting));
        assert!(!reopens(Status::Waiting, Status::Open));
        assert!(!reopens(Status::Resolved, Status::Closed));
    }
}
