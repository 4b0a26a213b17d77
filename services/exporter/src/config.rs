//! The exporter's section of the configuration (`[exporter]`, or `TRACECALL_EXPORTER__*`).

use std::path::PathBuf;
use std::str::FromStr;

use chrono_tz::Tz;
use secrecy::SecretString;
use serde::Deserialize;

use crate::datasets::Dataset;
use crate::error::{ExportError, Result};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExporterConfig {
    /// Where exports are POSTed (HTTPS; plain HTTP only to a loopback address).
    pub endpoint: Option<String>,
    /// A PEM file of extra certificate authorities for the endpoint.
    pub ca_file: Option<PathBuf>,
    /// A directory exports are dropped into, for institutes that pull.
    pub directory: Option<PathBuf>,
    /// When the daily exports of the previous day are built (cron, five fields, in
    /// `time_zone`); empty disables the schedule.
    pub schedule: String,
    /// Datasets the schedule builds.
    pub datasets: Vec<String>,
    /// Counts below this are suppressed.
    pub k: i64,
    /// The time zone days are counted in.
    pub time_zone: String,
    /// First retry delay; each next one doubles, up to `retry_max_ms`, with jitter.
    pub retry_base_ms: u64,
    pub retry_max_ms: u64,
    /// Attempts before an export is marked failed (and raises an alert).
    pub max_attempts: i64,
    pub timeout_ms: u64,
    /// A read replica's URL: when set, the export queries read there, off the primary.
    pub read_url: Option<SecretString>,
    /// Base64 of the 32-byte Ed25519 seed exports are signed with; when unset, derived from
    /// the blind-index root key (stable across master key rotations and shared by nodes).
    pub signing_key: Option<SecretString>,
}

impl Default for ExporterConfig {
    fn default() -> Self {
        Self {
            endpoint: None,
            ca_file: None,
            directory: None,
            schedule: "30 5 * * *".into(),
            datasets: Dataset::ALL
                .iter()
                .map(|d| d.as_str().to_string())
                .collect(),
            k: 5,
            time_zone: "Europe/Brussels".into(),
            retry_base_ms: 2_000,
            retry_max_ms: 600_000,
            max_attempts: 12,
            timeout_ms: 30_000,
            read_url: None,
            signing_key: None,
        }
    }
}

impl ExporterConfig {
    /// Reads and checks the section.
    pub fn from_kernel(k: &kernel::Kernel) -> Result<Self> {
        let cfg: Self = match &k.config.exporter {
            serde_json::Value::Null => Self::default(),
            v => serde_json::from_value(v.clone())
                .map_err(|e| ExportError::Config(format!("exporter: {e}")))?,
        };
        cfg.check()?;
        Ok(cfg)
    }

    fn check(&self) -> Result<()> {
        if let Some(url) = &self.endpoint {
            let parsed = reqwest::Url::parse(url)
                .map_err(|e| ExportError::Config(format!("exporter.endpoint: {e}")))?;
            let loopback = matches!(
                parsed.host_str(),
                Some("localhost" | "127.0.0.1" | "[::1]" | "::1")
            );
            match parsed.scheme() {
                "https" => {}
                "http" if loopback => {}
                _ => {
                    return Err(ExportError::Config(
                        "exporter.endpoint must be https:// (plain http only to loopback)".into(),
                    ))
                }
            }
        }
        if !(1..=1000).contains(&self.k) {
            return Err(ExportError::Config("exporter.k is from 1 to 1000".into()));
        }
        self.tz()?;
        self.scheduled()?;
        Ok(())
    }

    pub fn tz(&self) -> Result<Tz> {
        Tz::from_str(&self.time_zone).map_err(|_| {
            ExportError::Config(format!(
                "exporter.time_zone {:?} is unknown",
                self.time_zone
            ))
        })
    }

    /// The datasets the schedule builds.
    pub fn scheduled(&self) -> Result<Vec<Dataset>> {
        self.datasets
            .iter()
            .map(|d| {
                Dataset::parse(d).ok_or_else(|| {
                    ExportError::Config(format!("exporter.datasets: no dataset {d:?}"))
                })
            })
            .collect()
    }

    /// Whether exports are sent anywhere (else they are kept for download only).
    pub fn delivers(&self) -> bool {
        self.endpoint.is_some() || self.directory.is_some()
    }
}
