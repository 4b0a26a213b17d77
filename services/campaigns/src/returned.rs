//! A citizen returning a missed call: the order that tried to reach them is still waiting in
//! its campaign (a no-answer, a voicemail, a callback not yet due), so the agent who takes
//! the inbound call can complete the interview on that very order, with its campaign's
//! script, instead of offering yet another callback. The order is leased to the agent as a
//! claim would (exclusive, with its claim history), only from the waiting state.

use kernel::auth::Principal;
use kernel::db::millis;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::ToSchema;

use crate::dispatch::{lock_agent, order, record_claim, Order, ORDER_COLUMNS};
use crate::error::{CampaignError, Result};
use crate::model::unwrap_list;

/// An order of a running campaign waiting to reach the case's citizen.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WaitingOrder {
    pub order_id: i64,
    pub campaign_id: String,
    pub campaign_name: String,
    pub script_id: String,
    /// Attempts made so far.
    pub attempts: i64,
}

/// The orders of running campaigns of `agent`'s team waiting for case `case_id`.
pub async fn waiting_for_case(
    k: &Kernel,
    agent: &Principal,
    case_id: &str,
) -> Result<Vec<WaitingOrder>> {
    let rows = sqlx::query(
        "SELECT o.id, o.campaign_id, o.attempts, c.name, c.script_id, c.teams FROM call_orders o \
         JOIN campaigns c ON c.id = o.campaign_id \
         WHERE o.case_id = $1 AND o.state = 'open' AND c.status = 'running' ORDER BY o.id",
    )
    .bind(case_id)
    .fetch_all(k.db.pool())
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let teams = unwrap_list(&r.try_get::<String, _>("teams")?);
        // The same rule as claims: a campaign of the agent's team, or of every team.
        let ours = teams.is_empty()
            || agent
                .team
                .as_ref()
                .is_some_and(|t| teams.iter().any(|x| x == t));
        if ours {
            out.push(WaitingOrder {
                order_id: r.try_get("id")?,
                campaign_id: r.try_get("campaign_id")?,
                campaign_name: r.try_get("name")?,
                script_id: r.try_get("script_id")?,
                attempts: r.try_get("attempts")?,
            });
        }
    }
    Ok(out)
}

/// Leases waiting order `order_id` of case `case_id` to `agent`, who is on the phone with
/// its citizen; refused when the agent holds another order or the order is no longer
/// waiting (taken by someone, done, cancelled).
pub async fn take_for_caller(
    k: &Kernel,
    agent: &Principal,
    order_id: i64,
    case_id: &str,
) -> Result<Order> {
    let waiting = waiting_for_case(k, agent, case_id)
        .await?
        .into_iter()
        .find(|w| w.order_id == order_id)
        .ok_or_else(|| {
            CampaignError::Conflict(format!(
                "order {order_id} is not waiting for this citizen any more"
            ))
        })?;
    let campaign = crate::store::get(k, &waiting.campaign_id).await?;
    let release = match campaign.release_id {
        Some(id) => Some(id),
        None => scripting::store::latest(&k.db, &campaign.script_id)
            .await?
            .map(|r| r.id),
    };
    let lease = campaign.policy.lease_seconds.saturating_mul(1000);
    let now = millis(k.now());
    let mut tx = k.db.begin().await?;
    lock_agent(k, &mut tx, agent.id).await?;
    let held: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM call_orders WHERE agent_id = $1 AND state = 'leased' AND lease_until >= $2 LIMIT 1",
    )
    .bind(agent.id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(other) = held.filter(|h| *h != order_id) {
        return Err(CampaignError::Conflict(format!(
            "you hold order {other}: finish or give it back first"
        )));
    }
    let row = sqlx::query(&format!(
        "UPDATE call_orders SET state = 'leased', agent_id = $1, updated_at = $2, lease_until = $2 + $5, \
           release_id = COALESCE(release_id, $4) \
         WHERE id = $3 AND state = 'open' RETURNING {ORDER_COLUMNS}"
    ))
    .bind(agent.id)
    .bind(now)
    .bind(order_id)
    .bind(release)
    .bind(lease)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        CampaignError::Conflict(format!("order {order_id} was taken meanwhile"))
    })?;
    let taken = order(&row)?;
    record_claim(&mut tx, order_id, agent.id, now).await?;
    tx.commit().await?;
    k.metrics.business.claims.inc();
    Ok(taken)
}
