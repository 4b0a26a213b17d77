//! Releases in the database. Publishing is idempotent: the same content (same hash) for a
//! script returns the existing release; new content gets the next number. The release and its
//! audit event are written in one transaction.

use kernel::audit::{self, Event};
use kernel::db::{millis, Db};
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::{Result, ScriptingError};
use crate::release::ReleaseContent;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReleaseInfo {
    pub id: i64,
    pub script_id: String,
    pub number: i64,
    pub content_hash: String,
    pub created_at: i64,
    pub created_by: String,
    /// Courses agents must have passed to take calls on this release.
    pub required_courses: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Published {
    pub release: ReleaseInfo,
    /// False when the content was already published (no new release made).
    pub new: bool,
}

const COLUMNS: &str =
    "id, script_id, number, content_hash, created_at, created_by, required_courses";

fn info(r: &sqlx::any::AnyRow) -> Result<ReleaseInfo> {
    Ok(ReleaseInfo {
        id: r.try_get("id")?,
        script_id: r.try_get("script_id")?,
        number: r.try_get("number")?,
        content_hash: r.try_get("content_hash")?,
        created_at: r.try_get("created_at")?,
        created_by: r.try_get("created_by")?,
        required_courses: serde_json::from_str(&r.try_get::<String, _>("required_courses")?)
            .map_err(|e| ScriptingError::Corrupt(format!("required_courses: {e}")))?,
    })
}

/// Publishes `content` as the script's next release, with the files it was written in
/// (`sources`: path and text), unless the same content is already a release of the script.
pub async fn publish(
    db: &Db,
    now: chrono::DateTime<chrono::Utc>,
    content: &ReleaseContent,
    sources: &[(String, String)],
    actor: &str,
    request_id: Option<&str>,
) -> Result<Published> {
    let hash = content.hash();
    let script_id = &content.script.id;
    let mut tx = db.begin().await?;
    let existing = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM script_releases WHERE script_id = $1 AND content_hash = $2"
    ))
    .bind(script_id)
    .bind(&hash)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(row) = existing {
        return Ok(Published {
            release: info(&row)?,
            new: false,
        });
    }
    let number: i64 = sqlx::query("SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) AS n FROM script_releases WHERE script_id = $1")
        .bind(script_id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
    let row = sqlx::query(&format!(
        "INSERT INTO script_releases (script_id, number, content_hash, content, created_at, created_by, required_courses) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {COLUMNS}"
    ))
    .bind(script_id)
    .bind(number)
    .bind(&hash)
    .bind(content.canonical())
    .bind(millis(now))
    .bind(actor)
    .bind(serde_json::to_string(&content.script.required_courses).unwrap_or_else(|_| "[]".into()))
    .fetch_one(&mut *tx)
    .await?;
    let release = info(&row)?;
    for (path, text) in sources {
        sqlx::query(
            "INSERT INTO script_release_sources (release_id, path, content) VALUES ($1, $2, $3)",
        )
        .bind(release.id)
        .bind(path)
        .bind(text)
        .execute(&mut *tx)
        .await?;
    }
    audit::append(
        &mut tx,
        db,
        now,
        &Event {
            actor,
            action: "script.published",
            subject: &format!("release:{}", release.id),
            request_id,
            detail: serde_json::json!({ "script": script_id, "number": number, "hash": hash }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Published { release, new: true })
}

/// The files release `id` was published from (none for a release published before they
/// were kept), by path.
pub async fn sources(db: &Db, id: i64) -> Result<Vec<(String, String)>> {
    let rows = sqlx::query(
        "SELECT path, content FROM script_release_sources WHERE release_id = $1 ORDER BY path",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("path")?, r.try_get("content")?)))
        .collect()
}

/// A release and its content by id.
pub async fn get(db: &Db, id: i64) -> Result<(ReleaseInfo, ReleaseContent)> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, content FROM script_releases WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or_else(|| ScriptingError::NotFound(format!("release {id}")))?;
    with_content(&row)
}

/// A release of `script_id` by its number.
pub async fn get_by_number(
    db: &Db,
    script_id: &str,
    number: i64,
) -> Result<(ReleaseInfo, ReleaseContent)> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, content FROM script_releases WHERE script_id = $1 AND number = $2"
    ))
    .bind(script_id)
    .bind(number)
    .fetch_optional(db.pool())
    .await?
    .ok_or_else(|| ScriptingError::NotFound(format!("release {number} of script {script_id}")))?;
    with_content(&row)
}

/// A release's description (without its content) by id.
pub async fn info_by_id(db: &Db, id: i64) -> Result<Option<ReleaseInfo>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM script_releases WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(info).transpose()
}

/// The newest release of `script_id`.
pub async fn latest(db: &Db, script_id: &str) -> Result<Option<ReleaseInfo>> {
    let mut conn = db.pool().acquire().await?;
    latest_on(&mut conn, script_id).await
}

/// As [`latest`], on the caller's connection (inside its transaction, so a caller holding one
/// never waits for a second connection from the pool).
pub async fn latest_on(
    conn: &mut sqlx::AnyConnection,
    script_id: &str,
) -> Result<Option<ReleaseInfo>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM script_releases WHERE script_id = $1 ORDER BY number DESC LIMIT 1"
    ))
    .bind(script_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(info).transpose()
}

fn with_content(row: &sqlx::any::AnyRow) -> Result<(ReleaseInfo, ReleaseContent)> {
    let text: String = row.try_get("content")?;
    let content =
        serde_json::from_str(&text).map_err(|e| ScriptingError::Corrupt(e.to_string()))?;
    Ok((info(row)?, content))
}

/// All releases of one script, newest first.
pub async fn list(db: &Db, script_id: &str) -> Result<Vec<ReleaseInfo>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM script_releases WHERE script_id = $1 ORDER BY number DESC"
    ))
    .bind(script_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(info).collect()
}

/// The newest release of every script.
pub async fn latest_all(db: &Db) -> Result<Vec<ReleaseInfo>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM script_releases r WHERE number = \
         (SELECT MAX(number) FROM script_releases s WHERE s.script_id = r.script_id) ORDER BY script_id"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(info).collect()
}
