//! Template releases and issued documents in the database.
//!
//! A document row holds what dispatching, listing and revoking need in clear (kind, case,
//! validity, state) and, sealed under the person's key, what it says about its holder: the
//! filled-in values of the letter and the signed code. The PDF is not stored: it is drawn
//! again from the release and those values whenever it is downloaded, identical each time.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use kernel::crypto::envelope::Aad;
use kernel::db::{millis, Tx};
use kernel::Kernel;
use rand::Rng;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::error::{DocumentsError, Result};
use crate::sign::{Claims, DocumentSigner};
use crate::template::{DocumentKind, Template};
use crate::words;

kernel::text_enum! {
    /// Whether a document still holds.
    pub enum DocumentState {
        Issued = "issued",
        Revoked = "revoked",
    }
}

/// A published template.
#[derive(Debug, Clone)]
pub struct Release {
    pub id: i64,
    pub number: i64,
    pub template: Template,
}

fn release(r: &sqlx::any::AnyRow) -> Result<Release> {
    let content: String = r.try_get("content")?;
    Ok(Release {
        id: r.try_get("id")?,
        number: r.try_get("number")?,
        template: serde_json::from_str(&content)
            .map_err(|e| DocumentsError::Internal(format!("template release: {e}")))?,
    })
}

/// Publishes `t` (the same content again is its release already); returns `(number, new)`.
pub async fn publish(k: &Kernel, t: &Template, actor: &str) -> Result<(i64, bool)> {
    let content = serde_json::to_string(t).map_err(|e| DocumentsError::Internal(e.to_string()))?;
    Ok(RELEASES.publish(k, &t.id, &content, &[], actor).await?)
}

/// Where templates' releases are kept.
const RELEASES: kernel::releases::Releases = kernel::releases::Releases {
    table: "document_releases",
    item: "template_id",
};

/// The latest release of the template of `kind`.
async fn latest(tx: &mut Tx, kind: DocumentKind) -> Result<Release> {
    let row = sqlx::query(
        "SELECT id, number, content FROM document_releases WHERE template_id = $1 ORDER BY number DESC LIMIT 1",
    )
    .bind(kind.as_str())
    .fetch_optional(&mut **tx)
    .await?
    .ok_or_else(|| DocumentsError::NotFound(format!("a published {kind} template")))?;
    release(&row)
}

/// Why a document is issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The call that asked for it, at its end.
    Call,
    /// An agent with the case open.
    Agent,
    /// `tracecall document issue`.
    Cli,
    /// A supervisor's bulk issue for a campaign.
    Bulk,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Call => "call",
            Source::Agent => "agent",
            Source::Cli => "cli",
            Source::Bulk => "bulk",
        }
    }
}

/// What to issue, for whom.
#[derive(Debug, Clone)]
pub struct IssueIn<'a> {
    pub kind: DocumentKind,
    pub case_id: &'a str,
    pub language: &'a str,
    pub source: Source,
    pub call_id: Option<&'a str>,
    /// The bulk issue it belongs to.
    pub job_id: Option<&'a str>,
    pub actor: &'a str,
    pub holder_name: String,
    pub birth_date: Option<NaiveDate>,
    /// A certificate's first day (a prescription starts the day it is issued).
    pub start: NaiveDate,
}

/// What is sealed in a document's row.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Sealed {
    pub(crate) code: String,
    pub(crate) values: BTreeMap<String, String>,
}

pub(crate) fn sealed_aad(id: &str) -> Aad<'_> {
    Aad {
        table: "documents",
        column: "sealed",
        row: id,
    }
}

/// A prescription code: sixteen letters and digits in four groups, without look-alikes.
fn prescription_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let chars: Vec<char> = (0..16)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Where citizens reach this deployment (`public_url`, else the listen address).
pub fn public_base(k: &Kernel) -> String {
    k.config.public_base()
}

/// The address of the verification page printed on documents.
pub fn verify_url(k: &Kernel) -> String {
    format!("{}/verify", public_base(k))
}

