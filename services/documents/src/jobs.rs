//! Bulk issue: a supervisor issues a document of one kind for every person of a campaign
//! (the contacts of a cluster told to quarantine, say), optionally mailing each to the
//! address on file; those without one make the print run.
//!
//! The job lives in the database, so any node answers about it. It walks the campaign's
//! cases in a fixed order, a chunk per transaction, and a case that already holds a
//! document of the kind in force is skipped: a job resumed after its node stopped (its
//! heartbeat no longer moves) picks up where it was without issuing twice, and mails what
//! it issued but had not mailed yet. The counts are recomputed from the documents
//! themselves, so they are right after a resume too.

use std::time::Instant;

use kernel::auth::Principal;
use kernel::db::millis;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::{DocumentsError, Result};
use crate::manual::{issue_for, Issuer};
use crate::store::{DocumentState, Source};
use crate::template::DocumentKind;

/// Cases per transaction.
const CHUNK: usize = 25;
/// A running job whose heartbeat is older than this was interrupted.
const STALE_MS: i64 = 30_000;

kernel::text_enum! {
    /// Where a bulk issue is.
    #[derive(ToSchema)]
    pub enum JobState {
        Running = "running",
        Done = "done",
        Failed = "failed",
    }
}

/// What a supervisor asks for.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobIn {
    pub campaign: String,
    pub kind: DocumentKind,
    /// Mail each document to the address on file (default: no).
    #[serde(default)]
    pub email: bool,
}

/// A bulk issue and how far it is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Job {
    pub id: String,
    pub campaign_id: String,
    pub kind: DocumentKind,
    pub email: bool,
    pub state: JobState,
    /// Running, but its node stopped: resume it.
    pub interrupted: bool,
    /// People in the campaign.
    pub total: i64,
    pub issued: i64,
    /// People who already held one in force.
    pub skipped: i64,
    pub emailed: i64,
    /// Issued for people without an address (or every one when not mailing): the print run.
    pub to_print: i64,
    pub error: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

const COLUMNS: &str = "id, campaign_id, kind, send_email, state, total, issued, skipped, emailed, \
    to_print, error, created_by, created_at, heartbeat_at, finished_at";

fn job(k: &Kernel, r: &sqlx::any::AnyRow) -> Result<(Job, String)> {
    let state: JobState = r.try_get::<String, _>("state")?.parse()?;
    let heartbeat: i64 = r.try_get("heartbeat_at")?;
    Ok((
        Job {
            id: r.try_get("id")?,
            campaign_id: r.try_get("campaign_id")?,
            kind: r.try_get::<String, _>("kind")?.parse()?,
            email: r.try_get::<i64, _>("send_email")? == 1,
            interrupted: state == JobState::Running && millis(k.now()) - heartbeat > STALE_MS,
            state,
            total: r.try_get("total")?,
            issued: r.try_get("issued")?,
            skipped: r.try_get("skipped")?,
            emailed: r.try_get("emailed")?,
            to_print: r.try_get("to_print")?,
            error: r.try_get("error")?,
            created_at: r.try_get("created_at")?,
            finished_at: r.try_get("finished_at")?,
        },
        r.try_get("created_by")?,
    ))
}

/// Job `id` if `who` reaches its campaign (else 404, as if it did not exist); and who
/// started it.
pub async fn get(k: &Kernel, who: &Principal, id: &str) -> Result<(Job, String)> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM document_jobs WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(k.db.pool())
    .await?
    .ok_or_else(|| DocumentsError::NotFound(format!("bulk issue {id}")))?;
    let (j, by) = job(k, &row)?;
    campaigns::scope::campaign(k, who, &j.campaign_id)
        .await
        .map_err(|_| DocumentsError::NotFound(format!("bulk issue {id}")))?;
    Ok((j, by))
}

/// The ten latest jobs `who` started, newest first.
pub async fn mine(k: &Kernel, who: &Principal) -> Result<Vec<Job>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM document_jobs WHERE created_by = $1 ORDER BY created_at DESC, id LIMIT 10"
    ))
    .bind(who.actor())
    .fetch_all(k.db.pool())
    .await?;
    rows.iter().map(|r| Ok(job(k, r)?.0)).collect()
}

