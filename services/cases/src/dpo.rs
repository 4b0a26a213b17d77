//! The data protection officer's answer to "who looked at this person, when, and why": every
//! audited access to any case of the person a case code names (opens with their reason and,
//! for a broken glass, the justification; searches that found them; screen pops that showed
//! them; history reads; status changes; contacts recorded). What a citizen's access request
//! under GDPR art. 15 needs. Asking is itself audited.

use kernel::audit::{self, Event};
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::access::justification_aad;
use crate::error::{CasesError, Result};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Access {
    pub at: i64,
    /// `user:12`, `token:3`...
    pub actor: String,
    /// The actor's name when it is a user.
    pub actor_name: Option<String>,
    pub action: String,
    /// The case it concerned, when the event names one.
    pub case_code: Option<String>,
    /// Why: the open's reason (`call_order`, `inbound`, `screen_pop`, `break_glass`).
    pub reason: Option<String>,
    /// What the person typed when breaking the glass.
    pub justification: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PersonReport {
    /// The person's cases, by code.
    pub cases: Vec<String>,
    pub accesses: Vec<Access>,
}

/// The report for the person of case `code`, as `actor` (the DPO, or `cli`) asks it.
pub async fn person_report(
    k: &Kernel,
    actor: &str,
    code: &str,
    request_id: Option<&str>,
) -> Result<PersonReport> {
    let rows = sqlx::query(
        "SELECT c2.id, c2.code FROM cases c JOIN cases c2 ON c2.person_id = c.person_id \
         WHERE c.code = $1 ORDER BY c2.created_at, c2.id",
    )
    .bind(code)
    .fetch_all(k.db.pool())
    .await?;
    if rows.is_empty() {
        return Err(CasesError::NotFound(format!("case {code}")));
    }
    let mut ids = Vec::new();
    let mut codes = Vec::new();
    for r in &rows {
        ids.push(r.try_get::<String, _>("id")?);
        codes.push(r.try_get::<String, _>("code")?);
    }
    // Events name a case by id; contacts recorded on an index case's call name it by code.
    let subjects: Vec<String> = ids
        .iter()
        .map(|id| format!("case:{id}"))
        .chain(codes.iter().map(|c| format!("case_code:{c}")))
        .collect();
    let records = audit::about(&k.db, &subjects, &codes).await?;
    // The person's key opens the break-glass justifications (none once they were erased).
    let mut conn = k.db.pool().acquire().await?;
    let key = crate::keys::opening_key_of_case(k, &mut conn, &ids[0]).await?;
    // An erased person's justifications stay closed, those sealed before per-person keys too.
    let erased: bool = sqlx::query(
        "SELECT p.erased_at FROM cases c JOIN people p ON p.id = c.person_id WHERE c.id = $1",
    )
    .bind(&ids[0])
    .fetch_one(&mut *conn)
    .await?
    .try_get::<Option<i64>, _>("erased_at")?
    .is_some();
    drop(conn);
    let user_of = |actor: &str| actor.strip_prefix("user:")?.parse::<i64>().ok();
    let users: Vec<i64> = records.iter().filter_map(|r| user_of(&r.actor)).collect();
    let names = kernel::auth::users::names(&k.db, &users).await?;
    let mut accesses = Vec::new();
    for r in records {
        let detail: serde_json::Value = serde_json::from_str(&r.detail).unwrap_or_default();
        let case_id = r.subject.strip_prefix("case:").map(str::to_string);
        let named_code = r.subject.strip_prefix("case_code:").map(str::to_string);
        let case_code = case_id
            .as_ref()
            .and_then(|id| ids.iter().position(|x| x == id))
            .and_then(|i| codes.get(i).cloned())
            .or(named_code)
            .or_else(|| {
                codes
                    .iter()
                    .find(|c| r.detail.contains(&format!("\"{c}\"")))
                    .cloned()
            });
        let justification = match (detail.get("justification_sealed"), &case_id) {
            (Some(serde_json::Value::String(sealed)), Some(id)) if !erased => {
                hex::decode(sealed).ok().and_then(|b| {
                    k.envelope
                        .open_str_for(key.as_ref(), justification_aad(id), &b)
                        .ok()
                })
            }
            _ => None,
        };
        accesses.push(Access {
            at: r.at,
            actor_name: user_of(&r.actor).and_then(|id| names.get(&id).cloned()),
            actor: r.actor,
            action: r.action,
            case_code,
            reason: detail
                .get("reason")
                .and_then(|v| v.as_str())
                .map(str::to_string),
            justification,
        });
    }
    let mut tx = k.db.begin().await?;
    audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &Event {
            actor,
            action: "dpo.person_report",
            subject: &subjects[0],
            request_id,
            detail: serde_json::json!({ "accesses": accesses.len() }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(PersonReport {
        cases: codes,
        accesses,
    })
}