/// Issues a document inside `tx` (the call's own transaction when a call asked for it).
/// Returns its id, or `None` when this call already issued this kind (a finish retried).
pub async fn issue_in(
    k: &Kernel,
    signer: &DocumentSigner,
    tx: &mut Tx,
    d: &IssueIn<'_>,
) -> Result<Option<String>> {
    if let Some(call_id) = d.call_id {
        let done: Option<String> =
            sqlx::query_scalar("SELECT id FROM documents WHERE call_id = $1 AND kind = $2")
                .bind(call_id)
                .bind(d.kind.as_str())
                .fetch_optional(&mut **tx)
                .await?;
        if done.is_some() {
            return Ok(None);
        }
    }
    let rel = latest(tx, d.kind).await?;
    let t = &rel.template;
    let lang = if crate::template::LANGUAGES.contains(&d.language) {
        d.language
    } else {
        "fr"
    };
    let now = k.now();
    let today = now.date_naive();
    let id = uuid::Uuid::new_v4().to_string();
    let (from, until) = match d.kind {
        DocumentKind::QuarantineCertificate => (d.start, d.start + Duration::days(t.days - 1)),
        DocumentKind::TestPrescription => (today, today + Duration::days(t.days - 1)),
    };
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    values.insert("holder_name".into(), d.holder_name.clone());
    values.insert(
        "birth_date".into(),
        d.birth_date.map_or_else(
            || words::unknown(lang).to_string(),
            |b| words::long_date(lang, b),
        ),
    );
    values.insert("issued_on".into(), words::long_date(lang, today));
    values.insert("document_id".into(), id.clone());
    values.insert("verify_url".into(), verify_url(k));
    values.insert("valid_from".into(), words::long_date(lang, from));
    values.insert("valid_until".into(), words::long_date(lang, until));
    if d.kind == DocumentKind::TestPrescription {
        values.insert("prescription_code".into(), prescription_code());
        values.insert("test_places".into(), words::test_places(lang).to_string());
    }
    let claims = Claims {
        v: 1,
        iss: t.issuer(lang).to_string(),
        id: id.clone(),
        kind: d.kind.to_string(),
        name: d.holder_name.clone(),
        dob: d.birth_date.map(|b| b.format("%Y-%m-%d").to_string()),
        from: from.format("%Y-%m-%d").to_string(),
        until: until.format("%Y-%m-%d").to_string(),
        rel: format!("{}@{}", t.id, rel.number),
        kid: signer.kid_text(),
        iat: now.timestamp(),
    };
    let code = signer.encode(&claims)?;
    let plain = serde_json::to_string(&Sealed { code, values })
        .map_err(|e| DocumentsError::Internal(e.to_string()))?;
    let key = cases::keys::sealing_key_of_case(k, tx, d.case_id).await?;
    let sealed = key.seal_str(sealed_aad(&id), &plain)?;
    sqlx::query(
        "INSERT INTO documents (id, kind, case_id, release_id, language, source, call_id, valid_from, valid_until, \
           sealed, state, issued_by, issued_at, job_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(&id)
    .bind(d.kind.as_str())
    .bind(d.case_id)
    .bind(rel.id)
    .bind(lang)
    .bind(d.source.as_str())
    .bind(d.call_id)
    .bind(&claims.from)
    .bind(&claims.until)
    .bind(sealed)
    .bind(DocumentState::Issued.as_str())
    .bind(d.actor)
    .bind(millis(now))
    .bind(d.job_id)
    .execute(&mut **tx)
    .await?;
    kernel::audit::append(
        tx,
        &k.db,
        now,
        &kernel::audit::Event {
            actor: d.actor,
            action: "document.issued",
            subject: &format!("document:{id}"),
            request_id: None,
            detail: serde_json::json!({
                "kind": d.kind.as_str(),
                "source": d.source.as_str(),
                "release": claims.rel,
                "valid_until": claims.until,
            }),
        },
    )
    .await?;
    Ok(Some(id))
}

pub use crate::readback::{load, of_case, render, DocumentRow, Listed, Loaded, Rendered};

/// Who issued document `id`, if it exists.
pub async fn issued_by(k: &Kernel, id: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT issued_by FROM documents WHERE id = $1")
            .bind(id)
            .fetch_optional(k.db.pool())
            .await?,
    )
}

/// Publishes every template of `dir` whose file is clean; returns the problems and
/// `(template, number, new)` per publication.
pub async fn publish_dir(
    k: &Kernel,
    dir: &std::path::Path,
    actor: &str,
) -> Result<(Vec<scripting::lint::Diagnostic>, Vec<(String, i64, bool)>)> {
    let (good, diags) = crate::template::lint_paths(&[dir.to_path_buf()])
        .map_err(|e| DocumentsError::Internal(format!("{}: {e}", dir.display())))?;
    let mut done = Vec::new();
    for (_, t) in good {
        let (number, new) = publish(k, &t, actor).await?;
        done.push((t.id.clone(), number, new));
    }
    Ok((diags, done))
}
