//! Exports to the public-health institute: aggregated datasets, small-cell suppression,
//! signed exactly-once delivery.
//!
//! # Datasets (schema version 1)
//!
//! Each covers one day (`date`) in the configured time zone (Europe/Brussels by default).
//! Regions are provinces (`ANT`, `BRU`, `HAI`, `LIE`, `LIM`, `LUX`, `NAM`, `OVL`, `VBR`,
//! `WBR`, `WVL`) derived from the postal code, or `UNK`; age bands are ten-year bands
//! (`0-9` … `80+`) or `UNK`; `ALL` labels a total. An empty count is suppressed.
//!
//! - `daily_cases`: `date, case_type, region, age_band, sex, count`: cases registered that
//!   day, per case type, as a region × (age band, sex) table with its totals.
//! - `reach`: `date, case_type, region, orders, reached_24h, reached_48h, reached_72h,
//!   share_24h, share_48h, share_72h`: call orders created that day and how many reached the
//!   person within 24, 48 and 72 hours; a share is given only when both counts are.
//! - `call_outcomes`: `date, campaign_id, campaign, outcome, count`: attempts that ended that
//!   day, per campaign and outcome, with totals.
//! - `contacts_per_case`: `date, contacts, index_cases`: index cases registered that day by
//!   the number of contacts they named (`0`…`5`, `6-9`, `10+`), with the total.
//! - `onset_to_call`: `date, days, index_cases`: index cases reached that day by days from
//!   symptom onset to the call (`0`…`6`, `7-13`, `14+`, `UNK` without an onset date).
//!
//! A pseudonymised line list is not offered: the aggregates above are what the institute
//! asked for, and a line list needs its own legal basis.
//!
//! # Suppression
//!
//! See [`suppress`]: counts from 1 to k-1 (k = 5 by default) are hidden, and
//! complementary cells so that no hidden count can be recomputed from the totals of its row
//! or column. Nested columns (reach within 24, 48, 72 hours, of all orders) are suppressed
//! together, so no difference between two of them is a small count.
//!
//! # Closed days, frozen
//!
//! See [`versions`]: an export covers a closed day only, is built once and then answered with
//! the same bytes; a correction is the day's next version, suppressed against the earlier
//! ones. The schedule exports each dataset once its day has settled
//! ([`datasets::Dataset::settle_days`]).
//!
//! # Files and delivery
//!
//! [`render`]: CSV (RFC 4180) and JSON with the same rows, and `manifest.json` (dataset,
//! schema version, period, row count, SHA-256 of each file, generation time). [`sign`]:
//! Ed25519 over the exact body. [`deliver`]: one POST per export, retried with backoff and
//! jitter, recorded in a ledger, exactly once for a receiver that honours `Idempotency-Key`;
//! or a directory drop. [`schedule`]: the daily run (cron).
//!
//! # Database load
//!
//! Each dataset is a handful of single statements over one day, read through indexes on
//! creation and end times, so no snapshot lives longer than one of them (well under a second
//! at national scale, see benchmark B7), and none touches the claim path's rows for long.
//! With `exporter.read_url` they read from a replica instead.

pub mod config;
pub mod datasets;
pub mod deliver;
pub mod error;
pub mod pages;
pub mod render;
pub mod routes;
pub mod schedule;
pub mod sign;
pub mod store;
pub mod suppress;
pub mod versions;

use chrono::NaiveDate;
use kernel::db::Db;
use kernel::Kernel;

use crate::config::ExporterConfig;
use crate::datasets::Dataset;
use crate::error::Result;
use crate::store::{ExportInfo, NewExport};

/// The exporter's shared parts, built once at start.
#[derive(Clone, Debug)]
pub struct Exporter {
    pub cfg: ExporterConfig,
    pub signer: sign::Signer,
    /// Where the datasets are read: the replica when configured, else the primary.
    pub read: Db,
    pub target: Option<deliver::Target>,
}

impl Exporter {
    pub async fn new(k: &Kernel) -> Result<Self> {
        let cfg = ExporterConfig::from_kernel(k)?;
        let read = match &cfg.read_url {
            Some(url) => {
                use secrecy::ExposeSecret;
                Db::connect(url.expose_secret(), 4).await?
            }
            None => k.db.clone(),
        };
        Ok(Self {
            signer: sign::Signer::new(k, &cfg)?,
            target: deliver::Target::from_config(&cfg)?,
            read,
            cfg,
        })
    }
}

