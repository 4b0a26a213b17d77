//! Which campaigns, orders and agents a supervisor reaches: those of their own team. A
//! supervisor without a team is national and reaches every campaign; a campaign open to every
//! team (no teams named) is reached only by national supervisors, since it calls people in
//! every jurisdiction.
//!
//! What a supervisor does not reach answers 404, as if it did not exist: a team learns
//! nothing of another team's campaigns, not even their ids.

use kernel::auth::Principal;
use kernel::Kernel;
use sqlx::Row;

use crate::error::{CampaignError, Result};
use crate::model::Campaign;

/// Whether `p` sees and steers campaign `c`.
pub fn reaches(p: &Principal, c: &Campaign) -> bool {
    match &p.team {
        None => true,
        Some(team) => c.teams.iter().any(|t| t == team),
    }
}

/// Campaign `id` when `p` reaches it; 404 otherwise.
pub async fn campaign(k: &Kernel, p: &Principal, id: &str) -> Result<Campaign> {
    let c = crate::store::get(k, id).await?;
    if reaches(p, &c) {
        Ok(c)
    } else {
        Err(CampaignError::NotFound(format!("campaign {id}")))
    }
}

/// The campaign of order `order_id` when `p` reaches it; 404 otherwise.
pub async fn order(k: &Kernel, p: &Principal, order_id: i64) -> Result<Campaign> {
    let row = sqlx::query("SELECT campaign_id FROM call_orders WHERE id = $1")
        .bind(order_id)
        .fetch_optional(k.db.pool())
        .await?;
    let not_found = || CampaignError::NotFound(format!("order {order_id}"));
    let id: String = row.ok_or_else(not_found)?.try_get("campaign_id")?;
    campaign(k, p, &id).await.map_err(|_| not_found())
}

/// The teams a campaign created by `p` works for: a team supervisor's campaigns are their
/// team's (named or not); a national supervisor names any teams.
pub fn teams_for(p: &Principal, asked: &[String]) -> Result<Vec<String>> {
    match &p.team {
        None => Ok(asked.to_vec()),
        Some(team) if asked.iter().all(|t| t == team) => Ok(vec![team.clone()]),
        Some(team) => Err(CampaignError::Invalid {
            field: "teams",
            message: format!("a supervisor of {team} creates campaigns for {team} only"),
        }),
    }
}
