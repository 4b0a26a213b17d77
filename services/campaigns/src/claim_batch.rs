//! Claims taken together: at a shift start two thousand agents ask for work within
//! seconds, and on two cores each waiting for a pooled connection and a transaction of its
//! own made the last of them wait seconds (PostgreSQL); on SQLite each claim was a commit
//! of its own on the one writer. A claimer that finds a batch in flight joins the next one;
//! one transaction then serves up to [`MAX_BATCH`] agents: what each may take read once for
//! the batch, their locks taken in one statement on PostgreSQL (in id order, so two nodes'
//! batches cannot deadlock on them), and one statement per group of agents with the same
//! languages and campaigns leases one order each, the earliest asker the best order. Every
//! claim is still exclusive (`SKIP LOCKED` on PostgreSQL, the single writer on SQLite; one
//! agent per order), leased and written to the claim history. An agent who already holds an
//! order, or for whom a callback is kept, is served the one-agent way inside the same
//! transaction, so those rules stay exactly as `dispatch` states them.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};

use kernel::auth::Principal;
use kernel::db::{millis, placeholders, Tx};
use kernel::Kernel;
use tokio::sync::oneshot;

use crate::dispatch::{claim_one, order, when_campaign, Order, ORDER_COLUMNS};
use crate::error::{CampaignError, Result};
use crate::gating::CampaignRef;

/// Most agents served by one transaction.
pub const MAX_BATCH: usize = 256;

pub(crate) type Eligible = Vec<(CampaignRef, Option<i64>)>;
type Answer = std::result::Result<Option<(Order, bool)>, String>;

struct Waiter {
    agent: Principal,
    reply: oneshot::Sender<Answer>,
}

/// A waiter with what it may take, read for the whole batch.
struct Asking<'a> {
    agent: &'a Principal,
    open: Eligible,
}

/// This node's waiting claimers and whether a batch is being served.
#[derive(Default)]
pub struct Claims {
    queue: Mutex<Vec<Waiter>>,
    leader: Arc<tokio::sync::Mutex<()>>,
}

fn queue(c: &Claims) -> std::sync::MutexGuard<'_, Vec<Waiter>> {
    c.queue
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Claims an order for `agent` with the claimers waiting at the same moment on this node
/// (what each may take is read for the whole batch: the running campaigns, their
/// requirements and the agents' passed courses, a few statements for hundreds of agents).
pub(crate) async fn claim(k: &Kernel, agent: &Principal) -> Result<Option<(Order, bool)>> {
    let claims = k.locals.get::<Claims>();
    let (reply, answer) = oneshot::channel();
    queue(&claims).push(Waiter {
        agent: agent.clone(),
        reply,
    });
    serve(k, &claims);
    match answer.await {
        Ok(Ok(o)) => Ok(o),
        Ok(Err(e)) => Err(CampaignError::Kernel(kernel::Error::Internal(e))),
        Err(_) => Err(CampaignError::Kernel(kernel::Error::Internal(
            "the claim batch ended without an answer".into(),
        ))),
    }
}

/// Starts serving the queue unless a batch is already being served (whose server serves
/// the queue again before it stops). The server is a task of its own: a claimer whose
/// request is dropped must not drop the batch it was serving for others.
fn serve(k: &Kernel, claims: &Arc<Claims>) {
    let Ok(guard) = claims.leader.clone().try_lock_owned() else {
        return;
    };
    let (k, claims) = (k.clone(), claims.clone());
    tokio::spawn(async move {
        let mut guard = Some(guard);
        loop {
            let batch: Vec<Waiter> = {
                let mut q = queue(&claims);
                let n = q.len().min(MAX_BATCH);
                q.drain(..n).collect()
            };
            if batch.is_empty() {
                drop(guard.take());
                // A claimer may have queued after the last look and before the release.
                if queue(&claims).is_empty() {
                    return;
                }
                match claims.leader.clone().try_lock_owned() {
                    Ok(g) => guard = Some(g),
                    Err(_) => return,
                }
                continue;
            }
            run(&k, batch).await;
        }
    });
}

async fn run(k: &Kernel, batch: Vec<Waiter>) {
    match claim_all(k, &batch).await {
        Ok(results) => {
            let mut asks: std::collections::HashMap<i64, usize> = Default::default();
            for w in &batch {
                *asks.entry(w.agent.id).or_default() += 1;
            }
            for (w, r) in batch.into_iter().zip(results) {
                // A claimer that stopped waiting (its connection closed) gets nothing: an
                // order claimed for it goes straight back rather than wait out its lease —
                // unless the same agent asked again in this batch and was told it holds it.
                let Err(Ok(Some((order, true)))) = w.reply.send(Ok(r)) else {
                    continue;
                };
                if asks.get(&w.agent.id).copied().unwrap_or(0) > 1 {
                    continue;
                }
                let lease = order.lease_until;
                if let Err(e) = crate::dispatch::release_lease(k, &w.agent, order.id, lease).await {
                    tracing::warn!(error = %e, order = order.id, "an unwanted claim was not given back");
                }
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, agents = batch.len(), "claim batch failed");
            for w in batch {
                let _ = w.reply.send(Err(e.to_string()));
            }
        }
    }
}

