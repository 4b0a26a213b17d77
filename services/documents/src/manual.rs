//! Documents issued on request rather than by a call's end: by the operator's command
//! (`tracecall document issue`), and revoked by a supervisor with a reason.
//!
//! Issuing reads the holder's name and birth date, so it is recorded as an open of the case
//! (`case.opened`, reason `document`) besides `document.issued`, in the same transaction.

use chrono::NaiveDate;
use kernel::Kernel;
use serde::{Deserialize, Serialize};

use crate::error::{DocumentsError, Result};
use crate::sign::DocumentSigner;
use crate::store::{issue_in, DocumentState, IssueIn, Source};
use crate::template::DocumentKind;

/// Issues a document of `kind` for case `code` by the operator's command, in `language`
/// (the citizen's when `None`); returns its id.
pub async fn issue_for_case(
    k: &Kernel,
    code: &str,
    kind: DocumentKind,
    language: Option<&str>,
    actor: &str,
    source: Source,
) -> Result<String> {
    let mut tx = k.db.begin().await?;
    let case = cases::store::case_by_code(&mut tx, code)
        .await?
        .ok_or_else(|| DocumentsError::NotFound(format!("case {code}")))?;
    let person = cases::store::load_person(k, &mut tx, &case.person_id).await?;
    let case = cases::dates::with_dates(k, &mut tx, case).await?;
    let by = Issuer {
        actor,
        source,
        job_id: None,
    };
    let id = issue_for(k, &mut tx, &case, &person, kind, language, by).await?;
    // Reading the holder's name for the letter is an open of the case, recorded as such.
    cases::store::event(
        &mut tx,
        &case.id,
        kernel::db::millis(k.now()),
        actor,
        "case.opened",
        serde_json::json!({ "reason": "document", "document": id }),
    )
    .await?;
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor,
            action: "case.opened",
            subject: &format!("case:{}", case.id),
            request_id: None,
            detail: serde_json::json!({ "reason": "document", "document": id }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Issues (or issues again) a document for an agent on a call with the case: the case is
/// opened through the access decision (a call of theirs in progress on it; audited), a
/// document of the same kind still in force is revoked as replaced, and the new one issued,
/// in `language` when the agent overrides the citizen's.
pub async fn issue_by_agent(
    k: &Kernel,
    who: &kernel::auth::Principal,
    code: &str,
    kind: DocumentKind,
    language: Option<&str>,
    request_id: Option<&str>,
) -> Result<String> {
    // Checked before the case is opened: a refused request reads nothing.
    if let Some(l) = language.filter(|l| !crate::template::LANGUAGES.contains(l)) {
        return Err(DocumentsError::Invalid(format!(
            "language {l:?}: use fr, nl, de or en"
        )));
    }
    let purpose = cases::purpose::Purpose {
        reason: cases::purpose::OpenReason::CallOrder,
        order_id: None,
        justification: None,
    };
    let detail = cases::access::open(k, who, code, purpose, request_id).await?;
    let actor = who.actor();
    let mut tx = k.db.begin().await?;
    let replaced: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM documents WHERE case_id = $1 AND kind = $2 AND state = $3",
    )
    .bind(&detail.case.id)
    .bind(kind.as_str())
    .bind(DocumentState::Issued.as_str())
    .fetch_all(&mut *tx)
    .await?;
    for old in &replaced {
        revoke_in(k, &mut tx, old, RevocationReason::Replaced, &actor).await?;
    }
    let id = issue_for(
        k,
        &mut tx,
        &detail.case,
        &detail.person,
        kind,
        language,
        Issuer {
            actor: &actor,
            source: Source::Agent,
            job_id: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Who issues, and on what account: the actor, the path, and the bulk issue if any.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Issuer<'a> {
    pub actor: &'a str,
    pub source: Source,
    pub job_id: Option<&'a str>,
}

/// The issue itself, from a case and its person already read.
pub(crate) async fn issue_for(
    k: &Kernel,
    tx: &mut kernel::db::Tx,
    case: &cases::store::CaseRow,
    person: &cases::store::PersonData,
    kind: DocumentKind,
    language: Option<&str>,
    by: Issuer<'_>,
) -> Result<String> {
    if let Some(l) = language {
        if !crate::template::LANGUAGES.contains(&l) {
            return Err(DocumentsError::Invalid(format!(
                "language {l:?}: use fr, nl, de or en"
            )));
        }
    }
    let signer = DocumentSigner::derive(k.envelope.index_root())?;
    let day = |s: &Option<String>| {
        s.as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    };
    let today = k.now().date_naive();
    let start = match case.case_type {
        cases::person::CaseType::Index => day(&case.onset_date).or(day(&case.test_date)),
        cases::person::CaseType::Contact => day(&case.exposure_date),
    }
    .map_or(today, |d| d.min(today));
    let language = language
        .or(person.language.as_deref())
        .unwrap_or("fr")
        .to_string();
    let d = IssueIn {
        kind,
        case_id: &case.id,
        language: &language,
        source: by.source,
        call_id: None,
        job_id: by.job_id,
        actor: by.actor,
        holder_name: crate::calls::holder_name(person),
        birth_date: day(&person.birth_date),
        start,
    };
    issue_in(k, &signer, tx, &d)
        .await?
        .ok_or_else(|| DocumentsError::Internal("no document issued".into()))
}

kernel::text_enum! {
    /// Why a document is revoked (a fixed list: no free text about a person).
    #[derive(utoipa::ToSchema)]
    pub enum RevocationReason {
        IssuedInError = "issued_in_error",
        WrongPerson = "wrong_person",
        PeriodChanged = "period_changed",
        Replaced = "replaced",
    }
}

/// An agent's request for a document.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct IssueRequest {
    /// The case's code.
    pub case: String,
    pub kind: DocumentKind,
    /// fr, nl, de or en, to override the citizen's language.
    #[serde(default)]
    pub language: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RevokeIn {
    pub reason: RevocationReason,
}

/// Revokes document `id` for a supervisor whose jurisdiction covers its holder; revoking
/// twice is refused.
pub async fn revoke(
    k: &Kernel,
    who: &kernel::auth::Principal,
    id: &str,
    reason: RevocationReason,
) -> Result<()> {
    let actor = &who.actor();
    let mut tx = k.db.begin().await?;
    let case_id: String = sqlx::query_scalar("SELECT case_id FROM documents WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| DocumentsError::NotFound(format!("document {id}")))?;
    let case = cases::access::case_by_id(k, &case_id).await?;
    let postal = cases::purpose::postal_code_of(&mut tx, &case.person_id).await?;
    if !cases::purpose::jurisdiction_of(k, who)
        .await?
        .covers(postal.as_deref())
    {
        // Outside their area: as if it did not exist.
        return Err(DocumentsError::NotFound(format!("document {id}")));
    }
    revoke_in(k, &mut tx, id, reason, actor).await?;
    tx.commit().await?;
    Ok(())
}

/// The revoked documents, as the signed list publishes them.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Revoked {
    pub id: String,
    /// Unix milliseconds.
    pub revoked_at: i64,
    pub reason: String,
}

pub async fn revoked(k: &Kernel) -> Result<Vec<Revoked>> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT id, revoked_at, revoked_reason FROM documents WHERE state = $1 ORDER BY revoked_at",
    )
    .bind(DocumentState::Revoked.as_str())
    .fetch_all(k.db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, revoked_at, reason)| Revoked {
            id,
            revoked_at,
            reason,
        })
        .collect())
}

