//! CSV import of people and cases (columns in `shared/API.md`).
//!
//! Comma or semicolon (sniffed from the header), UTF-8 with or without BOM, CRLF, quoted
//! fields with newlines. The file is first checked to be UTF-8 as a whole: a Latin-1 file is
//! refused before anything is written, with the line of the first bad byte. Each row is
//! validated on its own: a bad row is reported by its line number and never stops its
//! neighbours. Valid rows are committed in batches of [`BATCH`], reading the file as a stream,
//! so memory does not grow with the file; duplicates are found against the database (which
//! holds the earlier batches and the current one), so they are found within the file too.

use std::io::{BufRead, Read};

use chrono::NaiveDate;
use kernel::Kernel;
use scripting::ident::{parse_postal_code, NationalNumber, PhoneE164};
use scripting::values::parse_date;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{CasesError, Result};
use crate::import_bulk::Line;
use crate::import_pipeline::Pipeline;
use crate::person::{CaseIn, CaseType, PersonIn};

/// Rows per transaction: large enough that the bulk path writes many rows to a statement,
/// small enough that a chunk's memory stays a few megabytes.
pub const BATCH: usize = 2000;
/// At most this many rejected lines are listed one by one (all are counted).
const MAX_LISTED: usize = 10_000;

pub const COLUMNS: [&str; 13] = [
    "national_number",
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "phone",
    "email",
    "language",
    "postal_code",
    "case_type",
    "index_case_code",
    "test_date",
    "exposure_date",
];

#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct Rejected {
    pub line: u64,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, ToSchema)]
pub struct Merge {
    pub line: u64,
    pub what: String,
}

#[derive(Debug, Clone, Default, Serialize, serde::Deserialize, ToSchema)]
pub struct ImportReport {
    pub rows: u64,
    pub people_created: u64,
    pub people_merged: u64,
    pub cases_created: u64,
    pub cases_merged: u64,
    pub rejected_count: u64,
    pub rejected: Vec<Rejected>,
    pub merges: Vec<Merge>,
}

impl ImportReport {
    /// Adds what a chunk did (its rows were counted when read).
    pub(crate) fn absorb(&mut self, chunk: ImportReport) {
        self.people_created += chunk.people_created;
        self.people_merged += chunk.people_merged;
        self.cases_created += chunk.cases_created;
        self.cases_merged += chunk.cases_merged;
        self.rejected_count += chunk.rejected_count;
        let room = MAX_LISTED.saturating_sub(self.rejected.len());
        self.rejected.extend(chunk.rejected.into_iter().take(room));
        self.merges.extend(chunk.merges);
    }

    pub(crate) fn reject(&mut self, line: u64, reason: String) {
        self.rejected_count += 1;
        if self.rejected.len() < MAX_LISTED {
            self.rejected.push(Rejected { line, reason });
        }
    }
}

/// Refuses a file that is not UTF-8, naming the line of the first bad byte; returns how
/// many line ends the file has (so a progress display can estimate the rows).
pub fn check_utf8(mut r: impl Read) -> Result<u64> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut carry: Vec<u8> = Vec::new();
    let mut line = 1u64;
    loop {
        let n = r
            .read(&mut buf)
            .map_err(|e| CasesError::Input(format!("cannot read the file: {e}")))?;
        if n == 0 {
            return if carry.is_empty() {
                Ok(line - 1)
            } else {
                Err(not_utf8(line))
            };
        }
        carry.extend_from_slice(&buf[..n]);
        match std::str::from_utf8(&carry) {
            Ok(s) => {
                line += s.matches('\n').count() as u64;
                carry.clear();
            }
            Err(e) => {
                let good = e.valid_up_to();
                line += carry[..good].iter().filter(|b| **b == b'\n').count() as u64;
                if e.error_len().is_some() {
                    return Err(not_utf8(line));
                }
                carry.drain(..good);
            }
        }
    }
}

fn not_utf8(line: u64) -> CasesError {
    CasesError::Input(format!(
        "line {line}: the file is not UTF-8 (it looks like Latin-1 / Windows-1252); save it as UTF-8 (CSV UTF-8 in spreadsheet programs) and import again; nothing was imported"
    ))
}

