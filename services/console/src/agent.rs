//! An agent's day: the whole `state` the console renders from, going ready (and being
//! offered orders), pausing, and the heartbeat that keeps a held order.

use campaigns::dispatch::{self, Order};
use kernel::auth::Principal;
use kernel::Kernel;

use crate::calls;
use crate::error::{ConsoleError, Result};
use crate::presence::AgentStatus;
use crate::protocol::PauseReason;
use crate::replies::{Ack, AgentStateView, CallView, Offer};
use crate::view::Loaded;
use crate::{bus, messages, presence, Ctx};

/// The agent's whole state (PROTOCOL.md `state`).
pub async fn state(k: &Kernel, user: &Principal) -> Result<AgentStateView> {
    let mut st = presence::get(k, user.id).await?;
    // An after-call work whose time is up ends here too, with the next offer.
    if crate::wrap_up::end_if_expired(k, user.id, &st).await? {
        crate::offers::offer_next(k, user).await?;
        st = presence::get(k, user.id).await?;
    }
    let training = campaigns::gating::training_status(k, user).await?;
    let (offer, call) = current(k, user).await?;
    Ok(AgentStateView {
        status: st.status,
        reason: st.reason,
        since: st.since,
        training,
        offer,
        call,
        messages: messages::recent(k, user.id, 5).await?,
        wrap_up: crate::wrap_up::view(k, user, &st).await?,
    })
}

/// The call in progress, else the order offered and not started.
async fn current(k: &Kernel, user: &Principal) -> Result<(Option<Offer>, Option<CallView>)> {
    if let Some(call) = calls::open_of(k, user.id).await? {
        if let Some(order_id) = call.order_id {
            // The call goes on only while its order is still this agent's: a lease that
            // expired is renewed if nobody took the order meanwhile.
            if dispatch::renew(k, user, order_id).await?.is_none() {
                // The order's outcome may have been recorded by the call's own finish
                // between reading the call and renewing: then the finish set the agent's
                // state (after-call work), which this must not overwrite.
                if calls::abandon(k, &call).await? {
                    presence::set(k, user.id, AgentStatus::Ready, None).await?;
                }
                return Ok((None, None));
            }
        }
        let loaded = Loaded::load(k, call).await?;
        let mut view = loaded.to_view(k, &user.name);
        view.notes = crate::wrap_up::notes_of_case(k, &loaded.call.case_id).await?;
        return Ok((None, Some(view)));
    }
    match dispatch::held(k, user).await? {
        Some(order) => Ok((Some(offer(k, &order).await?), None)),
        None => Ok((None, None)),
    }
}

/// The offer card of a held order: the citizen masked until the call starts.
async fn offer(k: &Kernel, order: &Order) -> Result<Offer> {
    let campaign = campaigns::store::get(k, &order.campaign_id).await?;
    let case = cases::access::masked(k, &order.case_id).await?;
    Ok(Offer {
        order_id: order.id,
        campaign_id: order.campaign_id.clone(),
        campaign_name: campaign.name,
        language: order.language.clone(),
        deadline_at: order.deadline_at,
        attempts: order.attempts,
        case,
    })
}

pub async fn ready(ctx: &Ctx<'_>) -> Result<Ack> {
    if calls::open_of(ctx.k, ctx.user.id).await?.is_some() {
        return Err(ConsoleError::Conflict(
            "finish the call in progress first".into(),
        ));
    }
    presence::set(ctx.k, ctx.user.id, AgentStatus::Ready, None).await?;
    crate::offers::offer_next(ctx.k, ctx.user).await?;
    ctx.changed().await;
    Ok(Ack::Done {})
}

pub async fn pause(ctx: &Ctx<'_>, reason: PauseReason) -> Result<Ack> {
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
    presence::set(ctx.k, ctx.user.id, AgentStatus::Paused, Some(reason)).await?;
    ctx.changed().await;
    Ok(Ack::Done {})
}

/// Keeps the held order's lease while the console is open.
pub async fn heartbeat(ctx: &Ctx<'_>) -> Result<Ack> {
    let until = match dispatch::held(ctx.k, ctx.user).await? {
        Some(order) => Some(dispatch::heartbeat(ctx.k, ctx.user, order.id).await?),
        None => None,
    };
    Ok(Ack::Lease { lease_until: until })
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
