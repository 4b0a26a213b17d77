//! Exports and their delivery ledger in the database.
//!
//! An export is stored once with the exact body, signature and idempotency key it is sent
//! with, so every retry (by this node, another node, or after a crash) sends the same bytes
//! under the same key. Delivery is claimed with a lease, so two nodes never send the same
//! export at once; a node that dies mid-send leaves a lease that runs out, and the next
//! attempt repeats the same request, which the receiver recognises by its key.

use kernel::audit::{self, Event};
use kernel::db::millis;
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::{ExportError, Result};

kernel::text_enum! {
    /// Where an export is: kept for download only, waiting to be delivered, delivered, or
    /// given up on (with an alert saying why).
    #[derive(ToSchema)]
    pub enum ExportState {
        Built = "built",
        Pending = "pending",
        Delivered = "delivered",
        Failed = "failed",
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExportInfo {
    pub id: String,
    pub dataset: String,
    pub period_date: String,
    /// 1 for a day's first build; each correction of that day is the next version.
    pub version: i64,
    pub schema_version: i64,
    /// SHA-256 of the CSV and JSON files together: the same data gives the same value.
    pub content_sha256: String,
    pub idempotency_key: String,
    pub status: ExportState,
    /// `schedule`, `manual` or `cli`.
    pub trigger: String,
    pub attempts: i64,
    pub next_attempt_at: Option<i64>,
    /// Why delivery stopped, for the epidemiologists' attention (a refusal by the receiver).
    pub alert: Option<String>,
    pub created_by: String,
    pub created_at: i64,
    pub delivered_at: Option<i64>,
}

const COLUMNS: &str = "id, dataset, period_date, version, schema_version, content_sha256, idempotency_key, status, trigger, attempts, next_attempt_at, alert, created_by, created_at, delivered_at";

fn info(r: &sqlx::any::AnyRow) -> Result<ExportInfo> {
    Ok(ExportInfo {
        id: r.try_get("id")?,
        dataset: r.try_get("dataset")?,
        period_date: r.try_get("period_date")?,
        version: r.try_get("version")?,
        schema_version: r.try_get("schema_version")?,
        content_sha256: r.try_get("content_sha256")?,
        idempotency_key: r.try_get("idempotency_key")?,
        status: r.try_get::<String, _>("status")?.parse()?,
        trigger: r.try_get("trigger")?,
        attempts: r.try_get("attempts")?,
        next_attempt_at: r.try_get("next_attempt_at")?,
        alert: r.try_get("alert")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        delivered_at: r.try_get("delivered_at")?,
    })
}

/// What is stored of a new export.
pub struct NewExport<'a> {
    pub dataset: &'a str,
    pub period_date: &'a str,
    pub version: i64,
    pub schema_version: i64,
    pub content_sha256: &'a str,
    pub idempotency_key: &'a str,
    pub csv: &'a str,
    pub json: &'a str,
    pub manifest: &'a str,
    pub body: &'a [u8],
    pub signature: &'a str,
    pub trigger: &'a str,
    pub deliver: bool,
    pub actor: &'a str,
}

/// Stores an export (to deliver at once when `deliver`), with its audit event.
pub async fn create(k: &Kernel, e: &NewExport<'_>) -> Result<ExportInfo> {
    let id = uuid::Uuid::new_v4().to_string();
    let now = k.now();
    let mut tx = k.db.begin().await?;
    let row = sqlx::query(&format!(
        "INSERT INTO exports (id, dataset, period_date, schema_version, content_sha256, csv, json, manifest, body, \
           signature, idempotency_key, status, trigger, attempts, next_attempt_at, created_by, created_at, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $14, $15, $16, $17) RETURNING {COLUMNS}"
    ))
    .bind(&id)
    .bind(e.dataset)
    .bind(e.period_date)
    .bind(e.schema_version)
    .bind(e.content_sha256)
    .bind(e.csv)
    .bind(e.json)
    .bind(e.manifest)
    .bind(e.body.to_vec())
    .bind(e.signature)
    .bind(e.idempotency_key)
    .bind(if e.deliver {
        ExportState::Pending
    } else {
        ExportState::Built
    }
    .as_str())
    .bind(e.trigger)
    .bind(e.deliver.then_some(millis(now)))
    .bind(e.actor)
    .bind(millis(now))
    .bind(e.version)
    .fetch_one(&mut *tx)
    .await
    .map_err(|err| {
        kernel::Error::on_unique(
            err,
            &format!("version {} of {} for {}", e.version, e.dataset, e.period_date),
        )
    })?;
    audit::append(
        &mut tx,
        &k.db,
        now,
        &Event {
            actor: e.actor,
            action: "export.built",
            subject: &format!("export:{id}"),
            request_id: None,
            detail: serde_json::json!({ "dataset": e.dataset, "date": e.period_date, "version": e.version, "deliver": e.deliver }),
        },
    )
    .await?;
    tx.commit().await?;
    info(&row)
}

pub async fn get(k: &Kernel, id: &str) -> Result<ExportInfo> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM exports WHERE id = $1"))
        .bind(id)
        .fetch_optional(k.db.pool())
        .await?
        .ok_or_else(|| ExportError::NotFound(format!("export {id}")))?;
    info(&row)
}