/// The cases of `campaign`, in the order a job walks them.
async fn cases_of(k: &Kernel, campaign: &str) -> Result<Vec<String>> {
    campaigns::store::case_ids(k, campaign)
        .await
        .map_err(|e| DocumentsError::Kernel(e.into()))
}

/// Records a job for a campaign `who` reaches and starts it in the background.
pub async fn start(k: &Kernel, who: &Principal, input: &JobIn) -> Result<Job> {
    let campaign = campaigns::scope::campaign(k, who, &input.campaign)
        .await
        .map_err(|_| DocumentsError::NotFound(format!("campaign {}", input.campaign)))?;
    if input.email && !kernel::mail::configured(&k.config.mail) {
        return Err(kernel::mail::not_configured().into());
    }
    let id = create(k, &who.actor(), &campaign.id, input.kind, input.email).await?;
    spawn(k, &id);
    Ok(get(k, who, &id).await?.0)
}

/// Records a job (audited `documents.bulk_started`) without starting it; returns its id.
pub async fn create(
    k: &Kernel,
    actor: &str,
    campaign: &str,
    kind: DocumentKind,
    email: bool,
) -> Result<String> {
    let total = cases_of(k, campaign).await?.len() as i64;
    let id = uuid::Uuid::new_v4().to_string();
    let now = millis(k.now());
    let mut tx = k.db.begin().await?;
    sqlx::query(
        "INSERT INTO document_jobs (id, campaign_id, kind, send_email, state, total, issued, skipped, \
           emailed, to_print, created_by, created_at, heartbeat_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, 0, $7, $8, $8)",
    )
    .bind(&id)
    .bind(campaign)
    .bind(kind.as_str())
    .bind(i64::from(email))
    .bind(JobState::Running.as_str())
    .bind(total)
    .bind(actor)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor,
            action: "documents.bulk_started",
            subject: &format!("campaign:{campaign}"),
            request_id: None,
            detail: serde_json::json!({ "job": id, "kind": kind.as_str(), "email": email, "total": total }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Resumes an interrupted or failed job; 409 while it runs.
pub async fn resume(k: &Kernel, who: &Principal, id: &str) -> Result<Job> {
    let (j, _) = get(k, who, id).await?;
    let running = j.state == JobState::Running && !j.interrupted;
    if running || j.state == JobState::Done {
        return Err(kernel::Error::Conflict(format!("bulk issue {id} is {}", j.state)).into());
    }
    sqlx::query(
        "UPDATE document_jobs SET state = $1, error = NULL, finished_at = NULL, heartbeat_at = $2 WHERE id = $3",
    )
    .bind(JobState::Running.as_str())
    .bind(millis(k.now()))
    .bind(id)
    .execute(k.db.pool())
    .await?;
    spawn(k, id);
    Ok(get(k, who, id).await?.0)
}

fn spawn(k: &Kernel, id: &str) {
    let (k, id) = (k.clone(), id.to_string());
    tokio::spawn(async move {
        if let Err(e) = run(&k, &id).await {
            tracing::error!(job = %id, error = %e, "bulk issue failed");
            let _ = sqlx::query(
                "UPDATE document_jobs SET state = $1, error = $2, finished_at = $3 WHERE id = $4",
            )
            .bind(JobState::Failed.as_str())
            .bind(e.to_string())
            .bind(millis(k.now()))
            .bind(&id)
            .execute(k.db.pool())
            .await;
        }
    });
}

/// Runs job `id` to its end (also called directly by the benchmark); returns the seconds it
/// took.
pub async fn run(k: &Kernel, id: &str) -> Result<f64> {
    let started = Instant::now();
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM document_jobs WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(k.db.pool())
    .await?;
    let (j, actor) = job(k, &row)?;
    let cases = cases_of(k, &j.campaign_id).await?;
    let mut skipped = 0i64;
    for chunk in cases.chunks(CHUNK) {
        let mut tx = k.db.begin().await?;
        let mut to_mail = Vec::new();
        for case_id in chunk {
            let held: Option<(String, Option<String>, Option<i64>)> = sqlx::query_as(
                "SELECT id, job_id, emailed_at FROM documents WHERE case_id = $1 AND kind = $2 AND state = $3 LIMIT 1",
            )
            .bind(case_id)
            .bind(j.kind.as_str())
            .bind(DocumentState::Issued.as_str())
            .fetch_optional(&mut *tx)
            .await?;
            match held {
                // Issued by this job before it stopped: mailed unless it already was.
                Some((doc, Some(job_id), emailed)) if job_id == j.id => {
                    if emailed.is_none() {
                        to_mail.push(doc);
                    }
                }
                Some(_) => skipped += 1,
                None => match holder(k, &mut tx, case_id).await? {
                    Some((case, person)) => {
                        let by = Issuer {
                            actor: &actor,
                            source: Source::Bulk,
                            job_id: Some(&j.id),
                        };
                        to_mail
                            .push(issue_for(k, &mut tx, &case, &person, j.kind, None, by).await?);
                    }
                    // Erased since the campaign was made: nobody to issue for.
                    None => skipped += 1,
                },
            }
        }
        tx.commit().await?;
        if j.email {
            for doc in &to_mail {
                crate::delivery::email_if_address(k, &actor, doc, None).await?;
            }
        }
        progress(k, &j.id, skipped).await?;
    }
    sqlx::query("UPDATE document_jobs SET state = $1, finished_at = $2 WHERE id = $3")
        .bind(JobState::Done.as_str())
        .bind(millis(k.now()))
        .bind(&j.id)
        .execute(k.db.pool())
        .await?;
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &actor,
            action: "documents.bulk_done",
            subject: &format!("campaign:{}", j.campaign_id),
            request_id: None,
            detail: serde_json::json!({ "job": j.id }),
        },
    )
    .await?;
    Ok(started.elapsed().as_secs_f64())
}

