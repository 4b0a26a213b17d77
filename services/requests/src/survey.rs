//! The satisfaction survey: when a request is resolved, its requester is asked by mail, in
//! their language, to rate the answer from one to five on their request's page (the mail
//! brings a fresh one-time link); the rating and an optional comment (sealed, it is what
//! the requester wrote) are recorded once.

use kernel::db::millis;
use kernel::mail::Outgoing;
use kernel::Kernel;
use sqlx::Row;

use crate::error::{RequestsError, Result};
use crate::store::{self, Status};

/// Mails the survey of resolved request `id`; nothing when the centre sends no mail or the
/// requester left no address. A refusing mail server is logged: the resolution stands.
pub async fn send(k: &Kernel, id: &str, actor: &str) -> Result<()> {
    if !kernel::mail::configured(&k.config.mail) {
        return Ok(());
    }
    let r = sqlx::query(
        "SELECT ref, language, requester, data_key, rating FROM requests WHERE id = $1",
    )
    .bind(id)
    .fetch_one(k.db.pool())
    .await?;
    if r.try_get::<Option<i64>, _>("rating")?.is_some() {
        return Ok(());
    }
    let key = store::key_from(k, id, r.try_get("data_key")?)?;
    let requester: store::Requester = serde_json::from_str(&store::open(
        k,
        &key,
        "requests",
        "requester",
        id,
        &r.try_get::<Vec<u8>, _>("requester")?,
    )?)
    .map_err(|e| RequestsError::Internal(e.to_string()))?;
    let Some(to) = requester.email else {
        return Ok(());
    };
    let reference: String = r.try_get("ref")?;
    let lang: String = r.try_get("language")?;
    let url = crate::follow::link(k, id, &lang, actor).await?;
    let cat = kernel::i18n::catalog();
    let args = [("ref", reference.as_str()), ("url", url.as_str())];
    let text = ["hello", "resolved", "rate", "thanks"]
        .iter()
        .map(|part| cat.text(&lang, &format!("pages-mail-survey-{part}"), &args))
        .collect::<Vec<_>>()
        .join("\n\n");
    let mail = Outgoing {
        to,
        subject: cat.text(&lang, "pages-mail-survey-subject", &args),
        text,
        attachments: Vec::new(),
        message_id: Some(crate::outbound::new_message_id(k)),
        reply_to: crate::intake::reply_address(k, &reference),
        in_reply_to: None,
        automatic: true,
    };
    match kernel::mail::send(&k.config.mail, mail).await {
        Ok(()) => {
            kernel::audit::record(
                &k.db,
                k.now(),
                &kernel::audit::Event {
                    actor,
                    action: "request.survey_sent",
                    subject: &format!("request:{id}"),
                    request_id: None,
                    detail: serde_json::json!({}),
                },
            )
            .await?;
        }
        Err(e) => tracing::warn!(request = %id, error = %e, "survey not sent"),
    }
    Ok(())
}

/// Records the requester's rating of request `id`; a catalogue key when it cannot be (not
/// resolved yet, or rated already).
pub async fn record(
    k: &Kernel,
    id: &str,
    rating: i64,
    comment: &str,
    actor: &str,
) -> Result<Option<&'static str>> {
    let key = store::key_of(k, id).await?;
    let sealed = if comment.is_empty() {
        None
    } else {
        Some(key.seal_str(store::aad("requests", "rating_comment", id), comment)?)
    };
    let mut tx = k.db.begin().await?;
    let done = sqlx::query(
        "UPDATE requests SET rating = $1, rating_comment = $2, rated_at = $3 \
         WHERE id = $4 AND rated_at IS NULL AND status IN ($5, $6)",
    )
    .bind(rating)
    .bind(sealed)
    .bind(millis(k.now()))
    .bind(id)
    .bind(Status::Resolved.as_str())
    .bind(Status::Closed.as_str())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if done == 0 {
        let rated: Option<i64> = sqlx::query_scalar("SELECT rated_at FROM requests WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        return Ok(Some(if rated.is_some() {
            "pages-request-rated-already"
        } else {
            "pages-request-not-resolved"
        }));
    }
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor,
            action: "request.rated",
            subject: &format!("request:{id}"),
            request_id: None,
            detail: serde_json::json!({ "rating": rating }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(None)
}
