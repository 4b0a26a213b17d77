//! Inbound calls: a citizen calls back; the agent finds the case (by phone, national number,
//! case code, or full name with birth date), opens it (purpose checked, audited), sees its
//! history, and runs an inbound script on it: the one the caller's topic in the voice menu
//! names (a cold-chain report), or the one the agent picks, `inbound` by default.

use crate::replies::{Ack, ScriptOption};
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
    let orders = campaigns::returned::waiting_for_case(ctx.k, ctx.user, &detail.case.id).await?;
    let notes = crate::wrap_up::notes_of_case(ctx.k, &detail.case.id).await?;
    Ok(Ack::Opened {
        case: Box::new(detail.case),
        person: Box::new(detail.person),
        history,
        scripts: inbound_scripts(ctx.k, ctx.user.ui_language()).await?,
        orders,
        notes,
    })
}

/// A caller with no case: registered from the details the agent typed (as an import row
/// would be, merged with a person already on file), then opened like a case found on the line.
pub async fn register_caller(
    ctx: &Ctx<'_>,
    fields: &std::collections::BTreeMap<String, String>,
) -> Result<Ack> {
    let registered =
        cases::register::register_caller(ctx.k, ctx.user, fields, Some(&ctx.request_id)).await?;
    open_case(
        ctx,
        &registered.code,
        Purpose {
            reason: cases::purpose::OpenReason::Inbound,
            order_id: None,
            justification: None,
        },
    )
    .await
}

/// A citizen returning a missed call: their waiting order is leased to the agent and the
/// interview runs now, as an outbound call of its campaign (the order's own script, the
/// outcome recorded on the order), not as another callback.
pub async fn complete_missed(ctx: &Ctx<'_>, code: &str, order_id: i64) -> Result<Ack> {
    if calls::open_of(ctx.k, ctx.user.id).await?.is_some() {
        return Err(ConsoleError::Conflict(
            "a call is already in progress".into(),
        ));
    }
    let case = {
        let mut conn = ctx.k.db.pool().acquire().await?;
        cases::store::case_by_code(&mut conn, code)
            .await?
            .ok_or_else(|| ConsoleError::invalid("code", "no case has this code"))?
    };
    let order = campaigns::returned::take_for_caller(ctx.k, ctx.user, order_id, &case.id).await?;
    let release_id = order.release_id.ok_or_else(|| {
        ConsoleError::Conflict("this campaign's script has no published release".into())
    })?;
    crate::call_flow::begin(
        ctx,
        crate::calls::CallKind::Outbound,
        Some(order.id),
        code,
        release_id,
        &order.language,
    )
    .await
}

/// The published release of `id` when it is an inbound script.
pub async fn inbound_script(
    k: &kernel::Kernel,
    id: &str,
) -> Result<Option<scripting::store::ReleaseInfo>> {
    let Some(release) = scripting::store::latest(&k.db, id).await? else {
        return Ok(None);
    };
    let (_, content) = scripting::store::get(&k.db, release.id).await?;
    Ok((content.script.kind == scripting::model::ScriptKind::Inbound).then_some(release))
}

/// Every published inbound script with its title in `lang`, `inbound` first.
async fn inbound_scripts(k: &kernel::Kernel, lang: &str) -> Result<Vec<ScriptOption>> {
    let mut out = Vec::new();
    for release in scripting::store::latest_all(&k.db).await? {
        let (_, content) = scripting::store::get(&k.db, release.id).await?;
        if content.script.kind == scripting::model::ScriptKind::Inbound {
            out.push(ScriptOption {
                title: scripting::messages::pick(&content.script.title, lang).to_string(),
                id: content.script.id,
            });
        }
    }
    out.sort_by_key(|s| (s.id != INBOUND_SCRIPT, s.title.clone()));
    Ok(out)
}

/// Starts inbound script `script` (`inbound` when none) on a case.
pub async fn start_inbound(ctx: &Ctx<'_>, code: &str, script: Option<&str>) -> Result<Ack> {
    if calls::open_of(ctx.k, ctx.user.id).await?.is_some() {
        return Err(ConsoleError::Conflict(
            "a call is already in progress".into(),
        ));
    }
    let script = script.unwrap_or(INBOUND_SCRIPT);
    let release = inbound_script(ctx.k, script).await?.ok_or_else(|| {
        ConsoleError::invalid(
            "script",
            format!("no inbound script {script:?} is published"),
        )
    })?;
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
