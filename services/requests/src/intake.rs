//! E-mail in: one message from an MTA pipe (`tracecall mail receive`) or an IMAP mailbox
//! becomes a new request on the topic of the address it was sent to, or a reply in the
//! thread it answers (its In-Reply-To or References name one of the thread's messages, or
//! it was sent to the signed reply address of the acknowledgment), with the quoted history
//! cut off. Mail a machine wrote (auto-replies, bounces, our own mail come back) creates
//! nothing. A new request is acknowledged by mail, in the requester's language, from an
//! address whose signed token threads the answer back.

use kernel::Kernel;

use crate::error::{RequestsError, Result};
use crate::mime::{parse, Incoming, MAX_MESSAGE};
use crate::store::{self, Channel, Direction, NewMessage, NewRequest, Requester, Status};

/// What became of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    New(String),
    Reply(String),
    Ignored(String),
    /// No topic takes mail at the address it was sent to (and none was named): an MTA
    /// should try again later, a mailbox read leaves it for a person.
    Unrouted(String),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::New(r) => write!(f, "request {r}"),
            Outcome::Reply(r) => write!(f, "request {r} reply"),
            Outcome::Ignored(why) => write!(f, "ignored: {why}"),
            Outcome::Unrouted(why) => write!(f, "unrouted: {why}"),
        }
    }
}

/// The signature of a reply address for request `reference` (12 hex digits of an HMAC
/// under the deployment's index root): a reply address cannot be made up.
fn signature(k: &Kernel, reference: &str) -> String {
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, k.envelope.index_root());
    let mut ctx = ring::hmac::Context::with_key(&key);
    ctx.update(b"tracecall request reply address\0");
    ctx.update(reference.as_bytes());
    hex::encode(ctx.sign().as_ref())[..12].to_string()
}

/// Where the requester's answers to request `reference` go: `local+REF.SIG@domain`.
pub fn reply_address(k: &Kernel, reference: &str) -> Option<String> {
    let (local, domain) = kernel::mail::sender(&k.config.mail)?;
    Some(format!(
        "{local}+{}.{}@{domain}",
        reference.to_ascii_lowercase(),
        signature(k, reference)
    ))
}

/// The request a reply address names, when its signature holds.
pub(crate) fn reference_in(k: &Kernel, recipients: &[String]) -> Option<String> {
    recipients.iter().find_map(|r| {
        let local = r.split('@').next()?;
        let tag = local.split_once('+')?.1;
        let (reference, sig) = tag.rsplit_once('.')?;
        let reference = reference.to_ascii_uppercase();
        (signature(k, &reference) == sig).then_some(reference)
    })
}

/// The language of a new request: the mail's `Content-Language` when it is one of ours.
fn language(raw: &[u8]) -> String {
    let head = String::from_utf8_lossy(&raw[..raw.len().min(16 * 1024)]).to_ascii_lowercase();
    head.lines()
        .find_map(|l| l.strip_prefix("content-language:"))
        .map(|v| v.trim().chars().take(2).collect::<String>())
        .filter(|l| crate::topic::LANGUAGES.contains(&l.as_str()))
        .unwrap_or_else(|| "fr".into())
}

/// A message as the intake reads it, with its language; or why it is not taken in (too
/// large, not an e-mail, written by a machine).
pub(crate) fn read(raw: &[u8]) -> std::result::Result<(Incoming, String), Outcome> {
    if raw.len() > MAX_MESSAGE {
        return Err(Outcome::Ignored(format!(
            "larger than {} MiB",
            MAX_MESSAGE / 1024 / 1024
        )));
    }
    let Some(mail) = parse(raw) else {
        return Err(Outcome::Ignored("not an e-mail message".into()));
    };
    if let Some(why) = mail.automatic {
        tracing::info!(reason = why, "mail ignored");
        return Err(Outcome::Ignored(why.into()));
    }
    Ok((mail, language(raw)))
}

/// The new request a message files on `release`'s topic.
pub(crate) fn new_request<'a>(
    release: &'a store::TopicRelease,
    mail: &'a Incoming,
    lang: &'a str,
) -> NewRequest<'a> {
    let t = &release.topic;
    NewRequest {
        topic: release,
        channel: Channel::Email,
        language: lang,
        requester: Requester {
            name: mail.from_name.clone(),
            email: mail.from_address.clone(),
        },
        subject: if mail.subject.is_empty() {
            t.title_in(lang)
        } else {
            &mail.subject
        },
        answers: None,
        team: t.team.clone(),
        skill: None,
        priority: t.priority,
        department: None,
        actor: "requester",
        region: None,
    }
}

