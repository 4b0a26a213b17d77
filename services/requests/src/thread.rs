//! A request's thread as it is read: its messages in order, each with its attachments,
//! opened with the request's key in two queries (messages, then every attachment at once).

use kernel::crypto::person::PersonKey;
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::error::Result;
use crate::store::open;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AttachmentView {
    pub id: String,
    pub name: String,
    pub size: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MessageView {
    pub direction: String,
    pub author: String,
    pub body_text: String,
    pub created_at: i64,
    pub attachments: Vec<AttachmentView>,
}

/// Request `id`'s messages in order; internal notes only when `notes` (staff read them, the
/// requester never does).
pub async fn messages(
    k: &Kernel,
    key: &PersonKey,
    id: &str,
    notes: bool,
) -> Result<Vec<MessageView>> {
    let rows = sqlx::query(
        "SELECT id, direction, author, body, created_at FROM request_messages \
         WHERE request_id = $1 AND ($2 = 1 OR direction <> 'note') ORDER BY position",
    )
    .bind(id)
    .bind(i64::from(notes))
    .fetch_all(k.db.pool())
    .await?;
    let files = sqlx::query(
        "SELECT a.id, a.message_id, a.name, a.size FROM request_attachments a \
         JOIN request_messages m ON m.id = a.message_id WHERE m.request_id = $1 ORDER BY a.id",
    )
    .bind(id)
    .fetch_all(k.db.pool())
    .await?;
    let mut attached: std::collections::HashMap<String, Vec<AttachmentView>> = Default::default();
    for f in &files {
        let fid: String = f.try_get("id")?;
        let name = open(
            k,
            key,
            "request_attachments",
            "name",
            &fid,
            &f.try_get::<Vec<u8>, _>("name")?,
        )?;
        attached
            .entry(f.try_get("message_id")?)
            .or_default()
            .push(AttachmentView {
                id: fid,
                name,
                size: f.try_get("size")?,
            });
    }
    let mut out = Vec::with_capacity(rows.len());
    for m in &rows {
        let mid: String = m.try_get("id")?;
        out.push(MessageView {
            direction: m.try_get("direction")?,
            author: m.try_get("author")?,
            body_text: open(
                k,
                key,
                "request_messages",
                "body",
                &mid,
                &m.try_get::<Vec<u8>, _>("body")?,
            )?,
            created_at: m.try_get("created_at")?,
            attachments: attached.remove(&mid).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// One attachment of request `id`'s thread (not of a note): `(name, content type, bytes)`.
pub async fn attachment(
    k: &Kernel,
    key: &PersonKey,
    id: &str,
    attachment: &str,
) -> Result<Option<(String, String, Vec<u8>)>> {
    let row = sqlx::query(
        "SELECT a.name, a.content_type, a.content FROM request_attachments a \
         JOIN request_messages m ON m.id = a.message_id \
         WHERE a.id = $1 AND m.request_id = $2 AND m.direction <> 'note'",
    )
    .bind(attachment)
    .bind(id)
    .fetch_optional(k.db.pool())
    .await?;
    let Some(r) = row else {
        return Ok(None);
    };
    let name = open(
        k,
        key,
        "request_attachments",
        "name",
        attachment,
        &r.try_get::<Vec<u8>, _>("name")?,
    )?;
    let bytes = k.envelope.open_for(
        Some(key),
        crate::store::aad("request_attachments", "content", attachment),
        &r.try_get::<Vec<u8>, _>("content")?,
    )?;
    Ok(Some((name, r.try_get("content_type")?, bytes)))
}
