//! Calls in the database: the release a call is pinned to, where the agent is in its script,
//! and every answer, sealed and written before it is acknowledged (so an answer the console
//! was told is saved survives a crash of the server or of the browser).
//!
//! Each answer is sealed on its own, bound to the call and the field (a ciphertext moved to
//! another call or field does not open), under the key of the person the call is about (see
//! `cases::keys`): erasing that person makes every answer about them unreadable. At the end,
//! the validated, normalised answers are sealed together as the call's submission.

use kernel::crypto::envelope::Aad;
use kernel::db::{millis, Tx};
use kernel::Kernel;
use serde_json::{Map, Value};
use sqlx::Row;

use crate::error::{ConsoleError, Result};

/// A call's kind: the kind of the script it follows.
pub use scripting::model::ScriptKind as CallKind;

/// A call as stored.
#[derive(Debug, Clone)]
pub struct Call {
    pub id: String,
    pub kind: CallKind,
    pub order_id: Option<i64>,
    pub case_id: String,
    pub agent_id: i64,
    pub release_id: i64,
    pub language: String,
    pub position: String,
    pub path: Vec<String>,
    pub started_at: i64,
}

const COLUMNS: &str =
    "id, kind, order_id, case_id, agent_id, release_id, language, position, path, started_at";

fn call(r: &sqlx::any::AnyRow) -> Result<Call> {
    Ok(Call {
        id: r.try_get("id")?,
        kind: r.try_get::<String, _>("kind")?.parse()?,
        order_id: r.try_get("order_id")?,
        case_id: r.try_get("case_id")?,
        agent_id: r.try_get("agent_id")?,
        release_id: r.try_get("release_id")?,
        language: r.try_get("language")?,
        position: r.try_get("position")?,
        path: kernel::db::json_column(r, "path")?,
        started_at: r.try_get("started_at")?,
    })
}

fn answer_aad<'a>(call_id: &'a str, field: &'a str) -> Aad<'a> {
    Aad {
        table: "call_answers",
        column: field,
        row: call_id,
    }
}

/// Starts a call (the caller's transaction also records what made it start).
pub async fn create(k: &Kernel, tx: &mut Tx, c: &Call) -> Result<()> {
    let now = millis(k.now());
    sqlx::query(&format!(
        "INSERT INTO calls ({COLUMNS}, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)"
    ))
    .bind(&c.id)
    .bind(c.kind.as_str())
    .bind(c.order_id)
    .bind(&c.case_id)
    .bind(c.agent_id)
    .bind(c.release_id)
    .bind(&c.language)
    .bind(&c.position)
    .bind(kernel::db::json_text(&c.path)?)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The call `agent_id` has not finished, if any.
pub async fn open_of(k: &Kernel, agent_id: i64) -> Result<Option<Call>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM calls WHERE agent_id = $1 AND finished_at IS NULL ORDER BY started_at DESC LIMIT 1"
    ))
    .bind(agent_id)
    .fetch_optional(k.db.pool())
    .await?;
    row.as_ref().map(call).transpose()
}

/// The agent's unfinished call `call_id`; anything else is a conflict.
pub async fn get_open(k: &Kernel, agent_id: i64, call_id: &str) -> Result<Call> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM calls WHERE id = $1 AND agent_id = $2 AND finished_at IS NULL"
    ))
    .bind(call_id)
    .bind(agent_id)
    .fetch_optional(k.db.pool())
    .await?;
    row.as_ref()
        .map(call)
        .transpose()?
        .ok_or_else(|| ConsoleError::Conflict(format!("no call {call_id} in progress for you")))
}

/// Every answer of a call, opened.
pub async fn answers(k: &Kernel, call: &Call) -> Result<Map<String, Value>> {
    answers_of(k, &call.id, &call.case_id).await
}

