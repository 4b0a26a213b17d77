//! A request linked to the case of its requester, when the requester is one: an agent on
//! an inbound call files the caller's request (the phone channel) and links it to the case
//! they have open, or a supervisor links one they recognise. Linking reads the case, so it
//! goes through the cases' own access decision with the same purpose as opening it (a call
//! in progress on it, a break-glass with its justification) and is audited twice: the case
//! opened, the request linked.

use kernel::auth::Principal;
use kernel::Kernel;
use serde::Deserialize;

use crate::error::Result;

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseLinkIn {
    pub case_code: String,
    /// Why the case may be opened: `inbound` (a call in progress on it), `call_order`,
    /// `break_glass` (with a justification).
    #[schema(value_type = String)]
    pub reason: cases::purpose::OpenReason,
    #[serde(default)]
    pub order_id: Option<i64>,
    #[serde(default)]
    pub justification: Option<String>,
}

/// Links request `reference` to the case `input` names, when `who` may open that case.
pub async fn link(k: &Kernel, who: &Principal, reference: &str, input: &CaseLinkIn) -> Result<()> {
    let (id, _) = crate::work::reach_team(k, who, reference).await?;
    let detail = cases::access::open(
        k,
        who,
        input.case_code.trim(),
        cases::purpose::Purpose {
            reason: input.reason,
            order_id: input.order_id,
            justification: input.justification.as_deref(),
        },
        None,
    )
    .await
    .map_err(kernel::Error::from)?;
    let mut tx = k.db.begin().await?;
    sqlx::query("UPDATE requests SET case_id = $1 WHERE id = $2")
        .bind(&detail.case.id)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "request.linked",
            subject: &format!("request:{id}"),
            request_id: None,
            detail: serde_json::json!({ "case": format!("case:{}", detail.case.id) }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The code of the case request `case_id` names, for showing it.
pub async fn code_of(k: &Kernel, case_id: Option<&str>) -> Result<Option<String>> {
    match case_id {
        Some(id) => Ok(Some(
            cases::access::case_by_id(k, id)
                .await
                .map_err(kernel::Error::from)?
                .code,
        )),
        None => Ok(None),
    }
}
