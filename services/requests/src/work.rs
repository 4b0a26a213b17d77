//! Staff work on a request: a public reply (sent to the requester by mail, threaded under
//! their last message and answerable through the signed reply address) or an internal note
//! (never sent), and status changes. The first public reply records the first response;
//! a reply leaves the request waiting for the requester; resolving records the resolution.
//! Each is audited without what was written.

use kernel::auth::Principal;
use kernel::db::millis;
use kernel::mail::Outgoing;
use kernel::Kernel;
use serde::Deserialize;
use sqlx::Row;

use crate::error::{RequestsError, Result};
use crate::store::{self, Direction, NewMessage, Status};

kernel::text_enum! {
    /// What staff add to a thread.
    #[derive(utoipa::ToSchema)]
    pub enum Kind {
        Reply = "reply",
        Note = "note",
    }
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageIn {
    pub kind: Kind,
    pub body: String,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    pub status: Status,
}

/// The request `reference` when `who` works in its team: `(id, team, status, language)`.
async fn reach(
    k: &Kernel,
    who: &Principal,
    reference: &str,
) -> Result<(String, String, Status, String)> {
    let not_found = || RequestsError::NotFound(format!("request {reference}"));
    let r = sqlx::query("SELECT id, team, status, language FROM requests WHERE ref = $1")
        .bind(reference)
        .fetch_optional(k.db.pool())
        .await?
        .ok_or_else(not_found)?;
    let team: String = r.try_get("team")?;
    if who.team.as_ref().is_some_and(|t| *t != team) {
        return Err(not_found());
    }
    Ok((
        r.try_get("id")?,
        team,
        r.try_get::<String, _>("status")?.parse()?,
        r.try_get("language")?,
    ))
}

/// Request `reference`'s `(id, team)` when `who` works in its team.
pub async fn reach_team(k: &Kernel, who: &Principal, reference: &str) -> Result<(String, String)> {
    let (id, team, _, _) = reach(k, who, reference).await?;
    Ok((id, team))
}

fn audit_event<'a>(
    actor: &'a str,
    action: &'a str,
    subject: &'a str,
    detail: serde_json::Value,
) -> kernel::audit::Event<'a> {
    kernel::audit::Event {
        actor,
        action,
        subject,
        request_id: None,
        detail,
    }
}

/// Adds a reply or a note by `who`; a reply goes to the requester by mail first (nothing is
/// recorded as answered that did not leave).
pub async fn add(k: &Kernel, who: &Principal, reference: &str, m: &MessageIn) -> Result<()> {
    let body = m.body.trim();
    if body.is_empty() || body.chars().count() > 20_000 {
        return Err(
            kernel::Error::invalid("body", "length", "a text of 1 to 20,000 characters").into(),
        );
    }
    let (id, team, status, lang) = reach(k, who, reference).await?;
    // Whom it mentions, checked before anything is sent or written.
    let mentioned = crate::mentions::resolve(k, &team, &crate::mentions::handles(body)).await?;
    let key = store::key_of(k, &id).await?;
    let actor = who.actor();
    let mut message_id = None;
    if m.kind == Kind::Reply {
        if status == Status::Closed {
            return Err(kernel::Error::Conflict(format!("request {reference} is closed")).into());
        }
        let requester: store::Requester = {
            let sealed: Vec<u8> =
                sqlx::query_scalar("SELECT requester FROM requests WHERE id = $1")
                    .bind(&id)
                    .fetch_one(k.db.pool())
                    .await?;
            serde_json::from_str(&store::open(
                k,
                &key,
                "requests",
                "requester",
                &id,
                &sealed,
            )?)
            .map_err(|e| RequestsError::Internal(e.to_string()))?
        };
        let to = requester.email.ok_or_else(|| {
            RequestsError::Kernel(kernel::Error::Conflict(
                "the requester left no e-mail address".into(),
            ))
        })?;
        let last_in: Option<String> = sqlx::query_scalar(
            "SELECT message_id FROM request_messages WHERE request_id = $1 AND direction = 'in' \
             AND message_id IS NOT NULL ORDER BY position DESC LIMIT 1",
        )
        .bind(&id)
        .fetch_optional(k.db.pool())
        .await?;
        let mid = crate::outbound::new_message_id(k);
        let subject = kernel::i18n::catalog().text(
            &lang,
            "pages-mail-request-reply-subject",
            &[("ref", reference)],
        );
        kernel::mail::send(
            &k.config.mail,
            Outgoing {
                to,
                subject,
                text: format!(
                    "{body}\n\n-- \n{}",
                    crate::follow::footer(
                        &lang,
                        &crate::follow::link(k, &id, &lang, &actor).await?
                    )
                ),
                attachments: Vec::new(),
                message_id: Some(mid.clone()),
                reply_to: crate::intake::reply_address(k, reference),
                in_reply_to: last_in.map(|m| format!("<{m}>")),
                automatic: false,
            },
        )
        .await?;
        message_id = Some(mid.trim_matches(|c| c == '<' || c == '>').to_string());
    }
    let now = millis(k.now());
    let mut tx = k.db.begin().await?;
    store::add_message(
        k,
        &mut tx,
        &id,
        &key,
        &NewMessage {
            direction: if m.kind == Kind::Reply {
                Direction::Out
            } else {
                Direction::Note
            },
            author: &actor,
            body,
            message_id: message_id.as_deref(),
            attachments: &[],
        },
    )
    .await?;
    if m.kind == Kind::Reply {
        sqlx::query(
            "UPDATE requests SET first_response_at = COALESCE(first_response_at, $1) WHERE id = $2",
        )
        .bind(now)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        crate::history::change(k, &mut tx, &id, Status::Waiting, &actor).await?;
    }
    let mut pending = Vec::new();
    for (user, _) in mentioned.iter().filter(|(u, _)| *u != who.id) {
        pending.push(
            crate::notices::record(
                k,
                &mut tx,
                *user,
                crate::notices::About { id: &id, reference },
                crate::notices::Kind::Mention,
                &actor,
                Some(who.name.clone()),
            )
            .await?,
        );
    }
    let subject = format!("request:{id}");
    let action = if m.kind == Kind::Reply {
        "request.replied_by_staff"
    } else {
        "request.noted"
    };
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &audit_event(
            &actor,
            action,
            &subject,
            serde_json::json!({ "mentioned": mentioned.iter().map(|(u, _)| u).collect::<Vec<_>>() }),
        ),
    )
    .await?;
    tx.commit().await?;
    crate::notices::deliver(k, pending).await;
    Ok(())
}

/// Sets a request's status (resolving records when).
pub async fn set_status(k: &Kernel, who: &Principal, reference: &str, to: Status) -> Result<()> {
    let (id, _, _, _) = reach(k, who, reference).await?;
    let actor = who.actor();
    let mut tx = k.db.begin().await?;
    let from = crate::history::change(k, &mut tx, &id, to, &actor).await?;
    let subject = format!("request:{id}");
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &audit_event(
            &actor,
            "request.status",
            &subject,
            serde_json::json!({ "from": from.as_str(), "to": to.as_str() }),
        ),
    )
    .await?;
    tx.commit().await?;
    if to == Status::Resolved && from != Status::Resolved {
        crate::survey::send(k, &id, &actor).await?;
    }
    Ok(())
}
