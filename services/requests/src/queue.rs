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
#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct QueueQuery {
    /// A team (a team's staff see only theirs; national supervisors any, or all when absent).
    pub team: Option<String>,
    /// One status; by default every one not closed or resolved.
    pub status: Option<Status>,
    pub topic: Option<String>,
    /// A region or province, by name in any of the country's languages or by code
    /// (`Brussels`, `Antwerpen`, `ANT`): the requests whose form gave a postal code there.
    pub region: Option<String>,
    /// Only the caller's own requests.
    #[serde(default)]
    pub mine: bool,
    /// Only requests no one has.
    #[serde(default)]
    pub unassigned: bool,
}

/// The province codes `region` names (none: no filter); an error naming it when unknown.
pub fn provinces(region: Option<&str>) -> Result<Option<Vec<&'static str>>> {
    let Some(name) = region.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    let Some(ranges) = kernel::postal::ranges_of(name).or_else(|| {
        kernel::postal::PROVINCES
            .iter()
            .find(|p| p.code.eq_ignore_ascii_case(name))
            .map(|p| p.ranges.to_vec())
    }) else {
        return Err(kernel::Error::invalid(
            "region",
            "unknown",
            format!(
                "{name:?} is no region or province (e.g. {})",
                kernel::postal::known_names().join(", ")
            ),
        )
        .into());
    };
    Ok(Some(
        kernel::postal::PROVINCES
            .iter()
            .filter(|p| p.ranges.iter().any(|r| ranges.contains(r)))
            .map(|p| p.code)
            .collect(),
    ))
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
    /// The agent who has it.
    pub assignee: Option<i64>,
    /// The province code of the postal code its form gave.
    pub region: Option<String>,
}

/// How a request created at `created` with its next target at `due` stands at `now`.
pub fn standing(now: i64, created: i64, due: i64) -> Standing {
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
    let provinces = provinces(q.region.as_deref())?;
    let region_clause = match &provinces {
        Some(codes) if codes.is_empty() => " AND 1 = 0".to_string(),
        Some(codes) => format!(
            " AND region IN ({})",
            kernel::db::placeholders(6, codes.len())
        ),
        None => String::new(),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM requests \
         WHERE ($1 IS NULL OR team = $1) AND ($2 IS NULL OR topic_id = $2) \
           AND (($3 IS NULL AND status NOT IN ('resolved', 'closed')) OR status = $3) \
           AND ($4 IS NULL OR assignee = $4) AND ($5 = 0 OR assignee IS NULL){region_clause} \
         ORDER BY CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, \
           CASE WHEN first_response_at IS NULL THEN first_response_due ELSE resolution_due END, ref \
         LIMIT 200"
    );
    let mut query = sqlx::query(&sql)
        .bind(&team)
        .bind(&q.topic)
        .bind(q.status.map(|s| s.as_str()))
        .bind(q.mine.then_some(who.id))
        .bind(i64::from(q.unassigned));
    for code in provinces.iter().flatten() {
        query = query.bind(*code);
    }
    let rows = query.fetch_all(k.db.pool()).await?;
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
    rows.iter().map(|r| row(k, r, now)).collect()
}

/// The queue rows of requests `refs`, in that order (a search's results).
pub async fn rows_of(k: &Kernel, refs: &[String]) -> Result<Vec<QueueRow>> {
    if refs.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM requests WHERE ref IN ({})",
        kernel::db::placeholders(1, refs.len())
    );
    let mut q = sqlx::query(&sql);
    for r in refs {
        q = q.bind(r);
    }
    let now = millis(k.now());
    let mut out: Vec<QueueRow> = q
        .fetch_all(k.db.pool())
        .await?
        .iter()
        .map(|r| row(k, r, now))
        .collect::<Result<_>>()?;
    out.sort_by_key(|r| refs.iter().position(|x| *x == r.reference));
    Ok(out)
}

const COLUMNS: &str =
    "id, ref, topic_id, subject, data_key, status, priority, team, channel, created_at, \
    first_response_due, resolution_due, first_response_at, assignee, region";

/// One request as a queue shows it (its subject opened).
fn row(k: &Kernel, r: &sqlx::any::AnyRow, now: i64) -> Result<QueueRow> {
    let id: String = r.try_get("id")?;
    let wrapped: Option<Vec<u8>> = r.try_get("data_key")?;
    let created: i64 = r.try_get("created_at")?;
    let answered: Option<i64> = r.try_get("first_response_at")?;
    let due: i64 = if answered.is_none() {
        r.try_get("first_response_due")?
    } else {
        r.try_get("resolution_due")?
    };
    Ok(QueueRow {
        reference: r.try_get("ref")?,
        topic: r.try_get("topic_id")?,
        // An erased requester's request stays in the queue, its subject gone with its key.
        subject: match wrapped {
            Some(w) => open(
                k,
                &crate::store::key_from(k, &id, Some(w))?,
                "requests",
                "subject",
                &id,
                &r.try_get::<Vec<u8>, _>("subject")?,
            )?,
            None => String::new(),
        },
        status: r.try_get("status")?,
        priority: r.try_get("priority")?,
        team: r.try_get("team")?,
        channel: r.try_get("channel")?,
        created_at: created,
        due_at: due,
        standing: standing(now, created, due),
        assignee: r.try_get("assignee")?,
        region: r.try_get("region")?,
    })
}
