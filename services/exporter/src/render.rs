//! Files of an export: the dataset as CSV (RFC 4180: comma, CRLF, quotes where needed, UTF-8)
//! and as JSON, the manifest, and the one body POSTed to the institute. The content files
//! depend on the data and the period only, so two runs over the same data give the same
//! bytes; the manifest also says when it was generated.

use serde_json::{json, Map, Value as J};
use sha2::{Digest, Sha256};

use crate::datasets::{Built, Value};
use crate::error::{ExportError, Result};

/// The content files of an export, and their manifest.
#[derive(Debug, Clone)]
pub struct Files {
    pub csv: String,
    pub json: String,
    pub manifest: J,
}

impl Files {
    pub fn csv_name(&self) -> String {
        format!(
            "{}.csv",
            self.manifest["dataset"].as_str().unwrap_or("export")
        )
    }

    pub fn json_name(&self) -> String {
        format!(
            "{}.json",
            self.manifest["dataset"].as_str().unwrap_or("export")
        )
    }

    /// The exact bytes POSTed: the manifest and both files, as one JSON document with sorted
    /// keys. The files are strings, so their bytes (and the manifest's hashes) survive intact.
    pub fn body(&self) -> Vec<u8> {
        let mut files = Map::new();
        files.insert(self.csv_name(), J::String(self.csv.clone()));
        files.insert(self.json_name(), J::String(self.json.clone()));
        serde_json::to_vec(&json!({ "manifest": self.manifest, "files": files }))
            .unwrap_or_default()
    }
}

pub fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn share(v: f64) -> String {
    format!("{v:.4}")
}

fn csv_text(b: &Built) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(b.dataset.columns())
        .map_err(|e| ExportError::Invalid(e.to_string()))?;
    for row in &b.rows {
        let fields: Vec<String> = row
            .iter()
            .map(|v| match v {
                // Text can come from people (a campaign's name): never a formula.
                Value::Text(s) => kernel::csv_cell::neutralise(s).into_owned(),
                Value::Count(Some(n)) => n.to_string(),
                Value::Share(Some(x)) => share(*x),
                Value::Count(None) | Value::Share(None) => String::new(),
            })
            .collect();
        w.write_record(&fields)
            .map_err(|e| ExportError::Invalid(e.to_string()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::Invalid(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ExportError::Invalid(e.to_string()))
}

fn json_text(b: &Built, k: i64) -> String {
    let rows: Vec<J> = b
        .rows
        .iter()
        .map(|row| {
            J::Array(
                row.iter()
                    .map(|v| match v {
                        Value::Text(s) => J::String(s.clone()),
                        Value::Count(n) => json!(n),
                        // Rounded as in the CSV, so both files say the same.
                        Value::Share(x) => x
                            .and_then(|x| share(x).parse::<f64>().ok())
                            .map_or(J::Null, |x| json!(x)),
                    })
                    .collect(),
            )
        })
        .collect();
    let doc = json!({
        "dataset": b.dataset.as_str(), "schema_version": b.dataset.schema_version(),
        "period": {"from": b.date.to_string(), "to": b.date.to_string()},
        "k": k, "columns": b.dataset.columns(), "rows": rows,
    });
    serde_json::to_string(&doc).unwrap_or_default() + "\n"
}

/// Which version of a day a rendering is: the first build, or a correction of `supersedes`.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    pub number: i64,
    pub supersedes: Option<&'a str>,
}

/// Renders `built`; `generated_at` and the version go into the manifest only.
pub fn render(
    built: &Built,
    k: i64,
    time_zone: &str,
    generated_at: &str,
    version: Version<'_>,
) -> Result<Files> {
    let csv = csv_text(built)?;
    let json = json_text(built, k);
    let name = built.dataset.as_str();
    let manifest = json!({
        "dataset": name,
        "schema_version": built.dataset.schema_version(),
        "period": {"from": built.date.to_string(), "to": built.date.to_string(), "time_zone": time_zone},
        "rows": built.rows.len(),
        "k": k,
        "version": version.number,
        "supersedes": version.supersedes,
        "suppression": "primary below k, complementary on every row and column, nested columns together, and against earlier versions of the day (v2)",
        "files": [
            {"name": format!("{name}.csv"), "sha256": sha256(csv.as_bytes()), "bytes": csv.len(), "content_type": "text/csv"},
            {"name": format!("{name}.json"), "sha256": sha256(json.as_bytes()), "bytes": json.len(), "content_type": "application/json"},
        ],
        "generated_at": generated_at,
    });
    Ok(Files {
        csv,
        json,
        manifest,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::datasets::Dataset;

    #[test]
    fn a_campaign_named_like_a_formula_is_text_in_the_csv() {
        let built = Built {
            dataset: Dataset::CallOutcomes,
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            rows: vec![vec![
                Value::Text("2026-11-29".into()),
                Value::Text("c1".into()),
                Value::Text("=HYPERLINK(\"http://x\")".into()),
                Value::Text("reached".into()),
                Value::Count(Some(12)),
            ]],
        };
        let csv = csv_text(&built).unwrap();
        assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
        assert!(csv.contains(",reached,12"), "{csv}");
        // The JSON keeps the value as it is (it is not opened by spreadsheets).
        assert!(json_text(&built, 5).contains("=HYPERLINK"));
    }
}
