//! Inbound calls: a citizen calls back; the agent finds the case (by phone, national number,
//! case code, or full name with birth date), opens it (purpose checked, audited), sees its
//! history, and runs the inbound script on it.

use crate::replies::Ack;
use cases::purpose::Purpose;

use crate::error::{ConsoleError, Result};
use crate::{calls, Ctx};

/// The script inbound calls run.
pub const INBOUND_SCRIPT: &str = "inbound";

/// Cases matching `q`, masked.
pub async fn search(ctx: &Ctx<'_>, q: &str) -> Result<Ack> {
    let q = q.trim();
    if q.is_empty() || q.chars().count() > 200 {
        return Err(ConsoleError::invalid(
            "q",
            "search with 1 to 200 characters",
        ));
    }
    let results =
        cases::lookup::search_as(ctx.k, ctx.console.cases.meili.as_ref(), ctx.user, q, 20).await?;
    Ok(Ack::Results { results })
}

/// Opens a case for the agent: the person decrypted (audited) and the case's history.
pub async fn open_case(ctx: &Ctx<'_>, code: &str, purpose: Purpose<'_>) -> Result<Ack> {
    let detail = cases::access::open(ctx.k, ctx.user, code, purpose, Some(&ctx.request_id)).await?;
    let history = cases::access::history(ctx.k, code).await?;
    Ok(Ack::Opened {
        case: Box::new(detail.case),
        person: Box::new(detail.person),
        history,
    })
}

/// Starts the inbound script on a case.
pub async fn start_inbound(ctx: &Ctx<'_>, code: &str) -> Result<Ack> {
    if calls::open_of(ctx.k, ctx.user.id).await?.is_some() {
        return Err(ConsoleError::Conflict(
            "a call is already in progress".into(),
        ));
    }
    let release = scripting::store::latest(&ctx.k.db, INBOUND_SCRIPT)
        .await?
        .ok_or_else(|| ConsoleError::Conflict("no inbound script is published".into()))?;
    let language = ctx.user.ui_language().to_string();
    crate::call_flow::begin(
        ctx,
        crate::calls::CallKind::Inbound,
        None,
        code,
        release.id,
        &language,
    )
    .await
}
