//! Merging a duplicate into the request it repeats (the same person writing twice, by mail
//! and by the form): the duplicate's messages and files move to the end of the other's
//! thread, sealed again under that request's key (each request has its own), and the
//! duplicate is closed, pointing at where it went. A reply to one of the moved mails then
//! threads into the merged request. Both must be in the staff member's team; audited.

use kernel::auth::Principal;
use kernel::Kernel;
use serde::Deserialize;
use sqlx::Row;

use crate::error::Result;
use crate::store::{self, aad, Direction, NewMessage, Status};

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeIn {
    /// The request this one repeats.
    pub into: String,
}

/// Merges request `reference` into `into`.
pub async fn merge(k: &Kernel, who: &Principal, reference: &str, into: &str) -> Result<()> {
    if reference == into {
        return Err(kernel::Error::invalid(
            "into",
            "same",
            "a request cannot be merged into itself",
        )
        .into());
    }
    let (from_id, from_team) = crate::work::reach_team(k, who, reference).await?;
    let (into_id, into_team) = crate::work::reach_team(k, who, into).await.map_err(|_| {
        kernel::Error::invalid("into", "unknown", format!("no request {into} in your team"))
    })?;
    if from_team != into_team {
        return Err(kernel::Error::invalid(
            "into",
            "other_team",
            format!("{into} belongs to another team"),
        )
        .into());
    }
    let states: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT id, status, merged_into FROM requests WHERE id IN ($1, $2)")
            .bind(&from_id)
            .bind(&into_id)
            .fetch_all(k.db.pool())
            .await?;
    for (id, status, merged) in &states {
        if merged.is_some() || (id == &into_id && status == Status::Closed.as_str()) {
            let which = if id == &into_id { into } else { reference };
            return Err(
                kernel::Error::Conflict(format!("{which} is closed or merged already")).into(),
            );
        }
    }
    let from_key = store::key_of(k, &from_id).await?;
    let into_key = store::key_of(k, &into_id).await?;
    let actor = who.actor();
    let mut tx = k.db.begin().await?;
    let next: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) FROM request_messages WHERE request_id = $1",
    )
    .bind(&into_id)
    .fetch_one(&mut *tx)
    .await?;
    let messages = sqlx::query(
        "SELECT id, body FROM request_messages WHERE request_id = $1 ORDER BY position",
    )
    .bind(&from_id)
    .fetch_all(&mut *tx)
    .await?;
    for (i, m) in messages.iter().enumerate() {
        let mid: String = m.try_get("id")?;
        let body = store::open(
            k,
            &from_key,
            "request_messages",
            "body",
            &mid,
            &m.try_get::<Vec<u8>, _>("body")?,
        )?;
        sqlx::query(
            "UPDATE request_messages SET request_id = $1, position = $2, body = $3 WHERE id = $4",
        )
        .bind(&into_id)
        .bind(next + 1 + i as i64)
        .bind(into_key.seal_str(aad("request_messages", "body", &mid), &body)?)
        .bind(&mid)
        .execute(&mut *tx)
        .await?;
        let files =
            sqlx::query("SELECT id, name, content FROM request_attachments WHERE message_id = $1")
                .bind(&mid)
                .fetch_all(&mut *tx)
                .await?;
        for f in &files {
            let fid: String = f.try_get("id")?;
            let name = store::open(
                k,
                &from_key,
                "request_attachments",
                "name",
                &fid,
                &f.try_get::<Vec<u8>, _>("name")?,
            )?;
            let content = k.envelope.open_for(
                Some(&from_key),
                aad("request_attachments", "content", &fid),
                &f.try_get::<Vec<u8>, _>("content")?,
            )?;
            sqlx::query("UPDATE request_attachments SET name = $1, content = $2 WHERE id = $3")
                .bind(into_key.seal_str(aad("request_attachments", "name", &fid), &name)?)
                .bind(into_key.seal(aad("request_attachments", "content", &fid), &content)?)
                .bind(&fid)
                .execute(&mut *tx)
                .await?;
        }
    }
    store::add_message(
        k,
        &mut tx,
        &into_id,
        &into_key,
        &NewMessage {
            direction: Direction::Note,
            author: &actor,
            body: &format!(
                "{reference} merged into this request ({} message(s) moved).",
                messages.len()
            ),
            message_id: None,
            attachments: &[],
        },
    )
    .await?;
    crate::history::change(k, &mut tx, &from_id, Status::Closed, &actor).await?;
    sqlx::query("UPDATE requests SET merged_into = $1, assignee = NULL WHERE id = $2")
        .bind(&into_id)
        .bind(&from_id)
        .execute(&mut *tx)
        .await?;
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &actor,
            action: "request.merged",
            subject: &format!("request:{from_id}"),
            request_id: None,
            detail: serde_json::json!({ "into": format!("request:{into_id}"), "messages": messages.len() }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
