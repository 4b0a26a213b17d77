//! The supervisor's order list: the orders of the campaigns they steer, filtered by state,
//! language, agent, campaign or an approaching deadline, each with what a supervisor acts on
//! (who holds it, how often it was tried, how it last ended, when it is due and lost).
//!
//! Stored facts only: the case's code, type and province, never a name or a number. A
//! supervisor who needs the person opens the case through the access decision like anyone.

use kernel::auth::Principal;
use kernel::db::millis;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::{IntoParams, ToSchema};

use crate::error::{CampaignError, Result};
use crate::figures::AT_RISK_MINUTES;
use crate::states::OrderState;

/// The longest page of orders: a screenful a supervisor scans, never the whole campaign.
pub const MAX_ROWS: i64 = 500;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct OrderFilter {
    /// One campaign (its id); all the supervisor steers when absent.
    pub campaign: Option<String>,
    pub state: Option<OrderState>,
    /// The language the order is to be called in (`fr`, `nl`, ...).
    pub language: Option<String>,
    /// The agent holding the order, or the one it is kept for.
    pub agent: Option<i64>,
    /// Only orders still to be called whose deadline is within two hours (or past).
    #[serde(default)]
    pub at_risk: bool,
    /// At most this many rows (default 100, at most 500), the nearest deadlines first.
    pub limit: Option<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrderRow {
    pub id: i64,
    pub campaign_id: String,
    pub campaign_name: String,
    /// The case's code (a pseudonym: no personal data).
    pub case_code: String,
    pub case_type: String,
    /// The province code (`BRU`, `ANT`, ...), when the postcode names one.
    pub region: Option<String>,
    pub language: String,
    pub state: OrderState,
    pub attempts: i64,
    /// How the last attempt ended (`no_answer`, `callback`, `reached`, ...).
    pub outcome: Option<String>,
    /// The agent holding the order (leased), else the one it is kept for (a callback or a
    /// reassignment), with their name.
    pub agent_id: Option<i64>,
    pub agent_name: Option<String>,
    /// Whether `agent_id` holds the order now (false: it is kept for them).
    pub held: bool,
    pub due_at: i64,
    pub deadline_at: Option<i64>,
    /// Still to be called, with the deadline within two hours or past.
    pub at_risk: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrderList {
    pub orders: Vec<OrderRow>,
    /// Whether more orders matched than were sent (narrow the filter to see them).
    pub more: bool,
}

/// The orders `p` steers that match `f`, the nearest deadlines first.
pub async fn list(k: &Kernel, p: &Principal, f: &OrderFilter) -> Result<OrderList> {
    let mut campaigns: Vec<String> = crate::store::list(k)
        .await?
        .into_iter()
        .filter(|c| crate::scope::reaches(p, c))
        .map(|c| c.id)
        .collect();
    if let Some(only) = &f.campaign {
        if !campaigns.contains(only) {
            return Err(CampaignError::NotFound(format!("campaign {only}")));
        }
        campaigns = vec![only.clone()];
    }
    if campaigns.is_empty() {
        return Ok(OrderList {
            orders: Vec::new(),
            more: false,
        });
    }
    let limit = f.limit.unwrap_or(100).clamp(1, MAX_ROWS);
    let risk = millis(k.now()) + AT_RISK_MINUTES * 60_000;
    // $1 the at-risk limit, $2 the row limit; the campaign ids follow, then each filter's
    // value in turn.
    let mut next = 3 + campaigns.len();
    let mut sql = format!(
        "SELECT o.id, o.campaign_id, c.name AS campaign_name, cs.code, cs.case_type, cs.region, o.language, o.state, \
           o.attempts, o.outcome, o.agent_id, o.preferred_agent_id, o.due_at, o.deadline_at, \
           CAST(CASE WHEN o.state IN ('open', 'leased') AND o.deadline_at < $1 THEN 1 ELSE 0 END AS BIGINT) AS at_risk \
         FROM call_orders o JOIN campaigns c ON c.id = o.campaign_id JOIN case_facts cs ON cs.id = o.case_id \
         WHERE o.campaign_id IN ({})",
        kernel::db::placeholders(3, campaigns.len())
    );
    let mut texts: Vec<String> = Vec::new();
    if let Some(state) = f.state {
        sql.push_str(&format!(" AND o.state = ${next}"));
        next += 1;
        texts.push(state.as_str().to_string());
    }
    if let Some(language) = &f.language {
        sql.push_str(&format!(" AND o.language = ${next}"));
        next += 1;
        texts.push(language.clone());
    }
    if f.at_risk {
        sql.push_str(" AND o.state IN ('open', 'leased') AND o.deadline_at < $1");
    }
    if f.agent.is_some() {
        sql.push_str(&format!(
            " AND (o.agent_id = ${next} OR (o.agent_id IS NULL AND o.preferred_agent_id = ${next}))"
        ));
    }
    // Orders without a deadline come last; ties in creation order.
    sql.push_str(
        " ORDER BY CASE WHEN o.deadline_at IS NULL THEN 1 ELSE 0 END, o.deadline_at, o.id LIMIT $2",
    );
    let mut q = sqlx::query(&sql).bind(risk).bind(limit + 1);
    for id in &campaigns {
        q = q.bind(id);
    }
    for text in &texts {
        q = q.bind(text);
    }
    if let Some(agent) = f.agent {
        q = q.bind(agent);
    }
    let rows = q.fetch_all(k.db.pool()).await?;
    let more = rows.len() as i64 > limit;
    let mut orders = Vec::with_capacity(rows.len());
    for r in rows.iter().take(limit as usize) {
        let state: OrderState = r.try_get::<String, _>("state")?.parse()?;
        let holder: Option<i64> = r.try_get("agent_id")?;
        let kept_for: Option<i64> = r.try_get("preferred_agent_id")?;
        let held = state == OrderState::Leased && holder.is_some();
        orders.push(OrderRow {
            id: r.try_get("id")?,
            campaign_id: r.try_get("campaign_id")?,
            campaign_name: r.try_get("campaign_name")?,
            case_code: r.try_get("code")?,
            case_type: r.try_get("case_type")?,
            region: r.try_get("region")?,
            language: r.try_get("language")?,
            state,
            attempts: r.try_get("attempts")?,
            outcome: r.try_get("outcome")?,
            agent_id: if held { holder } else { kept_for.or(holder) },
            agent_name: None,
            held,
            due_at: r.try_get("due_at")?,
            deadline_at: r.try_get("deadline_at")?,
            at_risk: r.try_get::<i64, _>("at_risk")? != 0,
        });
    }
    let ids: Vec<i64> = orders.iter().filter_map(|o| o.agent_id).collect();
    let names = kernel::auth::users::names(&k.db, &ids).await?;
    for o in &mut orders {
        o.agent_name = o.agent_id.and_then(|id| names.get(&id).cloned());
    }
    Ok(OrderList { orders, more })
}
