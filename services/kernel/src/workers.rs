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
    vec![
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
