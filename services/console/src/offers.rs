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
    Ok(dispatch::next(k, user).await?.is_some())
}
