//! The token table's rows: written for a new person, replaced for a changed phone, deleted
//! on erasure, and computed at start for anyone on file without them (after the upgrade
//! that changed how tokens are made, or registered by a node of the previous release during
//! a rollout).
//!
//! Rows hold the person's number (`people.seq`), not their id: an integer key makes each
//! entry of the token index 16 bytes, which is what keeps a lookup among ten million people
//! inside a few pages.

use kernel::columns::Column;
use kernel::db::{Backend, Tx};
use kernel::Kernel;
use sqlx::Row;

use crate::error::Result;
use crate::person::PersonIn;

/// Numbers for `n` new people: PostgreSQL's sequence, or on SQLite (one writer, so no two
/// transactions race) the next after the highest.
pub async fn new_person_numbers(k: &Kernel, tx: &mut Tx, n: usize) -> Result<Vec<i64>> {
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

/// Writes `tokens` for person number `person_key` in one statement.
pub async fn write(k: &Kernel, tx: &mut Tx, person_key: i64, tokens: &[i64]) -> Result<()> {
    kernel::columns::insert(
        tx,
        k.db.backend(),
        "token_index",
        &["token", "person_key"],
        &[
            Column::Int(tokens.to_vec()),
            Column::Int(vec![person_key; tokens.len()]),
        ],
        "ON CONFLICT DO NOTHING",
    )
    .await?;
    Ok(())
}

/// The ids of the people holding any of `tokens`.
pub async fn holders(
    k: &Kernel,
    conn: &mut sqlx::AnyConnection,
    tokens: &[i64],
) -> Result<Vec<String>> {
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    // Each token is one probe of the index whatever the statistics say. They count every
    // kind of token, so a typical token "has" hundreds of holders (the name crowds), and
    // PostgreSQL, planning two thousand identifiers at that, hashed the whole people table
    // for each chunk of an import (0.7 s at a million people). An identifier has one
    // holder: on PostgreSQL a lateral subquery behind `OFFSET 0`, which the planner may
    // not flatten, keeps the lookup one probe per token; SQLite's planner does so anyway.
    let (list, value) = kernel::columns::int_list(k.db.backend(), 1, tokens);
    let sql = match k.db.backend() {
        kernel::db::Backend::Postgres => format!(
            "SELECT DISTINCT h.id FROM {list} CROSS JOIN LATERAL (SELECT p.id FROM token_index t \
             JOIN people p ON p.seq = t.person_key WHERE t.token = q.value OFFSET 0) h"
        ),
        kernel::db::Backend::Sqlite => format!(
            "SELECT DISTINCT p.id FROM {list} JOIN token_index t ON t.token = q.value \
             JOIN people p ON p.seq = t.person_key"
        ),
    };
    let mut out: Vec<String> = sqlx::query_scalar(&sql)
        .bind(value)
        .fetch_all(&mut *conn)
        .await?;
    out.sort();
    Ok(out)
}

/// Replaces token `old` of person `person_id` with `new` (a changed phone).
pub async fn replace(
    k: &Kernel,
    tx: &mut Tx,
    person_id: &str,
    old: Option<i64>,
    new: i64,
) -> Result<()> {
    let key: i64 = sqlx::query_scalar("SELECT seq FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_one(&mut **tx)
        .await?;
    if let Some(old) = old {
        sqlx::query("DELETE FROM token_index WHERE person_key = $1 AND token = $2")
            .bind(key)
            .bind(old)
            .execute(&mut **tx)
            .await?;
    }
    write(k, tx, key, &[new]).await
}

/// Deletes every token of person `person_id` (erasure), the previous release's too.
pub async fn delete_all(tx: &mut Tx, person_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM search_tokens WHERE person_id = $1")
        .bind(person_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "DELETE FROM token_index WHERE person_key = (SELECT seq FROM people WHERE id = $1)",
    )
    .bind(person_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The tokens person `person_id` holds (the Meilisearch document's).
pub async fn of_person(k: &Kernel, person_id: &str) -> Result<Vec<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT t.token FROM token_index t JOIN people p ON p.seq = t.person_key WHERE p.id = $1",
    )
    .bind(person_id)
    .fetch_all(k.db.pool())
    .await?)
}

/// Computes the tokens of everyone on file who has none, from their sealed fields, a
/// thousand people per transaction: after the upgrade that introduced per-kind keys and
/// integer person keys, everyone; after a rollout, whoever a node of the previous release
/// registered meanwhile. Returns how many were indexed.
pub async fn index_missing(k: &Kernel) -> Result<u64> {
    let mut after: i64 = 0;
    let mut done = 0u64;
    loop {
        let rows = sqlx::query(
            "SELECT id, seq FROM people WHERE erased_at IS NULL AND seq > $1 AND data_key IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM token_index t WHERE t.person_key = people.seq) ORDER BY seq LIMIT 1000",
        )
        .bind(after)
        .fetch_all(k.db.pool())
        .await?;
        let Some(last) = rows.last() else { break };
        after = last.try_get("seq")?;
        let ids: Vec<String> = rows
            .iter()
            .map(|r| r.try_get("id"))
            .collect::<std::result::Result<_, _>>()?;
        let keys: std::collections::HashMap<String, i64> = rows
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("seq")?)))
            .collect::<std::result::Result<_, sqlx::Error>>()?;
        let mut conn = k.db.pool().acquire().await?;
        let people = crate::store::load_people(k, &mut conn, &ids).await?;
        drop(conn);
        let mut tx = k.db.begin().await?;
        for p in &people {
            let Some(key) = keys.get(&p.id) else { continue };
            write(
                k,
                &mut tx,
                *key,
                &crate::tokens::person_tokens(&k.blind, &as_input(p)),
            )
            .await?;
        }
        tx.commit().await?;
        done += people.len() as u64;
    }
    if done > 0 {
        tracing::info!(people = done, "people without tokens indexed");
    }
    Ok(done)
}

/// A stored person as the input tokens are made from (values were valid when stored).
fn as_input(p: &crate::store::PersonData) -> PersonIn {
    PersonIn {
        national_number: p
            .national_number
            .as_deref()
            .and_then(|n| scripting::ident::NationalNumber::parse(n).ok()),
        first_name: p.first_name.clone().unwrap_or_default(),
        last_name: p.last_name.clone().unwrap_or_default(),
        birth_date: p
            .birth_date
            .as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        phone: p
            .phone
            .as_deref()
            .and_then(|n| scripting::ident::PhoneE164::parse(n).ok()),
        ..PersonIn::default()
    }
}
