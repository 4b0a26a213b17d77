//! Issued documents read back: listed (nothing sealed opened), loaded (the holder's values
//! and the signed code opened under the person's key), and drawn again as PDF.

use std::collections::BTreeMap;

use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::error::{DocumentsError, Result};
use crate::store::{sealed_aad, Release, Sealed};
use crate::template::{DocumentKind, Template};

/// A document as listed (nothing personal).
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DocumentRow {
    pub id: String,
    pub kind: DocumentKind,
    pub case_id: String,
    pub language: String,
    pub valid_from: String,
    pub valid_until: String,
    pub state: String,
    pub issued_by: String,
    pub issued_at: i64,
    pub release: String,
}

const COLUMNS: &str = "d.id, d.kind, d.case_id, d.language, d.valid_from, d.valid_until, d.state, \
    d.issued_by, d.issued_at, d.sealed, r.template_id, r.number, r.content, r.id AS release_id";

fn row(r: &sqlx::any::AnyRow) -> Result<DocumentRow> {
    Ok(DocumentRow {
        id: r.try_get("id")?,
        kind: r.try_get::<String, _>("kind")?.parse()?,
        case_id: r.try_get("case_id")?,
        language: r.try_get("language")?,
        valid_from: r.try_get("valid_from")?,
        valid_until: r.try_get("valid_until")?,
        state: r.try_get("state")?,
        issued_by: r.try_get("issued_by")?,
        issued_at: r.try_get("issued_at")?,
        release: format!(
            "{}@{}",
            r.try_get::<String, _>("template_id")?,
            r.try_get::<i64, _>("number")?
        ),
    })
}

/// A document read back: its row, release, and the sealed values and code, opened.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub doc: DocumentRow,
    pub rel: Release,
    pub values: BTreeMap<String, String>,
    pub code: String,
}

impl Loaded {
    /// The letter's title in its language.
    pub fn title(&self) -> String {
        self.rel
            .template
            .letter(&self.doc.language)
            .map(|l| l.title.clone())
            .unwrap_or_default()
    }
}

/// Reads document `id` and opens what is sealed in it.
pub async fn load(k: &Kernel, id: &str) -> Result<Loaded> {
    let r = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM documents d JOIN document_releases r ON r.id = d.release_id WHERE d.id = $1"
    ))
    .bind(id)
    .fetch_optional(k.db.pool())
    .await?
    .ok_or_else(|| DocumentsError::NotFound(format!("document {id}")))?;
    let doc = row(&r)?;
    let content: String = r.try_get("content")?;
    let rel = Release {
        id: r.try_get("release_id")?,
        number: r.try_get("number")?,
        template: serde_json::from_str(&content)
            .map_err(|e| DocumentsError::Internal(format!("template release: {e}")))?,
    };
    let sealed: Vec<u8> = r.try_get("sealed")?;
    let mut conn = k.db.pool().acquire().await?;
    let key = cases::keys::opening_key_of_case(k, &mut conn, &doc.case_id).await?;
    drop(conn);
    let plain = k
        .envelope
        .open_str_for(key.as_ref(), sealed_aad(id), &sealed)
        .map_err(|_| DocumentsError::NotFound(format!("document {id} (its holder was erased)")))?;
    let s: Sealed =
        serde_json::from_str(&plain).map_err(|e| DocumentsError::Internal(e.to_string()))?;
    Ok(Loaded {
        doc,
        rel,
        values: s.values,
        code: s.code,
    })
}

/// A document drawn again: its row, PDF, signed code and the letter's title (for a mail's
/// subject).
#[derive(Debug, Clone)]
pub struct Rendered {
    pub doc: DocumentRow,
    pub pdf: Vec<u8>,
    pub code: String,
    pub title: String,
}

/// A document, its PDF drawn again from its release and sealed values, and its signed code.
pub async fn render(k: &Kernel, id: &str) -> Result<Rendered> {
    let l = load(k, id).await?;
    let pdf = crate::letter::pdf(&l.rel, &l.doc, &l.values, &l.code)?;
    let title = l.title();
    Ok(Rendered {
        doc: l.doc,
        pdf,
        code: l.code,
        title,
    })
}

/// A document as a list shows it: its row and the letter's title in its language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Listed {
    #[serde(flatten)]
    pub doc: DocumentRow,
    pub title: String,
}

/// Every document of case `case_id`, newest first (nothing sealed is opened).
pub async fn of_case(k: &Kernel, case_id: &str) -> Result<Vec<Listed>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM documents d JOIN document_releases r ON r.id = d.release_id \
         WHERE d.case_id = $1 ORDER BY d.issued_at DESC, d.id"
    ))
    .bind(case_id)
    .fetch_all(k.db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let doc = row(r)?;
            let content: String = r.try_get("content")?;
            let t: Template = serde_json::from_str(&content)
                .map_err(|e| DocumentsError::Internal(format!("template release: {e}")))?;
            let title = t
                .letter(&doc.language)
                .map(|l| l.title.clone())
                .unwrap_or_default();
            Ok(Listed { doc, title })
        })
        .collect()
}