/// Whether document `id` is revoked (`None` when no such document).
pub async fn status(k: &Kernel, id: &str) -> Result<Option<DocumentState>> {
    let state: Option<String> = sqlx::query_scalar("SELECT state FROM documents WHERE id = $1")
        .bind(id)
        .fetch_optional(k.db.pool())
        .await?;
    Ok(state.map(|s| s.parse()).transpose()?)
}

/// Revokes `id` inside `tx` (refused when it is not in force), audited.
async fn revoke_in(
    k: &Kernel,
    tx: &mut kernel::db::Tx,
    id: &str,
    reason: RevocationReason,
    actor: &str,
) -> Result<()> {
    let now = k.now();
    let changed = sqlx::query(
        "UPDATE documents SET state = $2, revoked_at = $3, revoked_reason = $4 WHERE id = $1 AND state = $5",
    )
    .bind(id)
    .bind(DocumentState::Revoked.as_str())
    .bind(kernel::db::millis(now))
    .bind(reason.as_str())
    .bind(DocumentState::Issued.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        let exists: Option<String> = sqlx::query_scalar("SELECT id FROM documents WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
        return Err(match exists {
            Some(_) => DocumentsError::Kernel(kernel::Error::Conflict(format!(
                "document {id} is already revoked"
            ))),
            None => DocumentsError::NotFound(format!("document {id}")),
        });
    }
    kernel::audit::append(
        tx,
        &k.db,
        now,
        &kernel::audit::Event {
            actor,
            action: "document.revoked",
            subject: &format!("document:{id}"),
            request_id: None,
            detail: serde_json::json!({ "reason": reason.as_str() }),
        },
    )
    .await?;
    Ok(())
}
