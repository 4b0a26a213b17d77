//! Benchmark B3: form submission — validate, seal, store and audit, with synchronous commit —
//! against plain INSERTs of rows of the same size at the same concurrency.
//!
//! Ours is a pharmacist's cold-chain break report filed through the requests' web form as
//! staff file it for a caller (`requests::web::file`): the topic's form validated by the form
//! engine (types, ranges, required fields, the computed severity), the topic's routing
//! expressions evaluated, the request and its first message sealed under a new key of their
//! own, blind-index tokens of the requester, assignment, the status history and the audit
//! entry, in one transaction. The baseline inserts, at the same concurrency and one
//! autocommitted statement each, rows into a bare table carrying as many bytes as ours
//! stored per submission (its sealed columns), measured in the same run.
#![allow(clippy::print_stdout)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use ::requests::web::{Filer, WebRequestIn};
use kernel::auth::{Principal, PrincipalKind, Role};
use kernel::Kernel;

/// Concurrent submitters, for ours and the baseline.
const CONCURRENCY: usize = 32;

/// Report `i`: every third one a frozen vaccine (routed to the pharmacists, high priority).
fn report(i: usize) -> WebRequestIn {
    let frozen = i % 3 == 0;
    let postal_code = ["1050", "9000", "4000", "2000"][i % 4];
    let answers = serde_json::json!({
        "is_cold_chain_report": true,
        "pharmacy_name": format!("Pharmacie du Parc {i}"),
        "pharmacy_postal_code": postal_code,
        "reporter_name": "Claire Lemaire",
        "reporter_phone": "+32470123456",
        "product": "covid_mrna_vaccine",
        "batch_number": format!("FK{:04}", i % 10_000),
        "doses_affected": 60 + (i % 40) as i64,
        "min_temperature": if frozen { -3.5 } else { 4.0 },
        "max_temperature": 9.0,
        "duration_minutes": 45,
        "was_frozen": frozen,
        "decision": "quarantine_pending_advice",
        "fridge_back_in_range": true,
    });
    let serde_json::Value::Object(answers) = answers else {
        unreachable!("a JSON object literal")
    };
    WebRequestIn {
        topic: "cold_chain_break".into(),
        language: ["fr", "nl", "en"][i % 3].into(),
        name: Some(format!("Claire Lemaire {i}")),
        email: format!("pharmacie{i}@example.be"),
        subject: format!("Rupture de la chaîne du froid, frigo {}", i % 7),
        message: "Le frigo de l'officine est resté ouvert pendant la nuit ; les vaccins sont \
                  isolés en attendant votre avis."
            .into(),
        answers,
        token: String::new(),
        website: String::new(),
        for_caller: true,
    }
}

/// Runs `step(i)` for i in 0..n from [`CONCURRENCY`] tasks; the elapsed seconds.
async fn run<F, Fut>(n: usize, step: F) -> anyhow::Result<f64>
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let tasks: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (next, step) = (next.clone(), step.clone());
            tokio::spawn(async move {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        return anyhow::Ok(());
                    }
                    step(i).await?;
                }
            })
        })
        .collect();
    for t in tasks {
        t.await??;
    }
    Ok(started.elapsed().as_secs_f64())
}

pub async fn b3(k: Kernel, n: i64) -> anyhow::Result<()> {
    let n = n as usize;
    let tmp = tempfile::tempdir()?;
    let sources = tracecall::shipped::resolve(std::path::Path::new("/nonexistent"), tmp.path())?;
    tracecall::content::publish_at_start(&k, &sources.scripts).await;
    tracecall::content::publish_topics_at_start(&k, &sources.topics).await;
    let staff = Arc::new(Principal {
        kind: PrincipalKind::User,
        id: 1,
        name: "bench".into(),
        role: Role::Agent,
        team: Some("pharma".into()),
        languages: vec!["fr".into()],
        must_change_password: false,
        interface_language: None,
    });
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM requests")
        .fetch_one(k.db.pool())
        .await?;

    let ours_secs = {
        let k = k.clone();
        run(n, move |i| {
            let (k, staff) = (k.clone(), staff.clone());
            async move {
                ::requests::web::file(&k, &report(i), Filer::Staff(&staff)).await?;
                Ok(())
            }
        })
        .await?
    };
    let (filed, bytes): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(LENGTH(data_key) + LENGTH(requester) + LENGTH(subject) \
           + COALESCE(LENGTH(answers), 0)), 0) AS BIGINT) FROM requests",
    )
    .fetch_one(k.db.pool())
    .await?;
    let message_bytes: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(LENGTH(body)), 0) AS BIGINT) FROM request_messages",
    )
    .fetch_one(k.db.pool())
    .await?;
    anyhow::ensure!(
        (filed - before) as usize == n,
        "{} requests filed for {n} submissions",
        filed - before
    );
    let per_row = ((bytes + message_bytes) / filed.max(1)) as usize;

    sqlx::query("DROP TABLE IF EXISTS b3_plain")
        .execute(k.db.writer())
        .await?;
    sqlx::query("CREATE TABLE b3_plain (id TEXT PRIMARY KEY, body BYTEA NOT NULL)")
        .execute(k.db.writer())
        .await?;
    let base_secs = {
        let k = k.clone();
        run(n, move |_| {
            let k = k.clone();
            async move {
                let body: Vec<u8> = (0..per_row).map(|_| rand::random::<u8>()).collect();
                sqlx::query("INSERT INTO b3_plain (id, body) VALUES ($1, $2)")
                    .bind(uuid::Uuid::new_v4().to_string())
                    .bind(body)
                    .execute(k.db.writer())
                    .await?;
                Ok(())
            }
        })
        .await?
    };
    sqlx::query("DROP TABLE b3_plain")
        .execute(k.db.writer())
        .await?;

    let ours = n as f64 / ours_secs;
    let base = n as f64 / base_secs;
    println!(
        "B3 form submission: {n} cold-chain reports, {CONCURRENCY} concurrent, {per_row} sealed bytes each (backend {:?})",
        k.db.backend()
    );
    println!("  ours:     {ours:.0} submissions/s ({ours_secs:.2} s)");
    println!("  baseline: {base:.0} plain inserts/s ({base_secs:.2} s)");
    println!("  target:   >= 500/s and ratio >= 0.5");
    println!(
        "B3: ours={ours:.0} submissions/s baseline={base:.0} inserts/s ratio={:.2}",
        ours / base
    );
    Ok(())
}
