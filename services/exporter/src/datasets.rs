//! The datasets, each with a versioned schema (see the crate docs for every column). A
//! dataset covers one day in the configured time zone; each is built from counts the owning
//! services compute, shaped into tables with their margins, and suppressed.
//!
//! Every dimension lists all its values (zeros included) in a fixed order, so the shape of a
//! file says nothing by itself and two runs over the same data give the same bytes.

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone};
use chrono_tz::Tz;
use kernel::db::Db;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ExportError, Result};
use crate::suppress::{suppress, suppress_nested, Mask, Table};
use crate::versions::key_of_row;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dataset {
    DailyCases,
    Reach,
    CallOutcomes,
    ContactsPerCase,
    OnsetToCall,
}

impl Dataset {
    pub const ALL: [Dataset; 5] = [
        Dataset::DailyCases,
        Dataset::Reach,
        Dataset::CallOutcomes,
        Dataset::ContactsPerCase,
        Dataset::OnsetToCall,
    ];

    /// How many days after a day its figures stop changing, so the schedule exports it then
    /// (a day's export is frozen): reach counts orders reached within 72 hours of their
    /// creation, contacts per case counts contacts named in the index cases' calls of the
    /// following days; the others are final once the day is over.
    pub fn settle_days(self) -> i64 {
        match self {
            Dataset::Reach => 4,
            Dataset::ContactsPerCase => 3,
            Dataset::DailyCases | Dataset::CallOutcomes | Dataset::OnsetToCall => 1,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::DailyCases => "daily_cases",
            Dataset::Reach => "reach",
            Dataset::CallOutcomes => "call_outcomes",
            Dataset::ContactsPerCase => "contacts_per_case",
            Dataset::OnsetToCall => "onset_to_call",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    /// Bumped whenever a column is added, removed or changes meaning.
    pub fn schema_version(self) -> u32 {
        1
    }

    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Dataset::DailyCases => &["date", "case_type", "region", "age_band", "sex", "count"],
            Dataset::Reach => &[
                "date",
                "case_type",
                "region",
                "orders",
                "reached_24h",
                "reached_48h",
                "reached_72h",
                "share_24h",
                "share_48h",
                "share_72h",
            ],
            Dataset::CallOutcomes => &["date", "campaign_id", "campaign", "outcome", "count"],
            Dataset::ContactsPerCase => &["date", "contacts", "index_cases"],
            Dataset::OnsetToCall => &["date", "days", "index_cases"],
        }
    }
}

/// One value of a row: a label, a count (`None` when suppressed) or a share.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Count(Option<i64>),
    Share(Option<f64>),
}

/// A built dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    pub dataset: Dataset,
    pub date: NaiveDate,
    pub rows: Vec<Vec<Value>>,
}

/// `[start, end)` of `date` in `tz`, as Unix milliseconds.
pub fn day_range(date: NaiveDate, tz: Tz) -> Result<(i64, i64)> {
    let at = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .and_then(|t| tz.from_local_datetime(&t).earliest())
            .map(|t| t.timestamp_millis())
            .ok_or_else(|| ExportError::Invalid(format!("no midnight on {d} in {tz}")))
    };
    let next = date
        .succ_opt()
        .ok_or_else(|| ExportError::Invalid(format!("no day after {date}")))?;
    Ok((at(date)?, at(next)?))
}

const ALL: &str = "ALL";
const UNKNOWN: &str = "UNK";

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// The index of `v` in `labels` (the last, "unknown", when absent).
fn slot(labels: &[String], v: Option<&str>) -> usize {
    v.and_then(|v| labels.iter().position(|l| l == v))
        .unwrap_or(labels.len() - 1)
}

fn with_unknown(values: &[&str]) -> Vec<String> {
    values
        .iter()
        .map(|s| s.to_string())
        .chain([UNKNOWN.to_string()])
        .collect()
}

/// Cells to suppress for a reason outside their table (an earlier version of the day), by
/// the key [`crate::versions::key_of_row`] gives them.
pub type Forced = BTreeSet<String>;

/// Hides in `mask` every cell whose row (as `row_at` builds it, the count last) is forced.
fn apply_forced(mask: &mut Mask, forced: &Forced, row_at: impl Fn(usize, usize) -> Vec<Value>) {
    if forced.is_empty() {
        return;
    }
    for r in 0..=mask.rows() {
        for c in 0..=mask.cols() {
            let row = row_at(r, c);
            if forced.contains(&key_of_row(&row, row.len())) {
                mask.hide(r, c);
            }
        }
    }
}

