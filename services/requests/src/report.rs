//! Reports over a period: how many requests came (by channel, topic), how fast they were
//! first answered and resolved (median and 90th percentile), how many were resolved, opened
//! again and rated how — overall and per team, agent and department — and each department's
//! requests relative to its size (seed 001's measure: which service asks most, for its
//! headcount). Only counts and times: nothing a requester wrote.
//!
//! Percentiles are nearest-rank: the p-th percentile of n sorted values is the value at rank
//! ⌈p·n⌉ (so the median of 1, 2, 3, 4 is 2). Times are in minutes, rounded down.

use std::collections::BTreeMap;

use kernel::auth::Principal;
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;

use crate::error::{RequestsError, Result};

/// The nearest-rank `p`-th percentile (0 < p ≤ 1) of `sorted`.
pub fn percentile(sorted: &[i64], p: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// One request as the report counts it.
#[derive(Debug, Clone)]
struct Row_ {
    channel: String,
    topic: String,
    team: String,
    assignee: Option<i64>,
    department: Option<String>,
    first_response: Option<i64>,
    resolution: Option<i64>,
    finished: bool,
    ever_resolved: bool,
    reopened: bool,
    rating: Option<i64>,
}

/// The figures of a group of requests.
#[derive(Debug, Clone, Default, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Figures {
    pub requests: i64,
    pub resolved: i64,
    /// Resolved or closed, of all.
    pub resolution_rate: Option<f64>,
    pub first_response_median_minutes: Option<i64>,
    pub first_response_p90_minutes: Option<i64>,
    pub resolution_median_minutes: Option<i64>,
    pub resolution_p90_minutes: Option<i64>,
    /// Opened again after a resolution, of those resolved at least once.
    pub reopen_rate: Option<f64>,
    pub ratings: i64,
    pub rating_average: Option<f64>,
}

fn ratio(a: i64, b: i64) -> Option<f64> {
    (b > 0).then(|| (a as f64 / b as f64 * 1000.0).round() / 1000.0)
}

fn figures(rows: &[&Row_]) -> Figures {
    let mut first: Vec<i64> = rows.iter().filter_map(|r| r.first_response).collect();
    let mut resolution: Vec<i64> = rows.iter().filter_map(|r| r.resolution).collect();
    first.sort_unstable();
    resolution.sort_unstable();
    let ratings: Vec<i64> = rows.iter().filter_map(|r| r.rating).collect();
    let finished = rows.iter().filter(|r| r.finished).count() as i64;
    let ever = rows.iter().filter(|r| r.ever_resolved).count() as i64;
    let reopened = rows.iter().filter(|r| r.reopened).count() as i64;
    Figures {
        requests: rows.len() as i64,
        resolved: finished,
        resolution_rate: ratio(finished, rows.len() as i64),
        first_response_median_minutes: percentile(&first, 0.5),
        first_response_p90_minutes: percentile(&first, 0.9),
        resolution_median_minutes: percentile(&resolution, 0.5),
        resolution_p90_minutes: percentile(&resolution, 0.9),
        reopen_rate: ratio(reopened, ever),
        ratings: ratings.len() as i64,
        rating_average: (!ratings.is_empty()).then(|| {
            (ratings.iter().sum::<i64>() as f64 / ratings.len() as f64 * 100.0).round() / 100.0
        }),
    }
}

/// A named group's figures.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Group {
    pub key: String,
    pub figures: Figures,
}

/// A department (a team whose staff file requests for themselves) against its size.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Department {
    pub team: String,
    pub requests: i64,
    /// Active accounts of the team.
    pub staff: i64,
    /// Requests per ten staff.
    pub per_ten_staff: Option<f64>,
}

/// A report over `[from, to)`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Report {
    pub from: String,
    pub to: String,
    pub team: Option<String>,
    pub total: Figures,
    pub channels: Vec<Group>,
    pub topics: Vec<Group>,
    pub teams: Vec<Group>,
    /// By the agent who has each request ("Name (#id)": two people can share a name;
    /// "unassigned" for none).
    pub agents: Vec<Group>,
    pub departments: Vec<Department>,
}

fn grouped(rows: &[Row_], key: impl Fn(&Row_) -> Option<String>) -> Vec<Group> {
    let mut by: BTreeMap<String, Vec<&Row_>> = BTreeMap::new();
    for r in rows {
        if let Some(k) = key(r) {
            by.entry(k).or_default().push(r);
        }
    }
    by.into_iter()
        .map(|(key, rs)| Group {
            key,
            figures: figures(&rs),
        })
        .collect()
}

