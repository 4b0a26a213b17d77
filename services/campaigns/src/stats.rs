//! Counts over call orders for the epidemiological exports (no personal data: case type and
//! region are the case's clear attributes). One statement per period each.

use kernel::db::Db;
use sqlx::Row;

use crate::error::Result;

/// Outcomes of attempts, as recorded on the claims they ended.
pub use scripting::model::Outcome;

const HOUR: i64 = 3_600_000;

/// Orders created in `[from, to)` per case type and region: `(case_type, region, orders,
/// reached within 24 h, 48 h, 72 h of the order's creation)`.
#[allow(clippy::type_complexity)]
pub async fn reach(
    db: &Db,
    from: i64,
    to: i64,
) -> Result<Vec<(String, Option<String>, i64, i64, i64, i64)>> {
    let within = |h: i64| {
        format!(
            "CAST(SUM(CASE WHEN o.outcome = 'reached' AND o.state = 'done' AND o.updated_at - o.created_at <= {} THEN 1 ELSE 0 END) AS BIGINT)",
            h * HOUR
        )
    };
    let rows = sqlx::query(&format!(
        "SELECT c.case_type, c.region, CAST(COUNT(*) AS BIGINT) AS orders, {} AS r24, {} AS r48, {} AS r72 \
         FROM call_orders o JOIN case_facts c ON c.id = o.case_id \
         WHERE o.created_at >= $1 AND o.created_at < $2 GROUP BY c.case_type, c.region",
        within(24),
        within(48),
        within(72)
    ))
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("case_type")?,
                r.try_get("region")?,
                r.try_get("orders")?,
                r.try_get("r24")?,
                r.try_get("r48")?,
                r.try_get("r72")?,
            ))
        })
        .collect()
}

/// Attempts that ended in `[from, to)` per campaign and outcome: `(campaign id, campaign
/// name, outcome, count)`.
pub async fn outcomes(db: &Db, from: i64, to: i64) -> Result<Vec<(String, String, String, i64)>> {
    let list = Outcome::ALL
        .iter()
        .map(|o| format!("'{o}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = sqlx::query(&format!(
        "SELECT c.id, c.name, cl.end_reason, CAST(COUNT(*) AS BIGINT) AS n FROM order_claims cl \
         JOIN call_orders o ON o.id = cl.order_id JOIN campaigns c ON c.id = o.campaign_id \
         WHERE cl.ended_at >= $1 AND cl.ended_at < $2 AND cl.end_reason IN ({list}) \
         GROUP BY c.id, c.name, cl.end_reason"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                r.try_get("name")?,
                r.try_get("end_reason")?,
                r.try_get("n")?,
            ))
        })
        .collect()
}

/// Index cases whose order was reached in `[from, to)`: the days from symptom onset to the
/// reaching call as recorded then (coarsened: 14 means 14 or more; `None` without an onset).
pub async fn reached_index_cases(db: &Db, from: i64, to: i64) -> Result<Vec<Option<i64>>> {
    let rows = sqlx::query(
        "SELECT c.onset_days_at_call FROM call_orders o JOIN case_facts c ON c.id = o.case_id \
         WHERE o.state = 'done' AND o.outcome = 'reached' AND c.case_type = 'index' \
           AND o.updated_at >= $1 AND o.updated_at < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok(r.try_get("onset_days_at_call")?))
        .collect()
}
