//! Requests and messages as sealed rows, written one at a time (a form, a staff answer) or
//! many in one statement (a mailbox read in batches): the same sealing either way, so a row
//! is the same whichever path wrote it.

use kernel::crypto::person::PersonKey;
use kernel::db::{millis, placeholders, Tx};
use kernel::Kernel;

use crate::error::{RequestsError, Result};
use crate::store::{aad, NewMessage, NewRequest, Status};

/// A request ready to be written: its id, reference and key, and its sealed row.
pub struct RequestRow {
    pub id: String,
    pub reference: String,
    pub key: PersonKey,
    topic_id: String,
    release_id: i64,
    channel: &'static str,
    priority: &'static str,
    team: String,
    skill: Option<String>,
    language: String,
    wrapped: Vec<u8>,
    requester: Vec<u8>,
    subject: Vec<u8>,
    answers: Option<Vec<u8>>,
    first_response_due: i64,
    resolution_due: i64,
    created_at: i64,
    department: Option<String>,
    region: Option<String>,
    pub assignee: Option<i64>,
    /// Blind-index tokens of who asked (their address, each word of their name).
    tokens: Vec<i64>,
}

/// Seals request `r` as a row (a new id, reference and key).
pub fn request(k: &Kernel, r: &NewRequest<'_>) -> Result<RequestRow> {
    let id = crate::store::new_id();
    let (key, wrapped) = k.envelope.new_person_key(&id)?;
    let now = millis(k.now());
    let requester =
        serde_json::to_string(&r.requester).map_err(|e| RequestsError::Internal(e.to_string()))?;
    let answers = match &r.answers {
        Some(a) => Some(key.seal_str(aad("requests", "answers", &id), &a.to_string())?),
        None => None,
    };
    let t = &r.topic.topic;
    Ok(RequestRow {
        reference: crate::store::new_ref(),
        topic_id: t.id.clone(),
        release_id: r.topic.id,
        channel: r.channel.as_str(),
        priority: r.priority.as_str(),
        team: r.team.clone(),
        skill: r.skill.clone(),
        language: r.language.to_string(),
        wrapped,
        requester: key.seal_str(aad("requests", "requester", &id), &requester)?,
        subject: key.seal_str(aad("requests", "subject", &id), r.subject)?,
        answers,
        first_response_due: now + t.first_response_hours * 3_600_000,
        resolution_due: now + t.resolution_hours * 3_600_000,
        created_at: now,
        department: r.department.clone(),
        region: r.region.clone(),
        assignee: None,
        tokens: crate::search::tokens_of(k, &r.requester),
        key,
        id,
    })
}

const REQUEST_COLUMNS: usize = 20;

/// Writes `rows` (new requests, status `new`) in as few statements as the database allows.
pub async fn insert_requests(tx: &mut Tx, rows: &[RequestRow]) -> Result<()> {
    for chunk in rows.chunks(8) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                format!(
                    "({})",
                    placeholders(i * REQUEST_COLUMNS + 1, REQUEST_COLUMNS)
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO requests (id, ref, topic_id, release_id, channel, status, priority, team, skill, language, \
               data_key, requester, subject, answers, first_response_due, resolution_due, created_at, updated_at, \
               department, region) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = q
                .bind(&r.id)
                .bind(&r.reference)
                .bind(&r.topic_id)
                .bind(r.release_id)
                .bind(r.channel)
                .bind(Status::New.as_str())
                .bind(r.priority)
                .bind(&r.team)
                .bind(&r.skill)
                .bind(&r.language)
                .bind(&r.wrapped)
                .bind(&r.requester)
                .bind(&r.subject)
                .bind(&r.answers)
                .bind(r.first_response_due)
                .bind(r.resolution_due)
                .bind(r.created_at)
                .bind(r.created_at)
                .bind(&r.department)
                .bind(&r.region);
        }
        q.execute(&mut **tx).await?;
    }
    let tokens: Vec<(&str, i64)> = rows
        .iter()
        .flat_map(|r| r.tokens.iter().map(move |t| (r.id.as_str(), *t)))
        .collect();
    for chunk in tokens.chunks(64) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| format!("({})", placeholders(i * 2 + 1, 2)))
            .collect();
        let sql = format!(
            "INSERT INTO request_tokens (request_id, token) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for (id, t) in chunk {
            q = q.bind(*id).bind(*t);
        }
        q.execute(&mut **tx).await?;
    }
    // The assignee, where one was chosen (few statements: one per agent).
    let mut by_agent: std::collections::BTreeMap<i64, Vec<&str>> = Default::default();
    for r in rows {
        if let Some(a) = r.assignee {
            by_agent.entry(a).or_default().push(&r.id);
        }
    }
    for (agent, ids) in by_agent {
        for chunk in ids.chunks(500) {
            let sql = format!(
                "UPDATE requests SET assignee = $1 WHERE id IN ({})",
                placeholders(2, chunk.len())
            );
            let mut q = sqlx::query(&sql).bind(agent);
            for id in chunk {
                q = q.bind(*id);
            }
            q.execute(&mut **tx).await?;
        }
    }
    Ok(())
}

