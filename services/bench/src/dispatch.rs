//! Benchmark B2 (PostgreSQL): the shift-start rush, 2,000 agents asking for work at once,
//! then steady claiming by 64 concurrent agents who complete each order; against pgbench
//! running the bare claim statement (the very statement dispatch uses, with the same
//! concurrency), measured in the same run on the same database.
#![allow(clippy::print_stdout)]

use std::collections::HashSet;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use campaigns::dispatch::{self, Outcome, OutcomeIn};
use kernel::auth::{Principal, PrincipalKind, Role};
use kernel::db::Backend;
use kernel::Kernel;

use crate::campaigns::{new_campaign, seed_cases};

const RUSH: i64 = 2_000;
const STEADY: i64 = 64;
const SECONDS: u64 = 10;

fn agent(id: i64) -> Principal {
    Principal {
        kind: PrincipalKind::User,
        id,
        name: "bench".into(),
        role: Role::Agent,
        team: None,
        languages: vec!["fr".into()],
        must_change_password: false,
        interface_language: None,
    }
}

fn pct(v: &[Duration], p: f64) -> f64 {
    v.get(((v.len().max(1) - 1) as f64 * p) as usize)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// pgbench from the PostgreSQL installation (or `TRACECALL_PGBENCH`).
fn pgbench() -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("TRACECALL_PGBENCH") {
        return Ok(p);
    }
    let mut found: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")?
        .flatten()
        .map(|e| e.path().join("bin/pgbench"))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found
        .pop()
        .map(|p| p.display().to_string())
        .context("pgbench not found (set TRACECALL_PGBENCH)")
}

/// Runs `step` from 64 tasks for ten seconds; returns the successful steps per second.
async fn steady<F, Fut>(k: &Kernel, step: F) -> anyhow::Result<f64>
where
    F: Fn(Kernel) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = anyhow::Result<bool>> + Send,
{
    let count = Arc::new(AtomicI64::new(0));
    let deadline = Instant::now() + Duration::from_secs(SECONDS);
    let tasks: Vec<_> = (0..STEADY)
        .map(|_| {
            let (k, count, step) = (k.clone(), count.clone(), step.clone());
            tokio::spawn(async move {
                while Instant::now() < deadline {
                    if !step(k.clone()).await? {
                        break;
                    }
                    count.fetch_add(1, Ordering::Relaxed);
                }
                anyhow::Ok(())
            })
        })
        .collect();
    for t in tasks {
        t.await??;
    }
    Ok(count.load(Ordering::Relaxed) as f64 / SECONDS as f64)
}

pub async fn b2(k: Kernel, url: &str, n: i64) -> anyhow::Result<()> {
    anyhow::ensure!(
        k.db.backend() == Backend::Postgres,
        "B2 runs on PostgreSQL: set TRACECALL_DATABASE_URL"
    );
    let n = n.max(RUSH * 4);
    seed_cases(&k, n).await?;
    let c = new_campaign(&k, "B2").await?;
    campaigns::store::generate(&k, &c).await?;

    // The rush: every agent asks at once.
    let started = Instant::now();
    let tasks: Vec<_> = (0..RUSH)
        .map(|i| {
            let k = k.clone();
            tokio::spawn(async move {
                let t = Instant::now();
                let order = dispatch::next(&k, &agent(2_000_000 + i)).await?;
                anyhow::Ok((t.elapsed(), order.map(|o| o.id)))
            })
        })
        .collect();
    let mut rush = Vec::new();
    let mut ids = HashSet::new();
    let mut served = 0;
    for t in tasks {
        let (d, id) = t.await??;
        rush.push(d);
        if let Some(id) = id {
            served += 1;
            anyhow::ensure!(ids.insert(id), "order {id} claimed twice");
        }
    }
    let rush_secs = started.elapsed().as_secs_f64();
    rush.sort();

    // Steady claiming, as pgbench does it: 64 concurrent claimers, each claim by another
    // agent (an agent holds one order at a time), for ten seconds.
    let next_agent = Arc::new(AtomicI64::new(3_000_000));
    let ours = steady(&k, move |k| {
        let next_agent = next_agent.clone();
        async move {
            let me = agent(next_agent.fetch_add(1, Ordering::Relaxed));
            Ok(dispatch::next(&k, &me).await?.is_some())
        }
    })
    .await?;
    // And the agents' real cycle: claim, then record the outcome, then claim again.
    let agents = Arc::new(AtomicI64::new(5_000_000));
    let cycles = steady(&k, move |k| {
        let agents = agents.clone();
        async move {
            let me = agent(agents.fetch_add(1, Ordering::Relaxed));
            let Some(o) = dispatch::next(&k, &me).await? else {
                return Ok(false);
            };
            let done = OutcomeIn {
                outcome: Outcome::Reached,
                callback_at: None,
            };
            dispatch::record_outcome(&k, &me, o.id, &done).await?;
            Ok(true)
        }
    })
    .await?;

    // The baseline: pgbench running the same claim statement, bare, 64 clients.
    sqlx::query("UPDATE call_orders SET state = 'open', agent_id = NULL, lease_until = NULL WHERE campaign_id = $1")
        .bind(&c.id)
        .execute(k.db.pool())
        .await?;
    let now = kernel::db::millis(k.now());
    let release: Option<i64> = scripting::store::latest(&k.db, &c.script_id)
        .await?
        .map(|r| r.id);
    let sql = dispatch::claim_sql(Backend::Postgres, 1, 1)
        .replace(
            "$6",
            &release.map_or("CAST(NULL AS BIGINT)".into(), |r| r.to_string()),
        )
        .replace("$5", &(c.policy.lease_seconds * 1000).to_string())
        .replace("$4", &format!("'{}'", c.id))
        .replace("$3", "'fr'")
        .replace("$2", &now.to_string())
        .replace("$1", ":aid");
    let script = tempfile::NamedTempFile::new()?;
    std::fs::write(
        script.path(),
        format!(
            "\\set aid random(1, 1000000000)\n{};\n",
            sql.split_whitespace().collect::<Vec<_>>().join(" ")
        ),
    )?;
    let out = std::process::Command::new(pgbench()?)
        .args([
            "-n",
            "-c",
            &STEADY.to_string(),
            "-j",
            "2",
            "-T",
            &SECONDS.to_string(),
            "-f",
        ])
        .arg(script.path())
        .arg(url)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    anyhow::ensure!(
        out.status.success(),
        "pgbench failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let baseline: f64 = text
        .lines()
        .find(|l| l.starts_with("tps = "))
        .and_then(|l| l.split_whitespace().nth(2))
        .and_then(|v| v.parse().ok())
        .context("no tps in pgbench's output")?;

    println!("orders: {n}; rush: {RUSH} agents at once, {served} served in {rush_secs:.2} s, 0 duplicates");
    println!(
        "rush latency: p50 {:.1} ms, p99 {:.1} ms",
        pct(&rush, 0.5),
        pct(&rush, 0.99)
    );
    println!("steady, {STEADY} concurrent claimers: ours {ours:.0} claims/s; pgbench, the bare claim statement: {baseline:.0} claims/s");
    println!("the agents' cycle (claim, then record the outcome): {cycles:.0} per second");
    println!(
        "B2: ours={ours:.0} claims/s baseline={baseline:.0} claims/s ratio={:.2}",
        ours / baseline
    );
    Ok(())
}
