//! Topic releases and requests in the database.
//!
//! A request row keeps in clear what queues, targets and reports need; who asked, the
//! subject, the answers and every message are sealed under the request's own data key
//! (made for it, wrapped by the master key), so erasing a request is destroying one key.

use kernel::crypto::envelope::Aad;
use kernel::crypto::person::PersonKey;
use kernel::db::{millis, Tx};
use kernel::Kernel;
use rand::Rng;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::error::{RequestsError, Result};
use crate::topic::{Priority, Topic};

kernel::text_enum! {
    /// Where a request is.
    #[derive(utoipa::ToSchema)]
    pub enum Status {
        New = "new",
        Open = "open",
        Waiting = "waiting",
        Resolved = "resolved",
        Closed = "closed",
    }
}

kernel::text_enum! {
    /// How a request came in.
    #[derive(utoipa::ToSchema)]
    pub enum Channel {
        Email = "email",
        Web = "web",
        Phone = "phone",
    }
}

kernel::text_enum! {
    /// A message of a thread: from the requester, to them, or between staff.
    #[derive(utoipa::ToSchema)]
    pub enum Direction {
        In = "in",
        Out = "out",
        Note = "note",
    }
}

/// A published topic.
#[derive(Debug, Clone)]
pub struct TopicRelease {
    pub id: i64,
    pub number: i64,
    pub topic: Topic,
}

fn release(r: &sqlx::any::AnyRow) -> Result<TopicRelease> {
    let content: String = r.try_get("content")?;
    Ok(TopicRelease {
        id: r.try_get("id")?,
        number: r.try_get("number")?,
        topic: serde_json::from_str(&content)
            .map_err(|e| RequestsError::Internal(format!("topic release: {e}")))?,
    })
}

/// Where topics' releases are kept.
pub const RELEASES: kernel::releases::Releases = kernel::releases::Releases {
    table: "topic_releases",
    item: "topic_id",
};

/// Publishes topic `t` (its intake address kept beside it, where mail looks it up); returns
/// `(number, new)`.
pub async fn publish(k: &Kernel, t: &Topic, actor: &str) -> Result<(i64, bool)> {
    let content = serde_json::to_string(t).map_err(|e| RequestsError::Internal(e.to_string()))?;
    Ok(RELEASES
        .publish(
            k,
            &t.id,
            &content,
            &[("email", t.email.to_ascii_lowercase())],
            actor,
        )
        .await?)
}

/// Publishes every clean topic of `dir`; the problems, and `(topic, number, new)` each.
pub async fn publish_dir(
    k: &Kernel,
    dir: &std::path::Path,
    actor: &str,
) -> Result<(Vec<scripting::lint::Diagnostic>, Vec<(String, i64, bool)>)> {
    let (good, diags) = crate::topic::lint_paths(&[dir.to_path_buf()])
        .map_err(|e| RequestsError::Internal(format!("{}: {e}", dir.display())))?;
    let mut done = Vec::new();
    for (_, t) in good {
        let (number, new) = publish(k, &t, actor).await?;
        done.push((t.id.clone(), number, new));
    }
    Ok((diags, done))
}

const RELEASE_COLUMNS: &str = "id, number, content";

/// The latest release of topic `id`.
pub async fn topic(k: &Kernel, id: &str) -> Result<Option<TopicRelease>> {
    sqlx::query(&format!(
        "SELECT {RELEASE_COLUMNS} FROM topic_releases WHERE topic_id = $1 ORDER BY number DESC LIMIT 1"
    ))
    .bind(id)
    .fetch_optional(k.db.pool())
    .await?
    .map(|r| release(&r))
    .transpose()
}

/// The latest release of every topic, by id.
pub async fn topics(k: &Kernel) -> Result<Vec<TopicRelease>> {
    let rows = sqlx::query(&format!(
        "SELECT {RELEASE_COLUMNS} FROM topic_releases r WHERE number = \
           (SELECT MAX(number) FROM topic_releases l WHERE l.topic_id = r.topic_id) ORDER BY topic_id"
    ))
    .fetch_all(k.db.pool())
    .await?;
    rows.iter().map(release).collect()
}

/// The latest release of the topic whose intake address is one of `addresses`.
pub async fn topic_for_address(k: &Kernel, addresses: &[String]) -> Result<Option<TopicRelease>> {
    for a in addresses {
        let id: Option<String> = sqlx::query_scalar(
            "SELECT topic_id FROM topic_releases WHERE email = $1 ORDER BY number DESC LIMIT 1",
        )
        .bind(a)
        .fetch_optional(k.db.pool())
        .await?;
        if let Some(id) = id {
            return topic(k, &id).await;
        }
    }
    Ok(None)
}

pub(crate) fn aad<'a>(table: &'a str, column: &'a str, row: &'a str) -> Aad<'a> {
    Aad { table, column, row }
}

/// Who asked: what the thread shows and where replies go.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Requester {
    pub name: Option<String>,
    pub email: Option<String>,
}

/// A new request.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub topic: &'a TopicRelease,
    pub channel: Channel,
    pub language: &'a str,
    pub requester: Requester,
    pub subject: &'a str,
    pub answers: Option<serde_json::Value>,
    pub team: String,
    pub skill: Option<String>,
    pub priority: Priority,
    /// The filing staff member's team when they filed for themselves.
    pub department: Option<String>,
    /// Who filed it, for the audit log (`requester` for the public and mail).
    pub actor: &'a str,
    /// The province code of the postal code its form gave (regional queues).
    pub region: Option<String>,
}

