//! An incoming e-mail read with `mail-parser` (multipart, HTML-only, quoted-printable,
//! encoded-word subjects, attachments): who sent it, to whom, what it answers, its text and
//! files, and whether a machine wrote it (an auto-reply, a bounce, our own mail come back),
//! in which case it must never become a request.

use mail_parser::{MessageParser, MimeHeaders};

/// The largest attachment kept; larger ones are listed in the thread as left out.
pub const MAX_ATTACHMENT: usize = 10 * 1024 * 1024;
/// The largest message read at all.
pub const MAX_MESSAGE: usize = 30 * 1024 * 1024;
/// Marks every mail tracecall sends, so that one coming back is recognised as a loop.
pub const LOOP_HEADER: &str = kernel::mail::LOOP_HEADER;

#[derive(Debug, Clone)]
pub struct Attachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// What tracecall keeps of an incoming message.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    pub message_id: Option<String>,
    /// In-Reply-To then References: the messages it answers, nearest first.
    pub answers: Vec<String>,
    pub from_address: Option<String>,
    pub from_name: Option<String>,
    /// Every recipient address (To, Cc, Delivered-To), lowercased.
    pub recipients: Vec<String>,
    pub subject: String,
    pub text: String,
    pub attachments: Vec<Attachment>,
    /// Attachments left out for their size: (name, size).
    pub too_large: Vec<(String, usize)>,
    /// Why a machine wrote it, when one did.
    pub automatic: Option<&'static str>,
}

fn header(m: &mail_parser::Message<'_>, name: &str) -> Option<String> {
    m.header_raw(name).map(|v| v.trim().to_ascii_lowercase())
}

/// Why this message was written by a machine, if it was (RFC 3834 and common practice).
fn automatic(m: &mail_parser::Message<'_>, from: Option<&str>) -> Option<&'static str> {
    if m.header_raw(LOOP_HEADER).is_some() {
        return Some("loop");
    }
    if header(m, "Auto-Submitted").is_some_and(|v| v != "no") {
        return Some("auto-reply");
    }
    if m.header_raw("X-Autoreply").is_some()
        || m.header_raw("X-Autorespond").is_some()
        || m.header_raw("X-Auto-Response-Suppress")
            .is_some_and(|v| v.to_ascii_lowercase().contains("all"))
    {
        return Some("auto-reply");
    }
    if header(m, "Precedence")
        .is_some_and(|v| matches!(v.as_str(), "bulk" | "junk" | "list" | "auto_reply"))
    {
        return Some("bulk");
    }
    let report = m.content_type().is_some_and(|c| {
        c.ctype().eq_ignore_ascii_case("multipart")
            && c.subtype()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
    });
    let daemon = from.is_some_and(|f| {
        let local = f.split('@').next().unwrap_or("").to_ascii_lowercase();
        matches!(local.as_str(), "mailer-daemon" | "postmaster")
    });
    let empty_return = m
        .header_raw("Return-Path")
        .is_some_and(|v| v.trim() == "<>");
    if report || daemon || empty_return {
        return Some("bounce");
    }
    None
}

fn ids(value: &mail_parser::HeaderValue<'_>) -> Vec<String> {
    match value {
        mail_parser::HeaderValue::Text(t) => vec![t.to_string()],
        mail_parser::HeaderValue::TextList(l) => l.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// Reads `raw`; `None` when it is not a mail at all.
pub fn parse(raw: &[u8]) -> Option<Incoming> {
    let m = MessageParser::default().parse(raw)?;
    let from = m.from().and_then(|a| a.first());
    let from_address = from
        .and_then(|a| a.address())
        .map(|a| a.trim().to_ascii_lowercase());
    let mut recipients: Vec<String> = [m.to(), m.cc()]
        .into_iter()
        .flatten()
        .flat_map(|a| a.iter())
        .filter_map(|a| a.address())
        .map(|a| a.trim().to_ascii_lowercase())
        .collect();
    if let Some(d) = header(&m, "Delivered-To") {
        recipients.push(d);
    }
    let mut answers = ids(m.in_reply_to());
    for r in ids(m.references()).into_iter().rev() {
        if !answers.contains(&r) {
            answers.push(r);
        }
    }
    let mut attachments = Vec::new();
    let mut too_large = Vec::new();
    for part in m.attachments() {
        let name = part.attachment_name().unwrap_or("attachment").to_string();
        let bytes = part.contents();
        if bytes.len() > MAX_ATTACHMENT {
            too_large.push((name, bytes.len()));
            continue;
        }
        let content_type = part.content_type().map_or_else(
            || "application/octet-stream".to_string(),
            |c| match c.subtype() {
                Some(s) => format!("{}/{}", c.ctype(), s),
                None => c.ctype().to_string(),
            },
        );
        attachments.push(Attachment {
            name,
            content_type,
            bytes: bytes.to_vec(),
        });
    }
    Some(Incoming {
        automatic: automatic(&m, from_address.as_deref()),
        message_id: m.message_id().map(str::to_string),
        answers,
        from_name: from.and_then(|a| a.name()).map(str::to_string),
        from_address,
        recipients,
        subject: m.subject().unwrap_or("").trim().to_string(),
        text: m
            .body_text(0)
            .map(|t| t.trim().to_string())
            .unwrap_or_default(),
        attachments,
        too_large,
    })
}
