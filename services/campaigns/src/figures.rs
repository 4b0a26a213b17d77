//! The live figures of the supervisor dashboard: per campaign the orders waiting, in
//! progress and done, the reach rate and the orders at risk of missing their deadline, and the
//! waiting orders per language. Counts only: no personal data.

use std::collections::BTreeMap;

use kernel::db::millis;
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::Result;

/// An order still waiting or in progress is at risk when its deadline is closer than this.
pub const AT_RISK_MINUTES: i64 = 120;

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, ToSchema)]
pub struct CampaignFigures {
    pub id: String,
    pub name: String,
    pub status: crate::states::CampaignStatus,
    /// Open orders (due now or later).
    pub waiting: i64,
    /// Orders held by an agent.
    pub in_progress: i64,
    pub done: i64,
    /// Orders called at least once (done, or back in the queue after a no-answer, a busy
    /// line or a callback).
    pub attempted: i64,
    /// Done orders whose outcome was `reached`.
    pub reached: i64,
    /// `reached` over `attempted`, in percent (0 before any call): a no-answer or a callback
    /// counts against it, not only the orders that closed.
    pub reach_rate: i64,
    /// Waiting or in progress, with a deadline within [`AT_RISK_MINUTES`] (or past).
    pub at_risk: i64,
    /// The teams working the campaign, to show each supervisor their own (not sent).
    #[serde(skip)]
    pub teams: Vec<String>,
    /// Open orders per language when the campaign is running, for each supervisor's own
    /// total (not sent per campaign).
    #[serde(skip)]
    pub waiting_by_language: BTreeMap<String, i64>,
}

/// Figures of every campaign that is not cancelled, newest first.
pub async fn campaigns(k: &Kernel) -> Result<Vec<CampaignFigures>> {
    let risk = millis(k.now()) + AT_RISK_MINUTES * 60_000;
    let rows = sqlx::query(
        "SELECT c.id, c.name, c.status, c.teams, \
           CAST(COALESCE(SUM(CASE WHEN o.state = 'open' THEN 1 ELSE 0 END), 0) AS BIGINT) AS waiting, \
           CAST(COALESCE(SUM(CASE WHEN o.state = 'leased' THEN 1 ELSE 0 END), 0) AS BIGINT) AS in_progress, \
           CAST(COALESCE(SUM(CASE WHEN o.state = 'done' THEN 1 ELSE 0 END), 0) AS BIGINT) AS done, \
           CAST(COALESCE(SUM(CASE WHEN o.outcome IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS attempted, \
           CAST(COALESCE(SUM(CASE WHEN o.state = 'done' AND o.outcome = 'reached' THEN 1 ELSE 0 END), 0) AS BIGINT) AS reached, \
           CAST(COALESCE(SUM(CASE WHEN o.state IN ('open', 'leased') AND o.deadline_at < $1 THEN 1 ELSE 0 END), 0) AS BIGINT) AS at_risk \
         FROM campaigns c LEFT JOIN call_orders o ON o.campaign_id = c.id \
         WHERE c.status <> 'cancelled' \
         GROUP BY c.id, c.name, c.status, c.teams, c.created_at ORDER BY c.created_at DESC, c.id",
    )
    .bind(risk)
    .fetch_all(k.db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let done: i64 = r.try_get("done")?;
            let attempted: i64 = r.try_get("attempted")?;
            let reached: i64 = r.try_get("reached")?;
            Ok(CampaignFigures {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                status: r.try_get::<String, _>("status")?.parse()?,
                waiting: r.try_get("waiting")?,
                in_progress: r.try_get("in_progress")?,
                done,
                attempted,
                reached,
                reach_rate: if attempted > 0 {
                    reached * 100 / attempted
                } else {
                    0
                },
                at_risk: r.try_get("at_risk")?,
                teams: crate::model::unwrap_list(&r.try_get::<String, _>("teams")?),
                waiting_by_language: BTreeMap::new(),
            })
        })
        .collect()
}

/// Open orders of running campaigns per campaign and language.
pub async fn waiting_by_campaign_and_language(
    k: &Kernel,
) -> Result<BTreeMap<String, BTreeMap<String, i64>>> {
    let rows = sqlx::query(
        "SELECT o.campaign_id, o.language, CAST(COUNT(*) AS BIGINT) AS n FROM call_orders o \
         JOIN campaigns c ON c.id = o.campaign_id \
         WHERE o.state = 'open' AND c.status = 'running' GROUP BY o.campaign_id, o.language",
    )
    .fetch_all(k.db.pool())
    .await?;
    let mut out: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for r in rows {
        out.entry(r.try_get("campaign_id")?)
            .or_default()
            .insert(r.try_get("language")?, r.try_get("n")?);
    }
    Ok(out)
}

/// Work waiting for agents, for the dashboard's idle alert: orders due now per running
/// campaign, and the agents holding an order offered and not started (their lease live).
pub async fn work_waiting(
    k: &Kernel,
) -> Result<(BTreeMap<String, i64>, std::collections::HashSet<i64>)> {
    let now = millis(k.now());
    let rows = sqlx::query(
        "SELECT o.campaign_id, CAST(COUNT(*) AS BIGINT) AS n FROM call_orders o \
         JOIN campaigns c ON c.id = o.campaign_id \
         WHERE o.state = 'open' AND o.due_at <= $1 AND c.status = 'running' GROUP BY o.campaign_id",
    )
    .bind(now)
    .fetch_all(k.db.pool())
    .await?;
    let mut due = BTreeMap::new();
    for r in rows {
        due.insert(r.try_get("campaign_id")?, r.try_get("n")?);
    }
    let holders = sqlx::query_scalar::<_, i64>(
        "SELECT DISTINCT agent_id FROM call_orders WHERE state = 'leased' AND lease_until >= $1 AND agent_id IS NOT NULL",
    )
    .bind(now)
    .fetch_all(k.db.pool())
    .await?
    .into_iter()
    .collect();
    Ok((due, holders))
}
