//! `tracecall-bench b9`: importing people and cases from CSV (BENCHMARKS.md, B9).
//!
//! Ours is `tracecall import cases`'s own path on `--people` generated people (validation,
//! duplicate checks, sealing, tokens, cases, events, audit) into the configured database,
//! which should start empty. The baseline, on PostgreSQL, is COPY of the very rows ours wrote
//! (people, cases, case events, tokens: read back in binary after ours, in the order ours
//! wrote them) into empty tables of the same definition, indexes and foreign keys. On SQLite the same rows
//! are copied table to table by the engine itself (`INSERT INTO ... SELECT`), SQLite having
//! no COPY. Prints both and, last, the `B9:` line.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use kernel::db::Backend;
use kernel::Kernel;
use sqlx::Connection;

use crate::population;

/// The tables an import writes, and the order the baseline reads them back in (ours wrote
/// tokens sorted within each chunk of people).
fn tables(first_seq: i64) -> [(&'static str, String); 4] {
    let chunk = cases::import::BATCH;
    [
        (
            "people",
            format!("SELECT * FROM people WHERE seq > {first_seq} ORDER BY seq"),
        ),
        (
            "cases",
            format!("SELECT c.* FROM cases c JOIN people p ON p.id = c.person_id WHERE p.seq > {first_seq} ORDER BY c.id"),
        ),
        (
            "case_events",
            format!("SELECT e.* FROM case_events e JOIN cases c ON c.id = e.case_id JOIN people p ON p.id = c.person_id WHERE p.seq > {first_seq} ORDER BY e.id"),
        ),
        (
            "token_index",
            format!("SELECT * FROM token_index WHERE person_key > {first_seq} ORDER BY (person_key - {first_seq} - 1) / {chunk}, token, person_key"),
        ),
    ]
}

pub async fn b9(k: Kernel, url: &str, n: u64) -> anyhow::Result<()> {
    let first_seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM people")
        .fetch_one(k.db.pool())
        .await?;
    let on_file: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(k.db.pool())
        .await?;
    if on_file > 0 {
        eprintln!("note: {on_file} people already on file; B9 is meant for an empty database");
    }
    let ours = population::import(&k, on_file as u64, on_file as u64 + n).await?;
    let baseline = match k.db.backend() {
        Backend::Postgres => copy_baseline(url, first_seq).await?,
        Backend::Sqlite => engine_copy_baseline(&k, first_seq).await?,
    };
    let tokens: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM token_index WHERE person_key > $1")
        .bind(first_seq)
        .fetch_one(k.db.pool())
        .await?;
    println!(
        "people: {n}, backend: {:?}; tokens per person: {:.1}",
        k.db.backend(),
        tokens as f64 / n as f64
    );
    println!(
        "ours: {ours:.1} s ({:.0} people/s); baseline: {baseline:.1} s ({:.0} people/s)",
        n as f64 / ours,
        n as f64 / baseline
    );
    println!(
        "B9: ours={:.0} people/s baseline={:.0} people/s ratio={:.2}",
        n as f64 / ours,
        n as f64 / baseline,
        baseline / ours
    );
    Ok(())
}

/// COPY of the rows ours wrote into empty copies of the tables, with the same indexes and
/// foreign keys (a key between two copied tables points at the copy), so the baseline
/// checks what ours checks; returns the seconds the COPYs took (reading back is not counted).
async fn copy_baseline(url: &str, first_seq: i64) -> anyhow::Result<f64> {
    let mut conn = sqlx::PgConnection::connect(url).await?;
    let copied = tables(first_seq);
    for (table, _) in copied.iter().rev() {
        sqlx::query(&format!("DROP TABLE IF EXISTS b9_{table}"))
            .execute(&mut conn)
            .await?;
    }
    for (table, _) in &copied {
        sqlx::query(&format!(
            "CREATE TABLE b9_{table} (LIKE {table} INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING IDENTITY)"
        ))
        .execute(&mut conn)
        .await?;
    }
    for (table, _) in &copied {
        let keys: Vec<String> = sqlx::query_scalar(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' AND conrelid = $1::regclass",
        )
        .bind(*table)
        .fetch_all(&mut conn)
        .await?;
        for key in keys {
            let key = copied.iter().fold(key, |key, (other, _)| {
                key.replace(
                    &format!("REFERENCES {other}("),
                    &format!("REFERENCES b9_{other}("),
                )
            });
            sqlx::query(&format!("ALTER TABLE b9_{table} ADD {key}"))
                .execute(&mut conn)
                .await?;
        }
    }
    let mut spent = 0.0;
    for (table, select) in &copied {
        let mut data = Vec::new();
        {
            let mut out = conn
                .copy_out_raw(&format!("COPY ({select}) TO STDOUT (FORMAT binary)"))
                .await?;
            while let Some(chunk) = futures::StreamExt::next(&mut out).await {
                data.extend_from_slice(&chunk?);
            }
        }
        let started = Instant::now();
        let mut tx = conn.begin().await?;
        let mut into = tx
            .copy_in_raw(&format!("COPY b9_{table} FROM STDIN (FORMAT binary)"))
            .await?;
        for part in data.chunks(1 << 20) {
            into.send(part).await?;
        }
        into.finish().await?;
        tx.commit().await?;
        let took = started.elapsed().as_secs_f64();
        println!("COPY {table}: {} MB in {took:.2} s", data.len() >> 20);
        spent += took;
    }
    for (table, _) in copied.iter().rev() {
        sqlx::query(&format!("DROP TABLE b9_{table}"))
            .execute(&mut conn)
            .await?;
    }
    Ok(spent)
}

/// SQLite: the engine copies the same rows into empty tables of the same indexes.
async fn engine_copy_baseline(k: &Kernel, first_seq: i64) -> anyhow::Result<f64> {
    let mut spent = 0.0;
    for (table, select) in tables(first_seq) {
        let copy = format!("b9_{table}");
        let ddl: Vec<String> = sqlx::query_scalar(
            "SELECT sql FROM sqlite_master WHERE tbl_name = $1 AND sql IS NOT NULL ORDER BY type DESC",
        )
        .bind(table)
        .fetch_all(k.db.pool())
        .await?;
        sqlx::query(&format!("DROP TABLE IF EXISTS {copy}"))
            .execute(k.db.writer())
            .await?;
        for statement in &ddl {
            // `CREATE TABLE people (` / `CREATE INDEX x ON people (` name the copy instead.
            let renamed = statement
                .replacen(&format!("TABLE {table} "), &format!("TABLE {copy} "), 1)
                .replacen(&format!("TABLE {table}("), &format!("TABLE {copy}("), 1)
                .replacen(&format!(" ON {table} "), &format!(" ON {copy} "), 1)
                .replacen(&format!(" ON {table}("), &format!(" ON {copy}("), 1)
                .replacen("INDEX ", &format!("INDEX {copy}_"), 1);
            sqlx::query(&renamed).execute(k.db.writer()).await?;
        }
        let started = Instant::now();
        sqlx::query(&format!("INSERT INTO {copy} {select}"))
            .execute(k.db.writer())
            .await?;
        let took = started.elapsed().as_secs_f64();
        println!("INSERT ... SELECT into a copy of {table}: {took:.2} s");
        spent += took;
        sqlx::query(&format!("DROP TABLE {copy}"))
            .execute(k.db.writer())
            .await?;
    }
    Ok(spent)
}
