//! Campaign benchmarks (BENCHMARKS.md): B1, generating orders for a large campaign on
//! PostgreSQL against a `COPY FROM STDIN` of the same rows into the same indexed table; B8,
//! the embedded SQLite default, 50 agents claiming and completing orders against the same two
//! statements in a bare sqlx loop.
#![allow(clippy::print_stdout)]

use std::sync::Arc;
use std::time::Instant;

use kernel::auth::{Principal, PrincipalKind, Role};
use kernel::Kernel;
use sqlx::{Connection, Row};

/// Cases and people without personal data, set-based; `n` of them.
pub(crate) async fn seed_cases(k: &Kernel, n: i64) -> anyhow::Result<()> {
    let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(k.db.pool())
        .await?;
    if have >= n {
        return Ok(());
    }
    // `WHERE true`: SQLite cannot tell `ON CONFLICT` after `INSERT ... SELECT ... FROM g`
    // from a join constraint without it.
    let series = "WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < $1)";
    sqlx::query(&format!("{series} INSERT INTO people (id, language, created_at, updated_at) SELECT 'bp' || x, 'fr', 0, 0 FROM g WHERE true ON CONFLICT DO NOTHING")).bind(n).execute(k.db.writer()).await?;
    sqlx::query(&format!("{series} INSERT INTO cases (id, code, person_id, case_type, status, created_at, updated_at) SELECT 'bc' || x, 'B' || x, 'bp' || x, 'contact', 'open', 0, 0 FROM g WHERE true ON CONFLICT DO NOTHING"))
        .bind(n)
        .execute(k.db.writer())
        .await?;
    Ok(())
}

pub(crate) async fn new_campaign(
    k: &Kernel,
    name: &str,
) -> anyhow::Result<campaigns::model::Campaign> {
    // The shipped scripts, published: a campaign needs its script's release.
    let tmp = tempfile::tempdir()?;
    let sources = tracecall::shipped::resolve(std::path::Path::new("/nonexistent"), tmp.path())?;
    tracecall::content::publish_at_start(k, &sources.scripts).await;
    let c = campaigns::store::create(
        k,
        &campaigns::model::NewCampaign {
            name: name.into(),
            purpose: String::new(),
            // The seeded cases are contacts.
            script_id: "contact".into(),
            release_id: None,
            languages: vec!["fr".into()],
            teams: Vec::new(),
            required_courses: Vec::new(),
            policy: campaigns::model::Policy::default(),
            target: campaigns::model::Target::default(),
            script_override: false,
        },
        "bench",
    )
    .await?;
    Ok(campaigns::store::set_status(
        k,
        &c.id,
        campaigns::states::CampaignStatus::Running,
        "bench",
    )
    .await?)
}

pub async fn b1(k: Kernel, url: &str, n: i64) -> anyhow::Result<()> {
    anyhow::ensure!(
        url.starts_with("postgres"),
        "B1 runs on PostgreSQL: set TRACECALL_DATABASE_URL"
    );
    seed_cases(&k, n).await?;
    let c = new_campaign(&k, "B1").await?;
    let started = Instant::now();
    let made = campaigns::store::generate(&k, &c).await?;
    let ours = started.elapsed().as_secs_f64();
    // Baseline: the same rows through COPY into a copy of the table with the same indexes.
    let mut conn = sqlx::PgConnection::connect(url).await?;
    sqlx::query("DROP TABLE IF EXISTS b1_orders")
        .execute(&mut conn)
        .await?;
    sqlx::query("CREATE TABLE b1_orders (LIKE call_orders INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING IDENTITY)").execute(&mut conn).await?;
    let rows = sqlx::query("SELECT campaign_id, case_id, language, rank_at, due_at, deadline_at, created_at FROM call_orders WHERE campaign_id = $1")
        .bind(&c.id)
        .fetch_all(&mut conn)
        .await?;
    let mut text = String::with_capacity(rows.len() * 80);
    for r in &rows {
        let (cid, case, lang): (String, String, String) =
            (r.get("campaign_id"), r.get("case_id"), r.get("language"));
        let (rank, due, deadline, created): (i64, i64, Option<i64>, i64) = (
            r.get("rank_at"),
            r.get("due_at"),
            r.get("deadline_at"),
            r.get("created_at"),
        );
        text.push_str(&format!(
            "{cid}\t{case}\t{lang}\t{rank}\t{due}\t{}\topen\t0\t{created}\t{created}\n",
            deadline.unwrap_or(due)
        ));
    }
    let started = Instant::now();
    let mut copy = conn
        .copy_in_raw("COPY b1_orders (campaign_id, case_id, language, rank_at, due_at, deadline_at, state, attempts, created_at, updated_at) FROM STDIN")
        .await?;
    copy.send(text.as_bytes()).await?;
    copy.finish().await?;
    let baseline = started.elapsed().as_secs_f64();
    println!("orders generated: {made} in {ours:.2} s; COPY of the same rows: {baseline:.2} s");
    println!(
        "B1: ours={:.0} rows/s baseline={:.0} rows/s ratio={:.2}",
        made as f64 / ours,
        made as f64 / baseline,
        baseline / ours
    );
    Ok(())
}

