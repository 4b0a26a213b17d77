//! The cases service's background workers: the retention purge (hourly), expired purpose
//! grants (every ten minutes), with the Meilisearch backend the search outbox (every two
//! seconds), and once at start the tokens of anyone on file without them.

use std::time::Duration;

use kernel::workers::every;
use kernel::Kernel;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::config::CasesConfig;
use crate::meili::Meili;

pub fn spawn(
    kernel: Kernel,
    cfg: &CasesConfig,
    meili: Option<Meili>,
    stop: watch::Receiver<bool>,
) -> Vec<JoinHandle<()>> {
    let mut handles = Vec::new();
    // Everyone, after the upgrade that changed how tokens are made; whoever a node of the
    // previous release registered during a rollout. Searches work meanwhile for the others.
    let k = kernel.clone();
    let mut stopping = stop.clone();
    handles.push(tokio::spawn(async move {
        tokio::select! {
            done = crate::token_rows::index_missing(&k) => {
                if let Err(e) = done {
                    tracing::error!(error = %e, "indexing people without tokens failed");
                }
            }
            _ = stopping.changed() => {}
        }
    }));
    let k = kernel.clone();
    let days = cfg.retention_days;
    handles.push(every(
        "retention",
        Duration::from_secs(3600),
        stop.clone(),
        move || {
            let k = k.clone();
            async move {
                crate::retention::purge(&k, days)
                    .await
                    .map(|n| n as usize)
                    .map_err(|e| e.to_string())
            }
        },
    ));
    let k = kernel.clone();
    handles.push(every(
        "case-grants",
        Duration::from_secs(600),
        stop.clone(),
        move || {
            let k = k.clone();
            async move {
                crate::access::purge_grants(&k)
                    .await
                    .map(|n| n as usize)
                    .map_err(|e| e.to_string())
            }
        },
    ));
    if let Some(m) = meili {
        handles.push(every(
            "search-outbox",
            Duration::from_secs(2),
            stop,
            move || {
                let (k, m) = (kernel.clone(), m.clone());
                async move {
                    crate::meili::drain_outbox(&k, &m)
                        .await
                        .map_err(|e| e.to_string())
                }
            },
        ));
    }
    handles
}
