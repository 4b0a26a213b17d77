//! A case's exact dates (test, exposure, symptom onset) are sealed under the person's key in
//! `cases.dates`: only the case needs them, and with sex, age band and postal code a day of
//! testing can single a person out. What urgency and the exports need stays in the clear,
//! coarsened: whether symptoms are known (`symptomatic`), and the days from onset to the call
//! that reached the person (`onset_days_at_call`, 14 meaning 14 or more). Call-order deadlines
//! run from the case's registration (`created_at`), which the platform controls.

use chrono::NaiveDate;
use kernel::crypto::envelope::Aad;
use kernel::crypto::person::PersonKey;
use kernel::Kernel;
use serde::{Deserialize, Serialize};
use sqlx::Row;

use crate::error::{CasesError, Result};
use crate::store::CaseRow;

/// The sealed dates, `YYYY-MM-DD` each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDates {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exposure_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onset_date: Option<String>,
}

impl CaseDates {
    /// The dates an import row or a registration gives for a case.
    pub fn given(c: &crate::person::CaseIn) -> Self {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        CaseDates {
            test_date: date(c.test_date),
            exposure_date: date(c.exposure_date),
            onset_date: None,
        }
    }

    /// Fills what `self` lacks from `other` (a merged import row adds dates, never replaces).
    pub fn fill_from(&mut self, other: &CaseDates) {
        for (mine, theirs) in [
            (&mut self.test_date, &other.test_date),
            (&mut self.exposure_date, &other.exposure_date),
            (&mut self.onset_date, &other.onset_date),
        ] {
            if mine.is_none() {
                mine.clone_from(theirs);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == CaseDates::default()
    }
}

fn aad(case_id: &str) -> Aad<'_> {
    Aad {
        table: "cases",
        column: "dates",
        row: case_id,
    }
}

/// Seals `dates` for case `case_id` (`None` when there are none).
pub fn seal(key: &PersonKey, case_id: &str, dates: &CaseDates) -> Result<Option<Vec<u8>>> {
    if dates.is_empty() {
        return Ok(None);
    }
    let text = serde_json::to_string(dates).map_err(|e| CasesError::Internal(e.to_string()))?;
    Ok(Some(key.seal_str(aad(case_id), &text)?))
}

/// Opens a case's sealed dates (none once the person was erased).
pub fn open(
    k: &Kernel,
    key: Option<&PersonKey>,
    case_id: &str,
    sealed: Option<&[u8]>,
) -> Result<CaseDates> {
    let Some(sealed) = sealed else {
        return Ok(CaseDates::default());
    };
    let text = k.envelope.open_str_for(key, aad(case_id), sealed)?;
    serde_json::from_str(&text)
        .map_err(|e| CasesError::Internal(format!("dates of case {case_id}: {e}")))
}

/// The case with its dates opened (for someone allowed to see the case).
pub async fn with_dates(
    k: &Kernel,
    conn: &mut sqlx::AnyConnection,
    mut case: CaseRow,
) -> Result<CaseRow> {
    if case.sealed_dates.is_some() {
        let key = crate::keys::opening_key_of_case(k, conn, &case.id).await?;
        match open(k, key.as_ref(), &case.id, case.sealed_dates.as_deref()) {
            Ok(dates) => {
                case.test_date = dates.test_date;
                case.exposure_date = dates.exposure_date;
                case.onset_date = dates.onset_date;
            }
            // The person was erased: their dates are gone, the case row stays.
            Err(_) if key.is_none() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(case)
}

/// Days from symptom onset to `reached` (a day in the same calendar), as exported: 0 and up,
/// 14 meaning 14 or more; `None` for an onset after the call (a mistyped date).
pub fn onset_days(onset: NaiveDate, reached: NaiveDate) -> Option<i64> {
    let days = (reached - onset).num_days();
    (days >= 0).then_some(days.min(14))
}

/// Records the symptom onset a reaching call captured: sealed with the case's other dates,
/// and, in the clear, that symptoms are known and how many days before the call they began.
pub async fn record_onset(
    k: &Kernel,
    tx: &mut kernel::db::Tx,
    case_id: &str,
    onset: &str,
    at: i64,
) -> Result<()> {
    let Ok(day) = NaiveDate::parse_from_str(onset, "%Y-%m-%d") else {
        return Err(CasesError::invalid(
            "onset_date",
            "invalid_date",
            "a date as YYYY-MM-DD",
        ));
    };
    let row = sqlx::query("SELECT dates FROM cases WHERE id = $1 AND purged_at IS NULL")
        .bind(case_id)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(row) = row else {
        return Ok(());
    };
    let sealed: Option<Vec<u8>> = row.try_get("dates")?;
    let key = crate::keys::sealing_key_of_case(k, tx, case_id).await?;
    let mut dates = open(k, Some(&key), case_id, sealed.as_deref())?;
    dates.onset_date = Some(day.format("%Y-%m-%d").to_string());
    let today = k.now().date_naive();
    sqlx::query(
        "UPDATE cases SET dates = $2, symptomatic = 1, onset_days_at_call = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(case_id)
    .bind(seal(&key, case_id, &dates)?)
    .bind(onset_days(day, today))
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Seals the clear dates of cases registered before they were sealed, and empties those
/// columns; a batch at a time, so it resumes where it stopped. Returns how many cases.
pub async fn seal_legacy(k: &Kernel) -> Result<u64> {
    let mut done = 0;
    loop {
        let rows = sqlx::query(
            "SELECT id, person_id, test_date, exposure_date, onset_date, dates FROM cases \
             WHERE test_date IS NOT NULL OR exposure_date IS NOT NULL OR onset_date IS NOT NULL LIMIT 500",
        )
        .fetch_all(k.db.pool())
        .await?;
        if rows.is_empty() {
            return Ok(done);
        }
        let mut tx = k.db.begin().await?;
        for r in &rows {
            let id: String = r.try_get("id")?;
            let person: String = r.try_get("person_id")?;
            let clear = CaseDates {
                test_date: r.try_get("test_date")?,
                exposure_date: r.try_get("exposure_date")?,
                onset_date: r.try_get("onset_date")?,
            };
            let erased: Option<i64> =
                sqlx::query_scalar("SELECT erased_at FROM people WHERE id = $1")
                    .bind(&person)
                    .fetch_one(&mut *tx)
                    .await?;
            let sealed = if erased.is_some() {
                // An erased person's dates are not sealed again: they go.
                None
            } else {
                let key = crate::keys::sealing_key(k, &mut tx, &person).await?;
                let sealed: Option<Vec<u8>> = r.try_get("dates")?;
                let mut dates = open(k, Some(&key), &id, sealed.as_deref())?;
                dates.fill_from(&clear);
                seal(&key, &id, &dates)?
            };
            sqlx::query(
                "UPDATE cases SET dates = $2, symptomatic = CASE WHEN onset_date IS NOT NULL THEN 1 ELSE symptomatic END, \
                 test_date = NULL, exposure_date = NULL, onset_date = NULL WHERE id = $1",
            )
            .bind(&id)
            .bind(sealed)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        done += rows.len() as u64;
    }
}