/// The case and its person, unless the person was erased.
async fn holder(
    k: &Kernel,
    tx: &mut kernel::db::Tx,
    case_id: &str,
) -> Result<Option<(cases::store::CaseRow, cases::store::PersonData)>> {
    let case = cases::access::case_by_id(k, case_id).await?;
    let person = cases::store::load_person(k, tx, &case.person_id).await?;
    // An erased person's name is gone with their key.
    if person.first_name.is_none() && person.last_name.is_none() {
        return Ok(None);
    }
    let case = cases::dates::with_dates(k, tx, case).await?;
    Ok(Some((case, person)))
}

/// Writes the counts (from the documents themselves) and the heartbeat.
async fn progress(k: &Kernel, id: &str, skipped: i64) -> Result<()> {
    sqlx::query(
        "UPDATE document_jobs SET skipped = $1, heartbeat_at = $2, \
           issued = (SELECT COUNT(*) FROM documents WHERE job_id = $3), \
           emailed = (SELECT COUNT(*) FROM documents WHERE job_id = $3 AND emailed_at IS NOT NULL), \
           to_print = (SELECT COUNT(*) FROM documents WHERE job_id = $3 AND emailed_at IS NULL) \
         WHERE id = $3",
    )
    .bind(skipped)
    .bind(millis(k.now()))
    .bind(id)
    .execute(k.db.pool())
    .await?;
    Ok(())
}

/// The job's print run: its documents in force that were not mailed, one letter a page,
/// for `who` who started it; audited `documents.printed` with the count.
pub async fn print_run(k: &Kernel, who: &Principal, id: &str) -> Result<Vec<u8>> {
    let (j, by) = get(k, who, id).await?;
    if by != who.actor() {
        // Names of many people: only for whoever started the job.
        return Err(DocumentsError::NotFound(format!("bulk issue {id}")));
    }
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM documents WHERE job_id = $1 AND state = $2 AND emailed_at IS NULL ORDER BY case_id",
    )
    .bind(&j.id)
    .bind(DocumentState::Issued.as_str())
    .fetch_all(k.db.pool())
    .await?;
    let mut letters = Vec::with_capacity(ids.len());
    for doc in &ids {
        let l = crate::store::load(k, doc).await?;
        letters.push(crate::letter::fill_in(&l.rel, &l.doc, &l.values, &l.code)?);
    }
    let pages: Vec<_> = letters.iter().map(|l| l.page()).collect();
    let pdf = crate::pdf::render_all(&pages)?;
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &who.actor(),
            action: "documents.printed",
            subject: &format!("campaign:{}", j.campaign_id),
            request_id: None,
            detail: serde_json::json!({ "job": j.id, "count": ids.len() }),
        },
    )
    .await?;
    Ok(pdf)
}
