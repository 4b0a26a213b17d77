//! Imports as jobs, for the supervisors' import page and API clients that would rather not
//! hold a request open for minutes: `POST /api/v1/cases/imports` takes the CSV, checks it is
//! UTF-8, answers 202 with the job at once and imports in the background (the same code
//! path as `tracecall import cases`); `GET /api/v1/cases/imports/{id}` tells how far it is
//! (rows read against the file's line count) and, when done, the report with every
//! rejected line.
//!
//! The job lives in the database, so any node answers about it. A node that stops mid-import
//! leaves its job `running` with a heartbeat that no longer moves: it is shown interrupted.
//! What it committed stays (the import commits in batches), and importing the same file
//! again merges what is already there instead of doubling it.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{Method, StatusCode};
use kernel::auth::guard::{Access, RoutePolicy};
use kernel::auth::{Principal, Role};
use kernel::crypto::envelope::Aad;
use kernel::db::millis;
use kernel::problem::{ApiJson, ApiPath};
use kernel::{Kernel, Result};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::import::ImportReport;

const IMPORTERS: &[Role] = &[Role::Supervisor];
/// The largest file the API takes (the command line has no limit).
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// How often a running job writes its progress (and shows it is alive).
const BEAT: Duration = Duration::from_secs(1);
/// A running job whose heartbeat is older than this was interrupted.
const STALE_MS: i64 = 30_000;

pub const POLICIES: &[RoutePolicy] = &[
    RoutePolicy::new(
        Method::POST,
        "/api/v1/cases/imports",
        Access::Roles(IMPORTERS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/cases/imports",
        Access::Roles(IMPORTERS),
    ),
    RoutePolicy::new(
        Method::GET,
        "/api/v1/cases/imports/{id}",
        Access::Roles(IMPORTERS),
    ),
];

pub fn router<S>() -> OpenApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
    Kernel: axum::extract::FromRef<S>,
{
    OpenApiRouter::new()
        .routes(routes!(start_import, list_imports))
        .routes(routes!(get_import))
}

kernel::text_enum! {
    /// Where an import job is.
    #[derive(ToSchema)]
    pub enum ImportState {
        Running = "running",
        Done = "done",
        Failed = "failed",
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ImportJob {
    pub id: String,
    pub state: ImportState,
    /// Running, but its node stopped: what it committed stays; import the file again.
    pub interrupted: bool,
    pub bytes: i64,
    /// The file's lines less the header: the progress bar's end.
    pub rows_estimate: i64,
    pub rows_read: i64,
    pub created_at: i64,
    pub finished_at: Option<i64>,
    /// Why the file was refused as a whole (a header, an unreadable line).
    pub error: Option<String>,
    /// When done: the counts, every rejected line and every merge.
    pub report: Option<ImportReport>,
}

fn report_aad(id: &str) -> Aad<'_> {
    Aad {
        table: "import_jobs",
        column: "report",
        row: id,
    }
}

/// Starts importing a CSV (columns as `tracecall import cases`); 202 with the job.
#[utoipa::path(post, path = "/api/v1/cases/imports", tag = "cases",
    request_body(content = String, content_type = "text/csv"),
    responses((status = 202, body = ImportJob), (status = 413), (status = 422)))]
async fn start_import(
    State(k): State<Kernel>,
    who: Principal,
    body: Body,
) -> Result<(StatusCode, ApiJson<ImportJob>)> {
    // Read here with the import's own limit (the server's default limit is for forms).
    let body = axum::body::to_bytes(body, MAX_BYTES).await.map_err(|_| {
        kernel::Error::refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            format!(
                "an import sent here is at most {} MiB; split the file or use `tracecall import cases`",
                MAX_BYTES / 1024 / 1024
            ),
        )
    })?;
    crate::import::check_utf8(&body[..])?;
    let job = start(&k, &who, body).await?;
    Ok((StatusCode::ACCEPTED, ApiJson(job)))
}

/// The caller's ten latest imports, newest first (without their reports).
#[utoipa::path(get, path = "/api/v1/cases/imports", tag = "cases",
    responses((status = 200, body = Vec<ImportJob>)))]
async fn list_imports(State(k): State<Kernel>, who: Principal) -> Result<ApiJson<Vec<ImportJob>>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM import_jobs WHERE actor = $1 ORDER BY created_at DESC LIMIT 10"
    ))
    .bind(who.actor())
    .fetch_all(k.db.pool())
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        out.push(job(&k, r, false)?);
    }
    Ok(ApiJson(out))
}

/// One of the caller's imports, with its report when done.
#[utoipa::path(get, path = "/api/v1/cases/imports/{id}", tag = "cases", params(("id" = String, Path)),
    responses((status = 200, body = ImportJob), (status = 404)))]
async fn get_import(
    State(k): State<Kernel>,
    who: Principal,
    ApiPath(id): ApiPath<String>,
) -> Result<ApiJson<ImportJob>> {
    // Another supervisor's report holds lines of their file: not found, as for a stranger.
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM import_jobs WHERE id = $1 AND actor = $2"
    ))
    .bind(&id)
    .bind(who.actor())
    .fetch_optional(k.db.pool())
    .await?
    .ok_or_else(|| kernel::Error::NotFound("no such import of yours".into()))?;
    Ok(ApiJson(job(&k, &row, true)?))
}