/// Serves `batch` in one transaction: an answer per waiter, in order.
async fn claim_all(k: &Kernel, waiters: &[Waiter]) -> Result<Vec<Option<(Order, bool)>>> {
    // Read through the pool before the transaction takes a connection of its own.
    let agents: Vec<&Principal> = waiters.iter().map(|w| &w.agent).collect();
    let batch: Vec<Asking<'_>> = crate::gating::eligible_many(k, &agents)
        .await?
        .into_iter()
        .zip(&agents)
        .map(|(open, agent)| Asking { agent, open })
        .collect();
    let now = millis(k.now());
    let mut ids: Vec<i64> = batch.iter().map(|w| w.agent.id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut tx = k.db.begin().await?;
    if k.db.backend() == kernel::db::Backend::Postgres {
        // A generic plan of the claim cannot see which campaign it probes and sorts every
        // open order instead (0.4 ms became 100+ ms, and a rush timed out): the claim's
        // statements are planned with their values, for this transaction only.
        sqlx::query("SET LOCAL plan_cache_mode = force_custom_plan")
            .execute(&mut *tx)
            .await?;
        crate::dispatch::lock_agents(&mut tx, &ids).await?;
    }
    // Who is served the one-agent way: an agent holding an order, one for whom a callback is
    // kept, and an agent asking twice in one batch.
    let mut special: HashSet<i64> = special_agents(&mut tx, &ids, now).await?;
    let mut seen = HashSet::new();
    for w in &batch {
        if !seen.insert(w.agent.id) {
            special.insert(w.agent.id);
        }
    }
    let mut results: Vec<Option<(Order, bool)>> = vec![None; batch.len()];
    // Agents by what they may take: same languages, same campaigns (and leases, releases).
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, w) in batch.iter().enumerate() {
        if w.open.is_empty() {
            // Nothing to take, but an order held is still renewed.
            special.insert(w.agent.id);
        }
        if special.contains(&w.agent.id) {
            continue;
        }
        groups.entry(signature(w)).or_default().push(i);
    }
    let mut claimed: Vec<(i64, i64)> = Vec::new();
    for members in groups.values() {
        if members.len() == 1 {
            special.insert(batch[members[0]].agent.id);
            continue;
        }
        let w = &batch[members[0]];
        let agents: Vec<i64> = members.iter().map(|i| batch[*i].agent.id).collect();
        for (agent, o) in claim_group(&mut tx, k.db.skip_locked(), w, &agents, now).await? {
            if let Some(i) = members.iter().find(|i| batch[**i].agent.id == agent) {
                claimed.push((o.id, agent));
                results[*i] = Some((o, true));
            }
        }
    }
    let taken = millis(k.now()).max(now);
    record_claims(&mut tx, &claimed, taken).await?;
    for (i, w) in batch.iter().enumerate() {
        if special.contains(&w.agent.id) {
            results[i] = claim_one(k, &mut tx, w.agent, &w.open, now).await?;
        }
    }
    tx.commit().await?;
    for r in results.iter().flatten() {
        if r.1 {
            k.metrics.business.claims.inc();
        }
    }
    Ok(results)
}

/// What an agent may take, as a key: languages, then each campaign with its lease and
/// release.
fn signature(w: &Asking<'_>) -> String {
    let mut langs = w.agent.languages.clone();
    langs.sort();
    let campaigns: Vec<String> = w
        .open
        .iter()
        .map(|(c, r)| format!("{}:{}:{r:?}", c.id, c.policy.lease_seconds))
        .collect();
    format!("{}|{}", langs.join(","), campaigns.join(","))
}

/// Of `ids`, the agents holding a live lease or for whom a callback is kept.
async fn special_agents(tx: &mut Tx, ids: &[i64], now: i64) -> Result<HashSet<i64>> {
    let list = placeholders(2, ids.len());
    let sql = format!(
        "SELECT agent_id FROM call_orders WHERE agent_id IN ({list}) AND state = 'leased' AND lease_until >= $1 \
         UNION SELECT preferred_agent_id FROM call_orders WHERE preferred_agent_id IN ({list}) \
           AND preferred_until >= $1 AND state IN ('open', 'leased')"
    );
    let mut q = sqlx::query_scalar::<_, i64>(&sql).bind(now);
    for id in ids {
        q = q.bind(*id);
    }
    Ok(q.fetch_all(&mut **tx).await?.into_iter().collect())
}

