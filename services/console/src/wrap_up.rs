//! After-call work: between a call's end and the next offer, the agent is in `wrap_up` for
//! at most `console.wrap_up_seconds` (0, the default, goes straight back to ready), writes a
//! note about the call if there is something the next agent should know, and goes ready
//! when done. The limit is the server's, not the browser's: an after-call work that ran out
//! ends on the next look at the agent (the matcher looks every few seconds at every agent
//! connected to the node), so nobody parks in wrap-up to avoid calls.
//!
//! The note is the agent's free text about a citizen, so it is sealed under the person's key
//! like the answers (erasing the person erases it), and is shown, opened, to whoever opens
//! the case next.

use kernel::auth::Principal;
use kernel::crypto::envelope::Aad;
use kernel::db::millis;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::error::{ConsoleError, Result};
use crate::presence::{self, AgentState, AgentStatus};
use crate::replies::Ack;
use crate::{calls, Ctx};

/// The longest note, in characters.
pub const MAX_NOTE: usize = 2000;
/// The longest after-call work an operator can configure: an hour.
const MAX_SECONDS: i64 = 3600;

/// The configured after-call work, in seconds (0: none).
pub fn limit_seconds(k: &Kernel) -> i64 {
    k.config
        .console
        .get("wrap_up_seconds")
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(0)
        .clamp(0, MAX_SECONDS)
}

/// The after-call work in progress, as the console shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WrapUpView {
    /// The call it is for.
    pub call_id: String,
    /// When the next offer comes at the latest.
    pub until: i64,
    /// The note written so far.
    pub note: Option<String>,
}

/// A note left on an earlier call of the case, for the agent who opens it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallNote {
    pub at: i64,
    pub outcome: Option<String>,
    pub text: String,
}

fn note_aad(call_id: &str) -> Aad<'_> {
    Aad {
        table: "calls",
        column: "wrap_up_note",
        row: call_id,
    }
}

/// After a call: after-call work when the centre configured some, else ready.
pub async fn begin(k: &Kernel, user_id: i64) -> Result<()> {
    let status = if limit_seconds(k) > 0 {
        AgentStatus::WrapUp
    } else {
        AgentStatus::Ready
    };
    presence::set(k, user_id, status, None).await?;
    Ok(())
}

/// When an after-call work begun at or before this instant has run out.
fn began_by(k: &Kernel) -> i64 {
    millis(k.now()) - limit_seconds(k) * 1000
}

/// Ends the after-call work of the agent whose state `st` was just read, if its time is up;
/// returns whether it ended.
pub async fn end_if_expired(k: &Kernel, user_id: i64, st: &AgentState) -> Result<bool> {
    let by = began_by(k);
    if st.status != AgentStatus::WrapUp || st.since > by {
        return Ok(false);
    }
    presence::set_if(k, user_id, AgentStatus::WrapUp, by, AgentStatus::Ready).await
}

/// Ends every after-call work that has run out (one query when none has, none at all when
/// the centre configured none); returns the agents it ended.
pub async fn end_expired(k: &Kernel) -> Result<Vec<i64>> {
    if limit_seconds(k) == 0 {
        return Ok(Vec::new());
    }
    let by = began_by(k);
    let mut ended = Vec::new();
    for user_id in presence::in_since(k, AgentStatus::WrapUp, by).await? {
        if presence::set_if(k, user_id, AgentStatus::WrapUp, by, AgentStatus::Ready).await? {
            ended.push(user_id);
        }
    }
    Ok(ended)
}

/// The after-call work the agent is in, for the state push.
pub async fn view(k: &Kernel, user: &Principal, st: &AgentState) -> Result<Option<WrapUpView>> {
    if st.status != AgentStatus::WrapUp {
        return Ok(None);
    }
    let Some((call_id, case_id, sealed)) = last_call(k, user.id).await? else {
        return Ok(None);
    };
    Ok(Some(WrapUpView {
        until: st.since + limit_seconds(k) * 1000,
        note: open_note(k, &call_id, &case_id, sealed).await?,
        call_id,
    }))
}