/// Validates one row (a file's, or a caller's details typed by an agent): every problem of
/// the row, as (field, message).
pub(crate) fn parse_row(
    get: impl Fn(&str) -> Option<String>,
    today: NaiveDate,
) -> std::result::Result<(PersonIn, CaseIn), Vec<(String, String)>> {
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut err = |field: &str, msg: &str| errors.push((field.to_string(), msg.to_string()));
    let date = |field: &str, errs: &mut dyn FnMut(&str, &str)| -> Option<NaiveDate> {
        let v = get(field)?;
        match parse_date(&v).and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) {
            Some(d) if d > today => {
                errs(field, "is in the future");
                None
            }
            Some(d) => Some(d),
            None => {
                errs(
                    field,
                    &format!("{v:?} is not a real date (YYYY-MM-DD or DD/MM/YYYY)"),
                );
                None
            }
        }
    };
    let nn = get("national_number").and_then(|v| {
        NationalNumber::parse(&v)
            .map_err(|m| err("national_number", m))
            .ok()
    });
    let phone = get("phone").and_then(|v| {
        PhoneE164::parse(&v)
            .map_err(|_| err("phone", &format!("{v:?} is not a phone number")))
            .ok()
    });
    if get("national_number").is_none() && get("phone").is_none() {
        err(
            "national_number",
            "either national_number or phone is required",
        );
    }
    let last_name = get("last_name").unwrap_or_default();
    if last_name.is_empty() {
        err("last_name", "is required");
    }
    let birth_date = date("birth_date", &mut err);
    let test_date = date("test_date", &mut err);
    let exposure_date = date("exposure_date", &mut err);
    let sex = get("sex").map(|s| s.to_uppercase());
    if sex
        .as_deref()
        .is_some_and(|s| !matches!(s, "M" | "F" | "X"))
    {
        err("sex", "use M, F or X");
    }
    let language = get("language").map(|s| s.to_lowercase());
    if language
        .as_deref()
        .is_some_and(|l| !matches!(l, "fr" | "nl" | "de" | "en"))
    {
        err("language", "use fr, nl, de or en");
    }
    let postal_code = get("postal_code").and_then(|v| {
        parse_postal_code(&v)
            .map_err(|m| err("postal_code", m))
            .ok()
    });
    let email = get("email").map(|e| e.to_lowercase());
    if email.as_deref().is_some_and(|e| {
        !e.split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.'))
    }) {
        err("email", "not an email address");
    }
    let case_type = match get("case_type").as_deref() {
        Some("index") => Some(CaseType::Index),
        Some("contact") => Some(CaseType::Contact),
        Some(other) => {
            err("case_type", &format!("{other:?}: use index or contact"));
            None
        }
        None => {
            err("case_type", "is required (index or contact)");
            None
        }
    };
    let index_case_code = get("index_case_code").map(|c| crate::code::parse(&c).ok_or(c));
    let index_case_code = match index_case_code {
        Some(Ok(c)) => Some(c),
        Some(Err(c)) => {
            err("index_case_code", &format!("{c:?} is not a case code"));
            None
        }
        None => None,
    };
    match (errors.is_empty(), case_type) {
        (true, Some(case_type)) => Ok((
            PersonIn {
                national_number: nn,
                first_name: get("first_name").unwrap_or_default(),
                last_name,
                birth_date,
                sex,
                phone,
                email,
                language,
                postal_code,
            },
            CaseIn {
                case_type,
                index_case_code,
                test_date,
                exposure_date,
            },
        )),
        _ => Err(errors),
    }
}

/// Imports a CSV stream. `progress` is called with the number of rows read so far, every
/// [`BATCH`] rows and at the end.
pub async fn import(
    k: &Kernel,
    input: impl BufRead,
    actor: &str,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<ImportReport> {
    let mut input = input;
    // Skip a UTF-8 byte-order mark, then sniff the delimiter on the header line.
    let head = input
        .fill_buf()
        .map_err(|e| CasesError::Input(e.to_string()))?;
    if head.starts_with(b"\xEF\xBB\xBF") {
        input.consume(3);
    }
    let head = input
        .fill_buf()
        .map_err(|e| CasesError::Input(e.to_string()))?;
    let first_line = head.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let delimiter = if first_line.iter().filter(|b| **b == b';').count()
        > first_line.iter().filter(|b| **b == b',').count()
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(input);
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| CasesError::Input(format!("line 1: cannot read the header: {e}")))?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let unknown: Vec<&str> = headers
        .iter()
        .map(String::as_str)
        .filter(|h| !COLUMNS.contains(h))
        .collect();
    if !unknown.is_empty() {
        return Err(CasesError::Input(format!(
            "line 1: unknown column(s): {}; expected some of: {}",
            unknown.join(", "),
            COLUMNS.join(", ")
        )));
    }
    for required in ["last_name", "case_type"] {
        if !headers.iter().any(|h| h == required) {
            return Err(CasesError::Input(format!(
                "line 1: column {required} is required"
            )));
        }
    }
    if !headers
        .iter()
        .any(|h| h == "national_number" || h == "phone")
    {
        return Err(CasesError::Input(
            "line 1: a national_number or a phone column is required".into(),
        ));
    }
    let today = k.now().date_naive();
    let mut report = ImportReport::default();
    let mut batch: Vec<Line> = Vec::with_capacity(BATCH);
    let mut pipeline = Pipeline::new(k);
    let mut record = csv::StringRecord::new();
    let mut quoted_newlines = 0u64;
    loop {
        let more = match reader.read_record(&mut record) {
            Ok(more) => more,
            Err(e) => {
                // The rows read before it are written before the error is told.
                pipeline
                    .send(k, std::mem::take(&mut batch), actor, &mut report)
                    .await?;
                pipeline.finish(k, actor, &mut report).await?;
                let line = e.position().map_or(0, |p| p.line());
                return Err(CasesError::Input(format!("line {line}: the file cannot be read further: {e}; rows before it were imported")));
            }
        };
        if !more {
            break;
        }
        // The csv reader does not count newlines inside quoted fields; people look for the
        // line their editor shows, so those are added back.
        let line = record.position().map_or(0, |p| p.line()) + quoted_newlines;
        quoted_newlines += record
            .iter()
            .map(|f| f.matches('\n').count() as u64)
            .sum::<u64>();
        report.rows += 1;
        if report.rows % BATCH as u64 == 0 {
            progress(report.rows);
        }
        if record.len() != headers.len() {
            report.reject(
                line,
                format!(
                    "{} fields where the header has {}",
                    record.len(),
                    headers.len()
                ),
            );
            continue;
        }
        let get = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        match parse_row(get, today) {
            Ok((person, case)) => batch.push(Line { line, person, case }),
            Err(errors) => report.reject(
                line,
                errors
                    .iter()
                    .map(|(field, message)| format!("{field}: {message}"))
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        }
        if batch.len() >= BATCH {
            pipeline
                .send(k, std::mem::take(&mut batch), actor, &mut report)
                .await?;
        }
    }
    pipeline.send(k, batch, actor, &mut report).await?;
    pipeline.finish(k, actor, &mut report).await?;
    report.rejected.sort_by_key(|r| r.line);
    report.merges.sort_by_key(|m| m.line);
    progress(report.rows);
    Ok(report)
}