/// Queues a kept export for delivery (asked to deliver a day that was built for download
/// only); one already queued, delivered or failed stays as it is.
pub async fn queue(k: &Kernel, id: &str) -> Result<ExportInfo> {
    sqlx::query(
        "UPDATE exports SET status = $2, next_attempt_at = $3 WHERE id = $1 AND status = $4",
    )
    .bind(id)
    .bind(ExportState::Pending.as_str())
    .bind(millis(k.now()))
    .bind(ExportState::Built.as_str())
    .execute(k.db.writer())
    .await?;
    get(k, id).await
}

/// The newest exports first.
pub async fn list(k: &Kernel, limit: i64) -> Result<Vec<ExportInfo>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM exports ORDER BY created_at DESC, id LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(k.db.pool())
    .await?;
    rows.iter().map(info).collect()
}

/// A stored file of an export: `<dataset>.csv`, `<dataset>.json` or `manifest.json`.
pub async fn file(k: &Kernel, id: &str, name: &str) -> Result<(&'static str, String)> {
    let e = get(k, id).await?;
    let column = if name == format!("{}.csv", e.dataset) {
        ("text/csv; charset=utf-8", "csv")
    } else if name == format!("{}.json", e.dataset) {
        ("application/json", "json")
    } else if name == "manifest.json" {
        ("application/json", "manifest")
    } else {
        return Err(ExportError::NotFound(format!("file {name} of export {id}")));
    };
    let text: String =
        sqlx::query_scalar(&format!("SELECT {} FROM exports WHERE id = $1", column.1))
            .bind(id)
            .fetch_one(k.db.pool())
            .await?;
    Ok((column.0, text))
}

/// What a delivery sends.
pub struct Payload {
    pub info: ExportInfo,
    pub body: Vec<u8>,
    pub signature: String,
    pub csv: String,
    pub json: String,
    pub manifest: String,
}

pub async fn payload(k: &Kernel, id: &str) -> Result<Payload> {
    let info = get(k, id).await?;
    let r = sqlx::query("SELECT body, signature, csv, json, manifest FROM exports WHERE id = $1")
        .bind(id)
        .fetch_one(k.db.pool())
        .await?;
    Ok(Payload {
        info,
        body: r.try_get("body")?,
        signature: r.try_get("signature")?,
        csv: r.try_get("csv")?,
        json: r.try_get("json")?,
        manifest: r.try_get("manifest")?,
    })
}

/// Claims the export whose next attempt is due, for `lease_ms`; `None` when none is.
pub async fn claim_due(k: &Kernel, lease_ms: i64) -> Result<Option<String>> {
    let now = millis(k.now());
    let lock = k.db.skip_locked();
    let id: Option<String> = sqlx::query_scalar(&format!(
        "UPDATE exports SET lease_until = $2 WHERE id = (SELECT id FROM exports \
           WHERE status = 'pending' AND next_attempt_at <= $1 AND (lease_until IS NULL OR lease_until < $1) \
           ORDER BY next_attempt_at, id LIMIT 1{lock}) RETURNING id"
    ))
    .bind(now)
    .bind(now + lease_ms)
    .fetch_optional(k.db.writer())
    .await?;
    Ok(id)
}