/// The agent's last finished call: id, case and sealed note.
async fn last_call(k: &Kernel, agent_id: i64) -> Result<Option<(String, String, Option<Vec<u8>>)>> {
    let row = sqlx::query(
        "SELECT id, case_id, wrap_up_note FROM calls WHERE agent_id = $1 AND finished_at IS NOT NULL \
         ORDER BY finished_at DESC LIMIT 1",
    )
    .bind(agent_id)
    .fetch_optional(k.db.pool())
    .await?;
    row.map(|r| {
        Ok((
            r.try_get("id")?,
            r.try_get("case_id")?,
            r.try_get("wrap_up_note")?,
        ))
    })
    .transpose()
}

async fn open_note(
    k: &Kernel,
    call_id: &str,
    case_id: &str,
    sealed: Option<Vec<u8>>,
) -> Result<Option<String>> {
    let Some(sealed) = sealed else {
        return Ok(None);
    };
    let mut conn = k.db.pool().acquire().await?;
    let key = cases::keys::opening_key_of_case(k, &mut conn, case_id).await?;
    // A person erased since: the note went with them.
    Ok(k.envelope
        .open_str_for(key.as_ref(), note_aad(call_id), &sealed)
        .ok())
}

/// Saves the note of `call_id`: the agent's call in progress, or the one their after-call
/// work is for. An empty note removes it.
pub async fn save_note(ctx: &Ctx<'_>, call_id: &str, text: &str) -> Result<Ack> {
    let text = text.trim();
    if text.chars().count() > MAX_NOTE {
        return Err(ConsoleError::invalid(
            "text",
            format!("a note has at most {MAX_NOTE} characters"),
        ));
    }
    let case_id = match calls::open_of(ctx.k, ctx.user.id).await? {
        Some(call) if call.id == call_id => call.case_id,
        _ => {
            let st = presence::get(ctx.k, ctx.user.id).await?;
            match last_call(ctx.k, ctx.user.id).await? {
                Some((id, case_id, _)) if id == call_id && st.status == AgentStatus::WrapUp => {
                    case_id
                }
                _ => {
                    return Err(ConsoleError::Conflict(format!(
                        "call {call_id} is neither in progress nor in your after-call work"
                    )))
                }
            }
        }
    };
    let mut tx = ctx.k.db.begin().await?;
    let sealed = if text.is_empty() {
        None
    } else {
        let key = cases::keys::sealing_key_of_case(ctx.k, &mut tx, &case_id).await?;
        Some(key.seal_str(note_aad(call_id), text)?)
    };
    sqlx::query("UPDATE calls SET wrap_up_note = $2, updated_at = $3 WHERE id = $1")
        .bind(call_id)
        .bind(sealed)
        .bind(millis(ctx.k.now()))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ack::Done {})
}

/// The notes left on the case's earlier calls, newest first (the case was opened, and the
/// opening audited, by whoever is shown them).
pub async fn notes_of_case(k: &Kernel, case_id: &str) -> Result<Vec<CallNote>> {
    let rows = sqlx::query(
        "SELECT id, finished_at, outcome, wrap_up_note FROM calls \
         WHERE case_id = $1 AND wrap_up_note IS NOT NULL AND finished_at IS NOT NULL \
         ORDER BY finished_at DESC LIMIT 20",
    )
    .bind(case_id)
    .fetch_all(k.db.pool())
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    // One key for every note of the case.
    let mut conn = k.db.pool().acquire().await?;
    let key = cases::keys::opening_key_of_case(k, &mut conn, case_id).await?;
    let mut out = Vec::new();
    for r in rows {
        let call_id: String = r.try_get("id")?;
        let sealed: Vec<u8> = r.try_get("wrap_up_note")?;
        // A person erased since: the note went with them.
        if let Ok(text) = k
            .envelope
            .open_str_for(key.as_ref(), note_aad(&call_id), &sealed)
        {
            out.push(CallNote {
                at: r.try_get("finished_at")?,
                outcome: r.try_get("outcome")?,
                text,
            });
        }
    }
    Ok(out)
}
