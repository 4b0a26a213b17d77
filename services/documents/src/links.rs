//! One-time links to a citizen's page of documents (no account).
//!
//! The link's secret leaves the server once, in the delivery e-mail; only its SHA-256 is
//! stored. Opening the page spends the link and starts a short visit (a cookie whose digest
//! is stored likewise), so the citizen can read and download their documents for a while
//! but the link itself works once: a forwarded or leaked mail is no lasting key. Every use
//! and every refusal of a link is audited (without the secret).

use base64::Engine as _;
use kernel::db::{millis, Tx};
use kernel::Kernel;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::error::Result;

/// How long a link can be opened (once).
pub const LINK_HOURS: i64 = 72;
/// How long the visit it starts lasts.
pub const VISIT_MINUTES: i64 = 30;
/// The visit's cookie, scoped to the citizen's pages.
pub const COOKIE: &str = "tc_docs";

fn secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Creates a link to case `case_id`'s documents; returns `(link id, secret)`.
pub async fn create(
    k: &Kernel,
    tx: &mut Tx,
    case_id: &str,
    language: &str,
    actor: &str,
) -> Result<(String, String)> {
    let id = uuid::Uuid::new_v4().to_string();
    let token = secret();
    let now = millis(k.now());
    sqlx::query(
        "INSERT INTO document_links (id, token_hash, case_id, language, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(digest(&token))
    .bind(case_id)
    .bind(language)
    .bind(actor)
    .bind(now)
    .bind(now + LINK_HOURS * 3_600_000)
    .execute(&mut **tx)
    .await?;
    Ok((id, token))
}

/// The address of a link.
pub fn url(k: &Kernel, token: &str) -> String {
    format!("{}/d/{token}", crate::store::public_base(k))
}

/// What a link's secret opens, before it is spent.
#[derive(Debug, Clone)]
pub enum LinkState {
    /// Never opened and not expired: `language` of its page.
    Open {
        language: String,
    },
    /// Opened before, or past its time.
    Spent {
        language: String,
    },
    Unknown,
}

/// Looks a link up without spending it (the landing page asks before it spends, so a mail
/// scanner that follows links does not use the citizen's one opening).
pub async fn peek(k: &Kernel, token: &str) -> Result<LinkState> {
    let row = sqlx::query(
        "SELECT language, expires_at, used_at FROM document_links WHERE token_hash = $1",
    )
    .bind(digest(token))
    .fetch_optional(k.db.pool())
    .await?;
    let Some(r) = row else {
        return Ok(LinkState::Unknown);
    };
    let language: String = r.try_get("language")?;
    let used: Option<i64> = r.try_get("used_at")?;
    let expires: i64 = r.try_get("expires_at")?;
    Ok(if used.is_none() && expires > millis(k.now()) {
        LinkState::Open { language }
    } else {
        LinkState::Spent { language }
    })
}

/// Spends a link: returns the visit's cookie secret, or `None` when the link was spent,
/// expired or unknown (a refusal audited too, so repeated tries show).
pub async fn spend(k: &Kernel, token: &str) -> Result<Option<String>> {
    let now = millis(k.now());
    let visit = secret();
    let mut tx = k.db.begin().await?;
    // One statement decides: two clicks at once cannot both spend it.
    let spent: Option<(String, String)> = sqlx::query_as(
        "UPDATE document_links SET used_at = $1, visit_hash = $2, visit_until = $3 \
         WHERE token_hash = $4 AND used_at IS NULL AND expires_at > $1 RETURNING id, case_id",
    )
    .bind(now)
    .bind(digest(&visit))
    .bind(now + VISIT_MINUTES * 60_000)
    .bind(digest(token))
    .fetch_optional(&mut *tx)
    .await?;
    let (action, subject) = match &spent {
        Some((id, _)) => ("document.link_used", format!("link:{id}")),
        None => ("document.link_refused", "link:unknown".to_string()),
    };
    kernel::audit::append(
        &mut tx,
        &k.db,
        k.now(),
        &kernel::audit::Event {
            actor: "citizen",
            action,
            subject: &subject,
            request_id: None,
            detail: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(spent.map(|_| visit))
}

/// A visit in progress: its link, the case it shows and the page's language.
#[derive(Debug, Clone)]
pub struct Visit {
    pub link_id: String,
    pub case_id: String,
    pub language: String,
}

/// The visit a cookie belongs to, if it is still running.
pub async fn visit(k: &Kernel, cookie: &str) -> Result<Option<Visit>> {
    let row = sqlx::query(
        "SELECT id, case_id, language FROM document_links WHERE visit_hash = $1 AND visit_until > $2",
    )
    .bind(digest(cookie))
    .bind(millis(k.now()))
    .fetch_optional(k.db.pool())
    .await?;
    row.map(|r| {
        Ok(Visit {
            link_id: r.try_get("id")?,
            case_id: r.try_get("case_id")?,
            language: r.try_get("language")?,
        })
    })
    .transpose()
}
