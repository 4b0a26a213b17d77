//! `tracecall-bench b6`: inbound lookup among many people (BENCHMARKS.md, B6).
//!
//! Seeds `--people` people through the real import (a rerun at a larger size adds the
//! missing ones only) into the configured database, plus a plain table of the same phones
//! with a B-tree index.
//! Then 50 concurrent tasks look people up: ours is the whole search (classification, token
//! lookup, decryption, verification, cases), the baseline a bare `SELECT ... WHERE phone = $1`
//! on the plain table. Name search (a first name and four letters of the surname) is measured
//! at 50 concurrent and one at a time: on a small machine the concurrent figure is queueing
//! for the cores, the single one the cost of a query. Prints p50/p99 of each and, last, the
//! `B6:` line.
#![allow(clippy::print_stdout)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use kernel::Kernel;

use crate::population::{birth_date, first_name, national_number, phone, surname};

/// Seeds people up to `n` through the real import (a rerun at a larger `n` adds only the
/// missing ones), and a plain table of the same phones with a B-tree index for the baseline.
async fn seed(k: &Kernel, n: u64) -> anyhow::Result<()> {
    let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(k.db.pool())
        .await?;
    if (have as u64) < n {
        let spent = crate::population::import(k, have as u64, n).await?;
        println!(
            "seeded people {have} to {n} through the import in {spent:.0} s ({:.0} people/s)",
            (n - have as u64) as f64 / spent.max(1e-6)
        );
    }
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS bench_plain (phone TEXT PRIMARY KEY, person_id TEXT NOT NULL)",
    )
    .execute(k.db.writer())
    .await?;
    let plain: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bench_plain")
        .fetch_one(k.db.pool())
        .await?;
    let mut i = plain as u64;
    while i < n {
        let end = (i + 1000).min(n);
        let rows: Vec<String> = (i..end)
            .map(|j| format!("('{}', 'p{j}')", phone(j)))
            .collect();
        sqlx::query(&format!(
            "INSERT INTO bench_plain (phone, person_id) VALUES {}",
            rows.join(", ")
        ))
        .execute(k.db.writer())
        .await?;
        i = end;
    }
    // As autovacuum would by the time a real import is searched: statistics, and on
    // PostgreSQL a visibility map so the token index answers without the heap.
    let analyze = match k.db.backend() {
        kernel::db::Backend::Postgres => "VACUUM ANALYZE",
        kernel::db::Backend::Sqlite => "ANALYZE",
    };
    sqlx::query(analyze).execute(k.db.writer()).await?;
    Ok(())
}

/// Runs `requests` calls of `f` from `concurrency` tasks; returns sorted latencies.
async fn measure<F, Fut>(concurrency: usize, requests: usize, f: F) -> anyhow::Result<Vec<Duration>>
where
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send,
{
    let f = Arc::new(f);
    let mut tasks = Vec::new();
    for t in 0..concurrency {
        let f = f.clone();
        tasks.push(tokio::spawn(async move {
            let mut out = Vec::new();
            // A per-task linear congruential sequence: reproducible and `Send`.
            let mut x = (t as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            for _ in 0..requests / concurrency {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                let i = x >> 16;
                let started = Instant::now();
                f(i).await?;
                out.push(started.elapsed());
            }
            anyhow::Ok(out)
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await??);
    }
    all.sort();
    Ok(all)
}

fn pct(v: &[Duration], p: f64) -> f64 {
    v.get(((v.len() as f64 - 1.0) * p) as usize)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

pub async fn b6(k: Kernel, people: u64) -> anyhow::Result<()> {
    seed(&k, people).await?;
    let n = people;
    let kb = k.clone();
    let baseline = measure(50, 5000, move |i| {
        let k = kb.clone();
        async move {
            let _: Option<String> =
                sqlx::query_scalar("SELECT person_id FROM bench_plain WHERE phone = $1")
                    .bind(phone(i % n))
                    .fetch_optional(k.db.pool())
                    .await?;
            Ok(())
        }
    })
    .await?;
    let ko = k.clone();
    let ours = measure(50, 5000, move |i| {
        let k = ko.clone();
        async move {
            let q = if i % 2 == 0 {
                phone(i % n)
            } else {
                national_number(i % n)
            };
            let hits = cases::search::search(&k, None, &q, 10).await?;
            anyhow::ensure!(!hits.is_empty(), "no hit for {q}");
            Ok(())
        }
    })
    .await?;
    let name_query = move |k: Kernel, i: u64| async move {
        // A first name and the first four letters of the surname, as an agent types
        // while the caller spells.
        let i = i % n;
        let last = surname(i);
        let q = format!(
            "{} {}",
            first_name(i),
            last.chars().take(4).collect::<String>()
        );
        let hits = cases::search::search(&k, None, &q, 10).await?;
        anyhow::ensure!(!hits.is_empty(), "no hit for {q}");
        Ok(())
    };
    // The crowd test: a full name with a birth date must find that very person among
    // everyone sharing the name (their case, found by phone first).
    let kc = k.clone();
    let crowd = measure(50, 1000, move |i| {
        let k = kc.clone();
        async move {
            let i = i % n;
            let by_phone = cases::search::search(&k, None, &phone(i), 10).await?;
            let code = by_phone.first().map(|h| h.case_code.clone());
            // As an agent confirms a caller: full name and birth date.
            let q = format!(
                "{} {} {}",
                first_name(i),
                surname(i),
                birth_date(i).format("%d/%m/%Y")
            );
            let hits = cases::search::search(&k, None, &q, 50).await?;
            anyhow::ensure!(
                code.is_some() && hits.iter().any(|h| Some(&h.case_code) == code.as_ref()),
                "{q} did not find person {i} (case {code:?}; found {:?})",
                hits.iter()
                    .map(|h| (&h.case_code, &h.matched, &h.birth_year))
                    .collect::<Vec<_>>()
            );
            Ok(())
        }
    })
    .await?;
    let kn = k.clone();
    let names_alone = measure(1, 200, move |i| name_query(kn.clone(), i)).await?;
    let kn = k.clone();
    let names = measure(50, 1000, move |i| name_query(kn.clone(), i)).await?;
    println!("people: {people}, backend: {:?}", k.db.backend());
    println!(
        "baseline B-tree lookup: p50 {:.2} ms, p99 {:.2} ms",
        pct(&baseline, 0.5),
        pct(&baseline, 0.99)
    );
    println!(
        "ours phone/national number: p50 {:.2} ms, p99 {:.2} ms",
        pct(&ours, 0.5),
        pct(&ours, 0.99)
    );
    println!(
        "ours name (first name + surname prefix): p50 {:.2} ms, p99 {:.2} ms",
        pct(&names, 0.5),
        pct(&names, 0.99)
    );
    println!(
        "crowd test (phone, then full name and birth date must find that person): 1000 of 1000 found, p50 {:.2} ms, p99 {:.2} ms per pair",
        pct(&crowd, 0.5),
        pct(&crowd, 0.99)
    );
    println!(
        "ours name, one query at a time: p50 {:.2} ms, p99 {:.2} ms",
        pct(&names_alone, 0.5),
        pct(&names_alone, 0.99)
    );
    println!(
        "B6 name search p99 {:.2} ms (target <= 50 ms)",
        pct(&names, 0.99)
    );
    println!(
        "B6: ours={:.2} ms baseline={:.2} ms ratio={:.2}",
        pct(&ours, 0.99),
        pct(&baseline, 0.99),
        pct(&ours, 0.99) / pct(&baseline, 0.99).max(0.001)
    );
    Ok(())
}
