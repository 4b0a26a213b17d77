//! Dispatch: claiming the best eligible order with a lease, heartbeats and releases (what an
//! attempt then does to its order is in `outcomes`).
//!
//! A claim is one statement that picks and leases the best order for the agent: on PostgreSQL
//! with `FOR UPDATE SKIP LOCKED` (concurrent claimers skip each other's rows instead of
//! waiting), on SQLite as a single `UPDATE ... WHERE id = (SELECT ...)`, which the single
//! writer serialises. "Best" is the earliest `rank_at` (the deadline moved earlier by urgency),
//! then the earliest due time. Only orders in a language the agent speaks, of running
//! campaigns open to the agent's team, are eligible; a callback is kept for its agent until
//! its hold passes; campaigns whose required courses the agent has not passed are skipped
//! (see `gating`). An expired lease puts the order back without counting an attempt. Every
//! claim is recorded in `order_claims`, so a checker can prove no order was held twice.
//! Claimers asking at the same moment are served together, in one transaction
//! (`claim_batch`); an agent in a special position (an order held, a callback kept) is
//! served by [`claim_one`], the one-agent claim described here.
//!
//! # Queue health
//!
//! The claim reads one index, `call_orders_claim`: partial (only `open` and `leased` orders),
//! keyed by campaign, then rank, due time and id. For each eligible campaign the claim probes
//! the index for its first claimable order and takes the best of those, so its cost does not
//! grow with the orders already done (they leave the index), with the orders of paused
//! campaigns or other teams (other index ranges), or with the campaign's age. A long
//! transaction elsewhere (an export) keeps old row versions alive, which PostgreSQL's index
//! probes step over; the exports' queries are single short statements per day (see the
//! exporter) so that this stays a handful of versions. Statements are planned with their
//! values (`plan_cache_mode = force_custom_plan`, set in the claim's transaction by
//! `claim_batch`), because a generic plan would sort the whole queue. Benchmark B2 measures
//! the claim under a shift-start rush.

use kernel::auth::Principal;
use kernel::db::{millis, Backend, Tx};
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::{CampaignError, Result};
use crate::gating;
use crate::model::Policy;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Order {
    pub id: i64,
    pub campaign_id: String,
    pub case_id: String,
    pub language: String,
    pub due_at: i64,
    pub deadline_at: Option<i64>,
    pub attempts: i64,
    pub release_id: Option<i64>,
    pub lease_until: Option<i64>,
}

pub(crate) const ORDER_COLUMNS: &str =
    "id, campaign_id, case_id, language, due_at, deadline_at, attempts, release_id, lease_until";

pub(crate) fn order(r: &sqlx::any::AnyRow) -> Result<Order> {
    Ok(Order {
        id: r.try_get("id")?,
        campaign_id: r.try_get("campaign_id")?,
        case_id: r.try_get("case_id")?,
        language: r.try_get("language")?,
        due_at: r.try_get("due_at")?,
        deadline_at: r.try_get("deadline_at")?,
        attempts: r.try_get("attempts")?,
        release_id: r.try_get("release_id")?,
        lease_until: r.try_get("lease_until")?,
    })
}

