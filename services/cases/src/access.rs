//! Reading a case: the masked view shown before it is opened, opening it (decrypting the
//! person, with an audit event saying who, which case and why), and its history. The HTTP
//! routes and the agent console both go through these functions, so every read of personal
//! data by a person is audited the same way.

use kernel::audit::{self, Event};
use kernel::auth::Principal;
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::{CasesError, Result};
use crate::search::Hit;
use crate::store::{case_by_code, case_row, event, load_person, CaseRow, PersonData, CASE_COLUMNS};

pub use crate::purpose::{OpenReason, Purpose};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseDetail {
    pub case: CaseRow,
    pub person: PersonData,
}

/// A case by its internal id, its dates still sealed (those who may read them open them with
/// [`crate::dates::with_dates`]).
pub async fn case_by_id(k: &Kernel, id: &str) -> Result<CaseRow> {
    let row = sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1"))
        .bind(id)
        .fetch_optional(k.db.pool())
        .await?
        .ok_or_else(|| CasesError::NotFound(format!("case {id}")))?;
    case_row(&row)
}

/// The masked view of a case (initial, masked surname, birth year, end of the phone): what
/// an agent sees of an offered order before opening it. Decrypts in memory only.
pub async fn masked(k: &Kernel, case_id: &str) -> Result<Hit> {
    let case = case_by_id(k, case_id).await?;
    let mut conn = k.db.pool().acquire().await?;
    let person = load_person(k, &mut conn, &case.person_id).await?;
    Ok(Hit::masked(&case, &person, "order"))
}

/// How a break-glass justification is sealed in the audit detail: it is free text an agent
/// typed, so it may name people, and only the DPO's report opens it.
pub fn justification_aad(case_id: &str) -> kernel::crypto::envelope::Aad<'_> {
    kernel::crypto::envelope::Aad {
        table: "audit_log",
        column: "justification",
        row: case_id,
    }
}

