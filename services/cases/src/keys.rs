//! Each person's own data key (see `kernel::crypto::person`), for the services that seal data
//! about them: a person's key is found from their id or from one of their cases.

use kernel::crypto::person::PersonKey;
use kernel::db::millis;
use kernel::Kernel;
use sqlx::Row;

use crate::error::{CasesError, Result};

/// The key of the person of case `case_id`, to seal with: created for a person who has none
/// yet (registered before per-person keys); an error for an erased person, whose data must
/// not grow again. One read (every autosave goes through here).
pub async fn sealing_key_of_case(
    k: &Kernel,
    conn: &mut sqlx::AnyConnection,
    case_id: &str,
) -> Result<PersonKey> {
    let row = sqlx::query(
        "SELECT p.id, p.data_key, p.erased_at FROM cases c JOIN people p ON p.id = c.person_id WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| CasesError::NotFound(format!("case {case_id}")))?;
    let person: String = row.try_get("id")?;
    sealing_key_from(k, conn, &person, &row).await
}

/// As [`sealing_key_of_case`], from the person's id.
pub async fn sealing_key(
    k: &Kernel,
    conn: &mut sqlx::AnyConnection,
    person: &str,
) -> Result<PersonKey> {
    let row = sqlx::query("SELECT data_key, erased_at FROM people WHERE id = $1")
        .bind(person)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| CasesError::NotFound(format!("person {person}")))?;
    sealing_key_from(k, conn, person, &row).await
}

/// The key from a person's `data_key` and `erased_at`, made when they have none.
async fn sealing_key_from(
    k: &Kernel,
    conn: &mut sqlx::AnyConnection,
    person: &str,
    row: &sqlx::any::AnyRow,
) -> Result<PersonKey> {
    let erased: Option<i64> = row.try_get("erased_at")?;
    if erased.is_some() {
        return Err(CasesError::Kernel(kernel::Error::Conflict(
            "this person was erased; nothing more is recorded about them".into(),
        )));
    }
    if let Some(wrapped) = row.try_get::<Option<Vec<u8>>, _>("data_key")? {
        return Ok(k.envelope.person_key(person, &wrapped)?);
    }
    let (key, wrapped) = k.envelope.new_person_key(person)?;
    let done = sqlx::query(
        "UPDATE people SET data_key = $2, updated_at = $3 WHERE id = $1 AND data_key IS NULL AND erased_at IS NULL",
    )
    .bind(person)
    .bind(&wrapped)
    .bind(millis(k.now()))
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done == 1 {
        Ok(key)
    } else {
        // Another writer gave them a key meanwhile (or erased them): use what is stored now.
        Box::pin(sealing_key(k, conn, person)).await
    }
}

/// The key to open what was sealed about the person of case `case_id`; `None` once they were
/// erased (their ciphertexts then open for no one) or for data sealed before per-person keys.
pub async fn opening_key_of_case(
    k: &Kernel,
    conn: &mut sqlx::AnyConnection,
    case_id: &str,
) -> Result<Option<PersonKey>> {
    let row = sqlx::query(
        "SELECT p.id, CASE WHEN p.erased_at IS NULL THEN p.data_key END AS data_key \
         FROM cases c JOIN people p ON p.id = c.person_id WHERE c.id = $1",
    )
    .bind(case_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| CasesError::NotFound(format!("case {case_id}")))?;
    let person: String = row.try_get("id")?;
    opened(k, &person, row.try_get("data_key")?)
}

/// Unwraps a stored key read with the person's row.
pub fn opened(k: &Kernel, person: &str, wrapped: Option<Vec<u8>>) -> Result<Option<PersonKey>> {
    wrapped
        .map(|w| k.envelope.person_key(person, &w))
        .transpose()
        .map_err(CasesError::from)
}
