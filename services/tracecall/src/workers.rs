//! Background workers of `serve`: retention (hourly) and, with the Meilisearch backend, the
//! search outbox (every two seconds). Each stops when the shutdown signal flips.

use std::time::Duration;

use cases::config::CasesConfig;
use cases::meili::Meili;
use kernel::Kernel;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Runs `job` every `period` until `stop` becomes true; errors are logged, not fatal.
fn every<F, Fut>(
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

pub fn spawn(
    kernel: Kernel,
    cfg: CasesConfig,
    meili: Option<Meili>,
    stop: watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    let mut handles = Vec::new();
    let k = kernel.clone();
    let days = cfg.retention_days;
    handles.push(every(
        "retention",
        Duration::from_secs(3600),
        stop.clone(),
        move || {
            let k = k.clone();
            async move {
                cases::retention::purge(&k, days)
                    .await
                    .map(|n| n as usize)
                    .map_err(|e| e.to_string())
            }
        },
    ));
    let k = kernel.clone();
    handles.push(every(
        "sessions",
        Duration::from_secs(600),
        stop.clone(),
        move || {
            let k = k.clone();
            async move {
                kernel::auth::sessions::purge_expired(&k.db, k.now())
                    .await
                    .map(|n| n as usize)
                    .map_err(|e| e.to_string())
            }
        },
    ));
    if let Some(m) = meili {
        let k = kernel;
        handles.push(every(
            "search-outbox",
            Duration::from_secs(2),
            stop,
            move || {
                let (k, m) = (k.clone(), m.clone());
                async move {
                    cases::meili::drain_outbox(&k, &m)
                        .await
                        .map_err(|e| e.to_string())
                }
            },
        ));
    }
    handles
}
