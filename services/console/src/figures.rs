//! The supervisors' figures over a period (today, a week, any days): per agent and per team
//! the calls, their outcomes, the handling time (median and 90th percentile) and the time
//! spent in each state; and the series the page draws as charts: the share of each day's
//! orders reached within 24 hours, the queue hour by hour, the outcomes by campaign. Counts
//! and durations only: no personal data. A team's supervisor sees their team's agents and
//! campaigns; a national supervisor every team's.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use kernel::auth::Principal;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::{IntoParams, ToSchema};

use crate::error::{ConsoleError, Result};
use campaigns::series::{day_start, QueueHour, ReachDay};

/// The longest period one request covers: the queue is drawn hour by hour.
pub const MAX_DAYS: i64 = 31;

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day (`YYYY-MM-DD`, in the campaigns' time zone); today when absent.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    /// Last day, included; `from` when absent.
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<NaiveDate>,
}

/// What one agent (or one team, added up) did in the period.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Work {
    pub calls: i64,
    /// Finished calls per outcome (`reached`, `no_answer`, ...).
    pub outcomes: BTreeMap<String, i64>,
    /// Handling time of finished calls, in seconds: median and 90th percentile.
    pub handling_median_s: Option<i64>,
    pub handling_p90_s: Option<i64>,
    /// Seconds spent in each state (`ready`, `paused`, `in_call`, `wrap_up`) within the period.
    pub seconds_in: BTreeMap<String, i64>,
    #[serde(skip)]
    durations: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgentWork {
    pub agent_id: i64,
    pub name: String,
    pub team: Option<String>,
    #[serde(flatten)]
    pub work: Work,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamWork {
    /// None: agents without a team (national).
    pub team: Option<String>,
    pub agents: i64,
    #[serde(flatten)]
    pub work: Work,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CampaignOutcomes {
    pub campaign_id: String,
    pub name: String,
    pub outcomes: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Figures {
    #[schema(value_type = String, format = Date)]
    pub from: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub to: NaiveDate,
    pub agents: Vec<AgentWork>,
    pub teams: Vec<TeamWork>,
    pub reach: Vec<ReachDay>,
    pub queue: Vec<QueueHour>,
    pub campaigns: Vec<CampaignOutcomes>,
}

/// The `q`-quantile (0..=1) of sorted `values`, nearest rank.
fn quantile(sorted: &[i64], q: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

impl Work {
    fn finish(&mut self) {
        self.durations.sort_unstable();
        self.handling_median_s = quantile(&self.durations, 0.5);
        self.handling_p90_s = quantile(&self.durations, 0.9);
    }

    fn add(&mut self, other: &Work) {
        self.calls += other.calls;
        for (k, v) in &other.outcomes {
            *self.outcomes.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.seconds_in {
            *self.seconds_in.entry(k.clone()).or_default() += v;
        }
        self.durations.extend(&other.durations);
    }
}

/// The period as Unix ms `[start, end)` in `tz`, checked.
fn bounds(
    p: &Period,
    tz: chrono_tz::Tz,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate, i64, i64)> {
    let from = p.from.unwrap_or(today);
    let to = p.to.unwrap_or(from);
    if to < from {
        return Err(ConsoleError::invalid(
            "to",
            "the period ends before it starts",
        ));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(ConsoleError::invalid(
            "to",
            format!("a period of at most {MAX_DAYS} days"),
        ));
    }
    let end_day = to.succ_opt().unwrap_or(to);
    Ok((from, to, day_start(from, tz), day_start(end_day, tz)))
}

/// The figures of `period` as `viewer` may see them.
pub async fn figures(k: &Kernel, viewer: &Principal, period: &Period) -> Result<Figures> {
    let tz = chrono_tz::Europe::Brussels;
    let now = k.now();
    let today = now.with_timezone(&tz).date_naive();
    let (from, to, start, end) = bounds(period, tz, today)?;
    let end_or_now = end.min(kernel::db::millis(now));

    // The agents the viewer steers.
    let agents: Vec<kernel::auth::users::User> = kernel::auth::users::list(&k.db, None)
        .await?
        .into_iter()
        .filter(|u| u.role == kernel::auth::Role::Agent)
        .filter(|u| viewer.reaches_team(u.team.as_deref()))
        .collect();
    let mut work: HashMap<i64, Work> = agents.iter().map(|a| (a.id, Work::default())).collect();

    let calls = sqlx::query(
        "SELECT agent_id, started_at, finished_at, outcome FROM calls \
         WHERE started_at >= $1 AND started_at < $2",
    )
    .bind(start)
    .bind(end)
    .fetch_all(k.db.pool())
    .await?;
    for r in &calls {
        let Some(w) = work.get_mut(&r.try_get::<i64, _>("agent_id")?) else {
            continue;
        };
        w.calls += 1;
        if let (Some(done), Some(outcome)) = (
            r.try_get::<Option<i64>, _>("finished_at")?,
            r.try_get::<Option<String>, _>("outcome")?,
        ) {
            *w.outcomes.entry(outcome).or_default() += 1;
            w.durations
                .push((done - r.try_get::<i64, _>("started_at")?).max(0) / 1000);
        }
    }

    let states = sqlx::query(
        "SELECT user_id, status, started_at, ended_at FROM agent_state_log \
         WHERE started_at < $2 AND (ended_at IS NULL OR ended_at > $1)",
    )
    .bind(start)
    .bind(end_or_now)
    .fetch_all(k.db.pool())
    .await?;
    for r in &states {
        let Some(w) = work.get_mut(&r.try_get::<i64, _>("user_id")?) else {
            continue;
        };
        let status: String = r.try_get("status")?;
        if status == "offline" {
            continue;
        }
        let began = r.try_get::<i64, _>("started_at")?.max(start);
        let ended = r
            .try_get::<Option<i64>, _>("ended_at")?
            .unwrap_or(end_or_now)
            .min(end_or_now);
        *w.seconds_in.entry(status).or_default() += (ended - began).max(0) / 1000;
    }

    let mut teams: BTreeMap<Option<String>, TeamWork> = BTreeMap::new();
    let mut rows = Vec::with_capacity(agents.len());
    for a in &agents {
        let mut w = work.remove(&a.id).unwrap_or_default();
        let team = teams.entry(a.team.clone()).or_insert_with(|| TeamWork {
            team: a.team.clone(),
            agents: 0,
            work: Work::default(),
        });
        team.agents += 1;
        team.work.add(&w);
        w.finish();
        rows.push(AgentWork {
            agent_id: a.id,
            name: a.name.clone(),
            team: a.team.clone(),
            work: w,
        });
    }
    let mut teams: Vec<TeamWork> = teams.into_values().collect();
    for t in &mut teams {
        t.work.finish();
    }

    let campaign_ids: Vec<String> = campaigns::store::list(k)
        .await?
        .into_iter()
        .filter(|c| campaigns::scope::reaches(viewer, c))
        .map(|c| c.id)
        .collect();
    Ok(Figures {
        from,
        to,
        agents: rows,
        teams,
        reach: campaigns::series::reach_by_day(k, &campaign_ids, from, to, tz).await?,
        queue: campaigns::series::queue_by_hour(k, &campaign_ids, start, end_or_now).await?,
        campaigns: outcomes_by_campaign(k, &campaign_ids, start, end).await?,
    })
}

/// Attempts that ended in `[start, end)` per campaign and outcome, the viewer's campaigns only.
async fn outcomes_by_campaign(
    k: &Kernel,
    ids: &[String],
    start: i64,
    end: i64,
) -> Result<Vec<CampaignOutcomes>> {
    let mut out: BTreeMap<String, CampaignOutcomes> = BTreeMap::new();
    for (id, name, outcome, n) in campaigns::stats::outcomes(&k.db, start, end).await? {
        if !ids.contains(&id) {
            continue;
        }
        out.entry(id.clone())
            .or_insert_with(|| CampaignOutcomes {
                campaign_id: id,
                name,
                outcomes: BTreeMap::new(),
            })
            .outcomes
            .insert(outcome, n);
    }
    let mut out: Vec<CampaignOutcomes> = out.into_values().collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::quantile;

    #[test]
    fn quantiles_are_nearest_rank() {
        let v: Vec<i64> = (1..=10).collect();
        assert_eq!(quantile(&v, 0.5), Some(5));
        assert_eq!(quantile(&v, 0.9), Some(9));
        assert_eq!(quantile(&[7], 0.9), Some(7));
        assert_eq!(quantile(&[], 0.5), None);
    }
}
