//! The append-only, tamper-evident audit log.
//!
//! Each row carries the hash of the row before it, and its own hash covers that link and all
//! its fields, so editing, deleting or reordering any row breaks the chain from that row on.
//! A one-row `audit_head` holds the last id and hash: appending first updates it, which takes
//! the write lock (PostgreSQL row lock, SQLite writer lock) so concurrent appends serialise and
//! the chain never forks. Events are appended inside the caller's transaction, so an event
//! exists exactly when the change it describes was committed. Triggers refuse UPDATE, DELETE
//! and TRUNCATE on the table; `tracecall audit verify` catches changes made around them, with
//! keyed hashes ([`chain`]) and signed checkpoints outside the database ([`checkpoint`]).

pub mod chain;
pub mod checkpoint;

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::db::{millis, Db};
use crate::error::Result;

/// What happened, said without personal data: subjects are ids, never names or numbers.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    /// `user:12`, `token:3`, `cli`, `system`, or `anonymous` for a failed login (whose subject is
    /// the user, or a keyed hash of the name typed).
    pub actor: &'a str,
    /// Dotted verb, e.g. `session.created`, `case.opened`.
    pub action: &'a str,
    /// What it happened to, e.g. `user:14`, `case:8`.
    pub subject: &'a str,
    pub request_id: Option<&'a str>,
    /// Extra facts as JSON (never personal data).
    pub detail: serde_json::Value,
}

/// A stored audit row.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Record {
    pub id: i64,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub request_id: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Appends `event` inside the caller's transaction and returns its id. `db` supplies the
/// chain's key (the transaction is on one of its connections).
pub async fn append(
    conn: &mut AnyConnection,
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
    event: &Event<'_>,
) -> Result<i64> {
    let head = sqlx::query(
        "UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1 RETURNING last_id, last_hash",
    )
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = head.try_get("last_id")?;
    let prev_hash: String = head.try_get("last_hash")?;
    let record = Record {
        id,
        at: millis(now),
        actor: event.actor.to_string(),
        action: event.action.to_string(),
        subject: event.subject.to_string(),
        request_id: event.request_id.map(str::to_string),
        detail: event.detail.to_string(),
        prev_hash,
        hash: String::new(),
    };
    let hash = db.audit_keys()?.row_hash(&record);
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor, action, subject, request_id, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(record.id)
    .bind(record.at)
    .bind(&record.actor)
    .bind(&record.action)
    .bind(&record.subject)
    .bind(&record.request_id)
    .bind(&record.detail)
    .bind(&record.prev_hash)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
    Ok(id)
}

/// Appends `events` in order inside the caller's transaction, as [`append`] would one by
/// one, in three statements per hundred events instead of three per event: the ids are
/// reserved at once, the chain's hashes computed here, the rows written with multi-row
/// inserts. For bulk work (a mailbox read in batches) whose every item is still audited.
pub async fn append_many(
    conn: &mut AnyConnection,
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
    events: &[Event<'_>],
) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let head = sqlx::query(
        "UPDATE audit_head SET last_id = last_id + $1 WHERE id = 1 RETURNING last_id, last_hash",
    )
    .bind(events.len() as i64)
    .fetch_one(&mut *conn)
    .await?;
    let last: i64 = head.try_get("last_id")?;
    let mut prev_hash: String = head.try_get("last_hash")?;
    let keys = db.audit_keys()?;
    let first = last - events.len() as i64 + 1;
    let mut records = Vec::with_capacity(events.len());
    for (i, event) in events.iter().enumerate() {
        let mut record = Record {
            id: first + i as i64,
            at: millis(now),
            actor: event.actor.to_string(),
            action: event.action.to_string(),
            subject: event.subject.to_string(),
            request_id: event.request_id.map(str::to_string),
            detail: event.detail.to_string(),
            prev_hash: prev_hash.clone(),
            hash: String::new(),
        };
        record.hash = keys.row_hash(&record);
        prev_hash = record.hash.clone();
        records.push(record);
    }
    for chunk in records.chunks(16) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| format!("({})", crate::db::placeholders(i * 9 + 1, 9)))
            .collect();
        let sql = format!(
            "INSERT INTO audit_log (id, at, actor, action, subject, request_id, detail, prev_hash, hash) VALUES {}",
            rows.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q
                .bind(r.id)
                .bind(r.at)
                .bind(&r.actor)
                .bind(&r.action)
                .bind(&r.subject)
                .bind(&r.request_id)
                .bind(&r.detail)
                .bind(&r.prev_hash)
                .bind(&r.hash);
        }
        q.execute(&mut *conn).await?;
    }
    sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE id = 1")
        .bind(&prev_hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Appends one event in a transaction of its own, for events that describe no other write
/// (a failed login, a read of personal data).
pub async fn record(db: &Db, now: chrono::DateTime<chrono::Utc>, event: &Event<'_>) -> Result<i64> {
    let mut tx = db.begin().await?;
    let id = append(&mut tx, db, now, event).await?;
    tx.commit().await?;
    Ok(id)
}

pub use chain::Broken;

/// Walks the whole chain and its head. `Ok(Ok(n))`: n rows verified. `Ok(Err(b))`: the first
/// place where the chain is broken. Without checkpoints this cannot see rows cut off the end
/// (see [`checkpoint::verify`]).
pub async fn verify(db: &Db) -> Result<std::result::Result<i64, Broken>> {
    let keys = db.audit_keys()?;
    Ok(
        chain::walk(db, &keys, chain::Start::genesis(), &Default::default())
            .await?
            .map(|w| w.rows),
    )
}

/// How many events of `action` by `actor` were recorded at or after `since` (Unix ms).
pub async fn count_since(db: &Db, actor: &str, action: &str, since: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE actor = $1 AND action = $2 AND at >= $3",
    )
    .bind(actor)
    .bind(action)
    .bind(since)
    .fetch_one(db.pool())
    .await?)
}

