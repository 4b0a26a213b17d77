//! People and cases in the database. Sensitive fields are sealed with the row's id in the
//! associated data; identifiers and names are findable through blind-index tokens only.

use kernel::crypto::envelope::Aad;
use kernel::crypto::person::PersonKey;
use kernel::db::{millis, Tx};
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::{CasesError, Result};
use crate::person::{age_band, province, CaseIn, PersonIn};
use crate::tokens::person_tokens;

/// Sealed columns of `people`.
pub const SEALED: [&str; 6] = [
    "first_name",
    "last_name",
    "national_number",
    "phone",
    "email",
    "birth_date",
];

fn aad<'a>(column: &'a str, id: &'a str) -> Aad<'a> {
    Aad {
        table: "people",
        column,
        row: id,
    }
}

pub(crate) fn seal(
    key: &PersonKey,
    column: &str,
    id: &str,
    value: Option<&str>,
) -> Result<Option<Vec<u8>>> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| key.seal_str(aad(column, id), v))
        .transpose()
        .map_err(CasesError::from)
}

/// A person's decrypted data (only ever built for someone allowed to see it).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, ToSchema)]
pub struct PersonData {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub national_number: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub birth_date: Option<String>,
    pub sex: Option<String>,
    pub language: Option<String>,
    pub postal_code: Option<String>,
}

/// The person's columns and their wrapped key, so one read decrypts them.
const PERSON_COLUMNS: &str = "id, first_name, last_name, national_number, phone, email, birth_date, sex, language, postal_code, \
     CASE WHEN erased_at IS NULL THEN data_key END AS data_key";

pub(crate) fn person_from_row(k: &Kernel, row: &sqlx::any::AnyRow) -> Result<PersonData> {
    let id: String = row.try_get("id")?;
    let key = crate::keys::opened(k, &id, row.try_get("data_key")?)?;
    let open = |column: &str| -> Result<Option<String>> {
        let sealed: Option<Vec<u8>> = row.try_get(column)?;
        sealed
            .map(|s| k.envelope.open_str_for(key.as_ref(), aad(column, &id), &s))
            .transpose()
            .map_err(CasesError::from)
    };
    Ok(PersonData {
        first_name: open("first_name")?,
        last_name: open("last_name")?,
        national_number: open("national_number")?,
        phone: open("phone")?,
        email: open("email")?,
        birth_date: open("birth_date")?,
        sex: row.try_get("sex")?,
        language: row.try_get("language")?,
        postal_code: row.try_get("postal_code")?,
        id,
    })
}

/// Decrypts a person; a ciphertext that does not belong to this row is an error.
pub async fn load_person(
    k: &Kernel,
    conn: &mut sqlx::AnyConnection,
    id: &str,
) -> Result<PersonData> {
    let row = sqlx::query(&format!(
        "SELECT {PERSON_COLUMNS} FROM people WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| CasesError::NotFound(format!("person {id}")))?;
    person_from_row(k, &row)
}

/// Decrypts several people in one query (order not kept).
pub async fn load_people(
    k: &Kernel,
    conn: &mut sqlx::AnyConnection,
    ids: &[String],
) -> Result<Vec<PersonData>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM people WHERE id IN ({})",
            placeholders.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(id);
        }
        for row in q.fetch_all(&mut *conn).await? {
            out.push(person_from_row(k, &row)?);
        }
    }
    Ok(out)
}

/// Person ids holding `token`.
async fn people_with_token(tx: &mut Tx, token: i64) -> Result<Vec<String>> {
    let rows = sqlx::query(
        "SELECT p.id AS person_id FROM token_index t JOIN people p ON p.seq = t.person_key WHERE t.token = $1",
    )
    .bind(token)
    .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|r| r.try_get("person_id").map_err(CasesError::from))
        .collect()
}

/// An existing person who is `p`: the same national number; or, without one, the same
/// phone, birth date and surname (a phone alone is shared by households).
pub async fn find_person(k: &Kernel, tx: &mut Tx, p: &PersonIn) -> Result<Option<String>> {
    if let Some(nn) = &p.national_number {
        for id in people_with_token(tx, k.blind.token("nn", nn.as_str())).await? {
            if load_person(k, tx, &id).await?.national_number.as_deref() == Some(nn.as_str()) {
                return Ok(Some(id));
            }
        }
        return Ok(None);
    }
    if let (Some(phone), Some(dob)) = (&p.phone, p.birth_date) {
        let dob = dob.format("%Y-%m-%d").to_string();
        let last = crate::names::normalize(&p.last_name);
        for id in people_with_token(tx, k.blind.token("phone", phone.as_str())).await? {
            let d = load_person(k, tx, &id).await?;
            if d.phone.as_deref() == Some(phone.as_str())
                && d.birth_date.as_deref() == Some(dob.as_str())
                && d.last_name.as_deref().map(crate::names::normalize) == Some(last.clone())
            {
                return Ok(Some(id));
            }
        }
    }
    Ok(None)
}