/// Leases one order to each of `agents` (who share `w`'s languages and campaigns), the
/// first agent the best order; fewer orders than agents leaves the last without.
async fn claim_group(
    tx: &mut Tx,
    lock: &str,
    w: &Asking<'_>,
    agents: &[i64],
    now: i64,
) -> Result<Vec<(i64, Order)>> {
    let n = agents.len();
    let langs = placeholders(2, w.agent.languages.len());
    let first = 2 + w.agent.languages.len();
    let campaigns = w.open.len();
    let campaign = |i: usize| format!("${}", first + i);
    let lease = |i: usize| format!("${}", first + campaigns + i);
    let release = |i: usize| format!("${}", first + 2 * campaigns + i);
    let agent = |i: usize| format!("${}", first + 3 * campaigns + i);
    let branches: Vec<String> = (0..campaigns)
        .map(|i| {
            format!(
                "SELECT * FROM (SELECT o.id, o.rank_at, o.due_at FROM call_orders o \
                 WHERE o.campaign_id = {} AND o.state IN ('open', 'leased') AND (o.state = 'open' OR o.lease_until < $1) \
                   AND o.due_at <= $1 AND (o.preferred_agent_id IS NULL OR o.preferred_until < $1) \
                   AND o.language IN ({langs}) \
                 ORDER BY o.rank_at, o.due_at, o.id LIMIT {n}{lock}) b{i}",
                campaign(i)
            )
        })
        .collect();
    let per = |value: &dyn Fn(usize) -> String| when_campaign(campaigns, &campaign, value);
    let who: Vec<String> = (0..n)
        .map(|i| format!("({}, CAST({} AS BIGINT))", i + 1, agent(i)))
        .collect();
    let returning: Vec<String> = ORDER_COLUMNS
        .split(", ")
        .map(|c| format!("call_orders.{c}"))
        .collect();
    let sql = format!(
        "WITH picked AS (SELECT id, row_number() OVER (ORDER BY rank_at, due_at, id) AS rn \
           FROM ({}) u ORDER BY rank_at, due_at, id LIMIT {n}), \
         who (rn, agent) AS (VALUES {}) \
         UPDATE call_orders SET state = 'leased', agent_id = who.agent, updated_at = $1, \
           lease_until = $1 + CASE campaign_id {} END, \
           release_id = COALESCE(release_id, CASE campaign_id {} END) \
         FROM picked JOIN who ON who.rn = picked.rn \
         WHERE call_orders.id = picked.id \
         RETURNING {}, call_orders.agent_id AS claimed_by",
        branches.join(" UNION ALL "),
        who.join(", "),
        per(&lease),
        per(&release),
        returning.join(", ")
    );
    let mut q = sqlx::query(&sql).bind(now);
    for l in &w.agent.languages {
        q = q.bind(l);
    }
    for (c, _) in &w.open {
        q = q.bind(&c.id);
    }
    for (c, _) in &w.open {
        q = q.bind(c.policy.lease_seconds.saturating_mul(1000));
    }
    for (_, r) in &w.open {
        q = q.bind(*r);
    }
    for a in agents {
        q = q.bind(*a);
    }
    let mut out = Vec::new();
    for row in q.fetch_all(&mut **tx).await? {
        use sqlx::Row;
        out.push((row.try_get("claimed_by")?, order(&row)?));
    }
    Ok(out)
}

/// The claim history of the orders just leased: a previous holder whose lease expired loses
/// it now; each new holder's claim starts at `at`.
async fn record_claims(tx: &mut Tx, claimed: &[(i64, i64)], at: i64) -> Result<()> {
    if claimed.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "UPDATE order_claims SET ended_at = $1, end_reason = 'expired' WHERE ended_at IS NULL AND order_id IN ({})",
        placeholders(2, claimed.len())
    );
    let mut q = sqlx::query(&sql).bind(at);
    for (order_id, _) in claimed {
        q = q.bind(*order_id);
    }
    q.execute(&mut **tx).await?;
    let values: Vec<String> = (0..claimed.len())
        .map(|i| format!("(${}, ${}, $1)", 2 + 2 * i, 3 + 2 * i))
        .collect();
    let sql = format!(
        "INSERT INTO order_claims (order_id, agent_id, claimed_at) VALUES {}",
        values.join(", ")
    );
    let mut q = sqlx::query(&sql).bind(at);
    for (order_id, agent) in claimed {
        q = q.bind(*order_id).bind(*agent);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}
