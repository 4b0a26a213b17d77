//! Training gates dispatch: an agent is offered orders of a campaign only once they have
//! passed every course the campaign requires and every course the script release it uses
//! requires (the pinned release, or the newest one for campaigns that follow the latest).
//! A pass of any version of a course counts (see the `elearning` crate docs).
//!
//! When a new release adds a course, the campaign's orders stop reaching agents without it
//! at their next claim; [`training_status`] tells them which course to take, and their next
//! claim after passing it reaches those orders again.

use std::collections::BTreeSet;

use kernel::auth::Principal;
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::{CampaignError, Result};
use crate::model::unwrap_list;

/// The courses a running campaign requires right now.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct Requirement {
    pub campaign_id: String,
    pub campaign_name: String,
    pub courses: Vec<String>,
}

/// Everything a campaign row needs to know its requirements (and, for dispatch, its policy).
#[derive(Clone)]
pub(crate) struct CampaignRef {
    pub id: String,
    pub name: String,
    pub own: Vec<String>,
    pub script_id: String,
    pub release_id: Option<i64>,
    pub policy: crate::model::Policy,
}

impl CampaignRef {
    pub fn from_row(r: &sqlx::any::AnyRow) -> Result<Self> {
        Ok(Self {
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            own: unwrap_list(&r.try_get::<String, _>("required_courses")?),
            script_id: r.try_get("script_id")?,
            release_id: r.try_get("release_id")?,
            policy: kernel::db::json_column(r, "policy")?,
        })
    }
}

/// The campaign's own courses plus those of the release it uses now (returned too: the
/// pinned one, else the newest of its script).
pub(crate) async fn requirement(k: &Kernel, c: &CampaignRef) -> Result<(Requirement, Option<i64>)> {
    let release = match c.release_id {
        Some(id) => scripting::store::info_by_id(&k.db, id).await,
        None => scripting::store::latest(&k.db, &c.script_id).await,
    }?;
    let release_id = release.as_ref().map(|r| r.id);
    let mut courses: BTreeSet<String> = c.own.iter().cloned().collect();
    courses.extend(release.into_iter().flat_map(|r| r.required_courses));
    Ok((
        Requirement {
            campaign_id: c.id.clone(),
            campaign_name: c.name.clone(),
            courses: courses.into_iter().collect(),
        },
        release_id,
    ))
}

/// The courses `agent` has passed.
pub async fn passed(k: &Kernel, agent: &Principal) -> Result<BTreeSet<String>> {
    elearning::store::passed_courses(&k.db, agent.id)
        .await
        .map_err(|e| CampaignError::Kernel(e.into()))
}

/// What an agent still has to pass, per running campaign of theirs.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct TrainingStatus {
    pub passed: Vec<String>,
    /// Running campaigns the agent's team works on and that need courses the agent has not
    /// passed yet, with those courses.
    pub missing: Vec<Requirement>,
}

/// The notice the console shows: which running campaigns wait for which courses.
pub async fn training_status(k: &Kernel, agent: &Principal) -> Result<TrainingStatus> {
    let passed = passed(k, agent).await?;
    let team = format!("%,{},%", agent.team.clone().unwrap_or_default());
    let rows = sqlx::query(
        "SELECT id, name, policy, required_courses, script_id, release_id FROM campaigns \
         WHERE status = 'running' AND (teams = '' OR teams LIKE $1) ORDER BY name",
    )
    .bind(&team)
    .fetch_all(k.db.pool())
    .await?;
    let mut missing = Vec::new();
    for r in &rows {
        let (mut req, _) = requirement(k, &CampaignRef::from_row(r)?).await?;
        req.courses.retain(|c| !passed.contains(c));
        if !req.courses.is_empty() {
            missing.push(req);
        }
    }
    Ok(TrainingStatus {
        passed: passed.into_iter().collect(),
        missing,
    })
}

/// The eligible campaigns of each of `agents` (with the release each uses now), as
/// `dispatch` finds them for one agent, read for a batch of claims at once: the running
/// campaigns and their requirements once, the agents' passed courses in one statement.
pub(crate) async fn eligible_many(
    k: &Kernel,
    agents: &[&Principal],
) -> Result<Vec<Vec<(CampaignRef, Option<i64>)>>> {
    let running = sqlx::query(
        "SELECT id, name, policy, required_courses, script_id, release_id, teams FROM campaigns \
         WHERE status = 'running'",
    )
    .fetch_all(k.db.pool())
    .await?;
    let now = k.now();
    let mut open: Vec<(String, CampaignRef, Requirement, Option<i64>)> = Vec::new();
    for r in &running {
        // One campaign whose row no longer reads must not stop every claim of the node.
        let c = match CampaignRef::from_row(r) {
            Ok(c) => c,
            Err(e) => {
                tracing::error!(error = %e, "a running campaign cannot be read; skipped by dispatch");
                continue;
            }
        };
        if crate::windows::open_at(&c.policy, now) {
            let (req, release) = requirement(k, &c).await?;
            open.push((r.try_get("teams")?, c, req, release));
        }
    }
    let mut ids: Vec<i64> = agents.iter().map(|a| a.id).collect();
    ids.sort_unstable();
    ids.dedup();
    let passed = if open.iter().any(|(_, _, req, _)| !req.courses.is_empty()) {
        elearning::store::passed_courses_many(&k.db, &ids)
            .await
            .map_err(|e| CampaignError::Kernel(e.into()))?
    } else {
        Default::default()
    };
    let none = BTreeSet::new();
    Ok(agents
        .iter()
        .map(|a| {
            let team = format!(",{},", a.team.clone().unwrap_or_default());
            let mine = passed.get(&a.id).unwrap_or(&none);
            open.iter()
                .filter(|(teams, _, req, _)| {
                    (teams.is_empty() || teams.contains(&team))
                        && req.courses.iter().all(|c| mine.contains(c))
                })
                .map(|(_, c, _, release)| (c.clone(), *release))
                .collect()
        })
        .collect())
}
