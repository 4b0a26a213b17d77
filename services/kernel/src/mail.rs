//! Outgoing e-mail through the operator's SMTP server (`mail.smtp_url`), with `lettre`.
//!
//! A message is handed over synchronously: the caller answers its client only once the
//! server accepted it, so nothing is acknowledged that was not sent. The server's own reply
//! text is never passed on or logged (it often quotes the recipient's address); only its
//! code is.

use std::time::Duration;

use axum::http::StatusCode;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::MailConfig;
use crate::error::{Error, Result};

/// A file sent with a message.
#[derive(Debug, Clone)]
pub struct Attached {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// One message to one recipient.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub to: String,
    pub subject: String,
    /// Plain text: what the recipient must read, nothing more.
    pub text: String,
    pub attachments: Vec<Attached>,
    /// Threading: this message's id (`<…@…>`), where replies go, what it answers.
    pub message_id: Option<String>,
    pub reply_to: Option<String>,
    pub in_reply_to: Option<String>,
    /// Written by the program, not a person (RFC 3834 `Auto-Submitted: auto-replied`, and
    /// our loop mark), so that auto-responders do not answer it and it never comes back as
    /// a request.
    pub automatic: bool,
}

/// The header tracecall marks its own mail with; mail carrying it is never taken in.
pub const LOOP_HEADER: &str = "X-Tracecall-Loop";

/// Whether this deployment can send mail at all.
pub fn configured(config: &MailConfig) -> bool {
    config.smtp_url.is_some()
}

/// The sender's address (`mail.from`, `Name <local@domain>` or bare) as `(local, domain)`:
/// what reply addresses and Message-IDs are made from.
pub fn sender(config: &MailConfig) -> Option<(String, String)> {
    let from = config.from.as_str();
    let address = match (from.rfind('<'), from.rfind('>')) {
        (Some(a), Some(b)) if a < b => &from[a + 1..b],
        _ => from,
    };
    let (local, domain) = address.trim().split_once('@')?;
    Some((local.to_string(), domain.to_string()))
}

/// The refusal of a deployment that sends no mail (503), for callers that check first.
pub fn not_configured() -> Error {
    Error::refused(
        StatusCode::SERVICE_UNAVAILABLE,
        "mail-not-configured",
        "this deployment sends no e-mail (mail.smtp_url is unset)",
    )
}

/// Builds the message (an address that is not one is a 422 naming the field).
fn message(config: &MailConfig, mail: Outgoing) -> Result<Message> {
    let from: Mailbox = config
        .from
        .parse()
        .map_err(|_| Error::Config(format!("mail.from {:?} is not an address", config.from)))?;
    let to: Mailbox = mail.to.parse().map_err(|_| {
        Error::invalid(
            "email",
            "invalid",
            "the address on file is not an e-mail address",
        )
    })?;
    let text = SinglePart::plain(mail.text);
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject)
        .header(lettre::message::header::MIME_VERSION_1_0)
        .message_id(mail.message_id);
    if let Some(r) = mail.reply_to {
        let r: Mailbox = r
            .parse()
            .map_err(|_| Error::Internal("reply-to is not an address".into()))?;
        builder = builder.reply_to(r);
    }
    if let Some(id) = mail.in_reply_to {
        builder = builder.in_reply_to(id.clone()).references(id);
    }
    if mail.automatic {
        use lettre::message::header::{HeaderName, HeaderValue};
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-replied".into(),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str(LOOP_HEADER),
                "1".into(),
            ));
    }
    let built = if mail.attachments.is_empty() {
        builder.singlepart(text)
    } else {
        let mut parts = MultiPart::mixed().singlepart(text);
        for a in mail.attachments {
            let ct = ContentType::parse(a.content_type)
                .map_err(|e| Error::Internal(format!("content type {}: {e}", a.content_type)))?;
            parts = parts.singlepart(Attachment::new(a.name).body(a.bytes, ct));
        }
        builder.multipart(parts)
    };
    built.map_err(|e| Error::Internal(format!("mail message: {e}")))
}

/// Sends `mail`; returns once the SMTP server accepted it. Unconfigured: 503; refused or
/// unreachable: 502 with the server's code only.
#[tracing::instrument(skip_all)]
pub async fn send(config: &MailConfig, mail: Outgoing) -> Result<()> {
    let Some(url) = &config.smtp_url else {
        return Err(not_configured());
    };
    let message = message(config, mail)?;
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
        .map_err(|_| Error::Config("mail.smtp_url is not an smtp:// or smtps:// URL".into()))?
        .timeout(Some(Duration::from_secs(30)))
        .build();
    match transport.send(message).await {
        Ok(_) => Ok(()),
        Err(e) => {
            let code = e.status().map(|c| c.to_string());
            tracing::warn!(
                code = code.as_deref().unwrap_or("none"),
                "mail not accepted"
            );
            Err(Error::refused(
                StatusCode::BAD_GATEWAY,
                "mail-not-delivered",
                match code {
                    Some(c) => format!("the mail server refused the message (code {c})"),
                    None => "the mail server could not be reached".to_string(),
                },
            ))
        }
    }
}