/// Opens a case: checks the purpose (see [`crate::purpose`]) before anything is decrypted,
/// then decrypts its person and records, in the same transaction, the audit event and the
/// case's history entry. A break-glass open is also announced to the supervisors.
pub async fn open(
    k: &Kernel,
    who: &Principal,
    code: &str,
    purpose: Purpose<'_>,
    request_id: Option<&str>,
) -> Result<CaseDetail> {
    let mut tx = k.db.begin().await?;
    let case = case_by_code(&mut tx, code)
        .await?
        .ok_or_else(|| CasesError::NotFound(format!("case {code}")))?;
    let postal = crate::purpose::postal_code_of(&mut tx, &case.person_id).await?;
    crate::purpose::check(k, &mut tx, who, &case, postal.as_deref(), purpose).await?;
    let person = load_person(k, &mut tx, &case.person_id).await?;
    let case = crate::dates::with_dates(k, &mut tx, case).await?;
    let now = k.now();
    let reason = purpose.reason;
    audit::append(
        &mut tx,
        &k.db,
        now,
        &Event {
            actor: &who.actor(),
            action: "case.opened",
            subject: &format!("case:{}", case.id),
            request_id,
            detail: serde_json::json!({ "reason": reason, "order_id": purpose.order_id }),
        },
    )
    .await?;
    let broke_glass = reason == OpenReason::BreakGlass;
    if broke_glass {
        let text = purpose.justification.map(str::trim).unwrap_or_default();
        // Sealed under the person's key: erasing them erases what the agent wrote about them.
        let key = crate::keys::sealing_key(k, &mut tx, &case.person_id).await?;
        let sealed = key.seal_str(justification_aad(&case.id), text)?;
        audit::append(
            &mut tx,
            &k.db,
            now,
            &Event {
                actor: &who.actor(),
                action: "case.break_glass",
                subject: &format!("case:{}", case.id),
                request_id,
                detail: serde_json::json!({ "justification_sealed": hex::encode(sealed) }),
            },
        )
        .await?;
        // The open was justified: the agent may go on to start the call on the case.
        let at = kernel::db::millis(now);
        grant(&mut tx, who.user_id()?, &case.code, Grant::Inbound, at).await?;
    }
    event(
        &mut tx,
        &case.id,
        kernel::db::millis(now),
        &who.actor(),
        "case.opened",
        serde_json::json!({ "reason": reason }),
    )
    .await?;
    tx.commit().await?;
    if broke_glass {
        let user = who.user_id()?;
        let count_today = crate::purpose::break_glass_today(k, user).await?;
        k.notices.publish(kernel::notices::Notice::BreakGlass {
            user,
            case_code: case.code.clone(),
            count_today,
        });
    }
    Ok(CaseDetail { case, person })
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct HistoryEntry {
    pub at: i64,
    pub actor: String,
    /// The actor's display name when it is a user.
    pub actor_name: Option<String>,
    pub action: String,
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
}

/// The history of case `code` as `who` reads it through the API: the read is audited, and
/// the audit event commits before anything is returned.
pub async fn history_read(
    k: &Kernel,
    who: &Principal,
    code: &str,
    request_id: Option<&str>,
) -> Result<Vec<HistoryEntry>> {
    let mut tx = k.db.begin().await?;
    let case = case_by_code(&mut tx, code)
        .await?
        .ok_or_else(|| CasesError::NotFound(format!("case {code}")))?;
    crate::purpose::require_jurisdiction(k, who, &case).await?;
    audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &Event {
            actor: &who.actor(),
            action: "case.history_read",
            subject: &format!("case:{}", case.id),
            request_id,
            detail: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    history(k, code).await
}

/// Every change of a case, oldest first: earlier calls, outcomes, who.
pub async fn history(k: &Kernel, code: &str) -> Result<Vec<HistoryEntry>> {
    let mut conn = k.db.pool().acquire().await?;
    let case = case_by_code(&mut conn, code)
        .await?
        .ok_or_else(|| CasesError::NotFound(format!("case {code}")))?;
    let rows = sqlx::query(
        "SELECT at, actor, action, detail FROM case_events WHERE case_id = $1 ORDER BY at, id",
    )
    .bind(&case.id)
    .fetch_all(&mut *conn)
    .await?;
    drop(conn);
    let user_of = |actor: &str| actor.strip_prefix("user:")?.parse::<i64>().ok();
    let actors: Vec<i64> = rows
        .iter()
        .filter_map(|r| user_of(&r.try_get::<String, _>("actor").ok()?))
        .collect();
    let names = kernel::auth::users::names(&k.db, &actors).await?;
    rows.iter()
        .map(|r| {
            let actor: String = r.try_get("actor")?;
            Ok(HistoryEntry {
                at: r.try_get("at")?,
                actor_name: user_of(&actor).and_then(|id| names.get(&id).cloned()),
                actor,
                action: r.try_get("action")?,
                detail: kernel::db::json_column(r, "detail")?,
            })
        })
        .collect()
}

/// What a finished call changes in its case, in the call's transaction: the status (a call
/// that reached the person closes the case's interview; an attempt puts it in progress) and
/// the symptom onset date when the call captured one.
pub async fn after_call(
    k: &kernel::Kernel,
    tx: &mut kernel::db::Tx,
    case_id: &str,
    status: crate::person::CaseStatus,
    onset_date: Option<&str>,
    at: i64,
) -> Result<()> {
    let closed_at = (status == crate::person::CaseStatus::Closed).then_some(at);
    if let Some(onset) = onset_date {
        crate::dates::record_onset(k, tx, case_id, onset, at).await?;
    }
    let person: Option<String> = sqlx::query_scalar(
        "UPDATE cases SET status = $2, closed_at = $4, updated_at = $3 WHERE id = $1 AND purged_at IS NULL \
         RETURNING person_id",
    )
    .bind(case_id)
    .bind(status.as_str())
    .bind(at)
    .bind(closed_at)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(person) = person {
        crate::store::reindex(k, tx, &person).await?;
    }
    Ok(())
}

/// What lets a user open a case for a while without breaking the glass again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grant {
    /// A telephony screen pop showed the case.
    ScreenPop,
    /// The case was found on an inbound call, or opened by breaking the glass.
    Inbound,
}

/// Lets `user` open case `code` for [`GRANT_MINUTES`] from `at`, inside `tx`.
pub(crate) async fn grant(
    tx: &mut kernel::db::Tx,
    user: i64,
    code: &str,
    why: Grant,
    at: i64,
) -> Result<()> {
    let reason = match why {
        Grant::ScreenPop => "screen_pop",
        Grant::Inbound => "inbound",
    };
    sqlx::query(
        "INSERT INTO case_grants (user_id, case_code, reason, granted_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user)
    .bind(code)
    .bind(reason)
    .bind(at)
    .bind(at + GRANT_MINUTES * 60_000)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// How long a screen pop or an inbound identification lets its user open the case: long
/// enough for the conversation it started, short enough that it is not a standing right.
pub const GRANT_MINUTES: i64 = 30;

/// Records that the telephony screen pop of event `event_id` showed `hits` to `user_id`:
/// each shown case gets an audit event and a grant to open it for [`GRANT_MINUTES`], in one
/// transaction.
pub async fn grant_screen_pop(k: &Kernel, user_id: i64, event_id: i64, hits: &[Hit]) -> Result<()> {
    let now = k.now();
    let at = kernel::db::millis(now);
    let mut tx = k.db.begin().await?;
    for hit in hits {
        let Some(case) = case_by_code(&mut tx, &hit.case_code).await? else {
            continue;
        };
        grant(&mut tx, user_id, &case.code, Grant::ScreenPop, at).await?;
        audit::append(
            &mut tx,
            &k.db,
            now,
            &Event {
                actor: &format!("user:{user_id}"),
                action: "case.screen_pop",
                subject: &format!("case:{}", case.id),
                request_id: None,
                detail: serde_json::json!({ "telephony_event": event_id, "matched": hit.matched }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Of the people holding any of `tokens` among their blind-index tokens, those whose own
/// phone (decrypted in memory, never shown) has one of those tokens as its phone token.
///
/// The token table mixes every kind of identifier and keeps few bits of each, so a phone's
/// token can equal another person's name or birth-date token: matching the table alone
/// would wrongly treat that person as on the do-not-call list. This confirms each
/// candidate against their actual phone. Used by the campaign engine, not shown to anyone,
/// so it is not an audited read.
pub async fn people_whose_phone_has(
    k: &Kernel,
    tokens: &std::collections::HashSet<i64>,
) -> Result<Vec<String>> {
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    let all: Vec<i64> = tokens.iter().copied().collect();
    let mut conn = k.db.pool().acquire().await?;
    let candidates = crate::token_rows::holders(k, &mut conn, &all).await?;
    let people = crate::store::load_people(k, &mut conn, &candidates).await?;
    Ok(people
        .into_iter()
        .filter(|p| {
            p.phone
                .as_deref()
                .is_some_and(|ph| tokens.contains(&k.blind.token("phone", ph)))
        })
        .map(|p| p.id)
        .collect())
}

/// Forgets purpose grants that have expired.
pub async fn purge_grants(k: &Kernel) -> Result<u64> {
    let done = sqlx::query("DELETE FROM case_grants WHERE expires_at <= $1")
        .bind(kernel::db::millis(k.now()))
        .execute(k.db.writer())
        .await?;
    Ok(done.rows_affected())
}
