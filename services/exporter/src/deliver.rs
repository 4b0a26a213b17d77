//! Delivering an export: one HTTPS POST to the institute (or a directory drop), retried with
//! exponential backoff and jitter on network errors, timeouts, 5xx, 408 and 429; refused
//! for good on any other 4xx (an alert for the epidemiologists: resending the same request
//! cannot succeed). Every attempt goes to the ledger first; an export counts as delivered
//! only when the receiver answered 2xx.
//!
//! Headers: `Idempotency-Key` (the same for every attempt and for a re-run over the same
//! data), `Tracecall-Signature: ed25519=BASE64` over the exact body bytes, and
//! `Content-Type: application/json`. A receiver that keeps the keys it has accepted receives
//! each export once, whatever happens on our side.

use std::path::Path;
use std::time::Duration;

use kernel::db::millis;
use kernel::Kernel;
use rand::Rng;

use crate::config::ExporterConfig;
use crate::error::{ExportError, Result};
use crate::store::{self, After, Attempt, ExportInfo, Payload};
use crate::Exporter;

/// Where exports go.
#[derive(Debug, Clone)]
pub enum Target {
    Http {
        url: String,
        client: reqwest::Client,
    },
    Directory(std::path::PathBuf),
}

impl Target {
    /// The configured target, if any.
    pub fn from_config(cfg: &ExporterConfig) -> Result<Option<Self>> {
        if let Some(url) = &cfg.endpoint {
            let mut b = reqwest::Client::builder()
                .timeout(Duration::from_millis(cfg.timeout_ms))
                .https_only(!url.starts_with("http://"));
            if let Some(ca) = &cfg.ca_file {
                let pem = std::fs::read(ca)?;
                let cert = reqwest::Certificate::from_pem(&pem)
                    .map_err(|e| ExportError::Config(format!("exporter.ca_file: {e}")))?;
                b = b.add_root_certificate(cert);
            }
            let client = b
                .build()
                .map_err(|e| ExportError::Config(format!("exporter HTTP client: {e}")))?;
            return Ok(Some(Target::Http {
                url: url.clone(),
                client,
            }));
        }
        Ok(cfg.directory.clone().map(Target::Directory))
    }

    fn describe(&self) -> String {
        match self {
            Target::Http { url, .. } => url.clone(),
            Target::Directory(d) => format!("directory {}", d.display()),
        }
    }
}

/// What one attempt came to.
enum Result1 {
    Delivered(Option<u16>),
    Retry(Option<u16>, String),
    Rejected(u16, String),
}

async fn send(target: &Target, p: &Payload) -> Result1 {
    match target {
        Target::Http { url, client } => {
            let sent = client
                .post(url)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", &p.info.idempotency_key)
                .header("Tracecall-Signature", &p.signature)
                .body(p.body.clone())
                .send()
                .await;
            match sent {
                Err(e) => Result1::Retry(None, format!("network: {e}")),
                Ok(r) => {
                    let code = r.status().as_u16();
                    let text: String = r
                        .text()
                        .await
                        .unwrap_or_default()
                        .chars()
                        .take(300)
                        .collect();
                    match code {
                        200..=299 => Result1::Delivered(Some(code)),
                        408 | 429 | 500..=599 => Result1::Retry(Some(code), text),
                        _ => Result1::Rejected(code, text),
                    }
                }
            }
        }
        Target::Directory(dir) => match drop_files(dir, p) {
            Ok(()) => Result1::Delivered(None),
            Err(e) => Result1::Retry(None, format!("directory: {e}")),
        },
    }
}

/// Writes the export's files into `dir/<dataset>-<date>-<key>/` through a temporary folder
/// renamed at the end, so a reader never sees half an export and a retry finds it done.
fn drop_files(dir: &Path, p: &Payload) -> std::io::Result<()> {
    let name = format!(
        "{}-{}-{}",
        p.info.dataset,
        p.info.period_date,
        &p.info.idempotency_key[..p.info.idempotency_key.len().min(12)]
    );
    let done = dir.join(&name);
    if done.is_dir() {
        return Ok(());
    }
    let tmp = dir.join(format!(".{name}.partial"));
    std::fs::create_dir_all(&tmp)?;
    std::fs::write(tmp.join(format!("{}.csv", p.info.dataset)), &p.csv)?;
    std::fs::write(tmp.join(format!("{}.json", p.info.dataset)), &p.json)?;
    std::fs::write(tmp.join("manifest.json"), &p.manifest)?;
    std::fs::write(tmp.join("body.json"), &p.body)?;
    std::fs::write(tmp.join("body.json.sig"), &p.signature)?;
    std::fs::rename(&tmp, &done)
}

/// The wait before attempt `n + 1` after `n` failed ones: doubling from the base, capped,
/// then spread by ±50 % so that exports failing together do not retry together.
pub fn backoff(cfg: &ExporterConfig, n: i64) -> Duration {
    let exp = cfg
        .retry_base_ms
        .saturating_mul(1u64 << n.clamp(0, 30))
        .min(cfg.retry_max_ms);
    let jitter = rand::rng().random_range(0.5..1.5);
    Duration::from_millis((exp as f64 * jitter) as u64)
}

/// Makes one delivery attempt of export `id` and records it; returns the export after it.
pub async fn attempt(k: &Kernel, ex: &Exporter, id: &str) -> Result<ExportInfo> {
    let p = store::payload(k, id).await?;
    let Some(target) = &ex.target else {
        return Err(ExportError::Config(
            "no exporter.endpoint or exporter.directory is configured".into(),
        ));
    };
    let n = p.info.attempts + 1;
    let at = millis(k.now());
    let (outcome, code, detail, after) = match send(target, &p).await {
        Result1::Delivered(code) => ("delivered", code, None, After::Delivered),
        Result1::Retry(code, why) if n >= ex.cfg.max_attempts => (
            "retry",
            code,
            Some(why.clone()),
            After::Failed(format!("gave up after {n} attempts: {why}")),
        ),
        Result1::Retry(code, why) => {
            let next = at + backoff(&ex.cfg, n - 1).as_millis() as i64;
            ("retry", code, Some(why), After::RetryAt(next))
        }
        Result1::Rejected(code, why) => (
            "rejected",
            Some(code),
            Some(why.clone()),
            After::Failed(format!("the receiver refused the export ({code}): {why}")),
        ),
    };
    if let After::Failed(why) = &after {
        tracing::warn!(export = id, alert = %why, "export delivery failed");
    }
    let result = match &after {
        After::Delivered => "delivered",
        After::RetryAt(_) => "retry",
        After::Failed(_) => "failed",
    };
    k.metrics
        .business
        .export_deliveries
        .get_or_create(&kernel::metrics::ResultLabels {
            result: result.into(),
        })
        .inc();
    store::record(
        k,
        id,
        &Attempt {
            attempt: n,
            at,
            target: target.describe(),
            outcome: outcome.into(),
            status_code: code.map(i64::from),
            detail,
        },
        &after,
    )
    .await
}

/// Delivers export `id` now, retrying as scheduled until it is delivered or fails (for the
/// CLI; the server's worker does the same across its ticks).
pub async fn until_done(k: &Kernel, ex: &Exporter, id: &str) -> Result<ExportInfo> {
    loop {
        let info = attempt(k, ex, id).await?;
        match (info.status, info.next_attempt_at) {
            (store::ExportState::Pending, Some(next)) => {
                let wait = (next - millis(k.now())).max(0) as u64;
                tokio::time::sleep(Duration::from_millis(wait)).await;
            }
            _ => return Ok(info),
        }
    }
}
