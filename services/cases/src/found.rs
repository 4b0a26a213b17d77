//! People a search found, read with their cases in one statement.
//!
//! An inbound lookup is then one round trip (the token index answers which people, the
//! primary keys their sealed fields and their cases), and a name search checks its
//! candidates and makes its hits from the same read. Under fifty concurrent lookups the
//! database's work per statement is what queues, so a second statement per lookup doubled
//! its wait.

use std::collections::HashMap;

use kernel::Kernel;
use sqlx::Row;

use crate::error::Result;
use crate::store::{case_row_with_id, person_from_row, CaseRow, PersonData};

/// The person's columns as [`person_from_row`] reads them, and the case's as
/// [`case_row_with_id`] does, its id renamed.
const JOINED: &str = "p.id, p.first_name, p.last_name, p.national_number, p.phone, p.email, \
     p.birth_date, p.sex, p.language, p.postal_code, \
     CASE WHEN p.erased_at IS NULL THEN p.data_key END AS data_key, \
     c.id AS case_id, c.code, c.person_id, c.case_type, c.status, c.index_case_id, c.dates, \
     c.region, c.created_at, c.closed_at";

/// A person found and their cases, newest first.
pub(crate) struct Found {
    pub(crate) person: PersonData,
    pub(crate) cases: Vec<CaseRow>,
}

/// Groups rows (one per case) by person, decrypting each person once.
fn collect(k: &Kernel, rows: &[sqlx::any::AnyRow]) -> Result<Vec<Found>> {
    let mut out: Vec<Found> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let id: String = row.try_get("id")?;
        let case = case_row_with_id(row, "case_id")?;
        match at.get(&id).and_then(|i| out.get_mut(*i)) {
            Some(found) => found.cases.push(case),
            None => {
                at.insert(id, out.len());
                out.push(Found {
                    person: person_from_row(k, row)?,
                    cases: vec![case],
                });
            }
        }
    }
    Ok(out)
}

/// The people holding `token`, with their cases.
pub(crate) async fn holding(k: &Kernel, token: i64) -> Result<Vec<Found>> {
    let sql = format!(
        "SELECT {JOINED} FROM token_index t JOIN people p ON p.seq = t.person_key \
         JOIN cases c ON c.person_id = p.id WHERE t.token = $1 ORDER BY c.created_at DESC"
    );
    let rows = sqlx::query(&sql).bind(token).fetch_all(k.db.pool()).await?;
    collect(k, &rows)
}

/// The case with `code`, with its person.
pub(crate) async fn with_code(k: &Kernel, code: &str) -> Result<Vec<Found>> {
    let sql = format!(
        "SELECT {JOINED} FROM cases c JOIN people p ON p.id = c.person_id WHERE c.code = $1"
    );
    let rows = sqlx::query(&sql).bind(code).fetch_all(k.db.pool()).await?;
    collect(k, &rows)
}

/// The people `ids` (any order, at most a few hundred), with their cases.
pub(crate) async fn people(
    k: &Kernel,
    conn: &mut sqlx::AnyConnection,
    ids: &[String],
) -> Result<Vec<Found>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT {JOINED} FROM people p JOIN cases c ON c.person_id = p.id \
         WHERE p.id IN ({}) ORDER BY c.created_at DESC",
        placeholders.join(", ")
    );
    let mut q = sqlx::query(&sql);
    for id in ids {
        q = q.bind(id);
    }
    let rows = q.fetch_all(&mut *conn).await?;
    collect(k, &rows)
}