/// The export of `dataset` for the closed day `date`: the stored one when the day was built
/// already (the same bytes; queued for delivery when `deliver` and it was only kept), else
/// built, rendered, signed and stored as the day's first version.
pub async fn run(
    k: &Kernel,
    ex: &Exporter,
    dataset: Dataset,
    date: NaiveDate,
    trigger: &str,
    actor: &str,
    deliver: bool,
) -> Result<(ExportInfo, render::Files)> {
    versions::closed(k, ex, date)?;
    if let Some(latest) = versions::versions(k, dataset, date).await?.pop() {
        let info = if deliver && ex.target.is_some() {
            store::queue(k, &latest.info.id).await?
        } else {
            latest.info
        };
        return Ok((info, latest.files));
    }
    let built = datasets::build(
        &ex.read,
        dataset,
        date,
        ex.cfg.tz()?,
        ex.cfg.k,
        &Default::default(),
    )
    .await?;
    let new = Build {
        trigger,
        actor,
        deliver,
        version: 1,
        supersedes: None,
    };
    match store_new(k, ex, &built, &new).await {
        // Another node built the day at the same moment: theirs is the day's.
        Err(error::ExportError::Kernel(kernel::Error::Conflict(_))) => {
            Box::pin(run(k, ex, dataset, date, trigger, actor, deliver)).await
        }
        other => other,
    }
}

/// A correction of a closed day: the day rebuilt as its next version, suppressed against every
/// earlier version (see [`versions`]). `Ok((latest, files, false))` when nothing changed.
pub async fn correct(
    k: &Kernel,
    ex: &Exporter,
    dataset: Dataset,
    date: NaiveDate,
    actor: &str,
    deliver: bool,
) -> Result<(ExportInfo, render::Files, bool)> {
    versions::closed(k, ex, date)?;
    let earlier = versions::versions(k, dataset, date).await?;
    let Some(latest) = earlier.last() else {
        let (info, files) = run(k, ex, dataset, date, "manual", actor, deliver).await?;
        return Ok((info, files, true));
    };
    let built = versions::build_against(ex, dataset, date, &earlier).await?;
    let probe = render::render(
        &built,
        ex.cfg.k,
        &ex.cfg.time_zone,
        "",
        render::Version {
            number: 0,
            supersedes: None,
        },
    )?;
    let content = render::sha256(format!("{}{}", probe.csv, probe.json).as_bytes());
    if content == latest.info.content_sha256 {
        return Ok((latest.info.clone(), latest.files.clone(), false));
    }
    let new = Build {
        trigger: "correction",
        actor,
        deliver,
        version: latest.info.version + 1,
        supersedes: Some(&latest.info.id),
    };
    let (info, files) = store_new(k, ex, &built, &new).await?;
    Ok((info, files, true))
}

/// What a new stored version is.
struct Build<'a> {
    trigger: &'a str,
    actor: &'a str,
    deliver: bool,
    version: i64,
    supersedes: Option<&'a str>,
}

/// Renders, signs and stores `built` as a new version.
async fn store_new(
    k: &Kernel,
    ex: &Exporter,
    built: &datasets::Built,
    b: &Build<'_>,
) -> Result<(ExportInfo, render::Files)> {
    let files = render::render(
        built,
        ex.cfg.k,
        &ex.cfg.time_zone,
        &k.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        render::Version {
            number: b.version,
            supersedes: b.supersedes,
        },
    )?;
    let (dataset, date) = (built.dataset, built.date);
    let content = render::sha256(format!("{}{}", files.csv, files.json).as_bytes());
    // The key names the day, the version and the content: a retry of one version is the same
    // delivery, a correction another.
    let key = render::sha256(
        format!("{}|{}|{}|{}", dataset.as_str(), date, b.version, content).as_bytes(),
    );
    let body = files.body();
    let info = store::create(
        k,
        &NewExport {
            dataset: dataset.as_str(),
            period_date: &date.to_string(),
            version: b.version,
            schema_version: i64::from(dataset.schema_version()),
            content_sha256: &content,
            idempotency_key: &key[..32],
            csv: &files.csv,
            json: &files.json,
            manifest: &serde_json::to_string_pretty(&files.manifest).unwrap_or_default(),
            body: &body,
            signature: &ex.signer.sign(&body),
            trigger: b.trigger,
            deliver: b.deliver && ex.target.is_some(),
            actor: b.actor,
        },
    )
    .await?;
    Ok((info, files))
}
