//! Erasing a person (GDPR art. 17, or retention): their key is destroyed, so everything sealed
//! about them stops decrypting everywhere at once; their sealed columns and postal code are
//! emptied and their tokens deleted; their cases are closed and purged; every other service
//! clears its own rows about them through the erasure hooks; and the erasure is journalled
//! outside the database, all before the one transaction commits. The audit log keeps only
//! that it happened: the person's id, the reason, how many cases.
//!
//! What stays: the rows themselves and their clear, coarsened facts (case type, region, age
//! band, sex, registration time, whether symptoms were known), for aggregates; the exact
//! dates were sealed under the destroyed key and are gone with it.

use std::sync::Arc;

use kernel::audit::{self, Event};
use kernel::db::{millis, Tx};
use kernel::erasure::{Erased, Reason};
use kernel::Kernel;
use sqlx::Row;

use crate::error::{CasesError, Result};
use crate::store::{case_by_code, event, load_person, reindex, SEALED};

/// Who asked and why.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub reason: Reason,
    pub actor: &'a str,
    pub request_id: Option<&'a str>,
}

/// Erases person `person_id` inside `tx`, journalling it. `Ok(false)`: they were erased
/// already (erasing is idempotent, so a journal can be re-applied).
pub async fn erase_person(
    k: &Kernel,
    tx: &mut Tx,
    person_id: &str,
    by: Request<'_>,
) -> Result<bool> {
    erase(k, tx, person_id, by, Journal::Append).await
}

/// Whether an erasure goes into the journal: a new one does; re-applying a journalled one
/// after a restore does not (the journal stays one line per erasure, in count order, so its
/// last line is its highest count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Journal {
    Append,
    AlreadyThere,
}

async fn erase(
    k: &Kernel,
    tx: &mut Tx,
    person_id: &str,
    by: Request<'_>,
    journal: Journal,
) -> Result<bool> {
    let erased_at: Option<i64> = sqlx::query("SELECT erased_at FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| CasesError::NotFound(format!("person {person_id}")))?
        .try_get("erased_at")?;
    if erased_at.is_some() {
        // Erased already; a key left by an older release's retention goes now.
        sqlx::query("UPDATE people SET data_key = NULL WHERE id = $1 AND data_key IS NOT NULL")
            .bind(person_id)
            .execute(&mut **tx)
            .await?;
        return Ok(false);
    }
    let now = k.now();
    let at = millis(now);
    // Read what the hooks need before the key is gone.
    let person = load_person(k, tx, person_id).await?;
    let phone_tokens: Vec<i64> = person
        .phone
        .iter()
        .map(|p| k.blind.token("phone", p))
        .collect();
    let case_ids: Vec<String> = sqlx::query("SELECT id FROM cases WHERE person_id = $1")
        .bind(person_id)
        .fetch_all(&mut **tx)
        .await?
        .iter()
        .map(|r| r.try_get("id"))
        .collect::<std::result::Result<_, _>>()?;

    let entry = match journal {
        Journal::Append => Some(
            kernel::erasure::journal(tx, &k.config.checkpoint_dir(), person_id, at, by.reason)
                .await?
                .n,
        ),
        Journal::AlreadyThere => None,
    };
    let sets: Vec<String> = SEALED.iter().map(|c| format!("{c} = NULL")).collect();
    sqlx::query(&format!(
        "UPDATE people SET {}, postal_code = NULL, data_key = NULL, erased_at = $2, updated_at = $2 WHERE id = $1",
        sets.join(", ")
    ))
    .bind(person_id)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    crate::token_rows::delete_all(tx, person_id).await?;
    for case_id in &case_ids {
        let closed = sqlx::query(
            "UPDATE cases SET status = 'closed', closed_at = COALESCE(closed_at, $2), purged_at = COALESCE(purged_at, $2), updated_at = $2 WHERE id = $1",
        )
        .bind(case_id)
        .bind(at)
        .execute(&mut **tx)
        .await?;
        if closed.rows_affected() > 0 {
            event(
                tx,
                case_id,
                at,
                by.actor,
                "person.erased",
                serde_json::json!({ "reason": by.reason.as_str() }),
            )
            .await?;
        }
    }
    reindex(k, tx, person_id).await?;
    let erased = Arc::new(Erased {
        person_id: person_id.to_string(),
        case_ids: case_ids.clone(),
        phone_tokens,
        at,
    });
    let cleared = k.erasure.run(tx, erased, k.db.backend()).await?;
    audit::append(
        tx,
        &k.db,
        now,
        &Event {
            actor: by.actor,
            action: "person.erased",
            subject: &format!("person:{person_id}"),
            request_id: by.request_id,
            detail: serde_json::json!({
                "reason": by.reason.as_str(),
                "cases": case_ids.len(),
                "rows_cleared": cleared,
                "journal_entry": entry,
            }),
        },
    )
    .await?;
    Ok(true)
}

/// Erases the person of case `code` in a transaction of its own (the DPO's erasure request).
/// Returns the person's id and whether they were erased now (false: already erased).
pub async fn erase_by_code(k: &Kernel, code: &str, by: Request<'_>) -> Result<(String, bool)> {
    let mut tx = k.db.begin().await?;
    let case = case_by_code(&mut tx, code)
        .await?
        .ok_or_else(|| CasesError::NotFound(format!("case {code}")))?;
    let done = erase_person(k, &mut tx, &case.person_id, by).await?;
    tx.commit().await?;
    Ok((case.person_id, done))
}

/// Re-applies the journal's erasures that this database has not seen (after restoring a
/// backup), then records the journal's count. Returns how many people were erased again.
pub async fn reapply_journal(k: &Kernel) -> Result<u64> {
    let dir = k.config.checkpoint_dir();
    let entries = kernel::erasure::read_journal(&dir)?;
    let seen = kernel::erasure::count(&k.db).await?;
    let Some(last) = entries.iter().map(|e| e.n).max() else {
        return Ok(0);
    };
    let mut again = 0;
    for entry in entries.iter().filter(|e| e.n > seen) {
        let mut tx = k.db.begin().await?;
        let exists = sqlx::query("SELECT id FROM people WHERE id = $1")
            .bind(&entry.person)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        // A person registered after the backup was taken is not in it: nothing to erase.
        if exists && erase_again(k, &mut tx, &entry.person, entry.reason).await? {
            again += 1;
        }
        tx.commit().await?;
    }
    let mut tx = k.db.begin().await?;
    kernel::erasure::set_count(&mut tx, last).await?;
    tx.commit().await?;
    Ok(again)
}

/// Erases a person again after a restore, without a second journal line (the restore sets
/// the database's count to the journal's once every entry is re-applied).
async fn erase_again(k: &Kernel, tx: &mut Tx, person: &str, reason: Reason) -> Result<bool> {
    erase(
        k,
        tx,
        person,
        Request {
            reason,
            actor: "restore",
            request_id: None,
        },
        Journal::AlreadyThere,
    )
    .await
}
