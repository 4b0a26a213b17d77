//! Who works a request. Routing (the topic's rules) chose its team and the skill it needs;
//! among the team's active agents with that skill, the least loaded (fewest requests
//! assigned and not finished) gets it, the longest-standing account first on a tie. When no
//! agent has the skill the request waits unassigned in the team's queue rather than go to
//! someone who cannot answer it. Staff can take a request, supervisors hand it to an agent.

use kernel::auth::{Principal, Role};
use kernel::db::Tx;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::error::{RequestsError, Result};
use crate::notices::{self, Kind, Pending};

/// The active agents of `team` (every team's when none).
async fn agents(k: &Kernel, team: Option<&str>) -> Result<Vec<kernel::auth::users::User>> {
    Ok(kernel::auth::users::active_staff(&k.db, team)
        .await?
        .into_iter()
        .filter(|u| u.role == Role::Agent && u.team.is_some())
        .collect())
}

/// The ids of the active agents of `team`, the oldest account first. Read through the
/// pool, so before the filing's transaction: on PostgreSQL a transaction holds a pooled
/// connection, and asking the pool for another while holding one deadlocks a busy pool.
pub async fn team_agents(k: &Kernel, team: &str) -> Result<Vec<i64>> {
    let mut ids: Vec<i64> = agents(k, Some(team)).await?.iter().map(|u| u.id).collect();
    ids.sort_unstable();
    Ok(ids)
}

/// How many unfinished requests each of `users` has.
async fn loads(tx: &mut Tx) -> Result<std::collections::HashMap<i64, i64>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT assignee, COUNT(*) FROM requests WHERE assignee IS NOT NULL \
           AND status IN ('new', 'open', 'waiting') GROUP BY assignee",
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Of `agents` (a team's, from [`team_agents`]), those with `skill` (all of them without
/// one).
async fn qualified(tx: &mut Tx, agents: &[i64], skill: Option<&str>) -> Result<Vec<i64>> {
    let Some(skill) = skill else {
        return Ok(agents.to_vec());
    };
    if agents.is_empty() {
        return Ok(Vec::new());
    }
    let skilled: Vec<i64> =
        sqlx::query_scalar("SELECT user_id FROM request_skills WHERE skill = $1")
            .bind(skill)
            .fetch_all(&mut **tx)
            .await?;
    Ok(agents
        .iter()
        .copied()
        .filter(|u| skilled.contains(u))
        .collect())
}

/// Of `candidates`, the least loaded, the oldest account first on a tie.
fn least_loaded(candidates: &[i64], load: &std::collections::HashMap<i64, i64>) -> Option<i64> {
    candidates
        .iter()
        .copied()
        .min_by_key(|u| (load.get(u).copied().unwrap_or(0), *u))
}

/// Picks agents for many requests filed together: each team's agents read once before the
/// transaction, everyone's load once inside it, the load counted up as requests are given
/// out.
#[derive(Default)]
pub struct Picker {
    teams: std::collections::HashMap<String, Vec<i64>>,
    load: Option<std::collections::HashMap<i64, i64>>,
}

impl Picker {
    /// Reads the agents of `teams`; call before the transaction.
    pub async fn for_teams(k: &Kernel, mut teams: Vec<String>) -> Result<Self> {
        teams.sort_unstable();
        teams.dedup();
        let mut p = Picker::default();
        for team in teams {
            let agents = team_agents(k, &team).await?;
            p.teams.insert(team, agents);
        }
        Ok(p)
    }

    /// The least-loaded agent of `team` with `skill` (any of the team's without one),
    /// counted as having one more request. A team not read beforehand has nobody.
    pub async fn pick(
        &mut self,
        tx: &mut Tx,
        team: &str,
        skill: Option<&str>,
    ) -> Result<Option<i64>> {
        let Some(agents) = self.teams.get(team).filter(|a| !a.is_empty()) else {
            return Ok(None);
        };
        let candidates = qualified(tx, agents, skill).await?;
        if self.load.is_none() {
            self.load = Some(loads(tx).await?);
        }
        let load = self.load.get_or_insert_with(Default::default);
        let chosen = least_loaded(&candidates, load);
        if let Some(a) = chosen {
            *load.entry(a).or_default() += 1;
        }
        Ok(chosen)
    }
}

/// Assigns a new request in `tx` among `agents` (its team's, read before the transaction)
/// by the rules and load; the notice to deliver, if any.
pub async fn on_filing(
    k: &Kernel,
    tx: &mut Tx,
    agents: &[i64],
    about: notices::About<'_>,
    skill: Option<&str>,
) -> Result<Option<Pending>> {
    if agents.is_empty() {
        return Ok(None);
    }
    let candidates = qualified(tx, agents, skill).await?;
    let Some(user) = least_loaded(&candidates, &loads(tx).await?) else {
        return Ok(None);
    };
    sqlx::query("UPDATE requests SET assignee = $1 WHERE id = $2")
        .bind(user)
        .bind(about.id)
        .execute(&mut **tx)
        .await?;
    Ok(Some(
        notices::record(k, tx, user, about, Kind::Assigned, "routing", None).await?,
    ))
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssigneeIn {
    /// The agent to work it; none to put it back in the queue.
    pub user: Option<i64>,
}

/// Sets who works request `reference`: an agent may take it or give it back; a supervisor
/// may hand it to any active agent of its team.
pub async fn set(k: &Kernel, who: &Principal, reference: &str, to: Option<i64>) -> Result<()> {
    let (id, team) = crate::work::reach_team(k, who, reference).await?;
    if who.role == Role::Agent && to.is_some_and(|u| u != who.id) {
        // An agent can take a request, not hand it to another.
        return Err(kernel::Error::Forbidden.into());
    }
    if let Some(u) = to {
        let ok = kernel::auth::users::active(&k.db, u)
            .await?
            .filter(|a| a.role == Role::Agent && a.team.as_deref() == Some(team.as_str()));
        if ok.is_none() {
            return Err(kernel::Error::invalid(
                "user",
                "not_in_team",
                format!("user {u} is no active agent of team {team:?}"),
            )
            .into());
        }
    }
    let actor = who.actor();
    let mut tx = k.db.begin().await?;
    sqlx::query("UPDATE requests SET assignee = $1 WHERE id = $2")
        .bind(to)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    let mut pending = Vec::new();
    if let Some(u) = to.filter(|u| *u != who.id) {
        pending.push(
            notices::record(
                k,
                &mut tx,
                u,
                notices::About { id: &id, reference },
                Kind::Assigned,
                &actor,
                None,
            )
            .await?,
        );
    }
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &actor,
            action: "request.assigned",
            subject: &format!("request:{id}"),
            request_id: None,
            detail: serde_json::json!({ "to": to }),
        },
    )
    .await?;
    tx.commit().await?;
    notices::deliver(k, pending).await;
    Ok(())
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SkillsIn {
    pub skills: Vec<String>,
}

/// An agent as the skills list shows them.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AgentSkills {
    pub user: i64,
    pub name: String,
    pub team: Option<String>,
    pub skills: Vec<String>,
    /// Requests assigned to them and not finished.
    pub load: i64,
}