/// As [`answers`], from the call's id and its case's (for a call that may have ended).
pub async fn answers_of(k: &Kernel, call_id: &str, case_id: &str) -> Result<Map<String, Value>> {
    let mut conn = k.db.pool().acquire().await?;
    let key = cases::keys::opening_key_of_case(k, &mut conn, case_id).await?;
    let rows = sqlx::query("SELECT field, value FROM call_answers WHERE call_id = $1")
        .bind(call_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut out = Map::new();
    for r in rows {
        let field: String = r.try_get("field")?;
        let sealed: Vec<u8> = r.try_get("value")?;
        let text = match k
            .envelope
            .open_str_for(key.as_ref(), answer_aad(call_id, &field), &sealed)
        {
            Ok(text) => text,
            // The person was erased during the call: what was said about them is gone, and
            // the call can still be ended.
            Err(_) if key.is_none() => continue,
            Err(e) => return Err(e.into()),
        };
        out.insert(
            field,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        );
    }
    Ok(out)
}

/// Saves one answer (an empty answer removes it), durably, before returning.
pub async fn save_answer(k: &Kernel, call: &Call, field: &str, value: &Value) -> Result<()> {
    let mut tx = k.db.begin().await?;
    write_answer(k, &mut tx, call, field, value).await?;
    tx.commit().await?;
    Ok(())
}

/// As [`save_answer`], inside the caller's transaction (a new call's prefilled defaults are
/// written with the call itself).
pub async fn write_answer(
    k: &Kernel,
    tx: &mut Tx,
    call: &Call,
    field: &str,
    value: &Value,
) -> Result<()> {
    let call_id = call.id.as_str();
    let now = millis(k.now());
    if value.is_null() {
        sqlx::query("DELETE FROM call_answers WHERE call_id = $1 AND field = $2")
            .bind(call_id)
            .bind(field)
            .execute(&mut **tx)
            .await?;
    } else {
        let key = cases::keys::sealing_key_of_case(k, tx, &call.case_id).await?;
        let sealed = key.seal_str(answer_aad(call_id, field), &value.to_string())?;
        sqlx::query(
            "INSERT INTO call_answers (call_id, field, value, updated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (call_id, field) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(call_id)
        .bind(field)
        .bind(sealed)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("UPDATE calls SET updated_at = $2 WHERE id = $1")
        .bind(call_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Moves the call to `position` with the visited `path`.
pub async fn move_to(k: &Kernel, call_id: &str, position: &str, path: &[String]) -> Result<()> {
    sqlx::query("UPDATE calls SET position = $2, path = $3, updated_at = $4 WHERE id = $1")
        .bind(call_id)
        .bind(position)
        .bind(kernel::db::json_text(path)?)
        .bind(millis(k.now()))
        .execute(k.db.writer())
        .await?;
    Ok(())
}

pub async fn set_language(k: &Kernel, call_id: &str, language: &str) -> Result<()> {
    sqlx::query("UPDATE calls SET language = $2, updated_at = $3 WHERE id = $1")
        .bind(call_id)
        .bind(language)
        .bind(millis(k.now()))
        .execute(k.db.writer())
        .await?;
    Ok(())
}

fn submission_aad(call_id: &str) -> Aad<'_> {
    Aad {
        table: "calls",
        column: "submission",
        row: call_id,
    }
}

/// Ends a call with its outcome and, when given, the sealed submission; returns whether it
/// was still open (a call ends once).
pub async fn finish(
    k: &Kernel,
    tx: &mut Tx,
    call: &Call,
    outcome: &str,
    submission: Option<&Map<String, Value>>,
) -> Result<bool> {
    let call_id = call.id.as_str();
    let sealed = match submission {
        Some(s) => {
            let key = cases::keys::sealing_key_of_case(k, tx, &call.case_id).await?;
            Some(key.seal_str(
                submission_aad(call_id),
                &Value::Object(s.clone()).to_string(),
            )?)
        }
        None => None,
    };
    let now = millis(k.now());
    let ended = sqlx::query(
        "UPDATE calls SET finished_at = $2, outcome = $3, submission = $4, updated_at = $2 WHERE id = $1 AND finished_at IS NULL",
    )
    .bind(call_id)
    .bind(now)
    .bind(outcome)
    .bind(sealed)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(ended > 0)
}

/// A call's stored submission, opened (for those allowed to read it).
pub async fn submission(k: &Kernel, call_id: &str) -> Result<Option<Map<String, Value>>> {
    let mut conn = k.db.pool().acquire().await?;
    let Some(row) = sqlx::query("SELECT case_id, submission FROM calls WHERE id = $1")
        .bind(call_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(sealed) = row.try_get::<Option<Vec<u8>>, _>("submission")? else {
        return Ok(None);
    };
    let case_id: String = row.try_get("case_id")?;
    let key = cases::keys::opening_key_of_case(k, &mut conn, &case_id).await?;
    let text = k
        .envelope
        .open_str_for(key.as_ref(), submission_aad(call_id), &sealed)?;
    Ok(match serde_json::from_str(&text) {
        Ok(Value::Object(m)) => Some(m),
        _ => None,
    })
}

/// Ends a call whose order was taken away (its lease ran out and another agent claimed it):
/// the answers stay stored; nothing is submitted. Returns whether the call was still open:
/// a call read as open a moment ago may have been finished since.
pub async fn abandon(k: &Kernel, call: &Call) -> Result<bool> {
    let mut tx = k.db.begin().await?;
    let ended = finish(k, &mut tx, call, "abandoned", None).await?;
    tx.commit().await?;
    Ok(ended)
}
