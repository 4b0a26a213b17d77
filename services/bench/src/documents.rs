//! Benchmark B10: issuing signed PDF documents in bulk against rendering the same letters
//! without signing or storing, in the same run.
//!
//! Ours is what a supervisor's bulk issue costs until every PDF exists: the job (per person:
//! the case and person opened, the claims signed with Ed25519, the values sealed, the row
//! and its audit entry written, a transaction per 25 people) and then each document drawn
//! as it is downloaded or mailed (read back, opened, drawn as PDF). The baseline draws the
//! very same letters (same release, values and code) straight from memory.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use cases::person::{CaseIn, CaseType, PersonIn};
use kernel::Kernel;

/// `n` contacts with names, birth dates and exposure dates.
async fn seed(k: &Kernel, n: i64) -> anyhow::Result<()> {
    let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(k.db.pool())
        .await?;
    let names = ["Peeters", "Janssens", "Maes", "Jacobs", "Dubois", "Lambert"];
    let first = ["Ana", "Lucas", "Emma", "Noah", "Louise", "Arthur", "Olivia"];
    let exposure = (k.now() - chrono::Duration::days(2)).date_naive();
    let mut i = have;
    while i < n {
        let mut tx = k.db.begin().await?;
        for _ in 0..500.min(n - i) {
            let p = PersonIn {
                first_name: first[(i % 7) as usize].into(),
                last_name: format!("{}-{i}", names[(i % 6) as usize]),
                birth_date: chrono::NaiveDate::from_ymd_opt(
                    1950 + (i % 50) as i32,
                    1 + (i % 12) as u32,
                    1 + (i % 28) as u32,
                ),
                language: Some("fr".into()),
                ..PersonIn::default()
            };
            let id = cases::store::insert_person(k, &mut tx, &p).await?;
            cases::store::upsert_case(
                k,
                &mut tx,
                &id,
                &CaseIn {
                    case_type: CaseType::Contact,
                    index_case_code: None,
                    test_date: None,
                    exposure_date: Some(exposure),
                },
                "bench",
            )
            .await?;
            i += 1;
        }
        tx.commit().await?;
    }
    Ok(())
}

pub async fn b10(k: Kernel, n: i64) -> anyhow::Result<()> {
    seed(&k, n).await?;
    let tmp = tempfile::tempdir()?;
    let sources = tracecall::shipped::resolve(std::path::Path::new("/nonexistent"), tmp.path())?;
    tracecall::content::publish_documents_at_start(&k, &sources.documents).await;
    let c = crate::campaigns::new_campaign(&k, "B10").await?;
    campaigns::store::generate(&k, &c).await?;
    let kind = documents::template::DocumentKind::QuarantineCertificate;
    // Earlier runs' certificates would be skipped: start from none.
    sqlx::query("UPDATE documents SET state = 'revoked' WHERE state = 'issued'")
        .execute(k.db.writer())
        .await?;
    let job = documents::jobs::create(&k, "bench", &c.id, kind, false).await?;

    let started = Instant::now();
    documents::jobs::run(&k, &job).await?;
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM documents WHERE job_id = $1")
        .bind(&job)
        .fetch_all(k.db.pool())
        .await?;
    let mut bytes = 0usize;
    for id in &ids {
        bytes += documents::store::render(&k, id).await?.pdf.len();
    }
    let ours = started.elapsed().as_secs_f64();
    let issued = ids.len();
    anyhow::ensure!(issued > 0, "the job issued nothing");

    // Baseline: the same letters from memory, drawn only.
    let mut letters = Vec::with_capacity(issued);
    for id in &ids {
        letters.push(documents::store::load(&k, id).await?);
    }
    let started = Instant::now();
    let mut base_bytes = 0usize;
    for l in &letters {
        base_bytes += documents::letter::pdf(&l.rel, &l.doc, &l.values, &l.code)?.len();
    }
    let baseline = started.elapsed().as_secs_f64();
    println!(
        "documents: {issued} certificates issued and drawn in {ours:.2} s ({bytes} PDF bytes); \
         the same letters drawn alone in {baseline:.2} s ({base_bytes} bytes)"
    );
    println!(
        "B10: ours={:.1} docs/s baseline={:.1} docs/s ratio={:.2}",
        issued as f64 / ours,
        issued as f64 / baseline,
        baseline / ours
    );
    Ok(())
}