/// Takes one message in. `topic` names the topic when the MTA knows it; otherwise the
/// address it was sent to decides (none: an error, so the MTA tries again later).
pub async fn receive(k: &Kernel, raw: &[u8], topic: Option<&str>) -> Result<Outcome> {
    match crate::batch::receive_many(k, &[raw.to_vec()], topic)
        .await?
        .pop()
    {
        Some(Outcome::Unrouted(why)) => Err(RequestsError::Invalid(why)),
        Some(o) => Ok(o),
        None => Err(RequestsError::Internal(
            "a message without an outcome".into(),
        )),
    }
}

/// The text kept of a message: what was written, and which attachments were too large.
pub(crate) fn body_of(mail: &Incoming) -> String {
    let mut body = crate::quotes::strip(&mail.text);
    for (name, size) in &mail.too_large {
        body.push_str(&format!(
            "\n\n[{name}: {} MiB, over the {} MiB limit, not kept]",
            size / 1024 / 1024,
            crate::mime::MAX_ATTACHMENT / 1024 / 1024
        ));
    }
    body
}

/// The requester's message for the thread, with its attachments.
pub(crate) fn incoming<'a>(mail: &'a Incoming, body: &'a str) -> NewMessage<'a> {
    NewMessage {
        direction: Direction::In,
        author: "requester",
        body,
        message_id: mail.message_id.as_deref(),
        attachments: &mail.attachments,
    }
}

/// Requesters' answers into their threads, in `tx`, in order; a waiting or resolved
/// request opens again. The requests' keys, statuses and thread lengths are read once for
/// the batch, the messages written many to a statement. (The caller audits them.)
pub(crate) async fn reply_many(
    k: &Kernel,
    tx: &mut kernel::db::Tx,
    replies: &[(String, &Incoming)],
) -> Result<()> {
    use std::collections::HashMap;
    if replies.is_empty() {
        return Ok(());
    }
    let mut ids: Vec<&str> = replies.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    // Read in the transaction: a request may be one this very batch created.
    let mut found: HashMap<String, (Option<Vec<u8>>, String, i64)> = HashMap::new();
    for chunk in ids.chunks(500) {
        let sql = format!(
            "SELECT r.id, r.data_key, r.status, \
               (SELECT COALESCE(MAX(position), 0) FROM request_messages m WHERE m.request_id = r.id) \
             FROM requests r WHERE r.id IN ({})",
            kernel::db::placeholders(1, chunk.len())
        );
        let mut q = sqlx::query_as::<_, (String, Option<Vec<u8>>, String, i64)>(&sql);
        for id in chunk {
            q = q.bind(*id);
        }
        for (id, wrapped, status, last) in q.fetch_all(&mut **tx).await? {
            found.insert(id, (wrapped, status, last));
        }
    }
    let mut keys = HashMap::new();
    let mut bodies = Vec::with_capacity(replies.len());
    for (_, mail) in replies {
        bodies.push(body_of(mail));
    }
    let mut rows = Vec::with_capacity(replies.len());
    for ((id, mail), body) in replies.iter().zip(&bodies) {
        let (wrapped, _, last) = found
            .get_mut(id)
            .ok_or_else(|| RequestsError::NotFound(format!("request {id}")))?;
        if !keys.contains_key(id) {
            keys.insert(id.clone(), store::key_from(k, id, wrapped.take())?);
        }
        // The thread's order, whatever the clock says (two messages can share a millisecond).
        *last += 1;
        rows.push(crate::rows::message(
            k,
            &keys[id],
            id,
            *last,
            &incoming(mail, body),
        )?);
    }
    crate::rows::insert_messages(tx, &rows).await?;
    for chunk in ids.chunks(500) {
        let sql = format!(
            "UPDATE requests SET updated_at = $1 WHERE id IN ({})",
            kernel::db::placeholders(2, chunk.len())
        );
        let mut q = sqlx::query(&sql).bind(kernel::db::millis(k.now()));
        for id in chunk {
            q = q.bind(*id);
        }
        q.execute(&mut **tx).await?;
    }
    for id in ids {
        let status = found.get(id).map(|f| f.1.as_str());
        if status == Some(Status::Waiting.as_str()) || status == Some(Status::Resolved.as_str()) {
            crate::history::change(k, tx, id, Status::Open, "requester").await?;
        }
    }
    Ok(())
}
