//! Periodic background jobs, and the kernel's own: expired sessions and old rate counters
//! are purged every ten minutes. Each service spawns its workers with [`every`] from its own crate, beside the data
//! they work on; the binary only starts them and stops them on shutdown.

use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::Kernel;

/// Runs `job` every `period` until `stop` becomes true; errors are logged, not fatal, and the
/// job runs again at its next tick.
pub fn every<F, Fut>(
    name: &'static str,
    period: Duration,
    mut stop: watch::Receiver<bool>,
    mut job: F,
) -> JoinHandle<()>
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<usize, String>> + Send,
{
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(period);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tick.tick() => match job().await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(worker = name, done = n, "worker ran"),
                    Err(e) => tracing::warn!(worker = name, error = %e, "worker failed; will retry"),
                },
                _ = stop.changed() => break,
            }
        }
    })
}

/// The kernel's workers: expired sessions, and rate counters of windows a day old, purged
/// every ten minutes.
pub fn spawn(kernel: Kernel, stop: watch::Receiver<bool>) -> Vec<JoinHandle<()>> {
    let counters = kernel.clone();
    let checkpoints = kernel.clone();
    let last = std::sync::Arc::new(tokio::sync::Mutex::new(None));
    vec![
        every(
            "audit_checkpoints",
            Duration::from_secs(10),
            stop.clone(),
            move || {
                let k = checkpoints.clone();
                let last = last.clone();
                async move {
                    checkpoint_if_due(&k, &last)
                        .await
                        .map_err(|e| e.to_string())
                }
            },
        ),
        every(
            "sessions",
            Duration::from_secs(600),
            stop.clone(),
            move || {
                let k = kernel.clone();
                async move {
                    crate::auth::sessions::purge_expired(&k.db, k.now())
                        .await
                        .map(|n| n as usize)
                        .map_err(|e| e.to_string())
                }
            },
        ),
        every("rate_counters", Duration::from_secs(600), stop, move || {
            let k = counters.clone();
            async move {
                let day_ago = k.now() - chrono::Duration::days(1);
                crate::rate::purge_before(&k.db, day_ago)
                    .await
                    .map(|n| n as usize)
                    .map_err(|e| e.to_string())
            }
        }),
    ]
}

/// Writes an audit checkpoint when `audit.checkpoint_every_entries` rows were appended since
/// the last one, or `audit.checkpoint_every_secs` passed with any new row. `last` remembers
/// the newest checkpoint's row and time so that the folder is read only once.
async fn checkpoint_if_due(
    k: &Kernel,
    last: &tokio::sync::Mutex<Option<(i64, i64)>>,
) -> crate::Result<usize> {
    let dir = k.config.checkpoint_dir();
    let mut last = last.lock().await;
    let (seq, at) = match *last {
        Some(v) => v,
        None => crate::audit::checkpoint::latest(&dir)?
            .map(|cp| (cp.seq, cp.at))
            .unwrap_or((0, 0)),
    };
    *last = Some((seq, at));
    let now = k.now();
    let gauges = &k.metrics.business;
    if at > 0 {
        gauges
            .audit_checkpoint_age_seconds
            .set((crate::db::millis(now) - at) / 1000);
    }
    let head = crate::audit::chain::head(&k.db).await?;
    let audit = &k.config.audit;
    let by_entries =
        audit.checkpoint_every_entries > 0 && head.last_id - seq >= audit.checkpoint_every_entries;
    let by_time = audit.checkpoint_every_secs > 0
        && crate::db::millis(now) - at >= audit.checkpoint_every_secs * 1000;
    let due = head.last_id > seq && (by_entries || by_time);
    if !due {
        return Ok(0);
    }
    let keys = k.db.audit_keys()?;
    match crate::audit::checkpoint::write(&k.db, &keys, &dir, now).await? {
        Ok(Some(cp)) => {
            gauges.audit_verify_ok.set(1);
            gauges.audit_checkpoint_age_seconds.set(0);
            *last = Some((cp.seq, cp.at));
            Ok(1)
        }
        Ok(None) => Ok(0),
        Err(broken) => {
            gauges.audit_verify_ok.set(0);
            tracing::error!(%broken, "the audit chain does not verify: no checkpoint signed");
            Ok(0)
        }
    }
}
