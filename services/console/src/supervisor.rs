//! What supervisors do from the dashboard, and the figures it shows. Every action goes through
//! the campaign engine's own functions (with their audit events), then tells every node.

use crate::replies::{Ack, Dashboard};
use kernel::auth::Role;
use kernel::Kernel;

use crate::bus::Event;
use crate::error::{ConsoleError, Result};
use crate::{messages, presence, Ctx};

/// Who may use the dashboard (admins manage accounts, not the calling).
pub const SUPERVISORS: &[Role] = &[Role::Supervisor];

fn supervisor_only(ctx: &Ctx<'_>) -> Result<()> {
    if SUPERVISORS.contains(&ctx.user.role) {
        Ok(())
    } else {
        Err(ConsoleError::Forbidden)
    }
}

pub async fn launch(ctx: &Ctx<'_>, campaign_id: &str) -> Result<Ack> {
    supervisor_only(ctx)?;
    campaigns::scope::campaign(ctx.k, ctx.user, campaign_id).await?;
    let (_, generated) = campaigns::store::launch(ctx.k, campaign_id, &ctx.user.actor()).await?;
    ctx.console.bus.publish(Event::Orders).await;
    ctx.console.bus.publish(Event::Dashboard).await;
    Ok(Ack::Launched { generated })
}

pub async fn pause_campaign(ctx: &Ctx<'_>, campaign_id: &str) -> Result<Ack> {
    supervisor_only(ctx)?;
    campaigns::scope::campaign(ctx.k, ctx.user, campaign_id).await?;
    campaigns::store::set_status(
        ctx.k,
        campaign_id,
        campaigns::states::CampaignStatus::Paused,
        &ctx.user.actor(),
    )
    .await?;
    ctx.console.bus.publish(Event::Dashboard).await;
    Ok(Ack::Done {})
}

pub async fn reassign(ctx: &Ctx<'_>, order_id: i64, agent_id: i64) -> Result<Ack> {
    supervisor_only(ctx)?;
    campaigns::scope::order(ctx.k, ctx.user, order_id).await?;
    campaigns::supervise::apply(
        ctx.k,
        ctx.user,
        order_id,
        &campaigns::supervise::OrderAction::Reassign { agent_id },
    )
    .await?;
    ctx.console.bus.publish(Event::Orders).await;
    ctx.console
        .bus
        .publish(Event::State { user: agent_id })
        .await;
    ctx.console.bus.publish(Event::Dashboard).await;
    Ok(Ack::Done {})
}

pub async fn message(ctx: &Ctx<'_>, agent_id: i64, text: &str) -> Result<Ack> {
    supervisor_only(ctx)?;
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 500 {
        return Err(ConsoleError::invalid(
            "text",
            "a message has 1 to 500 characters",
        ));
    }
    let agent = kernel::auth::users::list(&ctx.k.db, None)
        .await?
        .into_iter()
        .find(|u| u.id == agent_id && u.role == Role::Agent)
        .ok_or_else(|| ConsoleError::invalid("agent_id", "no agent has this id"))?;
    if !ctx.user.reaches_team(agent.team.as_deref()) {
        return Err(ConsoleError::Forbidden);
    }
    let id = messages::send(ctx.k, ctx.user.id, agent_id, text).await?;
    ctx.console
        .bus
        .publish(Event::Message { user: agent_id, id })
        .await;
    Ok(Ack::Sent { id })
}

/// The dashboard's figures (PROTOCOL.md `dashboard`), agents of every team; each supervisor
/// is sent only the agents of their own team (see [`for_viewer`]).
pub async fn figures(k: &Kernel) -> Result<Dashboard> {
    let mut campaigns = campaigns::figures::campaigns(k).await?;
    let mut waiting = campaigns::figures::waiting_by_campaign_and_language(k).await?;
    for c in &mut campaigns {
        c.waiting_by_language = waiting.remove(&c.id).unwrap_or_default();
    }
    let mut agents = presence::all(k).await?;
    flag_idle(k, &campaigns, &mut agents).await?;
    Ok(Dashboard {
        // Stamped per viewer when sent, so that unchanged figures compare equal.
        at: 0,
        waiting_by_language: total_waiting(&campaigns),
        campaigns,
        agents,
    })
}

/// An agent ready but idle this long while work waits is flagged on the dashboard, unless
/// `console.idle_alert_seconds` says otherwise.
pub const IDLE_ALERT_SECONDS: i64 = 120;

/// Flags the agents ready for longer than the idle limit while an order is due in a running
/// campaign their team works (or one is offered to them and not started): the matcher would
/// have given them work unless something stops them (a course missing, a language, an agent
/// away from the desk without pausing), which a supervisor should look at.
async fn flag_idle(
    k: &Kernel,
    campaigns: &[campaigns::figures::CampaignFigures],
    agents: &mut [crate::replies::AgentRow],
) -> Result<()> {
    let limit = k
        .config
        .console
        .get("idle_alert_seconds")
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(IDLE_ALERT_SECONDS)
        .max(0)
        * 1000;
    let now = kernel::db::millis(k.now());
    if !agents
        .iter()
        .any(|a| a.status == presence::AgentStatus::Ready && now - a.since >= limit)
    {
        return Ok(());
    }
    let (due, holders) = campaigns::figures::work_waiting(k).await?;
    for a in agents.iter_mut() {
        if a.status != presence::AgentStatus::Ready || now - a.since < limit {
            continue;
        }
        let team_work = campaigns.iter().any(|c| {
            due.get(&c.id).is_some_and(|n| *n > 0)
                && (c.teams.is_empty() || a.team.as_ref().is_some_and(|t| c.teams.contains(t)))
        });
        a.idle_with_work = team_work || holders.contains(&a.id);
    }
    Ok(())
}

/// Open orders per language over `campaigns`.
fn total_waiting(
    campaigns: &[campaigns::figures::CampaignFigures],
) -> std::collections::BTreeMap<String, i64> {
    let mut out = std::collections::BTreeMap::new();
    for c in campaigns {
        for (language, n) in &c.waiting_by_language {
            *out.entry(language.clone()).or_insert(0) += n;
        }
    }
    out
}

/// `figures` as `viewer` may see them, stamped `at`.
pub fn for_viewer(figures: &Dashboard, viewer: &kernel::auth::Principal, at: i64) -> Dashboard {
    let mut out = figures.clone();
    out.agents
        .retain(|a| viewer.reaches_team(a.team.as_deref()));
    out.campaigns.retain(|c| match &viewer.team {
        None => true,
        Some(team) => c.teams.contains(team),
    });
    // The waiting totals are the viewer's campaigns' only.
    out.waiting_by_language = total_waiting(&out.campaigns);
    out.at = at;
    out
}
