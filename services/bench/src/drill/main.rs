//! `tracecall-drill`: the fault drill of deploy/README.md. On loopback, with Debian's
//! PostgreSQL and HAProxy: a primary and a synchronous hot standby, three `tracecall serve`
//! nodes behind HAProxy, agents working through the real console WebSocket, callers looked
//! up over HTTP, exports delivered to a local institute. While the load runs it kills a node
//! with SIGKILL, restarts PostgreSQL, crashes the primary and promotes the standby, and
//! restores a backup into a fresh cluster. At the end the checker reads the database and the
//! load log and prints what must be zero, and how long each fault made the service
//! unavailable. Exit status 0 when nothing was lost or doubled.
//!
//! `deploy/drill` runs one of each fault (about two minutes, what the test command runs);
//! `deploy/drill --long` repeats them for an hour.
#![allow(clippy::print_stdout)]

mod balancer;
mod check;
mod cluster;
mod console;
mod institute;
mod load;
mod nodes;
mod report;
mod rig;
mod seed;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::Duration;

use clap::Parser;

#[derive(Debug, Parser)]
#[command(
    name = "tracecall-drill",
    about = "tracecall's fault drill (deploy/README.md)"
)]
struct Cli {
    /// Repeat the faults for an hour (or --minutes) instead of one of each.
    #[arg(long)]
    long: bool,
    /// How long the long drill runs.
    #[arg(long, default_value_t = 60)]
    minutes: u64,
    /// Agents on the console.
    #[arg(long)]
    agents: Option<usize>,
    /// People (and call orders) in the campaign.
    #[arg(long)]
    people: Option<usize>,
    /// Keep the scratch directory (logs of every server) instead of removing it.
    #[arg(long)]
    keep: bool,
    /// The `tracecall` binary (default: the one built beside this one).
    #[arg(long)]
    tracecall: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,sqlx=error".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match drill(cli).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("tracecall-drill: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Prints a step with the time since the start.
fn step(started: std::time::Instant, what: &str) {
    println!("[{:>6.1} s] {what}", started.elapsed().as_secs_f64());
}

async fn drill(cli: Cli) -> anyhow::Result<bool> {
    let started = std::time::Instant::now();
    let exe = match cli.tracecall.clone() {
        Some(p) => p,
        None => std::env::current_exe()?.with_file_name("tracecall"),
    };
    anyhow::ensure!(
        exe.is_file(),
        "{} is missing: build tracecall first",
        exe.display()
    );
    let scratch = tempfile::Builder::new()
        .prefix("tracecall-drill.")
        .tempdir()?;
    let dir = scratch.path().to_path_buf();
    let (agents, people) = if cli.long {
        (cli.agents.unwrap_or(24), cli.people.unwrap_or(60_000))
    } else {
        (cli.agents.unwrap_or(16), cli.people.unwrap_or(2_500))
    };
    let institute = institute::Institute::default();
    let endpoint = institute.start().await?;
    step(
        started,
        "starting PostgreSQL primary and standby, HAProxy, three nodes",
    );
    let mut rig = rig::Rig::start(dir.clone(), exe, endpoint).await?;
    let result = run(&cli, &mut rig, &institute, agents, people, started).await;
    rig.stop();
    if cli.keep {
        println!("scratch directory kept: {}", scratch.keep().display());
    } else if result.as_ref().is_ok_and(|ok| !ok) {
        println!(
            "scratch directory kept for the logs: {}",
            scratch.keep().display()
        );
    }
    result
}

async fn run(
    cli: &Cli,
    rig: &mut rig::Rig,
    institute: &institute::Institute,
    agents: usize,
    people: usize,
    started: std::time::Instant,
) -> anyhow::Result<bool> {
    let base = rig.env.public_url.clone();
    let k = rig.kernel(&rig.env.database_url.clone()).await?;
    step(
        started,
        &format!("seeding {people} people, {agents} agents, a campaign"),
    );
    let searchers = (agents / 2).max(4);
    let seeded = seed::seed(&k, rig, &base, agents, searchers, people).await?;
    let log = rig.dir.join("load.jsonl");
    let talk = if cli.long { (1_000, 3_000) } else { (50, 400) };
    let load = load::Load::new(base.clone(), talk, &log)?;
    let mut tasks = Vec::new();
    for (i, cookie) in seeded.agents.iter().enumerate() {
        tasks.push(tokio::spawn(load::agent(load.clone(), i, cookie.clone())));
    }
    let phones = std::sync::Arc::new(seeded.phones.clone());
    let mut searchers = Vec::new();
    for (i, cookie) in seeded.searchers.iter().enumerate() {
        searchers.push(tokio::spawn(load::searcher(
            load.clone(),
            agents + i,
            cookie.clone(),
            phones.clone(),
        )));
    }
    let epi = agents + seeded.searchers.len();
    let day = (chrono::Utc::now() - chrono::Duration::days(2))
        .format("%Y-%m-%d")
        .to_string();
    load::export(&load, epi, &seeded.epidemiologist, &day, false).await;
    step(started, "load running");

    let settle = Duration::from_secs(if cli.long { 45 } else { 6 });
    let until = started + Duration::from_secs(cli.minutes * 60);
    let mut faults = Vec::new();
    let mut round = 0usize;
    'rounds: loop {
        for kind in report::Kind::ALL {
            tokio::time::sleep(settle).await;
            if cli.long && std::time::Instant::now() >= until {
                break 'rounds;
            }
            let at_ms = load.now_ms();
            step(started, &format!("fault: {}", kind.name()));
            let problem = match kind {
                report::Kind::NodeKilled => {
                    rig.kill_node(round % 3).await?;
                    None
                }
                report::Kind::PostgresRestarted => {
                    rig.restart_postgres()?;
                    None
                }
                report::Kind::Failover => {
                    rig.failover()?;
                    None
                }
                report::Kind::BackupRestored => {
                    load.flush()?;
                    rig.backup_and_restore(at_ms, &log).await?
                }
            };
            println!(
                "           done in {:.1} s{}",
                (load.now_ms() - at_ms) as f64 / 1000.0,
                problem
                    .as_deref()
                    .map(|p| format!("; problem: {p}"))
                    .unwrap_or_default()
            );
            faults.push(report::Fault {
                kind,
                at_ms,
                problem,
            });
            // Each round also asks for a correction of the day's export.
            if kind == report::Kind::NodeKilled {
                load::export(&load, epi, &seeded.epidemiologist, &day, true).await;
            }
        }
        round += 1;
        if !cli.long {
            break;
        }
    }
    tokio::time::sleep(settle).await;
    let end_ms = load.now_ms();
    step(started, "stopping the load: agents finish their calls");
    load.stop.store(true, Ordering::Relaxed);
    // Each agent finishes its call in hand; one that cannot within a minute is stuck.
    let mut stuck = 0u64;
    for t in tasks.into_iter().chain(searchers) {
        let abort = t.abort_handle();
        if tokio::time::timeout(Duration::from_secs(60), t)
            .await
            .is_err()
        {
            abort.abort();
            stuck += 1;
        }
    }
    load.flush()?;
    let acked = check::Acknowledged::read(&log)?;
    step(started, "waiting for the exports to be delivered");
    let keys: Vec<String> = acked.exports.iter().map(|(_, key)| key.clone()).collect();
    institute.wait_for(&keys, Duration::from_secs(60)).await;
    let exports_lost = acked
        .exports
        .iter()
        .filter(|(_, key)| !institute.delivered(key))
        .count();
    step(started, "checking");
    let found = check::live(&k, &acked).await?;
    let audit = rig
        .env
        .run(&rig.dir.join("checker"), &["audit", "verify"], "");
    let (keys, twice) = institute.counts();
    let events = load.timeline.lock().map(|t| t.clone()).unwrap_or_default();

