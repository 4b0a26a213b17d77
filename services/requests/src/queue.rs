//! Queues: the requests of a team as staff work them — by status, topic, priority — oldest
//! due first, with how close each is to its target. Subjects are opened for the list (what
//! a queue is read by), so every listing is audited.

use kernel::auth::Principal;
use kernel::db::millis;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::{IntoParams, ToSchema};

use crate::error::Result;
use crate::store::{open, Status};

/// Which requests to list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// A team (a team's staff see only theirs; national supervisors any, or all when absent).
    pub team: Option<String>,
    /// One status; by default every one not closed or resolved.
    pub status: Option<Status>,
    pub topic: Option<String>,
}

/// How a request stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    OnTime,
    /// Less than a quarter of the time to its next target is left.
    AtRisk,
    Breached,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueRow {
    #[serde(rename = "ref")]
    pub reference: String,
    pub topic: String,
    pub subject: String,
    pub status: String,
    pub priority: String,
    pub team: String,
    pub channel: String,
    pub created_at: i64,
    /// The next target: the first response until there is one, then the resolution.
    pub due_at: i64,
    pub standing: Standing,
}

fn standing(now: i64, created: i64, due: i64) -> Standing {
    if now >= due {
        Standing::Breached
    } else if (due - now) * 4 < (due - created) {
        Standing::AtRisk
    } else {
        Standing::OnTime
    }
}

/// The queue `who` asked for, the most urgent first; at most 200 rows.
pub async fn list(k: &Kernel, who: &Principal, q: &QueueQuery) -> Result<Vec<QueueRow>> {
    let team = match (&who.team, &q.team) {
        (Some(mine), _) => Some(mine.clone()),
        (None, asked) => asked.clone(),
    };
    let rows = sqlx::query(
        "SELECT id, ref, topic_id, subject, data_key, status, priority, team, channel, created_at, \
           first_response_due, resolution_due, first_response_at FROM requests \
         WHERE ($1 IS NULL OR team = $1) AND ($2 IS NULL OR topic_id = $2) \
           AND (($3 IS NULL AND status NOT IN ('resolved', 'closed')) OR status = $3) \
         ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, \
           CASE WHEN first_response_at IS NULL THEN first_response_due ELSE resolution_due END, ref \
         LIMIT 200",
    )
    .bind(&team)
    .bind(&q.topic)
    .bind(q.status.map(|s| s.as_str()))
    .fetch_all(k.db.pool())
    .await?;
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "requests.listed",
            subject: &format!("team:{}", team.as_deref().unwrap_or("*")),
            request_id: None,
            detail: serde_json::json!({ "count": rows.len() }),
        },
    )
    .await?;
    let now = millis(k.now());
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: String = r.try_get("id")?;
        let key = crate::store::key_from(k, &id, r.try_get("data_key")?)?;
        let created: i64 = r.try_get("created_at")?;
        let answered: Option<i64> = r.try_get("first_response_at")?;
        let due: i64 = if answered.is_none() {
            r.try_get("first_response_due")?
        } else {
            r.try_get("resolution_due")?
        };
        out.push(QueueRow {
            reference: r.try_get("ref")?,
            topic: r.try_get("topic_id")?,
            subject: open(
                k,
                &key,
                "requests",
                "subject",
                &id,
                &r.try_get::<Vec<u8>, _>("subject")?,
            )?,
            status: r.try_get("status")?,
            priority: r.try_get("priority")?,
            team: r.try_get("team")?,
            channel: r.try_get("channel")?,
            created_at: created,
            due_at: due,
            standing: standing(now, created, due),
        });
    }
    Ok(out)
}