/// Stores a new person. Every caller then records the person's case with [`upsert_case`],
/// which queues the person for the Meilisearch backend.
pub async fn insert_person(k: &Kernel, tx: &mut Tx, p: &PersonIn) -> Result<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let now = k.now();
    let (key, wrapped) = k.envelope.new_person_key(&id)?;
    let [first_name, last_name, national_number, phone, email, birth_date] =
        seal_fields(&key, &id, p)?;
    let numbers = crate::token_rows::new_person_numbers(k, tx, 1).await?;
    let person_key = numbers
        .first()
        .copied()
        .ok_or_else(|| CasesError::Internal("no number for a new person".into()))?;
    sqlx::query(
        "INSERT INTO people (id, first_name, last_name, national_number, phone, email, birth_date, sex, language, postal_code, region, age_band, created_at, updated_at, data_key, seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15)",
    )
    .bind(&id)
    .bind(first_name)
    .bind(last_name)
    .bind(national_number)
    .bind(phone)
    .bind(email)
    .bind(birth_date)
    .bind(&p.sex)
    .bind(&p.language)
    .bind(&p.postal_code)
    .bind(p.postal_code.as_deref().and_then(province))
    .bind(p.birth_date.map(|b| age_band(b, now.date_naive())))
    .bind(millis(now))
    .bind(wrapped)
    .bind(person_key)
    .execute(&mut **tx)
    .await?;
    crate::token_rows::write(k, tx, person_key, &person_tokens(&k.blind, p)).await?;
    Ok(id)
}

/// `p`'s sealed fields under `key`, in the order of [`SEALED`].
pub(crate) fn seal_fields(key: &PersonKey, id: &str, p: &PersonIn) -> Result<[Option<Vec<u8>>; 6]> {
    let dob = p.birth_date.map(|d| d.format("%Y-%m-%d").to_string());
    Ok([
        seal(key, "first_name", id, Some(&p.first_name))?,
        seal(key, "last_name", id, Some(&p.last_name))?,
        seal(
            key,
            "national_number",
            id,
            p.national_number.as_ref().map(|n| n.as_str()),
        )?,
        seal(key, "phone", id, p.phone.as_ref().map(|n| n.as_str()))?,
        seal(key, "email", id, p.email.as_deref())?,
        seal(key, "birth_date", id, dob.as_deref())?,
    ])
}

/// Queues a person for re-indexing when the Meilisearch backend is configured: a case's
/// status, type or region is part of the indexed document, so every change to them calls this
/// in the change's own transaction, and a crash can never leave the index behind.
pub async fn reindex(k: &Kernel, conn: &mut sqlx::AnyConnection, person_id: &str) -> Result<()> {
    if crate::config::CasesConfig::meilisearch_in(k) {
        queue(conn, person_id, millis(k.now())).await?;
    }
    Ok(())
}

/// Queues a person for re-indexing by the Meilisearch backend (same transaction as the change).
async fn queue(conn: &mut sqlx::AnyConnection, person_id: &str, at: i64) -> Result<()> {
    sqlx::query("INSERT INTO search_outbox (person_id, created_at) VALUES ($1, $2)")
        .bind(person_id)
        .bind(at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A case as stored.
#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct CaseRow {
    pub id: String,
    pub code: String,
    pub person_id: String,
    pub case_type: crate::person::CaseType,
    pub status: crate::person::CaseStatus,
    pub index_case_id: Option<String>,
    /// The exact dates are sealed: `None` until opened by [`crate::dates::with_dates`].
    pub test_date: Option<String>,
    pub exposure_date: Option<String>,
    pub onset_date: Option<String>,
    pub region: Option<String>,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    /// The sealed dates as stored.
    #[serde(skip)]
    #[schema(ignore)]
    pub sealed_dates: Option<Vec<u8>>,
}

pub(crate) const CASE_COLUMNS: &str =
    "id, code, person_id, case_type, status, index_case_id, dates, region, created_at, closed_at";

pub(crate) fn case_row(r: &sqlx::any::AnyRow) -> Result<CaseRow> {
    case_row_with_id(r, "id")
}

/// A case from a row where its id is the column `id_column` (a read joined with its person,
/// whose own id is `id`).
pub(crate) fn case_row_with_id(r: &sqlx::any::AnyRow, id_column: &str) -> Result<CaseRow> {
    Ok(CaseRow {
        id: r.try_get(id_column)?,
        code: r.try_get("code")?,
        person_id: r.try_get("person_id")?,
        case_type: r.try_get::<String, _>("case_type")?.parse()?,
        status: r.try_get::<String, _>("status")?.parse()?,
        index_case_id: r.try_get("index_case_id")?,
        test_date: None,
        exposure_date: None,
        onset_date: None,
        region: r.try_get("region")?,
        created_at: r.try_get("created_at")?,
        closed_at: r.try_get("closed_at")?,
        sealed_dates: r.try_get("dates")?,
    })
}

pub async fn case_by_code(conn: &mut sqlx::AnyConnection, code: &str) -> Result<Option<CaseRow>> {
    let row = sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE code = $1"))
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(case_row).transpose()
}

/// What happened to a case: created or merged into an existing open one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseOutcome {
    Created(String),
    Merged(String),
}