/// A message ready to be written, with its files.
pub struct MessageRow {
    pub id: String,
    request_id: String,
    position: i64,
    direction: &'static str,
    author: String,
    body: Vec<u8>,
    message_id: Option<String>,
    created_at: i64,
    files: Vec<FileRow>,
}

struct FileRow {
    id: String,
    name: Vec<u8>,
    content_type: String,
    size: i64,
    content: Vec<u8>,
}

/// Seals message `m` of request `request_id` at `position` of its thread.
pub fn message(
    k: &Kernel,
    key: &PersonKey,
    request_id: &str,
    position: i64,
    m: &NewMessage<'_>,
) -> Result<MessageRow> {
    let id = crate::store::new_id();
    let mut files = Vec::with_capacity(m.attachments.len());
    for a in m.attachments {
        let fid = crate::store::new_id();
        files.push(FileRow {
            name: key.seal_str(aad("request_attachments", "name", &fid), &a.name)?,
            content_type: a.content_type.clone(),
            size: a.bytes.len() as i64,
            content: key.seal(aad("request_attachments", "content", &fid), &a.bytes)?,
            id: fid,
        });
    }
    Ok(MessageRow {
        body: key.seal_str(aad("request_messages", "body", &id), m.body)?,
        request_id: request_id.to_string(),
        position,
        direction: m.direction.as_str(),
        author: m.author.to_string(),
        message_id: m.message_id.map(str::to_string),
        created_at: millis(k.now()),
        files,
        id,
    })
}

const MESSAGE_COLUMNS: usize = 8;

/// Writes `rows` and their files.
pub async fn insert_messages(tx: &mut Tx, rows: &[MessageRow]) -> Result<()> {
    for chunk in rows.chunks(16) {
        let values: Vec<String> = (0..chunk.len())
            .map(|i| {
                format!(
                    "({})",
                    placeholders(i * MESSAGE_COLUMNS + 1, MESSAGE_COLUMNS)
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO request_messages (id, request_id, position, direction, author, body, message_id, created_at) VALUES {}",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for m in chunk {
            q = q
                .bind(&m.id)
                .bind(&m.request_id)
                .bind(m.position)
                .bind(m.direction)
                .bind(&m.author)
                .bind(&m.body)
                .bind(&m.message_id)
                .bind(m.created_at);
        }
        q.execute(&mut **tx).await?;
    }
    for m in rows {
        for f in &m.files {
            sqlx::query(
                "INSERT INTO request_attachments (id, message_id, name, content_type, size, content) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&f.id)
            .bind(&m.id)
            .bind(&f.name)
            .bind(&f.content_type)
            .bind(f.size)
            .bind(&f.content)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}
