//! Agents' states (offline, ready, paused with a reason, in a call, in after-call work) and
//! since when, kept in
//! the database so that every node's dashboard sees every agent, and a console that reconnects
//! to another node finds the agent as they were.

use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;

use crate::error::Result;
use crate::replies::AgentRow;

kernel::text_enum! {
    /// Whether an agent can be offered work.
    pub enum AgentStatus {
        Offline = "offline",
        Ready = "ready",
        Paused = "paused",
        InCall = "in_call",
        /// After-call work: the call has ended and the agent finishes it (notes, the
        /// paperwork) before the next offer, for at most the configured time.
        WrapUp = "wrap_up",
    }
}

kernel::text_enum! {
    /// Why an agent pauses.
    pub enum PauseReason {
        Break = "break",
        Meal = "meal",
        Training = "training",
        Briefing = "briefing",
        Technical = "technical",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgentState {
    pub status: AgentStatus,
    pub reason: Option<PauseReason>,
    pub since: i64,
}

/// The stored pause reason of a row, read back as its enum (unknown text fails loudly).
fn reason(r: &sqlx::any::AnyRow) -> Result<Option<PauseReason>> {
    Ok(r.try_get::<Option<String>, _>("reason")?
        .map(|r| r.parse())
        .transpose()?)
}

/// The state of `user_id` (offline when never seen).
pub async fn get(k: &Kernel, user_id: i64) -> Result<AgentState> {
    let row = sqlx::query("SELECT status, reason, since FROM agent_states WHERE user_id = $1")
        .bind(user_id)
        .fetch_optional(k.db.pool())
        .await?;
    Ok(match row {
        Some(r) => AgentState {
            status: r.try_get::<String, _>("status")?.parse()?,
            reason: reason(&r)?,
            since: r.try_get("since")?,
        },
        None => AgentState {
            status: AgentStatus::Offline,
            reason: None,
            since: kernel::db::millis(k.now()),
        },
    })
}

/// The agents in `status` since `began_by` or earlier.
pub async fn in_since(k: &Kernel, status: AgentStatus, began_by: i64) -> Result<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT user_id FROM agent_states WHERE status = $1 AND since <= $2")
            .bind(status.as_str())
            .bind(began_by)
            .fetch_all(k.db.pool())
            .await?,
    )
}

/// Sets the state; `since` moves only when the status or reason changes. Returns whether it
/// changed.
pub async fn set(
    k: &Kernel,
    user_id: i64,
    status: AgentStatus,
    reason: Option<PauseReason>,
) -> Result<bool> {
    change(k, user_id, status, reason, None).await
}

/// Sets the state to `status` only if it is still `from` and began no later than
/// `began_by` (the end of an after-call work that ran out, which must not undo a pause or a
/// call another node started meanwhile). Returns whether it changed.
pub async fn set_if(
    k: &Kernel,
    user_id: i64,
    from: AgentStatus,
    began_by: i64,
    status: AgentStatus,
) -> Result<bool> {
    change(k, user_id, status, None, Some((from, began_by))).await
}

async fn change(
    k: &Kernel,
    user_id: i64,
    status: AgentStatus,
    reason: Option<PauseReason>,
    only_from: Option<(AgentStatus, i64)>,
) -> Result<bool> {
    let now = kernel::db::millis(k.now());
    let mut tx = k.db.begin().await?;
    let changed = match only_from {
        None => sqlx::query(
            "INSERT INTO agent_states (user_id, status, reason, since, updated_at) VALUES ($1, $2, $3, $4, $4) \
             ON CONFLICT (user_id) DO UPDATE SET status = excluded.status, reason = excluded.reason, \
               since = excluded.since, updated_at = excluded.updated_at \
             WHERE agent_states.status <> excluded.status \
                OR COALESCE(agent_states.reason, '') <> COALESCE(excluded.reason, '')",
        )
        .bind(user_id)
        .bind(status.as_str())
        .bind(reason.map(PauseReason::as_str))
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected(),
        Some((from, began_by)) => sqlx::query(
            "UPDATE agent_states SET status = $2, reason = NULL, since = $3, updated_at = $3 \
             WHERE user_id = $1 AND status = $4 AND since <= $5",
        )
        .bind(user_id)
        .bind(status.as_str())
        .bind(now)
        .bind(from.as_str())
        .bind(began_by)
        .execute(&mut *tx)
        .await?
        .rows_affected(),
    };
    if changed > 0 {
        // The history the figures read: the state that ends, and the one that begins.
        sqlx::query(
            "UPDATE agent_state_log SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL",
        )
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO agent_state_log (user_id, status, reason, started_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(status.as_str())
        .bind(reason.map(PauseReason::as_str))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(changed > 0)
}

/// Every active agent with a state, with name and team, for the dashboard. The accounts are
/// read through the kernel (which owns them) and matched here.
pub async fn all(k: &Kernel) -> Result<Vec<AgentRow>> {
    let rows = sqlx::query("SELECT user_id, status, reason, since FROM agent_states")
        .fetch_all(k.db.pool())
        .await?;
    let mut states = std::collections::HashMap::new();
    for r in &rows {
        states.insert(r.try_get::<i64, _>("user_id")?, r);
    }
    let mut out = Vec::new();
    for agent in kernel::auth::users::active_agents(&k.db).await? {
        let Some(r) = states.get(&agent.id) else {
            continue;
        };
        out.push(AgentRow {
            id: agent.id,
            name: agent.name,
            team: agent.team,
            status: r.try_get::<String, _>("status")?.parse()?,
            reason: reason(r)?,
            since: r.try_get("since")?,
            idle_with_work: false,
        });
    }
    Ok(out)
}