/// Appends a suppressed table's rows (margins labelled `ALL`) after `prefix`.
fn emit(
    out: &mut Vec<Vec<Value>>,
    prefix: &[Value],
    row_labels: &[Vec<String>],
    col_labels: &[Vec<String>],
    mut mask: Mask,
    forced: &Forced,
) {
    let all_row = vec![ALL.to_string(); row_labels.first().map_or(1, Vec::len)];
    let all_col = vec![ALL.to_string(); col_labels.first().map_or(0, Vec::len)];
    let row_at = |r: usize, c: usize| {
        let mut row = prefix.to_vec();
        row.extend(
            row_labels
                .get(r)
                .unwrap_or(&all_row)
                .iter()
                .map(|s| text(s)),
        );
        row.extend(
            col_labels
                .get(c)
                .unwrap_or(&all_col)
                .iter()
                .map(|s| text(s)),
        );
        row
    };
    apply_forced(&mut mask, forced, row_at);
    for r in 0..=mask.rows() {
        for c in 0..=mask.cols() {
            let mut row = row_at(r, c);
            row.push(Value::Count(mask.get(r, c)));
            out.push(row);
        }
    }
}

/// Builds `dataset` for `date` from `db` (the replica when one is configured).
pub async fn build(
    db: &Db,
    dataset: Dataset,
    date: NaiveDate,
    tz: Tz,
    k: i64,
    forced: &Forced,
) -> Result<Built> {
    let (from, to) = day_range(date, tz)?;
    let day = Value::Text(date.to_string());
    let mut rows = Vec::new();
    match dataset {
        Dataset::DailyCases => daily_cases(db, (from, to), k, &day, &mut rows, forced).await?,
        Dataset::Reach => reach(db, (from, to), k, &day, &mut rows, forced).await?,
        Dataset::CallOutcomes => call_outcomes(db, (from, to), k, &day, &mut rows, forced).await?,
        Dataset::ContactsPerCase => {
            let buckets = ["0", "1", "2", "3", "4", "5", "6-9", "10+"];
            let bucket = |n: i64| match n {
                0..=5 => n as usize,
                6..=9 => 6,
                _ => 7,
            };
            let mut cells = vec![vec![0i64]; buckets.len()];
            for (contacts, n) in cases::stats::contacts_per_index(db, from, to).await? {
                cells[bucket(contacts)][0] += n;
            }
            one_column(&mut rows, &day, &buckets, cells, k, forced);
        }
        Dataset::OnsetToCall => {
            let buckets = ["0", "1", "2", "3", "4", "5", "6", "7-13", "14+", UNKNOWN];
            let mut cells = vec![vec![0i64]; buckets.len()];
            // Days as the reaching call recorded them (the onset date itself is sealed).
            for days in campaigns::stats::reached_index_cases(db, from, to).await? {
                let b = match days {
                    Some(d @ 0..=6) => d as usize,
                    Some(7..=13) => 7,
                    Some(_) => 8,
                    None => 9,
                };
                cells[b][0] += 1;
            }
            one_column(&mut rows, &day, &buckets, cells, k, forced);
        }
    }
    Ok(Built {
        dataset,
        date,
        rows,
    })
}

/// A distribution: one count per bucket, and the total.
fn one_column(
    rows: &mut Vec<Vec<Value>>,
    day: &Value,
    buckets: &[&str],
    cells: Vec<Vec<i64>>,
    k: i64,
    forced: &Forced,
) {
    let mut mask = suppress(&Table { cells }, k);
    let row_at = |r: usize| vec![day.clone(), text(buckets.get(r).copied().unwrap_or(ALL))];
    apply_forced(&mut mask, forced, |r, _| row_at(r));
    for r in 0..=mask.rows() {
        let mut row = row_at(r);
        row.push(Value::Count(mask.get(r, 0)));
        rows.push(row);
    }
}

/// New cases of the day per type, region, age band and sex.
async fn daily_cases(
    db: &Db,
    (from, to): (i64, i64),
    k: i64,
    day: &Value,
    rows: &mut Vec<Vec<Value>>,
    forced: &Forced,
) -> Result<()> {
    let regions = with_unknown(&cases::stats::PROVINCES);
    let bands = with_unknown(&cases::stats::AGE_BANDS);
    let sexes = with_unknown(&["F", "M"]);
    let cols: Vec<Vec<String>> = bands
        .iter()
        .flat_map(|b| sexes.iter().map(move |s| vec![b.clone(), s.clone()]))
        .collect();
    let counts = cases::stats::new_cases(db, from, to).await?;
    for case_type in ["index", "contact"] {
        let mut cells = vec![vec![0i64; cols.len()]; regions.len()];
        for (t, region, band, sex, n) in &counts {
            if t == case_type {
                let c = slot(&bands, band.as_deref()) * sexes.len() + slot(&sexes, sex.as_deref());
                cells[slot(&regions, region.as_deref())][c] += n;
            }
        }
        let labels: Vec<Vec<String>> = regions.iter().map(|r| vec![r.clone()]).collect();
        let mask = suppress(&Table { cells }, k);
        emit(
            rows,
            &[day.clone(), text(case_type)],
            &labels,
            &cols,
            mask,
            forced,
        );
    }
    Ok(())
}