/// Opens a case for `person_id`, or merges into that person's open case of the same type
/// (filling dates it did not have). Records the event.
pub async fn upsert_case(
    k: &Kernel,
    tx: &mut Tx,
    person_id: &str,
    c: &CaseIn,
    actor: &str,
) -> Result<CaseOutcome> {
    let now = millis(k.now());
    let index_case_id = match &c.index_case_code {
        Some(code) => Some(
            case_by_code(tx, code)
                .await?
                .ok_or_else(|| {
                    CasesError::invalid("index_case_code", "unknown_case", "no case has this code")
                })?
                .id,
        ),
        None => None,
    };
    let existing = sqlx::query("SELECT id, code FROM cases WHERE person_id = $1 AND case_type = $2 AND status <> 'closed' ORDER BY created_at LIMIT 1")
        .bind(person_id)
        .bind(c.case_type.as_str())
        .fetch_optional(&mut **tx)
        .await?;
    let key = crate::keys::sealing_key(k, tx, person_id).await?;
    let given = crate::dates::CaseDates::given(c);
    if let Some(row) = existing {
        let id: String = row.try_get("id")?;
        let code: String = row.try_get("code")?;
        // Dates the open case lacks are filled in, never replaced.
        let sealed: Option<Vec<u8>> = sqlx::query_scalar("SELECT dates FROM cases WHERE id = $1")
            .bind(&id)
            .fetch_one(&mut **tx)
            .await?;
        let mut dates = crate::dates::open(k, Some(&key), &id, sealed.as_deref())?;
        dates.fill_from(&given);
        sqlx::query(
            "UPDATE cases SET dates = $2, index_case_id = COALESCE(index_case_id, $3), updated_at = $4 WHERE id = $1",
        )
        .bind(&id)
        .bind(crate::dates::seal(&key, &id, &dates)?)
        .bind(&index_case_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        event(tx, &id, now, actor, "case.merged", serde_json::json!({})).await?;
        return Ok(CaseOutcome::Merged(code));
    }
    let person = sqlx::query("SELECT region, age_band, sex FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_one(&mut **tx)
        .await?;
    let id = uuid::Uuid::new_v4().to_string();
    // A clash of random codes is retried with a fresh code.
    for _ in 0..5 {
        let code = crate::code::generate();
        let done = sqlx::query(
            "INSERT INTO cases (id, code, person_id, case_type, status, index_case_id, dates, region, age_band, sex, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8, $9, $10, $10) ON CONFLICT (code) DO NOTHING",
        )
        .bind(&id)
        .bind(&code)
        .bind(person_id)
        .bind(c.case_type.as_str())
        .bind(&index_case_id)
        .bind(crate::dates::seal(&key, &id, &given)?)
        .bind(person.try_get::<Option<String>, _>("region")?)
        .bind(person.try_get::<Option<String>, _>("age_band")?)
        .bind(person.try_get::<Option<String>, _>("sex")?)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 1 {
            event(
                tx,
                &id,
                now,
                actor,
                "case.created",
                serde_json::json!({ "type": c.case_type.as_str() }),
            )
            .await?;
            reindex(k, tx, person_id).await?;
            return Ok(CaseOutcome::Created(code));
        }
    }
    Err(CasesError::Internal(
        "could not draw a free case code".into(),
    ))
}

/// Appends to a case's history (no personal data in `detail`).
pub async fn event(
    conn: &mut sqlx::AnyConnection,
    case_id: &str,
    at: i64,
    actor: &str,
    action: &str,
    detail: serde_json::Value,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO case_events (case_id, at, actor, action, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(case_id)
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(detail.to_string())
    .execute(&mut *conn)
    .await?;
    Ok(())
}
