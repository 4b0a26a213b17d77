//! The live figures of a team's requests, by topic: how many are open, waiting for their
//! requester, at risk of missing their next target, past it. Counts only; a team's staff see
//! their team's.

use std::collections::BTreeMap;

use kernel::auth::Principal;
use kernel::db::millis;
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;

use crate::error::Result;
use crate::queue::{standing, Standing};

/// One topic's (or all topics') figures.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Counts {
    /// New or being handled.
    pub open: i64,
    pub waiting: i64,
    pub at_risk: i64,
    pub breached: i64,
    pub unassigned: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Dashboard {
    pub team: Option<String>,
    pub total: Counts,
    pub topics: BTreeMap<String, Counts>,
}

/// The dashboard of `team` (`who`'s own team when they have one).
pub async fn build(k: &Kernel, who: &Principal, team: Option<&str>) -> Result<Dashboard> {
    let team = who.team.as_deref().or(team);
    let rows = sqlx::query(
        "SELECT topic_id, status, assignee, created_at, first_response_at, first_response_due, resolution_due \
         FROM requests WHERE status IN ('new', 'open', 'waiting') AND merged_into IS NULL \
           AND ($1 IS NULL OR team = $1)",
    )
    .bind(team)
    .fetch_all(k.db.pool())
    .await?;
    let now = millis(k.now());
    let mut total = Counts::default();
    let mut topics: BTreeMap<String, Counts> = BTreeMap::new();
    for r in &rows {
        let status: String = r.try_get("status")?;
        let created: i64 = r.try_get("created_at")?;
        let due: i64 = if r.try_get::<Option<i64>, _>("first_response_at")?.is_none() {
            r.try_get("first_response_due")?
        } else {
            r.try_get("resolution_due")?
        };
        let topic = topics.entry(r.try_get("topic_id")?).or_default();
        for c in [&mut total, topic] {
            if status == "waiting" {
                c.waiting += 1;
            } else {
                c.open += 1;
                // A request waiting for its requester is not chased (see `reminders`).
                match standing(now, created, due) {
                    Standing::AtRisk => c.at_risk += 1,
                    Standing::Breached => c.breached += 1,
                    Standing::OnTime => {}
                }
            }
            if r.try_get::<Option<i64>, _>("assignee")?.is_none() {
                c.unassigned += 1;
            }
        }
    }
    Ok(Dashboard {
        team: team.map(str::to_string),
        total,
        topics,
    })
}