    println!();
    println!(
        "tracecall drill: {} faults over {:.1} minutes",
        faults.len(),
        end_ms as f64 / 60_000.0
    );
    for line in report::table(&faults, &events, end_ms) {
        println!("  {line}");
    }
    let restarts: u32 = rig.nodes.iter().map(|n| n.restarts).sum();
    println!("  node restarts: {restarts}");
    println!(
        "  orders {} (done {}), calls finished {}, answers acknowledged {}, searches {} (misses {})",
        found.orders,
        found.done,
        load.calls_finished.load(Ordering::Relaxed),
        load.answers_acked.load(Ordering::Relaxed),
        load.searches.load(Ordering::Relaxed),
        load.search_misses.load(Ordering::Relaxed)
    );
    let failed = events.iter().filter(|e| !e.ok).count();
    println!("  requests {} (failed {failed})", events.len());
    let resumed = load.resumed_without_answer.load(Ordering::Relaxed);
    let restore_problems = faults.iter().filter(|f| f.problem.is_some()).count();
    let lines = [
        ("orders held twice at once", found.held_twice as u64),
        ("orders lost", found.lost_orders as u64),
        ("orders completed twice", found.completed_twice as u64),
        (
            "acknowledged answers lost",
            (found.answers_lost as u64) + resumed,
        ),
        ("agents unable to finish their call", stuck),
        ("exports delivered twice", u64::from(twice)),
        ("exports never delivered", exports_lost as u64),
        ("restores with something missing", restore_problems as u64),
    ];
    for (what, n) in lines {
        println!("  {what:<34} {n}");
    }
    println!(
        "  (answers checked {}, exports delivered {keys}, audit chain {})",
        found.answers_checked,
        if audit.is_ok() { "verified" } else { "BROKEN" }
    );
    if let Err(e) = &audit {
        println!("  audit verify: {e:#}");
    }
    let ok = found.clean()
        && resumed == 0
        && stuck == 0
        && twice == 0
        && exports_lost == 0
        && restore_problems == 0
        && audit.is_ok()
        && load.search_misses.load(Ordering::Relaxed) == 0;
    println!("  result: {}", if ok { "PASS" } else { "FAIL" });
    k.db.pool().close().await;
    Ok(ok)
}