/// Attempts that ended that day per campaign and outcome (all zero when none did).
async fn call_outcomes(
    db: &Db,
    (from, to): (i64, i64),
    k: i64,
    day: &Value,
    rows: &mut Vec<Vec<Value>>,
    forced: &Forced,
) -> Result<()> {
    let counts = campaigns::stats::outcomes(db, from, to).await?;
    let mut campaigns: Vec<(String, String)> = counts
        .iter()
        .map(|(id, name, _, _)| (id.clone(), name.clone()))
        .collect();
    campaigns.sort();
    campaigns.dedup();
    let outcomes: Vec<&str> = campaigns::stats::Outcome::ALL
        .iter()
        .map(|o| o.as_str())
        .collect();
    if campaigns.is_empty() {
        // No attempt ended that day: the totals, all zero.
        for outcome in outcomes.iter().chain([&ALL]) {
            rows.push(vec![
                day.clone(),
                text(ALL),
                text(ALL),
                text(outcome),
                Value::Count(Some(0)),
            ]);
        }
        return Ok(());
    }
    let mut cells = vec![vec![0i64; outcomes.len()]; campaigns.len()];
    for (id, name, outcome, n) in &counts {
        if let (Some(r), Some(c)) = (
            campaigns.iter().position(|x| x.0 == *id && x.1 == *name),
            outcomes.iter().position(|o| o == outcome),
        ) {
            cells[r][c] += n;
        }
    }
    let labels: Vec<Vec<String>> = campaigns
        .iter()
        .map(|(id, name)| vec![id.clone(), name.clone()])
        .collect();
    let cols: Vec<Vec<String>> = outcomes.iter().map(|o| vec![o.to_string()]).collect();
    let mask = suppress(&Table { cells }, k);
    emit(
        rows,
        std::slice::from_ref(day),
        &labels,
        &cols,
        mask,
        forced,
    );
    Ok(())
}

/// Reach: per case type, each count column over the regions is a distribution with its total,
/// and the columns are nested (reached within 24 h within 48 h within 72 h within all orders),
/// so they are suppressed together ([`suppress_nested`]); a share is published only when both
/// of its counts are.
async fn reach(
    db: &Db,
    (from, to): (i64, i64),
    k: i64,
    day: &Value,
    rows: &mut Vec<Vec<Value>>,
    forced: &Forced,
) -> Result<()> {
    let regions = with_unknown(&cases::stats::PROVINCES);
    let counts = campaigns::stats::reach(db, from, to).await?;
    for case_type in ["index", "contact"] {
        // Columns: orders, reached within 24, 48, 72 hours.
        let mut cols = vec![vec![vec![0i64]; regions.len()]; 4];
        for (t, region, orders, r24, r48, r72) in &counts {
            if t == case_type {
                let r = slot(&regions, region.as_deref());
                for (i, v) in [orders, r24, r48, r72].into_iter().enumerate() {
                    cols[i][r][0] += v;
                }
            }
        }
        // Nested columns: suppressed together, so no difference between them is small.
        let tables: Vec<Table> = cols.into_iter().map(|cells| Table { cells }).collect();
        let mut masks = suppress_nested(
            &tables[1..]
                .iter()
                .chain(&tables[..1])
                .cloned()
                .collect::<Vec<_>>(),
            k,
        );
        // Back to the published order: orders, then 24, 48, 72 hours.
        masks.rotate_right(1);
        let labels = |r: usize| {
            vec![
                day.clone(),
                text(case_type),
                text(regions.get(r).map_or(ALL, String::as_str)),
            ]
        };
        // Counts sit at 3 (orders) to 6 (72 h) in the row.
        for (j, mask) in masks.iter_mut().enumerate() {
            apply_forced(mask, forced, |r, _| {
                let mut row = labels(r);
                row.extend(std::iter::repeat_n(Value::Count(None), j));
                row
            });
        }
        for r in 0..=regions.len() {
            let label = regions.get(r).map_or(ALL, String::as_str);
            let orders = masks[0].get(r, 0);
            let reached: Vec<Option<i64>> = (1..4).map(|i| masks[i].get(r, 0)).collect();
            let mut row = vec![
                day.clone(),
                text(case_type),
                text(label),
                Value::Count(orders),
            ];
            row.extend(reached.iter().map(|v| Value::Count(*v)));
            row.extend(reached.iter().map(|v| {
                Value::Share(match (v, orders) {
                    (Some(n), Some(d)) if d > 0 => Some(*n as f64 / d as f64),
                    _ => None,
                })
            }));
            rows.push(row);
        }
    }
    Ok(())
}