pub async fn b8(k: Kernel, n: i64) -> anyhow::Result<()> {
    anyhow::ensure!(
        k.db.backend() == kernel::db::Backend::Sqlite,
        "B8 is the embedded SQLite default"
    );
    seed_cases(&k, 2 * n).await?;
    // Ours: the real dispatch for 50 agents until the campaign is empty.
    let c = new_campaign(&k, "B8").await?;
    campaigns::store::generate(&k, &c).await?;
    let done = Arc::new(std::sync::atomic::AtomicI64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for a in 0..50i64 {
        let (k, done) = (k.clone(), done.clone());
        tasks.push(tokio::spawn(async move {
            let agent = Principal {
                kind: PrincipalKind::User,
                id: 1_000_000 + a,
                name: "bench".into(),
                role: Role::Agent,
                team: None,
                languages: vec!["fr".into()],
                must_change_password: false,
                interface_language: None,
            };
            let outcome = campaigns::dispatch::OutcomeIn {
                outcome: campaigns::dispatch::Outcome::Reached,
                callback_at: None,
            };
            while let Some(o) = campaigns::dispatch::next(&k, &agent).await? {
                campaigns::dispatch::record_outcome(&k, &agent, o.id, &outcome).await?;
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            anyhow::Ok(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    let ours =
        done.load(std::sync::atomic::Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();
    // Baseline: the claim (on the same claim index) and the completion statements alone, same
    // concurrency, same pool.
    sqlx::query("UPDATE campaigns SET status = 'paused' WHERE id = $1")
        .bind(&c.id)
        .execute(k.db.writer())
        .await?;
    let c2 = new_campaign(&k, "B8 baseline").await?;
    sqlx::query("UPDATE call_orders SET campaign_id = $1, state = 'open' WHERE campaign_id = $2")
        .bind(&c2.id)
        .bind(&c.id)
        .execute(k.db.writer())
        .await?;
    let done = Arc::new(std::sync::atomic::AtomicI64::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for a in 0..50i64 {
        let (k, done, campaign) = (k.clone(), done.clone(), c2.id.clone());
        tasks.push(tokio::spawn(async move {
            loop {
                let row = sqlx::query("UPDATE call_orders SET state = 'leased', agent_id = $1, lease_until = 1 WHERE id = (SELECT id FROM call_orders WHERE campaign_id = $2 AND state IN ('open', 'leased') AND state = 'open' ORDER BY rank_at, due_at, id LIMIT 1) RETURNING id")
                    .bind(a)
                    .bind(&campaign)
                    .fetch_optional(k.db.writer())
                    .await?;
                let Some(row) = row else { break };
                let id: i64 = row.try_get("id")?;
                sqlx::query("UPDATE call_orders SET state = 'done', agent_id = NULL WHERE id = $1").bind(id).execute(k.db.writer()).await?;
                done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            anyhow::Ok(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    let baseline =
        done.load(std::sync::atomic::Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64();
    println!(
        "B8: ours={ours:.0} orders/s baseline={baseline:.0} orders/s ratio={:.2}",
        ours / baseline
    );
    Ok(())
}
