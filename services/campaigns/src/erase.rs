//! The campaigns' part of erasing a person (see `kernel::erasure`): their call orders that
//! are still open or leased are cancelled in the erasing transaction, so no agent is handed a
//! person whose data no longer decrypts.

use std::sync::Arc;

use futures::future::BoxFuture;
use kernel::db::{placeholders, Backend};
use kernel::erasure::Erased;
use sqlx::AnyConnection;

use crate::states::OrderState;

/// Registered as the campaigns' erasure hook.
pub fn hook(
    conn: &mut AnyConnection,
    erased: Arc<Erased>,
    _backend: Backend,
) -> BoxFuture<'_, kernel::Result<u64>> {
    Box::pin(async move { cancel(conn, &erased).await })
}

async fn cancel(conn: &mut AnyConnection, e: &Erased) -> kernel::Result<u64> {
    let mut changed = 0;
    for chunk in e.case_ids.chunks(500) {
        let sql = format!(
            "UPDATE call_orders SET state = $1, agent_id = NULL, lease_until = NULL, \
             preferred_agent_id = NULL, preferred_until = NULL, updated_at = $2 \
             WHERE state IN ($3, $4) AND case_id IN ({})",
            placeholders(5, chunk.len())
        );
        let mut q = sqlx::query(&sql)
            .bind(OrderState::Cancelled.as_str())
            .bind(e.at)
            .bind(OrderState::Open.as_str())
            .bind(OrderState::Leased.as_str());
        for c in chunk {
            q = q.bind(c);
        }
        changed += q.execute(&mut *conn).await?.rows_affected();
    }
    Ok(changed)
}
