//! A case's documents as staff list them: an agent on a call with the case (the same access
//! decision as opening it), or a supervisor for a case of their jurisdiction (to revoke one).
//! Nothing sealed is opened, but which documents a person holds says something about them:
//! every listing is audited.

use kernel::auth::{Principal, Role};
use kernel::Kernel;

use crate::error::{DocumentsError, Result};
use crate::store::{of_case, Listed};

/// A case's document as staff see it: whether it is theirs (they issued it, so they may
/// download and send it).
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct StaffListed {
    #[serde(flatten)]
    pub listed: Listed,
    pub mine: bool,
}

/// The documents of case `code`, newest first, for `who`.
pub async fn list(
    k: &Kernel,
    who: &Principal,
    code: &str,
    request_id: Option<&str>,
) -> Result<Vec<StaffListed>> {
    let mut tx = k.db.begin().await?;
    let case = cases::store::case_by_code(&mut tx, code)
        .await?
        .ok_or_else(|| DocumentsError::NotFound(format!("case {code}")))?;
    match who.role {
        Role::Agent => {
            let postal = cases::purpose::postal_code_of(&mut tx, &case.person_id).await?;
            let purpose = cases::purpose::Purpose {
                reason: cases::purpose::OpenReason::CallOrder,
                order_id: None,
                justification: None,
            };
            cases::purpose::check(k, &mut tx, who, &case, postal.as_deref(), purpose).await?;
        }
        Role::Supervisor => cases::purpose::require_jurisdiction(k, who, &case).await?,
        _ => return Err(kernel::Error::Forbidden.into()),
    }
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "documents.listed",
            subject: &format!("case:{}", case.id),
            request_id,
            detail: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    let me = who.actor();
    Ok(of_case(k, &case.id)
        .await?
        .into_iter()
        .map(|listed| StaffListed {
            mine: listed.doc.issued_by == me,
            listed,
        })
        .collect())
}
