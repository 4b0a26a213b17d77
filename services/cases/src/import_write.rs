//! Multi-row writes of an import chunk's new people: their numbers, people, cases, the
//! cases' first events, tokens and the Meilisearch outbox, many rows to a statement.

use std::collections::HashSet;

use kernel::db::{Backend, Tx};
use kernel::Kernel;

use crate::error::{CasesError, Result};
use crate::import_bulk::Sealed;

/// Rows to one statement: within both backends' limits on parameters (16 columns).
pub(crate) const ROWS_PER_STATEMENT: usize = 1000;

/// Numbers for `n` new people.
pub(crate) async fn person_numbers(k: &Kernel, tx: &mut Tx, n: usize) -> Result<Vec<i64>> {
    match k.db.backend() {
        Backend::Postgres => Ok(sqlx::query_scalar(
            "SELECT nextval('people_numbers') FROM generate_series(1, CAST($1 AS BIGINT))",
        )
        .bind(n as i64)
        .fetch_all(&mut **tx)
        .await?),
        Backend::Sqlite => {
            let top: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM people")
                .fetch_one(&mut **tx)
                .await?;
            Ok((1..=n as i64).map(|i| top + i).collect())
        }
    }
}

/// `rows` rows of `columns` values each, as `($1, $2), ($3, $4)`.
fn values(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let row: Vec<String> = (1..=columns)
                .map(|c| format!("${}", r * columns + c))
                .collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) async fn people(
    tx: &mut Tx,
    sealed: &[Sealed],
    numbers: &[i64],
    now: i64,
) -> Result<()> {
    for (part, keys) in sealed
        .chunks(ROWS_PER_STATEMENT)
        .zip(numbers.chunks(ROWS_PER_STATEMENT))
    {
        let sql = format!(
            "INSERT INTO people (id, first_name, last_name, national_number, phone, email, birth_date, sex, language, postal_code, region, age_band, created_at, updated_at, data_key, seq) VALUES {}",
            values(part.len(), 16)
        );
        let mut q = sqlx::query(&sql);
        for (s, seq) in part.iter().zip(keys) {
            q = q.bind(&s.person_id);
            for f in &s.fields {
                q = q.bind(f.as_deref());
            }
            q = q
                .bind(&s.sex)
                .bind(&s.language)
                .bind(&s.postal_code)
                .bind(&s.region)
                .bind(&s.age_band)
                .bind(now)
                .bind(now)
                .bind(&s.wrapped)
                .bind(*seq);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Writes the cases with fresh codes; a code already taken (by an earlier case, or drawn
/// twice here) is drawn again for that case alone.
pub(crate) async fn cases(tx: &mut Tx, sealed: &[Sealed], now: i64) -> Result<Vec<String>> {
    let mut codes: Vec<String> = sealed.iter().map(|_| crate::code::generate()).collect();
    let mut done: HashSet<String> = HashSet::new();
    for round in 0..5 {
        let todo: Vec<usize> = (0..sealed.len())
            .filter(|i| !done.contains(&sealed[*i].case_id))
            .collect();
        if todo.is_empty() {
            return Ok(codes);
        }
        if round > 0 {
            for i in &todo {
                codes[*i] = crate::code::generate();
            }
        }
        for part in todo.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO cases (id, code, person_id, case_type, status, index_case_id, dates, region, age_band, sex, created_at, updated_at) \
                 VALUES {} ON CONFLICT (code) DO NOTHING RETURNING id",
                values(part.len(), 12)
            );
            let mut q = sqlx::query_scalar::<_, String>(&sql);
            for i in part {
                let s = &sealed[*i];
                q = q
                    .bind(&s.case_id)
                    .bind(&codes[*i])
                    .bind(&s.person_id)
                    .bind(s.case_type)
                    .bind("open")
                    .bind(None::<String>)
                    .bind(s.dates.as_deref())
                    .bind(&s.region)
                    .bind(&s.age_band)
                    .bind(&s.sex)
                    .bind(now)
                    .bind(now);
            }
            done.extend(q.fetch_all(&mut **tx).await?);
        }
    }
    Err(CasesError::Internal(
        "could not draw free case codes".into(),
    ))
}

pub(crate) async fn events(tx: &mut Tx, sealed: &[Sealed], now: i64, actor: &str) -> Result<()> {
    for part in sealed.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO case_events (case_id, at, actor, action, detail) VALUES {}",
            values(part.len(), 5)
        );
        let mut q = sqlx::query(&sql);
        for s in part {
            q = q
                .bind(&s.case_id)
                .bind(now)
                .bind(actor)
                .bind("case.created")
                .bind(serde_json::json!({ "type": s.case_type }).to_string());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Token rows per statement.
const TOKENS_PER_STATEMENT: usize = 50_000;

/// Writes every (token, person number) pair, sorted so the token index is filled in order.
/// The pairs go as text lists the database splits itself: one parameter per column instead
/// of one per value.
pub(crate) async fn tokens(
    k: &Kernel,
    tx: &mut Tx,
    sealed: &[Sealed],
    numbers: &[i64],
) -> Result<()> {
    let mut pairs: Vec<(i64, i64)> = sealed
        .iter()
        .zip(numbers)
        .flat_map(|(s, n)| s.tokens.iter().map(move |t| (*t, *n)))
        .collect();
    pairs.sort_unstable();
    for part in pairs.chunks(TOKENS_PER_STATEMENT) {
        match k.db.backend() {
            Backend::Postgres => {
                let join = |f: fn(&(i64, i64)) -> i64| {
                    part.iter()
                        .map(|p| f(p).to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                };
                sqlx::query(
                    "INSERT INTO token_index (token, person_key) \
                     SELECT * FROM unnest(CAST(string_to_array($1, ',') AS BIGINT[]), CAST(string_to_array($2, ',') AS BIGINT[]))",
                )
                .bind(join(|p| p.0))
                .bind(join(|p| p.1))
                .execute(&mut **tx)
                .await?;
            }
            Backend::Sqlite => {
                let json: Vec<String> = part.iter().map(|(t, n)| format!("[{t},{n}]")).collect();
                sqlx::query(
                    "INSERT INTO token_index (token, person_key) SELECT value ->> 0, value ->> 1 FROM json_each($1)",
                )
                .bind(format!("[{}]", json.join(",")))
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(())
}

pub(crate) async fn outbox(tx: &mut Tx, sealed: &[Sealed], now: i64) -> Result<()> {
    for part in sealed.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO search_outbox (person_id, created_at) VALUES {}",
            values(part.len(), 2)
        );
        let mut q = sqlx::query(&sql);
        for s in part {
            q = q.bind(&s.person_id).bind(now);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}
