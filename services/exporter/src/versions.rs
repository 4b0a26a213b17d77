//! Frozen days and their corrections: exports that cannot be differenced.
//!
//! An epidemiologist who could export today's partial data on demand, again and again, would
//! difference the runs and see single new cases. So an export covers a closed day only (one
//! that is over in the export time zone); the first build of a day is frozen, and asking for
//! that day again returns the very same bytes. Data about a closed day can still change (a
//! call reached within 72 hours of an order, contacts named in a later call): a correction is
//! asked for explicitly and becomes the day's next version, with its own manifest line
//! (`version`, `supersedes`). Each count it publishes is compared with every earlier version's
//! published count of the same cell; a difference from 1 to k-1 would publish a small count,
//! so that cell is suppressed in the new version (with its complements), until none is left.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use kernel::Kernel;
use sqlx::Row;

use crate::datasets::{self, Built, Dataset, Value};
use crate::error::{ExportError, Result};
use crate::render::Files;
use crate::store::{self, ExportInfo};
use crate::Exporter;

/// Refuses a day that is not over yet in the export time zone.
pub fn closed(k: &Kernel, ex: &Exporter, date: NaiveDate) -> Result<()> {
    let tz = ex.cfg.tz()?;
    let today = k.now().with_timezone(&tz).date_naive();
    if date >= today {
        return Err(ExportError::Kernel(kernel::Error::invalid(
            "date",
            "day_not_closed",
            format!(
                "exports cover closed days only: {date} is not over yet in {tz} (today is {today})"
            ),
        )));
    }
    Ok(())
}

/// A stored version: what it said, and its files.
pub struct Stored {
    pub info: ExportInfo,
    pub files: Files,
}

/// Every stored version of `dataset` for `date`, oldest first.
pub async fn versions(k: &Kernel, dataset: Dataset, date: NaiveDate) -> Result<Vec<Stored>> {
    let rows = sqlx::query(
        "SELECT id, csv, json, manifest FROM exports WHERE dataset = $1 AND period_date = $2 ORDER BY version",
    )
    .bind(dataset.as_str())
    .bind(date.to_string())
    .fetch_all(k.db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let id: String = r.try_get("id")?;
        let manifest: String = r.try_get("manifest")?;
        out.push(Stored {
            info: store::get(k, &id).await?,
            files: Files {
                csv: r.try_get("csv")?,
                json: r.try_get("json")?,
                manifest: serde_json::from_str(&manifest)
                    .map_err(|e| ExportError::Invalid(format!("manifest of export {id}: {e}")))?,
            },
        });
    }
    Ok(out)
}

/// A published count's cell: the row's labels (all text but the date) and the column index.
fn cell_key(labels: &[&str], index: usize) -> String {
    format!("{}#{index}", labels.join("|"))
}

/// The published counts of a built dataset, by cell.
pub fn counts_of(built: &Built) -> HashMap<String, i64> {
    let mut out = HashMap::new();
    for row in &built.rows {
        for (i, v) in row.iter().enumerate() {
            if let Value::Count(Some(n)) = v {
                out.insert(key_of_row(row, i), *n);
            }
        }
    }
    out
}

/// The published counts of a stored version, from its JSON file (shares are fractions and
/// are left out: they follow from the counts).
pub fn counts_in(json: &str) -> HashMap<String, i64> {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let mut out = HashMap::new();
    for row in doc["rows"].as_array().into_iter().flatten() {
        let Some(cells) = row.as_array() else {
            continue;
        };
        let labels: Vec<&str> = cells.iter().skip(1).filter_map(|v| v.as_str()).collect();
        for (i, v) in cells.iter().enumerate() {
            if let Some(n) = v.as_i64() {
                out.insert(cell_key(&labels, i), n);
            }
        }
    }
    out
}

/// The key of the cell at `index` of a row being built (for [`datasets::build`]'s forced
/// suppressions).
pub fn key_of_row(row: &[Value], index: usize) -> String {
    let labels: Vec<&str> = row
        .iter()
        .skip(1)
        .filter_map(|v| match v {
            Value::Text(s) => Some(s.as_str()),
            _ => None,
        })
        .collect();
    cell_key(&labels, index)
}

/// Builds a correction of `dataset` for `date` that publishes no count differing from any
/// earlier version's by 1 to k-1.
pub async fn build_against(
    ex: &Exporter,
    dataset: Dataset,
    date: NaiveDate,
    earlier: &[Stored],
) -> Result<Built> {
    let k = ex.cfg.k;
    let before: Vec<HashMap<String, i64>> =
        earlier.iter().map(|v| counts_in(&v.files.json)).collect();
    let mut forced = BTreeSet::new();
    loop {
        let built = datasets::build(&ex.read, dataset, date, ex.cfg.tz()?, k, &forced).await?;
        let more: Vec<String> = counts_of(&built)
            .into_iter()
            .filter(|(key, now)| {
                before.iter().any(|b| {
                    b.get(key)
                        .is_some_and(|then| (1..k).contains(&(now - then).abs()))
                })
            })
            .map(|(key, _)| key)
            .filter(|key| !forced.contains(key))
            .collect();
        if more.is_empty() {
            return Ok(built);
        }
        forced.extend(more);
    }
}
