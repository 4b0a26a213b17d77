//! Mail out of a request's thread: the acknowledgment of a new request (its reference, the
//! topic, when to expect an answer), sent from the signed reply address so that answers
//! thread back, marked as automatic, and kept in the thread with its Message-ID.

use kernel::crypto::person::PersonKey;
use kernel::mail::Outgoing;
use kernel::Kernel;

use crate::error::Result;
use crate::store::{self, Direction, NewMessage};
use crate::topic::Topic;

/// A Message-ID of ours.
pub fn new_message_id(k: &Kernel) -> String {
    let domain = kernel::mail::sender(&k.config.mail)
        .map_or_else(|| "tracecall.invalid".to_string(), |(_, d)| d);
    format!("<{}@{domain}>", uuid::Uuid::new_v4())
}

/// Acknowledges request `reference` to `to`; nothing when the centre sends no mail. The
/// request exists already: a mail server that refuses is logged, not an error of the intake.
pub async fn acknowledge(
    k: &Kernel,
    id: &str,
    reference: &str,
    topic: &Topic,
    lang: &str,
    to: &str,
    key: &PersonKey,
) -> Result<()> {
    if !kernel::mail::configured(&k.config.mail) {
        return Ok(());
    }
    let cat = kernel::i18n::catalog();
    let hours = topic.first_response_hours.to_string();
    let args = [
        ("ref", reference),
        ("topic", topic.title_in(lang)),
        ("hours", hours.as_str()),
    ];
    let text = ["hello", "received", "when", "reply", "auto"]
        .iter()
        .map(|part| cat.text(lang, &format!("pages-mail-request-{part}"), &args))
        .collect::<Vec<_>>()
        .join("\n\n");
    let mid = new_message_id(k);
    // The link to the request's page goes in the mail only, never into the thread's copy.
    let url = crate::follow::link(k, id, lang, "system").await?;
    let mail = Outgoing {
        to: to.to_string(),
        subject: cat.text(lang, "pages-mail-request-subject", &args),
        text: format!("{text}\n\n-- \n{}", crate::follow::footer(lang, &url)),
        attachments: Vec::new(),
        message_id: Some(mid.clone()),
        reply_to: crate::intake::reply_address(k, reference),
        in_reply_to: None,
        automatic: true,
    };
    if let Err(e) = kernel::mail::send(&k.config.mail, mail).await {
        tracing::warn!(request = %id, error = %e, "acknowledgment not sent");
        return Ok(());
    }
    let mut tx = k.db.begin().await?;
    store::add_message(
        k,
        &mut tx,
        id,
        key,
        &NewMessage {
            direction: Direction::Out,
            author: "system",
            body: &text,
            message_id: Some(mid.trim_matches(|c| c == '<' || c == '>')),
            attachments: &[],
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
