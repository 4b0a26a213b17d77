//! The console's part of erasing a person (see `kernel::erasure`): run in the erasing
//! transaction, after the person's key was destroyed.
//!
//! - Telephony events of calls from their number keep the caller sealed under the
//!   deployment's key (the caller is not known to be anyone when the event arrives), so the
//!   number is cleared from them.
//! - Answers and submissions sealed before per-person keys (format version 1, under the
//!   deployment's key) would still open: they are deleted. Those sealed under the person's key
//!   stay, unreadable by anyone.
//!
//! Supervisors' messages to agents are free text between staff and name no person in the
//! data model, so they are not touched here.

use std::sync::Arc;

use futures::future::BoxFuture;
use kernel::db::{placeholders, Backend};
use kernel::erasure::Erased;
use sqlx::AnyConnection;

/// Registered as the console's erasure hook.
pub fn hook(
    conn: &mut AnyConnection,
    erased: Arc<Erased>,
    backend: Backend,
) -> BoxFuture<'_, kernel::Result<u64>> {
    Box::pin(async move { clear(conn, &erased, backend).await })
}

/// SQL testing that a sealed column holds format version 1 (the deployment key's).
fn version_one(column: &str, backend: Backend) -> String {
    match backend {
        Backend::Postgres => format!("get_byte({column}, 0) = 1"),
        Backend::Sqlite => format!("substr({column}, 1, 1) = X'01'"),
    }
}

async fn clear(conn: &mut AnyConnection, e: &Erased, backend: Backend) -> kernel::Result<u64> {
    let mut changed = 0;
    for token in &e.phone_tokens {
        changed += sqlx::query(
            "UPDATE telephony_events SET caller = NULL, caller_token = NULL WHERE caller_token = $1",
        )
        .bind(token)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    for chunk in e.case_ids.chunks(500) {
        let cases = placeholders(1, chunk.len());
        let sql = format!(
            "DELETE FROM call_answers WHERE call_id IN (SELECT id FROM calls WHERE case_id IN ({cases})) AND {}",
            version_one("value", backend)
        );
        let mut q = sqlx::query(&sql);
        for c in chunk {
            q = q.bind(c);
        }
        changed += q.execute(&mut *conn).await?.rows_affected();
        let sql = format!(
            "UPDATE calls SET submission = NULL WHERE case_id IN ({cases}) AND submission IS NOT NULL AND {}",
            version_one("submission", backend)
        );
        let mut q = sqlx::query(&sql);
        for c in chunk {
            q = q.bind(c);
        }
        changed += q.execute(&mut *conn).await?.rows_affected();
    }
    Ok(changed)
}