/// The agents `who` supervises (their team's; every team's for a national supervisor or an
/// admin), with their skills and load.
pub async fn list(k: &Kernel, who: &Principal) -> Result<Vec<AgentSkills>> {
    let people = agents(k, who.team.as_deref()).await?;
    let skills = sqlx::query("SELECT user_id, skill FROM request_skills ORDER BY skill")
        .fetch_all(k.db.pool())
        .await?;
    let mut tx = k.db.begin().await?;
    let load = loads(&mut tx).await?;
    tx.commit().await?;
    let mut out = Vec::new();
    for u in people {
        let mut mine = Vec::new();
        for s in &skills {
            if s.try_get::<i64, _>("user_id")? == u.id {
                mine.push(s.try_get("skill")?);
            }
        }
        out.push(AgentSkills {
            load: load.get(&u.id).copied().unwrap_or(0),
            user: u.id,
            name: u.name,
            team: u.team,
            skills: mine,
        });
    }
    Ok(out)
}

/// Replaces agent `user`'s skills; a supervisor only for an agent of their team.
pub async fn set_skills(k: &Kernel, who: &Principal, user: i64, skills: &[String]) -> Result<()> {
    let agent = kernel::auth::users::active(&k.db, user)
        .await?
        .filter(|a| a.role == Role::Agent);
    let Some(agent) = agent else {
        return Err(RequestsError::NotFound(format!("agent {user}")));
    };
    let team = agent.team;
    if who.team.is_some() && who.team != team {
        return Err(RequestsError::NotFound(format!("agent {user}")));
    }
    let mut clean: Vec<String> = Vec::new();
    for (i, s) in skills.iter().enumerate() {
        let s = s.trim().to_lowercase();
        if s.is_empty()
            || s.len() > 40
            || !s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(kernel::Error::invalid(
                &format!("skills[{i}]"),
                "format",
                "a skill is 1 to 40 lowercase letters, digits, '_' or '-'",
            )
            .into());
        }
        if !clean.contains(&s) {
            clean.push(s);
        }
    }
    let mut tx = k.db.begin().await?;
    sqlx::query("DELETE FROM request_skills WHERE user_id = $1")
        .bind(user)
        .execute(&mut *tx)
        .await?;
    for s in &clean {
        sqlx::query("INSERT INTO request_skills (user_id, skill) VALUES ($1, $2)")
            .bind(user)
            .bind(s)
            .execute(&mut *tx)
            .await?;
    }
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "request.skills_set",
            subject: &format!("user:{user}"),
            request_id: None,
            detail: serde_json::json!({ "skills": clean }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