const COLUMNS: &str =
    "id, state, bytes, rows_estimate, rows_read, report, error, created_at, heartbeat_at, finished_at";

fn job(k: &Kernel, r: &sqlx::any::AnyRow, with_report: bool) -> Result<ImportJob> {
    let id: String = r.try_get("id")?;
    let state: ImportState = r.try_get::<String, _>("state")?.parse()?;
    let heartbeat: i64 = r.try_get("heartbeat_at")?;
    let report = match r.try_get::<Option<Vec<u8>>, _>("report")? {
        Some(sealed) if with_report => {
            let text = k.envelope.open_str(report_aad(&id), &sealed)?;
            Some(serde_json::from_str(&text).map_err(|e| kernel::Error::Internal(e.to_string()))?)
        }
        _ => None,
    };
    Ok(ImportJob {
        interrupted: state == ImportState::Running && millis(k.now()) - heartbeat > STALE_MS,
        state,
        bytes: r.try_get("bytes")?,
        rows_estimate: r.try_get("rows_estimate")?,
        rows_read: r.try_get("rows_read")?,
        created_at: r.try_get("created_at")?,
        finished_at: r.try_get("finished_at")?,
        error: r.try_get("error")?,
        report,
        id,
    })
}

/// Records the job and starts it in the background.
pub async fn start(k: &Kernel, who: &Principal, body: Bytes) -> Result<ImportJob> {
    let id = uuid::Uuid::new_v4().to_string();
    let now = millis(k.now());
    // Physical lines, less the header: what the bar runs to (quoted newlines make it a
    // little long, which only means the bar jumps to full at the end).
    let lines = body
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count() as i64;
    let rows_estimate = (lines - 1).max(0);
    let bytes = i64::try_from(body.len()).unwrap_or(i64::MAX);
    sqlx::query(
        "INSERT INTO import_jobs (id, actor, state, bytes, rows_estimate, rows_read, created_at, heartbeat_at) \
         VALUES ($1, $2, 'running', $3, $4, 0, $5, $5)",
    )
    .bind(&id)
    .bind(who.actor())
    .bind(bytes)
    .bind(rows_estimate)
    .bind(now)
    .execute(k.db.writer())
    .await?;
    tokio::spawn(run(k.clone(), id.clone(), who.actor(), body));
    Ok(ImportJob {
        id,
        state: ImportState::Running,
        interrupted: false,
        bytes,
        rows_estimate,
        rows_read: 0,
        created_at: now,
        finished_at: None,
        error: None,
        report: None,
    })
}

#[tracing::instrument(skip_all, fields(job = %id))]
async fn run(k: Kernel, id: String, actor: String, body: Bytes) {
    let read = Arc::new(AtomicU64::new(0));
    let (stop, mut stopped) = tokio::sync::watch::channel(false);
    let beat = {
        let (k, id, read) = (k.clone(), id.clone(), read.clone());
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = tokio::time::sleep(BEAT) => {}
                    _ = stopped.changed() => return,
                }
                let rows = i64::try_from(read.load(Ordering::Relaxed)).unwrap_or(i64::MAX);
                if let Err(e) = sqlx::query(
                    "UPDATE import_jobs SET rows_read = $2, heartbeat_at = $3 WHERE id = $1 AND state = 'running'",
                )
                .bind(&id)
                .bind(rows)
                .bind(millis(k.now()))
                .execute(k.db.writer())
                .await
                {
                    tracing::warn!(error = %e, "import progress not written");
                }
            }
        })
    };
    let progress = {
        let read = read.clone();
        move |n: u64| read.store(n, Ordering::Relaxed)
    };
    let result = crate::import::import(&k, std::io::Cursor::new(body), &actor, &progress).await;
    let _ = stop.send(true);
    let _ = beat.await;
    if let Err(e) = finish(&k, &id, result).await {
        tracing::error!(error = %e, "import job's end not recorded");
    }
}

async fn finish(k: &Kernel, id: &str, result: crate::error::Result<ImportReport>) -> Result<()> {
    let now = millis(k.now());
    match result {
        Ok(report) => {
            let json = serde_json::to_string(&report)
                .map_err(|e| kernel::Error::Internal(e.to_string()))?;
            let sealed = k.envelope.seal_str(report_aad(id), &json)?;
            sqlx::query(
                "UPDATE import_jobs SET state = 'done', rows_read = $2, report = $3, finished_at = $4, heartbeat_at = $4 WHERE id = $1",
            )
            .bind(id)
            .bind(i64::try_from(report.rows).unwrap_or(i64::MAX))
            .bind(sealed)
            .bind(now)
            .execute(k.db.writer())
            .await?;
            tracing::info!(
                rows = report.rows,
                rejected = report.rejected_count,
                "import done"
            );
        }
        Err(e) => {
            let e = kernel::Error::from(e);
            let message = match &e {
                kernel::Error::Invalid(errors) => errors
                    .iter()
                    .map(|f| f.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
                other => other.to_string(),
            };
            sqlx::query(
                "UPDATE import_jobs SET state = 'failed', error = $2, finished_at = $3, heartbeat_at = $3 WHERE id = $1",
            )
            .bind(id)
            .bind(message)
            .bind(now)
            .execute(k.db.writer())
            .await?;
            tracing::warn!("import failed");
        }
    }
    Ok(())
}
