//! What a supervisor can do to one order: hand it to a given agent, cancel it, or move it up
//! the queue. Each writes an audit event in the same transaction.

use kernel::audit::{self, Event};
use kernel::auth::Principal;
use kernel::db::millis;
use kernel::Kernel;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::error::{CampaignError, Result};

/// The most an order can be raised at once: a week (more says nothing a week does not).
const MAX_RAISE_MINUTES: i64 = 7 * 24 * 60;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum OrderAction {
    /// Give the order to this agent: taken from its holder if leased, else kept for the agent
    /// for an hour.
    Reassign { agent_id: i64 },
    /// Take the order out of the queue (not if already done).
    Cancel,
    /// Rank the order as if its deadline were this many minutes earlier.
    Raise { minutes: i64 },
}

pub async fn apply(k: &Kernel, by: &Principal, order_id: i64, action: &OrderAction) -> Result<()> {
    let now = k.now();
    let at = millis(now);
    let mut tx = k.db.begin().await?;
    let done = match action {
        OrderAction::Reassign { agent_id } => {
            kernel::auth::users::active(&k.db, *agent_id)
                .await?
                .filter(|u| u.role == kernel::auth::Role::Agent)
                // A team's supervisor hands orders to their own team's agents only.
                .filter(|u| by.team.is_none() || u.team == by.team)
                .ok_or_else(|| CampaignError::Invalid {
                    field: "agent_id",
                    message: "no active agent of your team has this id".into(),
                })?;
            sqlx::query("UPDATE order_claims SET ended_at = $2, end_reason = 'reassigned' WHERE order_id = $1 AND ended_at IS NULL").bind(order_id).bind(at).execute(&mut *tx).await?;
            let n = sqlx::query(
                "UPDATE call_orders SET state = 'open', agent_id = NULL, lease_until = NULL, due_at = $3, preferred_agent_id = $2, preferred_until = $4, updated_at = $3 \
                 WHERE id = $1 AND state IN ('open', 'leased')",
            )
            .bind(order_id)
            .bind(agent_id)
            .bind(at)
            .bind(at + 3_600_000)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            (
                n,
                "order.reassigned",
                serde_json::json!({ "agent_id": agent_id }),
            )
        }
        OrderAction::Cancel => {
            sqlx::query("UPDATE order_claims SET ended_at = $2, end_reason = 'cancelled' WHERE order_id = $1 AND ended_at IS NULL").bind(order_id).bind(at).execute(&mut *tx).await?;
            let n = sqlx::query("UPDATE call_orders SET state = 'cancelled', agent_id = NULL, lease_until = NULL, updated_at = $2 WHERE id = $1 AND state IN ('open', 'leased')")
                .bind(order_id)
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            (n, "order.cancelled", serde_json::json!({}))
        }
        OrderAction::Raise { minutes } => {
            if !(1..=MAX_RAISE_MINUTES).contains(minutes) {
                return Err(CampaignError::Invalid {
                    field: "minutes",
                    message: format!("raise by 1 to {MAX_RAISE_MINUTES} minutes"),
                });
            }
            let n = sqlx::query("UPDATE call_orders SET rank_at = rank_at - $2, updated_at = $3 WHERE id = $1 AND state IN ('open', 'leased')")
                .bind(order_id)
                .bind(minutes * 60_000)
                .bind(at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            (n, "order.raised", serde_json::json!({ "minutes": minutes }))
        }
    };
    let (n, what, detail) = done;
    if n == 0 {
        return Err(CampaignError::Conflict(format!(
            "order {order_id} does not exist or is already finished"
        )));
    }
    audit::append(
        &mut tx,
        &k.db,
        now,
        &Event {
            actor: &by.actor(),
            action: what,
            subject: &format!("order:{order_id}"),
            request_id: None,
            detail,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
