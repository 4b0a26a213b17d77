//! Course versions, lesson reads, attempts and passes in the database.
//!
//! Publishing is idempotent like script releases: the same content (same hash) returns the
//! existing version. An attempt, its per-question results and, when it passes, the pass are
//! written in one transaction with an audit event, so certification (which gates dispatch)
//! and its record cannot disagree.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use kernel::audit::{self, Event};
use kernel::db::{from_millis, millis, Db};
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::content::Course;
use crate::error::{ElearningError, Result};
use crate::quiz::{Answers, Graded};

/// A published version of a course.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Version {
    pub id: i64,
    pub course_id: String,
    pub number: i64,
    pub content_hash: String,
    pub created_at: i64,
}

fn version(r: &sqlx::any::AnyRow) -> Result<Version> {
    Ok(Version {
        id: r.try_get("id")?,
        course_id: r.try_get("course_id")?,
        number: r.try_get("number")?,
        content_hash: r.try_get("content_hash")?,
        created_at: r.try_get("created_at")?,
    })
}

const VERSION_COLUMNS: &str = "id, course_id, number, content_hash, created_at";

/// Publishes `course`; returns its version and whether it is new.
pub async fn publish(
    db: &Db,
    now: DateTime<Utc>,
    course: &Course,
    actor: &str,
) -> Result<(Version, bool)> {
    let hash = course.hash();
    let mut tx = db.begin().await?;
    let existing = sqlx::query(&format!(
        "SELECT {VERSION_COLUMNS} FROM course_versions WHERE course_id = $1 AND content_hash = $2"
    ))
    .bind(course.id())
    .bind(&hash)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(row) = existing {
        return Ok((version(&row)?, false));
    }
    let number: i64 = sqlx::query(
        "SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) AS n FROM course_versions WHERE course_id = $1",
    )
    .bind(course.id())
    .fetch_one(&mut *tx)
    .await?
    .try_get("n")?;
    let row = sqlx::query(&format!(
        "INSERT INTO course_versions (course_id, number, content_hash, content, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {VERSION_COLUMNS}"
    ))
    .bind(course.id())
    .bind(number)
    .bind(&hash)
    .bind(course.canonical())
    .bind(millis(now))
    .bind(actor)
    .fetch_one(&mut *tx)
    .await?;
    let v = version(&row)?;
    audit::append(
        &mut tx,
        db,
        now,
        &Event {
            actor,
            action: "course.published",
            subject: &format!("course:{}", course.id()),
            request_id: None,
            detail: serde_json::json!({ "number": number, "hash": hash }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((v, true))
}

/// The newest version of every course, in course order.
pub async fn catalog(db: &Db) -> Result<Vec<(Version, Course)>> {
    let rows = sqlx::query(&format!(
        "SELECT {VERSION_COLUMNS}, content FROM course_versions v \
         WHERE number = (SELECT MAX(number) FROM course_versions w WHERE w.course_id = v.course_id)"
    ))
    .fetch_all(db.pool())
    .await?;
    let mut out = rows
        .iter()
        .map(|r| Ok((version(r)?, course(r)?)))
        .collect::<Result<Vec<_>>>()?;
    out.sort_by(|a, b| (a.1.meta.order, a.1.id()).cmp(&(b.1.meta.order, b.1.id())));
    Ok(out)
}

fn course(r: &sqlx::any::AnyRow) -> Result<Course> {
    let content: String = r.try_get("content")?;
    serde_json::from_str(&content).map_err(|e| ElearningError::Corrupt(format!("course: {e}")))
}

/// The newest version of one course with its content.
pub async fn current(db: &Db, course_id: &str) -> Result<(Version, Course)> {
    let row = sqlx::query(&format!(
        "SELECT {VERSION_COLUMNS}, content FROM course_versions WHERE course_id = $1 \
         ORDER BY number DESC LIMIT 1"
    ))
    .bind(course_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or_else(|| ElearningError::NotFound(format!("course {course_id}")))?;
    Ok((version(&row)?, course(&row)?))
}

/// Records that `user_id` opened a lesson (the first time counts).
pub async fn mark_read(
    db: &Db,
    now: DateTime<Utc>,
    user_id: i64,
    course_id: &str,
    lesson_id: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO lesson_reads (user_id, course_id, lesson_id, read_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, course_id, lesson_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(course_id)
    .bind(lesson_id)
    .bind(millis(now))
    .execute(db.writer())
    .await?;
    Ok(())
}

/// Lessons read, per user and course (every user's when `user` is `None`).
pub async fn reads(
    db: &Db,
    user: Option<i64>,
) -> Result<BTreeMap<(i64, String), BTreeSet<String>>> {
    let rows = sqlx::query(
        "SELECT user_id, course_id, lesson_id FROM lesson_reads WHERE ($1 IS NULL OR user_id = $1)",
    )
    .bind(user)
    .fetch_all(db.pool())
    .await?;
    let mut out: BTreeMap<(i64, String), BTreeSet<String>> = BTreeMap::new();
    for r in rows {
        out.entry((r.try_get("user_id")?, r.try_get("course_id")?))
            .or_default()
            .insert(r.try_get("lesson_id")?);
    }
    Ok(out)
}

/// One user's standing in one course.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Standing {
    pub attempts: i64,
    /// The last attempt: when, and whether it passed.
    #[serde(skip)]
    pub last: Option<(DateTime<Utc>, bool)>,
    pub last_score: Option<i64>,
    pub passed_at: Option<i64>,
    pub pass_score: Option<i64>,
}

/// Standings per user and course (every user's when `user` is `None`), in two queries
/// whatever the number of agents.
pub async fn standings(db: &Db, user: Option<i64>) -> Result<BTreeMap<(i64, String), Standing>> {
    let mut out: BTreeMap<(i64, String), Standing> = BTreeMap::new();
    let rows = sqlx::query(
        "SELECT user_id, course_id, submitted_at, passed, score FROM quiz_attempts \
         WHERE ($1 IS NULL OR user_id = $1) ORDER BY id",
    )
    .bind(user)
    .fetch_all(db.pool())
    .await?;
    for r in rows {
        let s = out
            .entry((r.try_get("user_id")?, r.try_get("course_id")?))
            .or_default();
        s.attempts += 1;
        s.last = Some((
            from_millis(r.try_get("submitted_at")?),
            r.try_get::<i64, _>("passed")? == 1,
        ));
        s.last_score = Some(r.try_get("score")?);
    }
    let rows = sqlx::query(
        "SELECT user_id, course_id, passed_at, score FROM course_passes WHERE ($1 IS NULL OR user_id = $1)",
    )
    .bind(user)
    .fetch_all(db.pool())
    .await?;
    for r in rows {
        let s = out
            .entry((r.try_get("user_id")?, r.try_get("course_id")?))
            .or_default();
        s.passed_at = Some(r.try_get("passed_at")?);
        s.pass_score = Some(r.try_get("score")?);
    }
    Ok(out)
}

/// The courses `user_id` has passed (any version): what dispatch checks.
pub async fn passed_courses(db: &Db, user_id: i64) -> Result<BTreeSet<String>> {
    let rows = sqlx::query("SELECT course_id FROM course_passes WHERE user_id = $1")
        .bind(user_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<String, _>("course_id")?))
        .collect()
}

/// The courses each of `user_ids` has passed (one statement for a batch of claims).
pub async fn passed_courses_many(
    db: &Db,
    user_ids: &[i64],
) -> Result<std::collections::HashMap<i64, BTreeSet<String>>> {
    let mut out: std::collections::HashMap<i64, BTreeSet<String>> = Default::default();
    for chunk in user_ids.chunks(500) {
        let sql = format!(
            "SELECT user_id, course_id FROM course_passes WHERE user_id IN ({})",
            kernel::db::placeholders(1, chunk.len())
        );
        let mut q = sqlx::query(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(db.pool()).await? {
            out.entry(r.try_get("user_id")?)
                .or_default()
                .insert(r.try_get("course_id")?);
        }
    }
    Ok(out)
}

/// Records a scored attempt, and the pass when it passed.
pub async fn record_attempt(
    db: &Db,
    now: DateTime<Utc>,
    user_id: i64,
    version: &Version,
    answers: &Answers,
    graded: &Graded,
) -> Result<i64> {
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO quiz_attempts (user_id, course_id, version_id, score, passed, answers, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(user_id)
    .bind(&version.course_id)
    .bind(version.id)
    .bind(graded.score)
    .bind(i64::from(graded.passed))
    .bind(serde_json::to_string(answers).unwrap_or_default())
    .bind(millis(now))
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    for r in &graded.results {
        sqlx::query(
            "INSERT INTO quiz_question_results (attempt_id, course_id, question_id, correct) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(&version.course_id)
        .bind(&r.id)
        .bind(i64::from(r.correct))
        .execute(&mut *tx)
        .await?;
    }
    if graded.passed {
        sqlx::query(
            "INSERT INTO course_passes (user_id, course_id, version_id, score, passed_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id, course_id) DO UPDATE SET version_id = excluded.version_id, \
             score = excluded.score, passed_at = excluded.passed_at",
        )
        .bind(user_id)
        .bind(&version.course_id)
        .bind(version.id)
        .bind(graded.score)
        .bind(millis(now))
        .execute(&mut *tx)
        .await?;
        audit::append(
            &mut tx,
            db,
            now,
            &Event {
                actor: &format!("user:{user_id}"),
                action: "course.passed",
                subject: &format!("course:{}", version.course_id),
                request_id: None,
                detail: serde_json::json!({ "version": version.number, "score": graded.score }),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// How often a question was answered wrong.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionStat {
    pub course_id: String,
    pub question_id: String,
    pub answered: i64,
    pub wrong: i64,
}

/// Questions by how often they were failed, most failed first (over every attempt by the
/// users in `users`).
pub async fn question_stats(db: &Db, users: &[i64]) -> Result<Vec<QuestionStat>> {
    let rows = sqlx::query(
        "SELECT r.course_id, r.question_id, a.user_id, \
                CAST(COUNT(*) AS BIGINT) AS answered, \
                CAST(SUM(CASE WHEN r.correct = 0 THEN 1 ELSE 0 END) AS BIGINT) AS wrong \
         FROM quiz_question_results r JOIN quiz_attempts a ON a.id = r.attempt_id \
         GROUP BY r.course_id, r.question_id, a.user_id",
    )
    .fetch_all(db.pool())
    .await?;
    let wanted: BTreeSet<i64> = users.iter().copied().collect();
    let mut sums: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
    for r in rows {
        if !wanted.contains(&r.try_get::<i64, _>("user_id")?) {
            continue;
        }
        let e = sums
            .entry((r.try_get("course_id")?, r.try_get("question_id")?))
            .or_default();
        e.0 += r.try_get::<i64, _>("answered")?;
        e.1 += r.try_get::<i64, _>("wrong")?;
    }
    let mut out: Vec<QuestionStat> = sums
        .into_iter()
        .map(
            |((course_id, question_id), (answered, wrong))| QuestionStat {
                course_id,
                question_id,
                answered,
                wrong,
            },
        )
        .collect();
    // Most often failed first: by failure rate, then by count.
    out.sort_by(|a, b| {
        (b.wrong * a.answered.max(1))
            .cmp(&(a.wrong * b.answered.max(1)))
            .then(b.wrong.cmp(&a.wrong))
    });
    Ok(out)
}
