//! Supervisors' messages to agents, sealed at rest (a message may name a citizen).

use kernel::crypto::envelope::Aad;
use kernel::db::millis;
use kernel::Kernel;
use sqlx::Row;

use crate::error::Result;
use crate::replies::MessageView;

fn aad(id: &str) -> Aad<'_> {
    Aad {
        table: "agent_messages",
        column: "body",
        row: id,
    }
}

/// Stores a message; returns its id. The body is sealed under the id it gets, so the row is
/// inserted first with an empty body, then sealed, in one transaction.
pub async fn send(k: &Kernel, from: i64, to: i64, text: &str) -> Result<i64> {
    let mut tx = k.db.begin().await?;
    let id: i64 = sqlx::query(
        "INSERT INTO agent_messages (to_user, from_user, body, at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(to)
    .bind(from)
    .bind(Vec::<u8>::new())
    .bind(millis(k.now()))
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?;
    let sealed = k.envelope.seal_str(aad(&id.to_string()), text)?;
    sqlx::query("UPDATE agent_messages SET body = $2 WHERE id = $1")
        .bind(id)
        .bind(sealed)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// The rows as messages, each with its sender's name (read through the kernel, which owns
/// the users).
async fn messages(k: &Kernel, rows: &[sqlx::any::AnyRow]) -> Result<Vec<MessageView>> {
    let senders: Vec<i64> = rows
        .iter()
        .map(|r| r.try_get("from_user"))
        .collect::<Result<_, _>>()?;
    let names = kernel::auth::users::names(&k.db, &senders).await?;
    rows.iter().map(|r| message(k, r, &names)).collect()
}

fn message(
    k: &Kernel,
    r: &sqlx::any::AnyRow,
    names: &std::collections::HashMap<i64, String>,
) -> Result<MessageView> {
    let id: i64 = r.try_get("id")?;
    let sealed: Vec<u8> = r.try_get("body")?;
    let from: i64 = r.try_get("from_user")?;
    Ok(MessageView {
        id,
        from: names.get(&from).cloned().unwrap_or_default(),
        text: k.envelope.open_str(aad(&id.to_string()), &sealed)?,
        at: r.try_get("at")?,
    })
}

const SELECT: &str = "SELECT m.id, m.body, m.at, m.from_user FROM agent_messages m";

/// One message, for its push.
pub async fn get(k: &Kernel, id: i64) -> Result<Option<MessageView>> {
    let row = sqlx::query(&format!("{SELECT} WHERE m.id = $1"))
        .bind(id)
        .fetch_optional(k.db.pool())
        .await?;
    let rows: Vec<_> = row.into_iter().collect();
    Ok(messages(k, &rows).await?.pop())
}

/// The latest `n` messages to `user_id`, newest first.
pub async fn recent(k: &Kernel, user_id: i64, n: i64) -> Result<Vec<MessageView>> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE m.to_user = $1 ORDER BY m.at DESC, m.id DESC LIMIT $2"
    ))
    .bind(user_id)
    .bind(n)
    .fetch_all(k.db.pool())
    .await?;
    messages(k, &rows).await
}