/// The report over the days `from` to `to` (inclusive, UTC), of `team` (a team's staff see
/// only their own team's).
pub async fn build(
    k: &Kernel,
    who: &Principal,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    team: Option<&str>,
) -> Result<Report> {
    let team = who.team.as_deref().or(team);
    let start = from
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp_millis();
    let end = (to + chrono::Days::new(1))
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp_millis();
    let rows = sqlx::query(
        "SELECT channel, topic_id, team, assignee, department, status, created_at, first_response_at, \
           resolved_at, reopened, rating FROM requests \
         WHERE created_at >= $1 AND created_at < $2 AND ($3 IS NULL OR team = $3) AND merged_into IS NULL",
    )
    .bind(start)
    .bind(end)
    .bind(team)
    .fetch_all(k.db.pool())
    .await?;
    let mut all = Vec::with_capacity(rows.len());
    for r in &rows {
        let created: i64 = r.try_get("created_at")?;
        let minutes = |at: Option<i64>| at.map(|t| (t - created).max(0) / 60_000);
        let status: String = r.try_get("status")?;
        let resolved_at: Option<i64> = r.try_get("resolved_at")?;
        let reopened: i64 = r.try_get("reopened")?;
        let finished = status == "resolved" || status == "closed";
        all.push(Row_ {
            channel: r.try_get("channel")?,
            topic: r.try_get("topic_id")?,
            team: r.try_get("team")?,
            assignee: r.try_get("assignee")?,
            department: r.try_get("department")?,
            first_response: minutes(r.try_get("first_response_at")?),
            resolution: if finished { minutes(resolved_at) } else { None },
            finished,
            ever_resolved: finished || reopened > 0,
            reopened: reopened > 0,
            rating: r.try_get("rating")?,
        });
    }
    let ids: Vec<i64> = all.iter().filter_map(|r| r.assignee).collect();
    let names = kernel::auth::users::names(&k.db, &ids).await?;
    let mut staff: BTreeMap<String, i64> = BTreeMap::new();
    for u in kernel::auth::users::active_staff(&k.db, None).await? {
        if let Some(t) = u.team {
            *staff.entry(t).or_default() += 1;
        }
    }
    let mut departments: BTreeMap<String, i64> = BTreeMap::new();
    for d in all.iter().filter_map(|r| r.department.clone()) {
        *departments.entry(d).or_default() += 1;
    }
    let refs: Vec<&Row_> = all.iter().collect();
    Ok(Report {
        from: from.to_string(),
        to: to.to_string(),
        team: team.map(str::to_string),
        total: figures(&refs),
        channels: grouped(&all, |r| Some(r.channel.clone())),
        topics: grouped(&all, |r| Some(r.topic.clone())),
        teams: grouped(&all, |r| Some(r.team.clone())),
        agents: grouped(&all, |r| {
            Some(match r.assignee {
                Some(a) => format!("{} (#{a})", names.get(&a).map_or("?", String::as_str)),
                None => "unassigned".into(),
            })
        }),
        departments: departments
            .into_iter()
            .map(|(team, requests)| {
                let size = staff.get(&team).copied().unwrap_or(0);
                Department {
                    per_ten_staff: ratio(requests * 10, size),
                    team,
                    requests,
                    staff: size,
                }
            })
            .collect(),
    })
}

/// The report as CSV: one row per group (`all`, then each channel, topic, team, agent),
/// then the departments; cells a spreadsheet would run are neutralised.
pub fn csv(r: &Report) -> Result<String> {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    let optf = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let failed = |e: csv::Error| RequestsError::Internal(format!("report CSV: {e}"));
    let mut groups = csv::Writer::from_writer(Vec::new());
    groups
        .write_record([
            "group",
            "key",
            "requests",
            "resolved",
            "resolution_rate",
            "first_response_median_minutes",
            "first_response_p90_minutes",
            "resolution_median_minutes",
            "resolution_p90_minutes",
            "reopen_rate",
            "ratings",
            "rating_average",
        ])
        .map_err(failed)?;
    let all = [("all", "", &r.total)];
    let rest = [
        ("channel", &r.channels),
        ("topic", &r.topics),
        ("team", &r.teams),
        ("agent", &r.agents),
    ];
    let lines = all
        .into_iter()
        .chain(rest.into_iter().flat_map(|(group, list)| {
            list.iter()
                .map(move |g| (group, g.key.as_str(), &g.figures))
        }));
    for (group, key, f) in lines {
        groups
            .write_record([
                group.to_string(),
                kernel::csv_cell::neutralise(key).into_owned(),
                f.requests.to_string(),
                f.resolved.to_string(),
                optf(f.resolution_rate),
                opt(f.first_response_median_minutes),
                opt(f.first_response_p90_minutes),
                opt(f.resolution_median_minutes),
                opt(f.resolution_p90_minutes),
                optf(f.reopen_rate),
                f.ratings.to_string(),
                optf(f.rating_average),
            ])
            .map_err(failed)?;
    }
    let mut departments = csv::Writer::from_writer(Vec::new());
    departments
        .write_record(["department", "requests", "staff", "per_ten_staff"])
        .map_err(failed)?;
    for d in &r.departments {
        departments
            .write_record([
                kernel::csv_cell::neutralise(&d.team).into_owned(),
                d.requests.to_string(),
                d.staff.to_string(),
                optf(d.per_ten_staff),
            ])
            .map_err(failed)?;
    }
    // Two tables in one file, a blank line between them.
    let mut out = Vec::new();
    for (i, w) in [groups, departments].into_iter().enumerate() {
        if i > 0 {
            out.push(b'\n');
        }
        out.extend(
            w.into_inner()
                .map_err(|e| RequestsError::Internal(e.to_string()))?,
        );
    }
    String::from_utf8(out).map_err(|e| RequestsError::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        assert_eq!(percentile(&[], 0.5), None);
        assert_eq!(percentile(&[1, 2, 3, 4], 0.5), Some(2));
        assert_eq!(percentile(&[1, 2, 3, 4, 5], 0.5), Some(3));
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&ten, 0.9), Some(9));
        assert_eq!(percentile(&[7], 0.9), Some(7));
    }
}
