//! Counts over cases for the epidemiological exports: no personal data leaves here, only
//! counts grouped by the clear attributes (case type, region, age band, sex). Each function
//! is one statement over one period, so it holds one short snapshot.

use kernel::db::Db;
use sqlx::Row;

use crate::error::Result;

/// Belgian provinces as `region` holds them (plus Brussels).
pub const PROVINCES: [&str; 11] = [
    "ANT", "BRU", "HAI", "LIE", "LIM", "LUX", "NAM", "OVL", "VBR", "WBR", "WVL",
];

/// Ten-year age bands as `age_band` holds them.
pub const AGE_BANDS: [&str; 9] = [
    "0-9", "10-19", "20-29", "30-39", "40-49", "50-59", "60-69", "70-79", "80+",
];

/// New cases in `[from, to)` (Unix ms): `(case_type, region, age_band, sex, count)`.
pub async fn new_cases(
    db: &Db,
    from: i64,
    to: i64,
) -> Result<Vec<(String, Option<String>, Option<String>, Option<String>, i64)>> {
    let rows = sqlx::query(
        "SELECT case_type, region, age_band, sex, CAST(COUNT(*) AS BIGINT) AS n FROM cases \
         WHERE created_at >= $1 AND created_at < $2 GROUP BY case_type, region, age_band, sex",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("case_type")?,
                r.try_get("region")?,
                r.try_get("age_band")?,
                r.try_get("sex")?,
                r.try_get("n")?,
            ))
        })
        .collect()
}

/// For the index cases created in `[from, to)`: how many named how many contacts,
/// `(contacts, index_cases)`.
pub async fn contacts_per_index(db: &Db, from: i64, to: i64) -> Result<Vec<(i64, i64)>> {
    let rows = sqlx::query(
        "SELECT n, CAST(COUNT(*) AS BIGINT) AS cases FROM ( \
           SELECT c.id, CAST(COUNT(k.id) AS BIGINT) AS n FROM cases c \
           LEFT JOIN cases k ON k.index_case_id = c.id \
           WHERE c.case_type = 'index' AND c.created_at >= $1 AND c.created_at < $2 GROUP BY c.id \
         ) per_case GROUP BY n",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("n")?, r.try_get("cases")?)))
        .collect()
}

/// Whether any case is on file (the demo seeds its cases only into an empty database).
pub async fn any_case(db: &Db) -> Result<bool> {
    let one: Option<i64> = sqlx::query_scalar("SELECT 1 FROM cases LIMIT 1")
        .fetch_optional(db.pool())
        .await?;
    Ok(one.is_some())
}