/// One delivery attempt's result, as the ledger records it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Attempt {
    pub attempt: i64,
    pub at: i64,
    pub target: String,
    /// `delivered`, `retry` or `rejected`.
    pub outcome: String,
    pub status_code: Option<i64>,
    pub detail: Option<String>,
}

/// The export's state after an attempt.
pub enum After {
    Delivered,
    RetryAt(i64),
    Failed(String),
}

/// Writes an attempt to the ledger and the export's new state, in one transaction.
pub async fn record(k: &Kernel, id: &str, a: &Attempt, after: &After) -> Result<ExportInfo> {
    let now = millis(k.now());
    let mut tx = k.db.begin().await?;
    sqlx::query(
        "INSERT INTO export_attempts (export_id, attempt, at, target, outcome, status_code, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(a.attempt)
    .bind(a.at)
    .bind(&a.target)
    .bind(&a.outcome)
    .bind(a.status_code)
    .bind(&a.detail)
    .execute(&mut *tx)
    .await?;
    let (status, next, alert, delivered) = match after {
        After::Delivered => (ExportState::Delivered, None, None, Some(now)),
        After::RetryAt(at) => (ExportState::Pending, Some(*at), None, None),
        After::Failed(why) => (ExportState::Failed, None, Some(why.clone()), None),
    };
    sqlx::query(
        "UPDATE exports SET status = $2, attempts = attempts + 1, next_attempt_at = $3, alert = $4, \
         delivered_at = $5, lease_until = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(next)
    .bind(alert)
    .bind(delivered)
    .execute(&mut *tx)
    .await?;
    if !matches!(after, After::RetryAt(_)) {
        audit::append(
            &mut tx,
            &k.db,
            k.now(),
            &Event {
                actor: "system",
                action: if matches!(after, After::Delivered) {
                    "export.delivered"
                } else {
                    "export.failed"
                },
                subject: &format!("export:{id}"),
                request_id: None,
                detail: serde_json::json!({ "attempt": a.attempt, "status_code": a.status_code }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    get(k, id).await
}

/// Every attempt of an export, oldest first.
pub async fn attempts(k: &Kernel, id: &str) -> Result<Vec<Attempt>> {
    let rows = sqlx::query(
        "SELECT attempt, at, target, outcome, status_code, detail FROM export_attempts WHERE export_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(k.db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Attempt {
                attempt: r.try_get("attempt")?,
                at: r.try_get("at")?,
                target: r.try_get("target")?,
                outcome: r.try_get("outcome")?,
                status_code: r.try_get("status_code")?,
                detail: r.try_get("detail")?,
            })
        })
        .collect()
}

/// How long a claimed scheduled run may go without its export before another node redoes it
/// (the first one died midway).
const SCHEDULE_CLAIM_MS: i64 = 10 * 60_000;

/// Claims the scheduled run of `dataset` for `date`: true for exactly one caller (or again,
/// once, when an earlier claim made no export within ten minutes).
pub async fn claim_schedule(k: &Kernel, dataset: &str, date: &str) -> Result<bool> {
    let now = millis(k.now());
    let n = sqlx::query(
        "INSERT INTO export_schedule (dataset, period_date, claimed_at) VALUES ($1, $2, $3) \
         ON CONFLICT (dataset, period_date) DO UPDATE SET claimed_at = excluded.claimed_at \
         WHERE export_schedule.export_id IS NULL AND export_schedule.claimed_at < $4",
    )
    .bind(dataset)
    .bind(date)
    .bind(now)
    .bind(now - SCHEDULE_CLAIM_MS)
    .execute(k.db.writer())
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// Records which export a scheduled run made.
pub async fn scheduled_as(k: &Kernel, dataset: &str, date: &str, export_id: &str) -> Result<()> {
    sqlx::query(
        "UPDATE export_schedule SET export_id = $3 WHERE dataset = $1 AND period_date = $2",
    )
    .bind(dataset)
    .bind(date)
    .bind(export_id)
    .execute(k.db.writer())
    .await?;
    Ok(())
}
