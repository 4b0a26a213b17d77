//! The institute's receiving end, on loopback: accepts every export POST with 200 and counts
//! the deliveries per `Idempotency-Key`, so the report can say whether an export arrived
//! twice (a receiver that keeps keys would drop the second; the drill counts it anyway).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use axum::http::HeaderMap;
use axum::routing::post;

#[derive(Clone, Default)]
pub struct Institute {
    pub deliveries: Arc<Mutex<BTreeMap<String, u32>>>,
    /// Woken on every delivery, for [`Institute::wait_for`].
    arrived: Arc<tokio::sync::Notify>,
}

impl Institute {
    /// Serves on a free loopback port; the endpoint URL.
    pub async fn start(&self) -> anyhow::Result<String> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let url = format!("http://{}/exports", listener.local_addr()?);
        let seen = self.deliveries.clone();
        let arrived = self.arrived.clone();
        let app = axum::Router::new().route(
            "/exports",
            post(move |headers: HeaderMap| {
                let (seen, arrived) = (seen.clone(), arrived.clone());
                async move {
                    let key = headers
                        .get("idempotency-key")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("(none)")
                        .to_string();
                    if let Ok(mut s) = seen.lock() {
                        *s.entry(key).or_default() += 1;
                    }
                    arrived.notify_waiters();
                    "ok"
                }
            }),
        );
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(url)
    }

    /// Keys delivered, and deliveries beyond the first per key.
    pub fn counts(&self) -> (usize, u32) {
        self.deliveries.lock().map_or((0, 0), |s| {
            (s.len(), s.values().map(|n| n.saturating_sub(1)).sum())
        })
    }

    pub fn delivered(&self, key: &str) -> bool {
        self.deliveries.lock().is_ok_and(|s| s.contains_key(key))
    }

    /// Waits, at most `limit`, until every one of `keys` has been delivered; whether they were.
    pub async fn wait_for(&self, keys: &[String], limit: std::time::Duration) -> bool {
        let until = tokio::time::Instant::now() + limit;
        loop {
            // Registered before looking, so a delivery in between still wakes us.
            let next = self.arrived.notified();
            tokio::pin!(next);
            next.as_mut().enable();
            if keys.iter().all(|k| self.delivered(k)) {
                return true;
            }
            if tokio::time::timeout_at(until, next).await.is_err() {
                return false;
            }
        }
    }
}
