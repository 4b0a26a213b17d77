//! Document templates: one TOML file per kind under `documents/`, its letter in French,
//! Dutch, German and English, with `{placeholders}` the issuer fills in. Linted like scripts
//! (every problem with `path:line:column`), and published as numbered releases (see
//! `store`): a document records the release its text came from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use scripting::at;
use scripting::lint::source::SourceFile;
use scripting::lint::Diagnostic;
use serde::{Deserialize, Serialize};

/// The languages every template is written in (Belgium's three, and English).
pub const LANGUAGES: [&str; 4] = ["fr", "nl", "de", "en"];

kernel::text_enum! {
    /// What a document is.
    #[derive(utoipa::ToSchema)]
    pub enum DocumentKind {
        QuarantineCertificate = "quarantine_certificate",
        TestPrescription = "test_prescription",
    }
}

impl DocumentKind {
    /// The placeholders a template of this kind may use.
    pub fn placeholders(self) -> &'static [&'static str] {
        const COMMON: [&str; 5] = [
            "holder_name",
            "birth_date",
            "issued_on",
            "document_id",
            "verify_url",
        ];
        match self {
            DocumentKind::QuarantineCertificate => &[
                COMMON[0],
                COMMON[1],
                COMMON[2],
                COMMON[3],
                COMMON[4],
                "valid_from",
                "valid_until",
            ],
            DocumentKind::TestPrescription => &[
                COMMON[0],
                COMMON[1],
                COMMON[2],
                COMMON[3],
                COMMON[4],
                "prescription_code",
                "valid_until",
                "test_places",
            ],
        }
    }
}

/// One language's letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letter {
    pub title: String,
    pub subject: String,
    pub body: Vec<String>,
    pub closing: String,
    pub signature: String,
    pub verify: String,
}

/// A template as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub kind: DocumentKind,
    /// Certificate: how long the quarantine lasts from its start; prescription: how long
    /// it is valid from its issue. In days.
    pub days: i64,
    pub issuer: BTreeMap<String, String>,
    pub text: BTreeMap<String, Letter>,
}

impl Template {
    /// The letter in `lang`, else in French (the centre's working language).
    pub fn letter(&self, lang: &str) -> Option<&Letter> {
        self.text.get(lang).or_else(|| self.text.get("fr"))
    }

    pub fn issuer(&self, lang: &str) -> &str {
        self.issuer
            .get(lang)
            .or_else(|| self.issuer.get("fr"))
            .map_or("", String::as_str)
    }
}

