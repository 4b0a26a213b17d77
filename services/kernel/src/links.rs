//! One-time links to a citizen's own page (no account): their documents, their request.
//!
//! A link's secret leaves the server once, in an e-mail; only its SHA-256 is stored.
//! Opening the page spends the link and starts a short visit (a cookie whose digest is
//! stored likewise), so the citizen can read and act for a while but the link itself works
//! once: a forwarded or leaked mail is no lasting key. The landing page only asks (mail
//! scanners follow links and must not spend the citizen's one opening). Every use and every
//! refusal is audited, without the secret. Each kind of page keeps its links in its own
//! table of the same shape (`id, token_hash, <subject>, language, created_by, created_at,
//! expires_at, used_at, visit_hash, visit_until`).

use base64::Engine as _;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::db::{millis, Tx};
use crate::{Kernel, Result};

/// One kind of link: where it is kept, what it opens, how long it lives.
#[derive(Debug, Clone, Copy)]
pub struct Links {
    pub table: &'static str,
    /// The column naming what the link opens (`case_id`, `request_id`).
    pub subject: &'static str,
    /// The audit actions' prefix (`document` gives `document.link_used`).
    pub audit: &'static str,
    /// How long a link can be opened (once).
    pub link_hours: i64,
    /// How long the visit it starts lasts.
    pub visit_minutes: i64,
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

/// A visit in progress: its link, what it shows and the page's language.
#[derive(Debug, Clone)]
pub struct Visit {
    pub link_id: String,
    pub subject_id: String,
    pub language: String,
}

impl Visit {
    /// The actor of what the visitor does, for the audit log.
    pub fn actor(&self) -> String {
        format!("citizen:link:{}", self.link_id)
    }
}

fn secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

impl Links {
    /// Creates a link to `subject_id`; returns `(link id, secret)`.
    pub async fn create(
        &self,
        k: &Kernel,
        tx: &mut Tx,
        subject_id: &str,
        language: &str,
        actor: &str,
    ) -> Result<(String, String)> {
        let id = uuid::Uuid::new_v4().to_string();
        let token = secret();
        let now = millis(k.now());
        sqlx::query(&format!(
            "INSERT INTO {} (id, token_hash, {}, language, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            self.table, self.subject
        ))
        .bind(&id)
        .bind(digest(&token))
        .bind(subject_id)
        .bind(language)
        .bind(actor)
        .bind(now)
        .bind(now + self.link_hours * 3_600_000)
        .execute(&mut **tx)
        .await?;
        Ok((id, token))
    }

    /// Looks a link up without spending it.
    pub async fn peek(&self, k: &Kernel, token: &str) -> Result<LinkState> {
        let row = sqlx::query(&format!(
            "SELECT language, expires_at, used_at FROM {} WHERE token_hash = $1",
            self.table
        ))
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

    /// Spends a link: the visit's cookie secret, or `None` when the link was spent, expired
    /// or unknown (a refusal audited too, so repeated tries show).
    pub async fn spend(&self, k: &Kernel, token: &str) -> Result<Option<String>> {
        let now = millis(k.now());
        let visit = secret();
        let mut tx = k.db.begin().await?;
        // One statement decides: two clicks at once cannot both spend it.
        let spent: Option<String> = sqlx::query_scalar(&format!(
            "UPDATE {} SET used_at = $1, visit_hash = $2, visit_until = $3 \
             WHERE token_hash = $4 AND used_at IS NULL AND expires_at > $1 RETURNING id",
            self.table
        ))
        .bind(now)
        .bind(digest(&visit))
        .bind(now + self.visit_minutes * 60_000)
        .bind(digest(token))
        .fetch_optional(&mut *tx)
        .await?;
        let (action, subject) = match &spent {
            Some(id) => (format!("{}.link_used", self.audit), format!("link:{id}")),
            None => (
                format!("{}.link_refused", self.audit),
                "link:unknown".to_string(),
            ),
        };
        crate::audit::append(
            &mut tx,
            &k.db,
            k.now(),
            &crate::audit::Event {
                actor: "citizen",
                action: &action,
                subject: &subject,
                request_id: None,
                detail: serde_json::json!({}),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(spent.map(|_| visit))
    }

    /// The visit a cookie belongs to, if it is still running.
    pub async fn visit(&self, k: &Kernel, cookie: &str) -> Result<Option<Visit>> {
        let row = sqlx::query(&format!(
            "SELECT id, {} AS subject_id, language FROM {} WHERE visit_hash = $1 AND visit_until > $2",
            self.subject, self.table
        ))
        .bind(digest(cookie))
        .bind(millis(k.now()))
        .fetch_optional(k.db.pool())
        .await?;
        row.map(|r| {
            Ok(Visit {
                link_id: r.try_get("id")?,
                subject_id: r.try_get("subject_id")?,
                language: r.try_get("language")?,
            })
        })
        .transpose()
    }
}

/// The visitor's own language (their browser's), for a page no link tells the language of.
pub fn visitor_language(headers: &axum::http::HeaderMap) -> &'static str {
    crate::i18n::for_visitor(
        None,
        headers
            .get(axum::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// Marks a page of a citizen's own data: never cached, never sent on as a referrer.
pub fn private(mut response: axum::response::Response) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

/// What the landing page of a link shows.
#[derive(Debug, Clone)]
pub enum Landing {
    /// A button to open the page, in this language (the link's).
    Ask(String),
    /// Why the link no longer opens, in this language (the link's, or the visitor's for a
    /// link we do not know).
    Gone(String),
}

impl Links {
    /// The landing page of `token` (asking spends nothing).
    pub async fn landing(
        &self,
        k: &Kernel,
        token: &str,
        headers: &axum::http::HeaderMap,
    ) -> Result<Landing> {
        Ok(match self.peek(k, token).await? {
            LinkState::Open { language } => Landing::Ask(language),
            LinkState::Spent { language } => Landing::Gone(language),
            LinkState::Unknown => Landing::Gone(visitor_language(headers).to_string()),
        })
    }

    /// Spends `token` and starts the visit: `jar` with the visit's cookie (`cookie`, for
    /// pages under `path` only, HttpOnly, SameSite=Strict), or the language of the page
    /// saying the link no longer opens.
    pub async fn start_visit(
        &self,
        k: &Kernel,
        token: &str,
        headers: &axum::http::HeaderMap,
        jar: axum_extra::extract::cookie::CookieJar,
        cookie: &'static str,
        path: &'static str,
    ) -> Result<std::result::Result<axum_extra::extract::cookie::CookieJar, String>> {
        use axum_extra::extract::cookie::{Cookie, SameSite};
        let language = match self.landing(k, token, headers).await? {
            Landing::Ask(l) | Landing::Gone(l) => l,
        };
        let Some(visit) = self.spend(k, token).await? else {
            return Ok(Err(language));
        };
        let c = Cookie::build((cookie, visit))
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(k.config.secure_cookies())
            .path(path)
            .max_age(time::Duration::minutes(self.visit_minutes))
            .build();
        Ok(Ok(jar.add(c)))
    }

    /// The visit behind `jar`'s cookie `cookie`, if it is still running.
    pub async fn current(
        &self,
        k: &Kernel,
        jar: &axum_extra::extract::cookie::CookieJar,
        cookie: &str,
    ) -> Result<Option<Visit>> {
        match jar.get(cookie) {
            Some(c) => self.visit(k, c.value()).await,
            None => Ok(None),
        }
    }
}