/// A page of the log, newest first, for the admin view.
pub async fn list(db: &Db, before_id: Option<i64>, limit: i64) -> Result<Vec<Record>> {
    Ok(sqlx::query_as(
        "SELECT id, at, actor, action, subject, request_id, detail, prev_hash, hash \
         FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(before_id.unwrap_or(i64::MAX))
    .bind(limit.clamp(1, 500))
    .fetch_all(db.pool())
    .await?)
}

/// Which audit rows to list: any combination of an exact actor, action and subject.
#[derive(Debug, Default, Clone)]
pub struct Filter<'a> {
    pub actor: Option<&'a str>,
    pub action: Option<&'a str>,
    pub subject: Option<&'a str>,
    /// Rows with an id below this one (paging backwards).
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// The rows `filter` selects, newest first.
pub async fn list_filtered(db: &Db, filter: &Filter<'_>) -> Result<Vec<Record>> {
    Ok(sqlx::query_as(
        "SELECT id, at, actor, action, subject, request_id, detail, prev_hash, hash \
         FROM audit_log WHERE id < $1 AND ($2 IS NULL OR actor = $2) \
         AND ($3 IS NULL OR action = $3) AND ($4 IS NULL OR subject = $4) \
         ORDER BY id DESC LIMIT $5",
    )
    .bind(filter.before_id.unwrap_or(i64::MAX))
    .bind(filter.actor)
    .bind(filter.action)
    .bind(filter.subject)
    .bind(filter.limit.clamp(1, 500))
    .fetch_all(db.pool())
    .await?)
}

/// Actions whose detail names the cases they touched (by code) rather than their subject:
/// a search that found them, contacts recorded from a call.
pub const NAMING_ACTIONS: [&str; 2] = ["case.searched", "contacts.recorded"];

/// Every row about one person, oldest first: those whose subject is one of `subjects`, and
/// those of [`NAMING_ACTIONS`] whose detail names one of `codes`. For the DPO's answer to
/// "who looked at this person, when, and why".
pub async fn about(db: &Db, subjects: &[String], codes: &[String]) -> Result<Vec<Record>> {
    if subjects.is_empty() && codes.is_empty() {
        return Ok(Vec::new());
    }
    let mut conditions = Vec::new();
    let mut n = 0;
    if !subjects.is_empty() {
        conditions.push(format!(
            "subject IN ({})",
            crate::db::placeholders(1, subjects.len())
        ));
        n = subjects.len();
    }
    let actions = NAMING_ACTIONS
        .iter()
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(", ");
    for i in 0..codes.len() {
        conditions.push(format!(
            "(action IN ({actions}) AND detail LIKE ${})",
            n + i + 1
        ));
    }
    let sql = format!(
        "SELECT id, at, actor, action, subject, request_id, detail, prev_hash, hash \
         FROM audit_log WHERE {} ORDER BY id",
        conditions.join(" OR ")
    );
    let mut q = sqlx::query_as(&sql);
    for s in subjects {
        q = q.bind(s);
    }
    for c in codes {
        // Codes are letters and digits only, so they need no escaping inside LIKE.
        q = q.bind(format!("%\"{c}\"%"));
    }
    Ok(q.fetch_all(db.pool()).await?)
}
