//! Series the supervisors' charts draw from the orders: each day's orders and how many were
//! reached within 24 hours of being created, and the queue hour by hour. Counts only.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::Result;

/// One day's orders and how many were reached within 24 hours of being created (the order
/// done with the outcome `reached`, its last change within the day after its creation).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReachDay {
    #[schema(value_type = String, format = Date)]
    pub day: NaiveDate,
    pub orders: i64,
    pub reached_24h: i64,
}

/// The orders waiting at the end of an hour (Unix ms of the hour's start).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueHour {
    pub at: i64,
    pub waiting: i64,
}

/// When day `d` begins in `tz`, in Unix ms.
pub fn day_start(d: NaiveDate, tz: chrono_tz::Tz) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .and_then(|t| tz.from_local_datetime(&t).earliest())
        .map(|t| t.timestamp_millis())
        .unwrap_or_default()
}

/// `IN (...)` over `ids`, numbered from `first`.
fn within(ids: &[String], first: usize) -> String {
    kernel::db::placeholders(first, ids.len())
}

/// Per day: the orders created and those reached within 24 hours of their creation.
pub async fn reach_by_day(
    k: &Kernel,
    ids: &[String],
    from: NaiveDate,
    to: NaiveDate,
    tz: chrono_tz::Tz,
) -> Result<Vec<ReachDay>> {
    // Every day of the period, those without orders too.
    let mut days: BTreeMap<NaiveDate, (i64, i64)> = BTreeMap::new();
    let mut d = from;
    while d <= to {
        days.insert(d, (0, 0));
        d = d.succ_opt().unwrap_or(to + Duration::days(1));
    }
    if !ids.is_empty() {
        let sql = format!(
            "SELECT o.created_at, \
               CAST(CASE WHEN o.state = 'done' AND o.outcome = 'reached' \
                 AND o.updated_at <= o.created_at + 86400000 THEN 1 ELSE 0 END AS BIGINT) AS reached \
             FROM call_orders o WHERE o.created_at >= $1 AND o.created_at < $2 AND o.campaign_id IN ({})",
            within(ids, 3)
        );
        let mut q = sqlx::query(&sql)
            .bind(day_start(from, tz))
            .bind(day_start(to.succ_opt().unwrap_or(to), tz));
        for id in ids {
            q = q.bind(id);
        }
        for r in q.fetch_all(k.db.pool()).await? {
            let at: i64 = r.try_get("created_at")?;
            let day = DateTime::<Utc>::from_timestamp_millis(at)
                .map(|t| t.with_timezone(&tz).date_naive())
                .unwrap_or(from);
            let e = days.entry(day).or_default();
            e.0 += 1;
            e.1 += r.try_get::<i64, _>("reached")?;
        }
    }
    Ok(days
        .into_iter()
        .map(|(day, (orders, reached_24h))| ReachDay {
            day,
            orders,
            reached_24h,
        })
        .collect())
}

/// The orders waiting (created, not yet done or cancelled) at the end of each hour of
/// `[start, end)`: those waiting at the start, plus created, less closed, hour by hour.
pub async fn queue_by_hour(
    k: &Kernel,
    ids: &[String],
    start: i64,
    end: i64,
) -> Result<Vec<QueueHour>> {
    const HOUR: i64 = 3_600_000;
    if ids.is_empty() || end <= start {
        return Ok(Vec::new());
    }
    let list = within(ids, 2);
    // An order's close is its last update once done or cancelled.
    let closed = "CASE WHEN o.state IN ('done', 'cancelled') THEN o.updated_at END";
    let waiting_sql = format!(
        "SELECT COUNT(*) FROM call_orders o WHERE o.created_at < $1 \
         AND ({closed} IS NULL OR {closed} >= $1) AND o.campaign_id IN ({list})"
    );
    let mut q = sqlx::query_scalar::<_, i64>(&waiting_sql).bind(start);
    for id in ids {
        q = q.bind(id);
    }
    let mut waiting = q.fetch_one(k.db.pool()).await?;
    let hours = ((end - start + HOUR - 1) / HOUR) as usize;
    let mut delta = vec![0i64; hours];
    let moves_sql = format!(
        "SELECT o.created_at, {closed} AS closed_at FROM call_orders o \
         WHERE o.campaign_id IN ({list}) AND ((o.created_at >= $1 AND o.created_at < $2) \
           OR ({closed} >= $1 AND {closed} < $2))",
        list = within(ids, 3)
    );
    let mut q = sqlx::query(&moves_sql).bind(start).bind(end);
    for id in ids {
        q = q.bind(id);
    }
    let slot = |at: i64| ((at - start) / HOUR) as usize;
    for r in q.fetch_all(k.db.pool()).await? {
        let created: i64 = r.try_get("created_at")?;
        if (start..end).contains(&created) {
            delta[slot(created).min(hours - 1)] += 1;
        }
        if let Some(closed) = r.try_get::<Option<i64>, _>("closed_at")? {
            if (start..end).contains(&closed) {
                delta[slot(closed).min(hours - 1)] -= 1;
            }
        }
    }
    Ok(delta
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            waiting += d;
            QueueHour {
                at: start + i as i64 * HOUR,
                waiting,
            }
        })
        .collect())
}
