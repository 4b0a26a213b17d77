//! Benchmark B7 (PostgreSQL): the daily aggregate export over a large case base, against
//! `COPY (the same aggregate query) TO STDOUT` in the same run. The cases are spread over 30
//! days; the export covers one of them, as the daily schedule does.
#![allow(clippy::print_stdout)]

use std::time::Instant;

use chrono::Duration;
use kernel::db::Backend;
use kernel::Kernel;
use sqlx::Connection;

const DAYS: i64 = 30;

/// `n` cases without personal data over the last 30 days, with varied clear attributes.
async fn seed(k: &Kernel, n: i64, first_day_ms: i64) -> anyhow::Result<()> {
    let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases WHERE id LIKE 'b7c%'")
        .fetch_one(k.db.pool())
        .await?;
    if have >= n {
        return Ok(());
    }
    sqlx::query("INSERT INTO people (id, language, created_at, updated_at) SELECT 'b7p' || x, 'fr', 0, 0 FROM generate_series(1, $1) x ON CONFLICT DO NOTHING")
        .bind(n)
        .execute(k.db.pool())
        .await?;
    sqlx::query(
        "INSERT INTO cases (id, code, person_id, case_type, status, region, age_band, sex, created_at, updated_at) \
         SELECT 'b7c' || x, 'B7' || x, 'b7p' || x, CASE WHEN x % 3 = 0 THEN 'index' ELSE 'contact' END, 'open', \
           (ARRAY['ANT','BRU','HAI','LIE','LIM','LUX','NAM','OVL','VBR','WBR','WVL'])[1 + x % 11], \
           (ARRAY['0-9','10-19','20-29','30-39','40-49','50-59','60-69','70-79','80+'])[1 + x % 9], \
           CASE WHEN x % 2 = 0 THEN 'F' ELSE 'M' END, \
           $2 + (x % $3) * 86400000 + (x % 86400000), 0 \
         FROM generate_series(1, $1) x ON CONFLICT DO NOTHING",
    )
    .bind(n)
    .bind(first_day_ms)
    .bind(DAYS)
    .execute(k.db.pool())
    .await?;
    sqlx::query("ANALYZE cases").execute(k.db.pool()).await?;
    Ok(())
}

pub async fn b7(k: Kernel, url: &str, n: i64) -> anyhow::Result<()> {
    anyhow::ensure!(
        k.db.backend() == Backend::Postgres,
        "B7 runs on PostgreSQL: set TRACECALL_DATABASE_URL"
    );
    let ex = exporter::Exporter::new(&k).await?;
    let tz = ex.cfg.tz()?;
    let first = (k.now() - Duration::days(DAYS)).date_naive();
    let (first_ms, _) = exporter::datasets::day_range(first, tz)?;
    seed(&k, n, first_ms).await?;
    let day = first + Duration::days(DAYS / 2);
    let (from, to) = exporter::datasets::day_range(day, tz)?;

    let started = Instant::now();
    let built = exporter::datasets::build(
        &ex.read,
        exporter::datasets::Dataset::DailyCases,
        day,
        tz,
        ex.cfg.k,
        &Default::default(),
    )
    .await?;
    let files = exporter::render::render(
        &built,
        ex.cfg.k,
        &ex.cfg.time_zone,
        "bench",
        exporter::render::Version {
            number: 1,
            supersedes: None,
        },
    )?;
    let ours = started.elapsed().as_secs_f64();

    let mut conn = sqlx::PgConnection::connect(url).await?;
    let started = Instant::now();
    let mut copy = conn
        .copy_out_raw(&format!(
            "COPY (SELECT case_type, region, age_band, sex, COUNT(*) FROM cases \
             WHERE created_at >= {from} AND created_at < {to} GROUP BY case_type, region, age_band, sex) TO STDOUT"
        ))
        .await?;
    let mut bytes = 0;
    while let Some(chunk) = futures::StreamExt::next(&mut copy).await {
        bytes += chunk?.len();
    }
    let baseline = started.elapsed().as_secs_f64();
    println!(
        "cases: {n} over {DAYS} days; daily_cases for {day}: {} rows ({} CSV bytes) in {:.3} s; COPY of the same aggregate: {bytes} bytes in {:.3} s",
        built.rows.len(),
        files.csv.len(),
        ours,
        baseline
    );
    println!("longest statement (snapshot held) ≤ {ours:.3} s");
    println!(
        "B7: ours={:.1} ms baseline={:.1} ms ratio={:.2}",
        ours * 1000.0,
        baseline * 1000.0,
        ours / baseline.max(1e-6)
    );
    Ok(())
}
