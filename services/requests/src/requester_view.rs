//! What the requester's page shows and takes: the request as its requester sees it (no
//! internal notes, no staff names), and their answer read from the page's form.

use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::response::Response;
use kernel::links::Visit;
use kernel::pages::{Context, Pages};
use kernel::{Kernel, Result};
use sqlx::Row;

use crate::mime::{Attachment, MAX_ATTACHMENT};
use crate::store::{self, Direction, NewMessage, Status};

/// At most this many files with one answer.
pub const MAX_FILES: usize = 5;

/// An answer as the form sent it.
#[derive(Debug)]
pub struct Answer {
    pub body: String,
    pub files: Vec<Attachment>,
}

pub async fn audit(
    k: &Kernel,
    visit: &Visit,
    action: &str,
    detail: serde_json::Value,
) -> Result<()> {
    kernel::audit::record(
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &visit.actor(),
            action,
            subject: &format!("request:{}", visit.subject_id),
            request_id: None,
            detail,
        },
    )
    .await?;
    Ok(())
}

fn when(ms: i64) -> String {
    kernel::db::from_millis(ms)
        .format("%Y-%m-%d %H:%M UTC")
        .to_string()
}

/// The page of the visit's request, with `problem` (a catalogue key) above the forms.
pub async fn show(
    k: &Kernel,
    pages: &Pages,
    visit: &Visit,
    status: StatusCode,
    problem: Option<&str>,
) -> Result<Response> {
    let id = &visit.subject_id;
    let r = sqlx::query(
        "SELECT ref, topic_id, status, subject, data_key, created_at, rating FROM requests WHERE id = $1",
    )
    .bind(id)
    .fetch_one(k.db.pool())
    .await?;
    audit(k, visit, "request.viewed", serde_json::json!({})).await?;
    let key = store::key_from(k, id, r.try_get("data_key")?)?;
    let lang = visit.language.as_str();
    let topic_id: String = r.try_get("topic_id")?;
    let topic = store::topic(k, &topic_id)
        .await?
        .map_or(topic_id, |t| t.topic.title_in(lang).to_string());
    let messages: Vec<serde_json::Value> = crate::thread::messages(k, &key, id, false)
        .await?
        .into_iter()
        .map(|m| {
            serde_json::json!({
                "mine": m.direction == Direction::In.as_str(),
                "when": when(m.created_at),
                "text": m.body_text,
                "files": m.attachments,
            })
        })
        .collect();
    let state: String = r.try_get("status")?;
    let mut ctx = Context::new();
    ctx.insert("reference", &r.try_get::<String, _>("ref")?);
    ctx.insert("topic", &topic);
    ctx.insert(
        "subject",
        &store::open(
            k,
            &key,
            "requests",
            "subject",
            id,
            &r.try_get::<Vec<u8>, _>("subject")?,
        )?,
    );
    ctx.insert("status", &state);
    ctx.insert("since", &when(r.try_get("created_at")?));
    ctx.insert("messages", &messages);
    ctx.insert(
        "rating",
        &r.try_get::<Option<i64>, _>("rating")?
            .map(|r| r.to_string()),
    );
    ctx.insert("max_files", &MAX_FILES.to_string());
    ctx.insert("max_mib", &(MAX_ATTACHMENT / 1024 / 1024).to_string());
    if let Some(p) = problem {
        ctx.insert("problem", p);
    }
    Ok(crate::requester::page(pages, lang, status, "request", ctx))
}

/// Reads the answer form; a catalogue key naming what is wrong otherwise.
pub async fn read_answer(mut form: Multipart) -> Result<Answer, &'static str> {
    let mut body = String::new();
    let mut files = Vec::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| "pages-request-form-broken")?
    {
        match field.name() {
            Some("body") => {
                body = field
                    .text()
                    .await
                    .map_err(|_| "pages-request-form-broken")?
            }
            Some("files") => {
                let name = field.file_name().unwrap_or_default().trim().to_string();
                let content_type = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_string();
                let bytes = field.bytes().await.map_err(|_| "pages-request-too-large")?;
                // A file input left empty still sends a part, without a name or bytes.
                if name.is_empty() && bytes.is_empty() {
                    continue;
                }
                if bytes.len() > MAX_ATTACHMENT {
                    return Err("pages-request-too-large");
                }
                if files.len() == MAX_FILES {
                    return Err("pages-request-too-many");
                }
                files.push(Attachment {
                    name: name.chars().take(200).collect(),
                    content_type,
                    bytes: bytes.to_vec(),
                });
            }
            _ => {}
        }
    }
    let body = body.trim().to_string();
    if body.is_empty() && files.is_empty() {
        return Err("pages-request-empty");
    }
    if body.chars().count() > 20_000 {
        return Err("pages-request-long");
    }
    Ok(Answer { body, files })
}

/// Adds the answer to the thread; a closed request takes none (a catalogue key says so).
pub async fn answer(
    k: &Kernel,
    visit: &Visit,
    body: &str,
    files: &[Attachment],
) -> Result<Option<&'static str>> {
    let id = &visit.subject_id;
    let key = store::key_of(k, id).await?;
    let actor = visit.actor();
    let mut tx = k.db.begin().await?;
    let status: String = sqlx::query_scalar("SELECT status FROM requests WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    if status == Status::Closed.as_str() {
        return Ok(Some("pages-request-closed"));
    }
    store::add_message(
        k,
        &mut tx,
        id,
        &key,
        &NewMessage {
            direction: Direction::In,
            author: "requester",
            body,
            message_id: None,
            attachments: files,
        },
    )
    .await?;
    if status == Status::Waiting.as_str() || status == Status::Resolved.as_str() {
        crate::history::change(k, &mut tx, id, Status::Open, &actor).await?;
    }
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: &actor,
            action: "request.replied",
            subject: &format!("request:{id}"),
            request_id: None,
            detail: serde_json::json!({ "channel": "page", "files": files.len() }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(None)
}