async fn policy_of(tx: &mut Tx, campaign_id: &str) -> Result<Policy> {
    let row = sqlx::query("SELECT policy FROM campaigns WHERE id = $1")
        .bind(campaign_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(kernel::db::json_column(&row, "policy")?)
}

/// The claim statement for `backend`, for an agent speaking `languages` languages, over
/// `campaigns` eligible campaigns: per campaign the first claimable order by (rank, due
/// time, id), read from the claim index and locked with `SKIP LOCKED` on PostgreSQL; then the
/// best of them is leased for its campaign's lease length and pinned to the release its
/// campaign uses (unless it already has one). Parameters: `$1` agent, `$2` now, then the
/// languages, then per campaign its id, its lease in milliseconds and its release. Public so
/// that benchmark B2 can run the very same statement bare through pgbench.
pub fn claim_sql(backend: Backend, languages: usize, campaigns: usize) -> String {
    let list = kernel::db::placeholders(3, languages);
    let first = 3 + languages;
    let campaign = |i: usize| format!("${}", first + i);
    let lease = |i: usize| format!("${}", first + campaigns + i);
    let release = |i: usize| format!("${}", first + 2 * campaigns + i);
    let lock = backend.skip_locked();
    let branches: Vec<String> = (0..campaigns)
        .map(|i| {
            format!(
                "SELECT * FROM (SELECT o.id, o.rank_at, o.due_at FROM call_orders o \
                 WHERE o.campaign_id = {} AND o.state IN ('open', 'leased') AND (o.state = 'open' OR o.lease_until < $2) \
                   AND o.due_at <= $2 AND (o.preferred_agent_id IS NULL OR o.preferred_agent_id = $1 OR o.preferred_until < $2) \
                   AND o.language IN ({}) \
                 ORDER BY o.rank_at, o.due_at, o.id LIMIT 1{lock}) b{i}",
                campaign(i),
                list
            )
        })
        .collect();
    let per = |value: &dyn Fn(usize) -> String| when_campaign(campaigns, &campaign, value);
    format!(
        "UPDATE call_orders SET state = 'leased', agent_id = $1, updated_at = $2, \
           lease_until = $2 + CASE campaign_id {} END, \
           release_id = COALESCE(release_id, CASE campaign_id {} END) \
         WHERE id = (SELECT id FROM ({}) best ORDER BY rank_at, due_at, id LIMIT 1) \
         RETURNING {ORDER_COLUMNS}",
        per(&lease),
        per(&release),
        branches.join(" UNION ALL ")
    )
}

/// `WHEN <campaign i> THEN <value i> ...` for a `CASE campaign_id` over `campaigns`
/// campaigns: each campaign's lease and release in a claim statement.
pub(crate) fn when_campaign(
    campaigns: usize,
    campaign: &dyn Fn(usize) -> String,
    value: &dyn Fn(usize) -> String,
) -> String {
    (0..campaigns)
        .map(|i| format!("WHEN {} THEN {}", campaign(i), value(i)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Advisory lock keys of agents (the key is this plus the agent's id), apart from any other
/// advisory lock.
const AGENT_LOCKS: i64 = 1 << 40;

/// Two requests of one agent at once (two tabs, two nodes) must not take two orders: on
/// PostgreSQL they queue on a lock of the agent, held until `tx` ends; on SQLite the single
/// writer does that.
pub(crate) async fn lock_agent(k: &Kernel, tx: &mut Tx, agent_id: i64) -> Result<()> {
    if k.db.backend() == Backend::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock($1)")
            .bind(AGENT_LOCKS + agent_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Locks the agents `ids` (sorted, distinct) in one statement, in id order: a batch of
/// claims (`claim_batch`) on PostgreSQL. Two batches lock in the same order, so they wait
/// for each other rather than deadlock.
pub(crate) async fn lock_agents(tx: &mut Tx, ids: &[i64]) -> Result<()> {
    let values: Vec<String> = (0..ids.len())
        .map(|i| format!("(CAST(${} AS BIGINT))", i + 2))
        .collect();
    let sql = format!(
        "SELECT pg_advisory_xact_lock($1 + a) FROM (SELECT a FROM (VALUES {}) v(a) ORDER BY a) s",
        values.join(", ")
    );
    let mut q = sqlx::query(&sql).bind(AGENT_LOCKS);
    for id in ids {
        q = q.bind(*id);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// The claim history of order `order_id`, now `agent_id`'s from `at`: a previous holder
/// whose lease expired loses it then.
pub(crate) async fn record_claim(tx: &mut Tx, order_id: i64, agent_id: i64, at: i64) -> Result<()> {
    sqlx::query("UPDATE order_claims SET ended_at = $2, end_reason = 'expired' WHERE order_id = $1 AND ended_at IS NULL")
        .bind(order_id)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO order_claims (order_id, agent_id, claimed_at) VALUES ($1, $2, $3)")
        .bind(order_id)
        .bind(agent_id)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The agent's order: the one already held (lease renewed), else a new claim; `None` when no
/// order is eligible.
pub async fn next(k: &Kernel, agent: &Principal) -> Result<Option<Order>> {
    Ok(next_claim(k, agent).await?.map(|(order, _)| order))
}

/// As [`next`], saying whether the order was newly claimed (`true`) or was already the
/// agent's, its lease renewed (`false`): only a new claim may be given back by the caller.
/// On PostgreSQL the claimers asking at the same moment are served together
/// (`claim_batch`).
pub async fn next_claim(k: &Kernel, agent: &Principal) -> Result<Option<(Order, bool)>> {
    if agent.languages.is_empty() {
        return Ok(None);
    }
    crate::claim_batch::claim(k, agent).await
}

/// In `tx`, with the agent locked: the order the agent holds (its lease renewed), else a new
/// claim among `open`, recorded in the claim history.
pub(crate) async fn claim_one(
    k: &Kernel,
    tx: &mut Tx,
    agent: &Principal,
    open: &[(gating::CampaignRef, Option<i64>)],
    now: i64,
) -> Result<Option<(Order, bool)>> {
    let held = sqlx::query(&format!("SELECT {ORDER_COLUMNS} FROM call_orders WHERE agent_id = $1 AND state = 'leased' AND lease_until >= $2 LIMIT 1"))
        .bind(agent.id)
        .bind(now)
        .fetch_optional(&mut **tx)
        .await?;
    if let Some(row) = held {
        let held = order(&row)?;
        let lease = match open.iter().find(|(c, _)| c.id == held.campaign_id) {
            Some((c, _)) => c.policy.lease_seconds,
            None => policy_of(tx, &held.campaign_id).await?.lease_seconds,
        }
        .saturating_mul(1000);
        sqlx::query("UPDATE call_orders SET lease_until = $2 WHERE id = $1")
            .bind(held.id)
            .bind(now + lease)
            .execute(&mut **tx)
            .await?;
        return Ok(Some((
            Order {
                lease_until: Some(now + lease),
                ..held
            },
            false,
        )));
    }
    if open.is_empty() {
        return Ok(None);
    }
    let sql = claim_sql(k.db.backend(), agent.languages.len(), open.len());
    let mut q = sqlx::query(&sql).bind(agent.id).bind(now);
    for l in &agent.languages {
        q = q.bind(l);
    }
    for (c, _) in open {
        q = q.bind(&c.id);
    }
    for (c, _) in open {
        q = q.bind(c.policy.lease_seconds.saturating_mul(1000));
    }
    for (_, release) in open {
        q = q.bind(*release);
    }
    let Some(row) = q.fetch_optional(&mut **tx).await? else {
        return Ok(None);
    };
    let claimed = order(&row)?;
    // The claim's history is stamped now that the row is ours, not when the agent asked:
    // the clock is read after the previous holder's release was seen committed, so the
    // spans of one order's claims never seem to overlap (the drill checks them).
    let taken = millis(k.now()).max(now);
    record_claim(tx, claimed.id, agent.id, taken).await?;
    Ok(Some((claimed, true)))
}

/// Renews the lease of an order the agent holds.
pub async fn heartbeat(k: &Kernel, agent: &Principal, order_id: i64) -> Result<i64> {
    renew(k, agent, order_id)
        .await?
        .ok_or_else(|| CampaignError::Conflict(format!("you do not hold order {order_id}")))
}

/// Renews `agent`'s lease on `order_id`: the new end of the lease, or `None` when the agent
/// no longer holds the order (its lease expired and someone else took it, or it closed).
pub async fn renew(k: &Kernel, agent: &Principal, order_id: i64) -> Result<Option<i64>> {
    let now = millis(k.now());
    let mut tx = k.db.begin().await?;
    let campaign: Option<String> = sqlx::query_scalar(
        "SELECT campaign_id FROM call_orders WHERE id = $1 AND agent_id = $2 AND state = 'leased'",
    )
    .bind(order_id)
    .bind(agent.id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(campaign) = campaign else {
        return Ok(None);
    };
    let until = now.saturating_add(
        policy_of(&mut tx, &campaign)
            .await?
            .lease_seconds
            .saturating_mul(1000),
    );
    sqlx::query("UPDATE call_orders SET lease_until = $3 WHERE id = $1 AND agent_id = $2")
        .bind(order_id)
        .bind(agent.id)
        .bind(until)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(until))
}

pub use crate::outcomes::{record_outcome, record_outcome_in, Outcome, OutcomeIn, Scheduled};

/// The order `agent` holds (lease not expired), if any, without renewing it.
pub async fn held(k: &Kernel, agent: &Principal) -> Result<Option<Order>> {
    let row = sqlx::query(&format!("SELECT {ORDER_COLUMNS} FROM call_orders WHERE agent_id = $1 AND state = 'leased' AND lease_until >= $2 LIMIT 1"))
        .bind(agent.id)
        .bind(millis(k.now()))
        .fetch_optional(k.db.pool())
        .await?;
    row.as_ref().map(order).transpose()
}

/// Gives back an order the agent holds but has not started (the agent paused): it returns
/// to the queue at once, without counting an attempt.
pub async fn release(k: &Kernel, agent: &Principal, order_id: i64) -> Result<()> {
    release_lease(k, agent, order_id, None).await
}

/// As [`release`]; with `lease_until`, only while the lease is still that one (a claim
/// nobody waited for is given back, unless the agent's lease was renewed since by a request
/// that is still waiting).
pub(crate) async fn release_lease(
    k: &Kernel,
    agent: &Principal,
    order_id: i64,
    lease_until: Option<i64>,
) -> Result<()> {
    let now = millis(k.now());
    let mut tx = k.db.begin().await?;
    let n = sqlx::query(
        "UPDATE call_orders SET state = 'open', agent_id = NULL, lease_until = NULL, updated_at = $3 \
         WHERE id = $1 AND agent_id = $2 AND state = 'leased' \
           AND (CAST($4 AS BIGINT) IS NULL OR lease_until = $4)",
    )
    .bind(order_id)
    .bind(agent.id)
    .bind(now)
    .bind(lease_until)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n > 0 {
        sqlx::query("UPDATE order_claims SET ended_at = $3, end_reason = 'released' WHERE order_id = $1 AND agent_id = $2 AND ended_at IS NULL")
            .bind(order_id)
            .bind(agent.id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