/// Fills `{name}` placeholders of `text` from `values` (an unknown one stays as written:
/// the linter refuses such a template before it is published).
pub fn fill(text: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) if values.contains_key(&after[..end]) => {
                out.push_str(&values[&after[..end]]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders of `text` with their byte offsets.
fn placeholders_in(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = text[from..].find('{') {
        let start = from + start;
        match text[start + 1..].find('}') {
            Some(end) => {
                out.push((start, &text[start + 1..start + 1 + end]));
                from = start + 1 + end + 1;
            }
            None => {
                out.push((start, ""));
                break;
            }
        }
    }
    out
}

/// Reads and checks one template file: the template, or every problem with its place.
pub fn lint_file(path: &Path, text: &str) -> Result<Template, Vec<Diagnostic>> {
    let src = SourceFile::new(path.to_path_buf(), text.to_string());
    let diag = |(line, column): (usize, usize), message: String| Diagnostic {
        path: path.to_path_buf(),
        line,
        column,
        message,
    };
    let template: Template = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = e.span().map_or((1, 1), |s| src.line_col(s.start));
            return Err(vec![diag((line, column), e.message().to_string())]);
        }
    };
    let mut out = Vec::new();
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if template.id != stem {
        out.push(diag(
            src.locate(&at!["id"]),
            format!("id {:?} must be the file's name ({stem:?})", template.id),
        ));
    }
    if !(1..=60).contains(&template.days) {
        out.push(diag(
            src.locate(&at!["days"]),
            "days is 1 to 60".to_string(),
        ));
    }
    for lang in LANGUAGES {
        if template
            .issuer
            .get(lang)
            .is_none_or(|s| s.trim().is_empty())
        {
            out.push(diag(
                src.locate(&at!["issuer"]),
                format!("issuer has no {lang} text"),
            ));
        }
        if !template.text.contains_key(lang) {
            out.push(diag(
                src.locate(&at!["text"]),
                format!("no [text.{lang}]: every template is written in fr, nl, de and en"),
            ));
        }
    }
    for lang in template
        .text
        .keys()
        .filter(|l| !LANGUAGES.contains(&l.as_str()))
    {
        out.push(diag(
            src.locate(&at!["text", lang]),
            format!("{lang:?} is not one of fr, nl, de, en"),
        ));
    }
    let allowed = template.kind.placeholders();
    for (lang, letter) in &template.text {
        let mut fields: Vec<(Vec<scripting::lint::source::Seg>, &str)> = vec![
            (at!["text", lang, "title"].to_vec(), &letter.title),
            (at!["text", lang, "subject"].to_vec(), &letter.subject),
            (at!["text", lang, "closing"].to_vec(), &letter.closing),
            (at!["text", lang, "signature"].to_vec(), &letter.signature),
            (at!["text", lang, "verify"].to_vec(), &letter.verify),
        ];
        for (i, p) in letter.body.iter().enumerate() {
            fields.push((at!["text", lang, "body", i].to_vec(), p));
        }
        if letter.body.is_empty() {
            out.push(diag(
                src.locate(&at!["text", lang, "body"]),
                "the body has at least one paragraph".into(),
            ));
        }
        for (place, value) in fields {
            if value.trim().is_empty() {
                out.push(diag(src.locate(&place), "is empty".into()));
            }
            for (offset, name) in placeholders_in(value) {
                if !allowed.contains(&name) {
                    out.push(diag(
                        src.locate_in(&place, value, offset),
                        format!(
                            "{{{name}}} is not a placeholder of a {}; use one of {}",
                            template.kind,
                            allowed.join(", ")
                        ),
                    ));
                }
            }
        }
    }
    if out.is_empty() {
        Ok(template)
    } else {
        Err(out)
    }
}

/// The templates that passed, with their files, and the problems of the others.
pub type Linted = (Vec<(PathBuf, Template)>, Vec<Diagnostic>);

/// Every `.toml` file under `paths` (files or folders), linted: the good templates and the
/// problems of the others.
pub fn lint_paths(paths: &[PathBuf]) -> std::io::Result<Linted> {
    scripting::lint::lint_each(paths, lint_file)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn shipped(name: &str) -> (PathBuf, String) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../documents")
            .join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        (path, text)
    }

    #[test]
    fn the_shipped_templates_are_clean() {
        for name in ["quarantine_certificate.toml", "test_prescription.toml"] {
            let (path, text) = shipped(name);
            let t = lint_file(&path, &text).unwrap_or_else(|d| panic!("{d:?}"));
            assert_eq!(t.text.len(), 4);
        }
    }

    #[test]
    fn an_unknown_placeholder_is_named_with_its_place() {
        let (path, text) = shipped("quarantine_certificate.toml");
        let broken = text.replacen("{valid_until}", "{diagnosis}", 1);
        let diags = lint_file(&path, &broken).unwrap_err();
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert!(d.message.contains("{diagnosis}"), "{}", d.message);
        let line = broken.lines().nth(d.line - 1).unwrap();
        let at: String = line.chars().skip(d.column - 1).take(11).collect();
        assert_eq!(at, "{diagnosis}", "line {} column {}", d.line, d.column);
    }

    #[test]
    fn placeholders_are_filled() {
        let values = BTreeMap::from([("holder_name", "Ana Peeters".to_string())]);
        assert_eq!(
            fill("Pour {holder_name} {other}", &values),
            "Pour Ana Peeters {other}"
        );
    }
}
