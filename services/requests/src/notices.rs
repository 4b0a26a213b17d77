//! Notices to staff about requests: a mention, a reminder, an escalation, an assignment.
//! Each is stored for its one recipient (their list on the console, read or not), pushed to
//! their open consoles on every node, and, except an assignment, mailed to them. A notice
//! carries the request's reference and its kind, never what was written: the recipient
//! opens the request, which is an audited read like any other.

use kernel::db::{millis, Tx};
use kernel::mail::Outgoing;
use kernel::Kernel;
use serde::Serialize;
use sqlx::Row;

use crate::error::Result;

kernel::text_enum! {
    /// Why a request wants someone's attention.
    #[derive(utoipa::ToSchema)]
    pub enum Kind {
        Mention = "mention",
        Reminder = "reminder",
        Escalation = "escalation",
        Assigned = "assigned",
    }
}

/// A notice recorded in a transaction, to deliver once it commits.
#[derive(Debug, Clone)]
pub struct Pending {
    pub user: i64,
    pub reference: String,
    pub kind: Kind,
    /// Who caused it, as the mail names them (a mention's author).
    pub by: Option<String>,
}

/// The request a notice is about.
#[derive(Debug, Clone, Copy)]
pub struct About<'a> {
    pub id: &'a str,
    pub reference: &'a str,
}

/// Records a notice for `user` about a request in `tx`.
pub async fn record(
    k: &Kernel,
    tx: &mut Tx,
    user: i64,
    about: About<'_>,
    kind: Kind,
    actor: &str,
    by: Option<String>,
) -> Result<Pending> {
    let (request_id, reference) = (about.id, about.reference);
    sqlx::query(
        "INSERT INTO request_notices (id, user_id, request_id, kind, actor, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(crate::store::new_id())
    .bind(user)
    .bind(request_id)
    .bind(kind.as_str())
    .bind(actor)
    .bind(millis(k.now()))
    .execute(&mut **tx)
    .await?;
    Ok(Pending {
        user,
        reference: reference.to_string(),
        kind,
        by,
    })
}

/// Delivers committed notices: a push to the recipient's consoles, and a mail (not for an
/// assignment, which the queue shows). A mail server that refuses is logged: the notice is
/// stored and shown all the same.
pub async fn deliver(k: &Kernel, pending: Vec<Pending>) {
    for p in pending {
        k.notices.publish(kernel::notices::Notice::Request {
            user: p.user,
            reference: p.reference.clone(),
            kind: p.kind.as_str().to_string(),
        });
        if p.kind == Kind::Assigned || !kernel::mail::configured(&k.config.mail) {
            continue;
        }
        if let Err(e) = mail(k, &p).await {
            tracing::warn!(user = p.user, request = %p.reference, error = %e, "notice not mailed");
        }
    }
}

async fn mail(k: &Kernel, p: &Pending) -> Result<()> {
    let Some(user) = kernel::auth::users::active(&k.db, p.user).await? else {
        return Ok(());
    };
    let lang = user
        .languages
        .iter()
        .find(|l| kernel::i18n::LANGUAGES.contains(&l.as_str()))
        .cloned()
        .unwrap_or_else(|| "en".into());
    let url = format!(
        "{}/requests/queue?ref={}",
        k.config.public_base(),
        p.reference
    );
    let by = p.by.clone().unwrap_or_default();
    let args = [
        ("ref", p.reference.as_str()),
        ("url", url.as_str()),
        ("by", by.as_str()),
    ];
    let cat = kernel::i18n::catalog();
    let kind = p.kind.as_str();
    kernel::mail::send(
        &k.config.mail,
        Outgoing {
            to: user.email,
            subject: cat.text(&lang, &format!("pages-mail-notice-{kind}-subject"), &args),
            text: [
                cat.text(&lang, &format!("pages-mail-notice-{kind}"), &args),
                cat.text(&lang, "pages-mail-notice-open", &args),
            ]
            .join("\n\n"),
            attachments: Vec::new(),
            message_id: Some(crate::outbound::new_message_id(k)),
            reply_to: None,
            in_reply_to: None,
            automatic: true,
        },
    )
    .await?;
    Ok(())
}

/// A notice as its recipient lists it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct NoticeView {
    pub id: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub kind: String,
    pub created_at: i64,
    pub read: bool,
}

/// `user`'s notices, unread first then newest, at most 100.
pub async fn of_user(k: &Kernel, user: i64) -> Result<Vec<NoticeView>> {
    let rows = sqlx::query(
        "SELECT n.id, r.ref, n.kind, n.created_at, n.read_at FROM request_notices n \
         JOIN requests r ON r.id = n.request_id WHERE n.user_id = $1 \
         ORDER BY CASE WHEN n.read_at IS NULL THEN 0 ELSE 1 END, n.created_at DESC LIMIT 100",
    )
    .bind(user)
    .fetch_all(k.db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(NoticeView {
                id: r.try_get("id")?,
                reference: r.try_get("ref")?,
                kind: r.try_get("kind")?,
                created_at: r.try_get("created_at")?,
                read: r.try_get::<Option<i64>, _>("read_at")?.is_some(),
            })
        })
        .collect()
}

/// Marks one of `user`'s notices read; false when it is not theirs.
pub async fn mark_read(k: &Kernel, user: i64, id: &str) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE request_notices SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3",
    )
    .bind(millis(k.now()))
    .bind(id)
    .bind(user)
    .execute(k.db.pool())
    .await?
    .rows_affected()
        > 0)
}
