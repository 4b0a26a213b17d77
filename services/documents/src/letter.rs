//! A document's letter: its template release filled with the document's values, drawn as a
//! PDF page with its signed code as a QR.

use std::collections::BTreeMap;

use crate::error::{DocumentsError, Result};
use crate::store::{DocumentRow, Release};
use crate::template::fill;

/// A letter filled in, owning its texts (so a print run can hold many).
#[derive(Debug, Clone)]
pub struct Filled {
    lang: String,
    issuer: String,
    reference: String,
    title: String,
    subject: String,
    body: Vec<String>,
    closing: String,
    signature: String,
    verify: String,
    code: String,
    footer: String,
}

impl Filled {
    /// The page to draw.
    pub fn page(&self) -> crate::pdf::Page<'_> {
        crate::pdf::Page {
            lang: &self.lang,
            issuer: &self.issuer,
            reference: &self.reference,
            title: &self.title,
            subject: &self.subject,
            body: &self.body,
            closing: &self.closing,
            signature: &self.signature,
            verify: &self.verify,
            code: &self.code,
            footer: &self.footer,
        }
    }
}

/// A document's letter: its release's text in its language, filled with its values.
pub fn fill_in(
    rel: &Release,
    doc: &DocumentRow,
    values: &BTreeMap<String, String>,
    code: &str,
) -> Result<Filled> {
    let lang = doc.language.as_str();
    let t = &rel.template;
    let letter = t
        .letter(lang)
        .ok_or_else(|| DocumentsError::Internal(format!("template {} has no text", t.id)))?;
    let values: BTreeMap<&str, String> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    let f = |s: &str| fill(s, &values);
    Ok(Filled {
        lang: lang.to_string(),
        issuer: t.issuer(lang).to_string(),
        reference: format!(
            "{} · {} {}",
            values.get("issued_on").cloned().unwrap_or_default(),
            crate::words::number_sign(lang),
            short_id(&doc.id)
        ),
        title: f(&letter.title),
        subject: f(&letter.subject),
        body: letter.body.iter().map(|p| f(p)).collect(),
        closing: f(&letter.closing),
        signature: f(&letter.signature),
        verify: f(&letter.verify),
        code: code.to_string(),
        footer: format!("{}@{} · {}", t.id, rel.number, doc.id),
    })
}

/// The PDF of a document.
pub fn pdf(
    rel: &Release,
    doc: &DocumentRow,
    values: &BTreeMap<String, String>,
    code: &str,
) -> Result<Vec<u8>> {
    crate::pdf::render(&fill_in(rel, doc, values, code)?.page())
}

/// The first block of a document id, for the heading.
fn short_id(id: &str) -> String {
    id.split('-').next().unwrap_or(id).to_uppercase()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::template::lint_file;

    /// Renders the shipped certificate in each language; `TRACECALL_PDF_OUT` keeps them.
    #[test]
    fn the_shipped_letters_fit_on_one_page_in_every_language() {
        for name in ["quarantine_certificate", "test_prescription"] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../documents")
                .join(format!("{name}.toml"));
            let text = std::fs::read_to_string(&path).unwrap();
            let template = lint_file(&path, &text).unwrap();
            let rel = Release {
                id: 1,
                number: 1,
                template,
            };
            for lang in crate::template::LANGUAGES {
                let doc = DocumentRow {
                    id: "3f2a9c1e-0000-4000-8000-000000000001".into(),
                    kind: rel.template.kind,
                    case_id: "c".into(),
                    language: lang.into(),
                    valid_from: "2026-11-20".into(),
                    valid_until: "2026-11-29".into(),
                    state: "issued".into(),
                    issued_by: "user:1".into(),
                    issued_at: 0,
                    release: format!("{name}@1"),
                };
                let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
                let values: BTreeMap<String, String> = [
                    ("holder_name", "Ana Peeters-Vandenbroucke".to_string()),
                    ("birth_date", crate::words::long_date(lang, d)),
                    ("issued_on", crate::words::long_date(lang, d)),
                    ("document_id", doc.id.clone()),
                    ("verify_url", "https://tracing.example.be/verify".into()),
                    ("valid_from", crate::words::long_date(lang, d)),
                    ("valid_until", crate::words::long_date(lang, d)),
                    ("prescription_code", "ABCD-EFGH-JKLM-NPQR".into()),
                    ("test_places", crate::words::test_places(lang).into()),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
                let pdf = pdf(&rel, &doc, &values, &format!("TC1:{}", "A".repeat(300))).unwrap();
                assert!(pdf.starts_with(b"%PDF-"));
                if let Ok(dir) = std::env::var("TRACECALL_PDF_OUT") {
                    std::fs::write(format!("{dir}/{name}-{lang}.pdf"), &pdf).unwrap();
                }
            }
        }
    }
}
