//! Requests' part of erasing a person (see `kernel::erasure`), run in the erasing
//! transaction: the requests linked to their cases lose their key (everything sealed under
//! it — who asked, what they wrote, their files, their rating's comment — no longer opens),
//! their requester tokens and their one-time links. The rows stay, in clear only what
//! reports count (topic, team, times, status), so the figures still add up.

use std::sync::Arc;

use futures::future::BoxFuture;
use kernel::db::{placeholders, Backend};
use kernel::erasure::Erased;
use sqlx::AnyConnection;

/// Registered as the requests' erasure hook.
pub fn hook(
    conn: &mut AnyConnection,
    erased: Arc<Erased>,
    _backend: Backend,
) -> BoxFuture<'_, kernel::Result<u64>> {
    Box::pin(async move { clear(conn, &erased).await })
}

async fn clear(conn: &mut AnyConnection, e: &Erased) -> kernel::Result<u64> {
    let mut changed = 0;
    for chunk in e.case_ids.chunks(500) {
        let cases = placeholders(1, chunk.len());
        let mine = format!("SELECT id FROM requests WHERE case_id IN ({cases})");
        for sql in [
            format!("DELETE FROM request_tokens WHERE request_id IN ({mine})"),
            format!("DELETE FROM request_links WHERE request_id IN ({mine})"),
            format!("UPDATE requests SET data_key = NULL, rating_comment = NULL WHERE case_id IN ({cases})"),
        ] {
            let mut q = sqlx::query(&sql);
            for c in chunk {
                q = q.bind(c);
            }
            changed += q.execute(&mut *conn).await?.rows_affected();
        }
    }
    Ok(changed)
}
