//! Offering work: an agent who is ready, holds no order and has no call is offered the best
//! eligible order. Used after going ready, after a call ends, and by the matcher for agents
//! who are waiting.

use campaigns::dispatch;
use kernel::auth::Principal;
use kernel::Kernel;

use crate::calls;
use crate::error::Result;
use crate::presence::{self, AgentStatus};

/// Claims an order for a ready agent who holds none and has no call; returns whether a new
/// one was offered. Used after going ready, after a call, and by the matcher for waiting agents.
pub async fn offer_next(k: &Kernel, user: &Principal) -> Result<bool> {
    if presence::get(k, user.id).await?.status != AgentStatus::Ready
        || calls::open_of(k, user.id).await?.is_some()
        || dispatch::held(k, user).await?.is_some()
    {
        return Ok(false);
    }
    let Some((order, new)) = dispatch::next_claim(k, user).await? else {
        return Ok(false);
    };
    // Already theirs (another node offered it a moment ago, and a call may be running on
    // it): never given back from here.
    if !new {
        return Ok(false);
    }
    // The agent may have paused or closed the console between the check above and the
    // claim (the matcher of another node read them ready a moment before): the order would
    // then wait for its lease to run out, held by nobody. Pausing sets the status before it
    // gives back what it holds, and closing sets it offline: reading it again after the
    // claim sees the change whenever the claim came after the give-back, and the order goes
    // straight back to the queue. (The drill found this one.)
    if presence::get(k, user.id).await?.status != AgentStatus::Ready {
        dispatch::release(k, user, order.id).await?;
        return Ok(false);
    }
    Ok(true)
}
