//! The exporter's background work on each node: the daily schedule (a cron expression read
//! in the configured time zone; each occurrence builds the previous day's datasets, once
//! across all nodes) and the delivery of pending exports (claimed with a lease).

use std::str::FromStr;
use std::time::Duration;

use croner::Cron;
use kernel::Kernel;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::{ExportError, Result};
use crate::{deliver, store, Exporter};

/// How long a delivery attempt may hold its export before another node may retry it.
const LEASE_MS: i64 = 120_000;

pub fn parse(pattern: &str) -> Result<Cron> {
    Cron::from_str(pattern)
        .map_err(|e| ExportError::Config(format!("exporter.schedule {pattern:?}: {e}")))
}

/// Runs the scheduled exports whose occurrence has come; returns how many were built.
pub async fn run_due(k: &Kernel, ex: &Exporter) -> Result<usize> {
    if ex.cfg.schedule.trim().is_empty() {
        return Ok(0);
    }
    let cron = parse(&ex.cfg.schedule)?;
    let tz = ex.cfg.tz()?;
    let now = k.now().with_timezone(&tz);
    let Ok(last) = cron.find_previous_occurrence(&now, true) else {
        return Ok(0);
    };
    // Only the latest occurrence, and only within a day of it (a node started later does
    // not rebuild old days).
    if now.signed_duration_since(last) > chrono::Duration::days(1) {
        return Ok(0);
    }
    let mut built = 0;
    for dataset in ex.cfg.scheduled()? {
        // The latest day whose figures have settled (see `Dataset::settle_days`).
        let day = last.date_naive() - chrono::Duration::days(dataset.settle_days());
        if !store::claim_schedule(k, dataset.as_str(), &day.to_string()).await? {
            continue;
        }
        let (info, _) = crate::run(k, ex, dataset, day, "schedule", "system", true).await?;
        store::scheduled_as(k, dataset.as_str(), &day.to_string(), &info.id).await?;
        built += 1;
    }
    Ok(built)
}

/// Delivers every pending export whose attempt is due; returns how many attempts were made.
pub async fn deliver_due(k: &Kernel, ex: &Exporter) -> Result<usize> {
    if ex.target.is_none() {
        return Ok(0);
    }
    let mut n = 0;
    while let Some(id) = store::claim_due(k, LEASE_MS).await? {
        deliver::attempt(k, ex, &id).await?;
        n += 1;
    }
    Ok(n)
}

/// The schedule (every 30 s) and the deliveries (every 2 s), until `stop`.
pub fn spawn(k: Kernel, ex: Exporter, stop: watch::Receiver<bool>) -> Vec<JoinHandle<()>> {
    let every = |period: Duration,
                 k: Kernel,
                 ex: Exporter,
                 mut stop: watch::Receiver<bool>,
                 job: fn(Kernel, Exporter) -> futures_job::Job| {
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = tick.tick() => {
                        if let Err(e) = job(k.clone(), ex.clone()).await {
                            tracing::warn!(error = %e, "exporter worker failed; will retry");
                        }
                    }
                    _ = stop.changed() => break,
                }
            }
        })
    };
    vec![
        every(
            Duration::from_secs(30),
            k.clone(),
            ex.clone(),
            stop.clone(),
            |k, ex| Box::pin(async move { run_due(&k, &ex).await.map(|_| ()) }),
        ),
        every(Duration::from_secs(2), k, ex, stop, |k, ex| {
            Box::pin(async move { deliver_due(&k, &ex).await.map(|_| ()) })
        }),
    ]
}

mod futures_job {
    /// A worker's job: a boxed future (so one `every` serves both).
    pub type Job =
        std::pin::Pin<Box<dyn std::future::Future<Output = crate::error::Result<()>> + Send>>;
}
