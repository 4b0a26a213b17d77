//! An agent's day: the whole `state` the console renders from, going ready (and being
//! offered orders), pausing, and the heartbeat that keeps a held order.

use campaigns::dispatch::{self, Order};
use kernel::auth::Principal;
use kernel::Kernel;
use serde_json::{json, Value};

use crate::calls;
use crate::error::{ConsoleError, Result};
use crate::presence::AgentStatus;
use crate::protocol::PauseReason;
use crate::view::Loaded;
use crate::{bus, messages, presence, Ctx};

/// The agent's whole state (PROTOCOL.md `state`).
pub async fn state(k: &Kernel, user: &Principal) -> Result<Value> {
    let st = presence::get(k, user.id).await?;
    let training = campaigns::gating::training_status(k, user).await?;
    let (offer, call) = current(k, user).await?;
    Ok(json!({
        "status": st.status, "reason": st.reason, "since": st.since,
        "training": training, "offer": offer, "call": call,
        "messages": messages::recent(k, user.id, 5).await?,
    }))
}

/// The call in progress, else the order offered and not started.
async fn current(k: &Kernel, user: &Principal) -> Result<(Value, Value)> {
    if let Some(call) = calls::open_of(k, user.id).await? {
        if let Some(order_id) = call.order_id {
            // The call goes on only while its order is still this agent's: a lease that
            // expired is renewed if nobody took the order meanwhile.
            if dispatch::renew(k, user, order_id).await?.is_none() {
                calls::abandon(k, &call).await?;
                presence::set(k, user.id, AgentStatus::Ready, None).await?;
                return Ok((Value::Null, Value::Null));
            }
        }
        let loaded = Loaded::load(k, call).await?;
        return Ok((Value::Null, loaded.to_json(k, &user.name)));
    }
    match dispatch::held(k, user).await? {
        Some(order) => Ok((offer(k, &order).await?, Value::Null)),
        None => Ok((Value::Null, Value::Null)),
    }
}

/// The offer card of a held order: the citizen masked until the call starts.
async fn offer(k: &Kernel, order: &Order) -> Result<Value> {
    let campaign = campaigns::store::get(k, &order.campaign_id).await?;
    let case = cases::access::masked(k, &order.case_id).await?;
    Ok(json!({
        "order_id": order.id, "campaign_id": order.campaign_id, "campaign_name": campaign.name,
        "language": order.language, "deadline_at": order.deadline_at, "attempts": order.attempts,
        "case": case,
    }))
}

pub async fn ready(ctx: &Ctx<'_>) -> Result<Value> {
    if calls::open_of(ctx.k, ctx.user.id).await?.is_some() {
        return Err(ConsoleError::Conflict(
            "finish the call in progress first".into(),
        ));
    }
    presence::set(ctx.k, ctx.user.id, AgentStatus::Ready, None).await?;
    crate::offers::offer_next(ctx.k, ctx.user).await?;
    ctx.changed().await;
    Ok(json!({}))
}

pub async fn pause(ctx: &Ctx<'_>, reason: PauseReason) -> Result<Value> {
    if calls::open_of(ctx.k, ctx.user.id).await?.is_some() {
        return Err(ConsoleError::Conflict(
            "finish the call in progress before pausing".into(),
        ));
    }
    // An order offered but not started goes back to the queue for someone else.
    if let Some(order) = dispatch::held(ctx.k, ctx.user).await? {
        dispatch::release(ctx.k, ctx.user, order.id).await?;
        ctx.console.bus.publish(bus::Event::Orders).await;
    }
    presence::set(
        ctx.k,
        ctx.user.id,
        AgentStatus::Paused,
        Some(reason.as_str()),
    )
    .await?;
    ctx.changed().await;
    Ok(json!({}))
}

/// Keeps the held order's lease while the console is open.
pub async fn heartbeat(ctx: &Ctx<'_>) -> Result<Value> {
    let until = match dispatch::held(ctx.k, ctx.user).await? {
        Some(order) => Some(dispatch::heartbeat(ctx.k, ctx.user, order.id).await?),
        None => None,
    };
    Ok(json!({ "lease_until": until }))
}

/// The console closed: an agent with no call in progress is offline (the held order, if
/// any, returns to the queue when its lease runs out).
pub async fn disconnected(k: &Kernel, console: &crate::Console, user: &Principal) -> Result<()> {
    if calls::open_of(k, user.id).await?.is_none()
        && presence::set(k, user.id, AgentStatus::Offline, None).await?
    {
        console.bus.publish(bus::Event::Dashboard).await;
    }
    Ok(())
}