/// A new row id: time-ordered (UUID version 7), so rows written together land side by side
/// at the end of every index on their id instead of dirtying a page of each index per row
/// (a mailbox read wrote each index page again for every batch with random ids). The time
/// it shows is the row's `created_at`, stored beside it anyway.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// A reference people can read out and type: `R-` and seven letters and digits without
/// look-alikes.
pub(crate) fn new_ref() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let s: String = (0..7)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    format!("R-{s}")
}

/// Records a request in `tx`; returns `(id, ref, key)`.
pub async fn create(
    k: &Kernel,
    tx: &mut Tx,
    r: &NewRequest<'_>,
) -> Result<(String, String, PersonKey)> {
    let row = crate::rows::request(k, r)?;
    crate::rows::insert_requests(tx, std::slice::from_ref(&row)).await?;
    Ok((row.id, row.reference, row.key))
}

/// Files a new request with the requester's first message, audited `request.created`, in
/// one transaction; returns `(id, ref, key)`.
pub async fn file_new(
    k: &Kernel,
    r: &NewRequest<'_>,
    first: &NewMessage<'_>,
) -> Result<(String, String, PersonKey)> {
    let agents = crate::assign::team_agents(k, &r.team).await?;
    let mut tx = k.db.begin().await?;
    let (id, reference, key) = create(k, &mut tx, r).await?;
    // The thread's first message: its position is known and the request was just stamped.
    let message = crate::rows::message(k, &key, &id, 1, first)?;
    crate::rows::insert_messages(&mut tx, std::slice::from_ref(&message)).await?;
    crate::history::start(k, &mut tx, &id, r.actor).await?;
    let assigned = crate::assign::on_filing(
        k,
        &mut tx,
        &agents,
        crate::notices::About {
            id: &id,
            reference: &reference,
        },
        r.skill.as_deref(),
    )
    .await?;
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: r.actor,
            action: "request.created",
            subject: &format!("request:{id}"),
            request_id: None,
            detail: serde_json::json!({ "channel": r.channel.as_str(), "topic": r.topic.topic.id }),
        },
    )
    .await?;
    tx.commit().await?;
    crate::notices::deliver(k, assigned.into_iter().collect()).await;
    Ok((id, reference, key))
}

/// A message to add to a thread.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub direction: Direction,
    pub author: &'a str,
    pub body: &'a str,
    pub message_id: Option<&'a str>,
    pub attachments: &'a [crate::mime::Attachment],
}

/// Adds a message (and its attachments) to request `request_id`'s thread.
pub async fn add_message(
    k: &Kernel,
    tx: &mut Tx,
    request_id: &str,
    key: &PersonKey,
    m: &NewMessage<'_>,
) -> Result<String> {
    // The thread's order, whatever the clock says (two messages can share a millisecond).
    let position: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(position), 0) + 1 FROM request_messages WHERE request_id = $1",
    )
    .bind(request_id)
    .fetch_one(&mut **tx)
    .await?;
    let row = crate::rows::message(k, key, request_id, position, m)?;
    crate::rows::insert_messages(tx, std::slice::from_ref(&row)).await?;
    sqlx::query("UPDATE requests SET updated_at = $1 WHERE id = $2")
        .bind(millis(k.now()))
        .bind(request_id)
        .execute(&mut **tx)
        .await?;
    Ok(row.id)
}

/// The threads the Message-IDs `names` belong to: `(request id, ref)` by Message-ID, in one
/// query a few hundred at a time.
pub async fn threads_of(
    k: &Kernel,
    names: &[String],
) -> Result<std::collections::HashMap<String, (String, String)>> {
    let mut out = std::collections::HashMap::new();
    for chunk in names.chunks(500) {
        let sql = format!(
            "SELECT m.message_id, r.id, r.ref FROM request_messages m JOIN requests r ON r.id = m.request_id \
             WHERE m.message_id IN ({})",
            kernel::db::placeholders(1, chunk.len())
        );
        let mut q = sqlx::query_as::<_, (String, String, String)>(&sql);
        for n in chunk {
            q = q.bind(n);
        }
        for (mid, id, reference) in q.fetch_all(k.db.pool()).await? {
            out.insert(mid, (id, reference));
        }
    }
    Ok(out)
}

/// Request `reference`'s id, if it exists.
pub async fn id_of(k: &Kernel, reference: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT id FROM requests WHERE ref = $1")
        .bind(reference)
        .fetch_optional(k.db.pool())
        .await?)
}

/// The key of request `id`, to seal or open with.
pub async fn key_of(k: &Kernel, id: &str) -> Result<PersonKey> {
    let wrapped: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT data_key FROM requests WHERE id = $1")
            .bind(id)
            .fetch_optional(k.db.pool())
            .await?
            .flatten();
    key_from(k, id, wrapped)
}

/// The key of request `id` from its `data_key` read with its row.
pub fn key_from(k: &Kernel, id: &str, wrapped: Option<Vec<u8>>) -> Result<PersonKey> {
    let wrapped =
        wrapped.ok_or_else(|| RequestsError::NotFound(format!("request {id} (erased)")))?;
    Ok(k.envelope.person_key(id, &wrapped)?)
}

/// Opens one sealed column of a request's.
pub fn open(
    k: &Kernel,
    key: &PersonKey,
    table: &str,
    column: &str,
    row: &str,
    sealed: &[u8],
) -> Result<String> {
    Ok(k.envelope
        .open_str_for(Some(key), aad(table, column, row), sealed)?)
}
