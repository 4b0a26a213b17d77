//! Delivery by e-mail: the PDF attached, and a one-time link to the citizen's page of
//! documents. The mail says only what its reader needs: which document, its period, where
//! to see it again and where anyone can check it. No diagnosis, no name in the subject.

use kernel::auth::Principal;
use kernel::mail::{Attached, Outgoing};
use kernel::Kernel;

use crate::error::{DocumentsError, Result};
use crate::store::{render, Rendered};

/// Who may send document `id`: whoever issued it (as for downloading).
pub async fn email_by(
    k: &Kernel,
    who: &Principal,
    id: &str,
    request_id: Option<&str>,
) -> Result<()> {
    if crate::store::issued_by(k, id).await?.as_deref() != Some(who.actor().as_str()) {
        return Err(DocumentsError::NotFound(format!("document {id}")));
    }
    email(k, &who.actor(), id, request_id).await
}

/// Sends document `id` to the address its holder has on file; returns once the mail server
/// accepted it, audited `document.emailed`. No address on file: a 409 saying so.
pub async fn email(k: &Kernel, actor: &str, id: &str, request_id: Option<&str>) -> Result<()> {
    if email_if_address(k, actor, id, request_id).await? {
        Ok(())
    } else {
        Err(kernel::Error::refused(
            axum::http::StatusCode::CONFLICT,
            "no-email-address",
            "the holder has no e-mail address on file",
        )
        .into())
    }
}

/// As [`email`]; `false` (nothing sent, nothing recorded) when the holder has no address.
pub async fn email_if_address(
    k: &Kernel,
    actor: &str,
    id: &str,
    request_id: Option<&str>,
) -> Result<bool> {
    if !kernel::mail::configured(&k.config.mail) {
        // Said before anything is read or a link is made.
        return Err(kernel::mail::not_configured().into());
    }
    // The address first: without one nothing is drawn (a bulk issue's print run would
    // otherwise draw every letter twice).
    let (case_id, state): (String, String) =
        sqlx::query_as("SELECT case_id, state FROM documents WHERE id = $1")
            .bind(id)
            .fetch_optional(k.db.pool())
            .await?
            .ok_or_else(|| crate::error::DocumentsError::NotFound(format!("document {id}")))?;
    if state != crate::store::DocumentState::Issued.as_str() {
        return Err(kernel::Error::Conflict(format!("document {id} is revoked")).into());
    }
    let case = cases::access::case_by_id(k, &case_id).await?;
    let mut conn = k.db.pool().acquire().await?;
    let person = cases::store::load_person(k, &mut conn, &case.person_id).await?;
    drop(conn);
    let Some(to) = person.email.filter(|e| !e.trim().is_empty()) else {
        return Ok(false);
    };
    let rendered = render(k, id).await?;
    let lang = rendered.doc.language.clone();
    let mut tx = k.db.begin().await?;
    let (_, token) = crate::links::create(k, &mut tx, &case.id, &lang, actor).await?;
    tx.commit().await?;
    kernel::mail::send(&k.config.mail, message(k, &rendered, &lang, &to, &token)).await?;
    let mut tx = k.db.begin().await?;
    sqlx::query("UPDATE documents SET emailed_at = $1 WHERE id = $2")
        .bind(kernel::db::millis(k.now()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor,
            action: "document.emailed",
            subject: &format!("document:{id}"),
            request_id,
            detail: serde_json::json!({ "kind": rendered.doc.kind.as_str() }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

fn message(k: &Kernel, r: &Rendered, lang: &str, to: &str, token: &str) -> Outgoing {
    let cat = kernel::i18n::catalog();
    let day = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(|d| crate::words::long_date(lang, d))
            .unwrap_or_else(|_| d.to_string())
    };
    let hours = crate::links::LINK_HOURS.to_string();
    let link = crate::links::url(k, token);
    let verify = crate::store::verify_url(k);
    let from = day(&r.doc.valid_from);
    let until = day(&r.doc.valid_until);
    let args = [
        ("title", r.title.as_str()),
        ("from", &from),
        ("until", &until),
        ("link", &link),
        ("hours", &hours),
        ("verify", &verify),
    ];
    let text = ["hello", "attached", "link", "verify", "auto"]
        .iter()
        .map(|part| cat.text(lang, &format!("pages-mail-document-{part}"), &args))
        .collect::<Vec<_>>()
        .join("\n\n");
    Outgoing {
        to: to.to_string(),
        subject: cat.text(lang, "pages-mail-document-subject", &[("title", &r.title)]),
        text,
        attachments: vec![Attached {
            name: format!("{}.pdf", r.doc.kind),
            content_type: "application/pdf",
            bytes: r.pdf.clone(),
        }],
        message_id: None,
        reply_to: None,
        in_reply_to: None,
        automatic: true,
    }
}
